"""The catalogue model: typed, frozen dataclasses, defined once.

Each field carries its documentation and constraints in `metadata` (see `spec`). The loader,
the validator, the JSON Schema and the contributor field reference are all generated from
these definitions, so a field is described in exactly one place.

Unknown is not the same as none: a field left out (None) means "not published" and is shown
as "oplysning mangler"; `false`, `0` or `ects: none` are published facts.

YAML keys equal the field names, except that a trailing underscore is dropped
(`from_` is written `from`, `in_` is written `in`).
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from functools import cache
from typing import Any, Literal

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
POSTNUMMER = r"^[0-9]{4}$"
URL = r"^https?://\S+$"


def spec(
    doc: str,
    *,
    default: Any = dataclasses.MISSING,
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: str | None = None,
    ref: str | None = None,
    min_items: int | None = None,
) -> Any:
    """A dataclass field with its documentation and constraints.

    `ref` names the kind of entry the value (or each list item) must refer to:
    "course", "provider", "profession", "topic" or "path".
    """
    metadata = {
        "doc": doc,
        "minimum": minimum,
        "maximum": maximum,
        "pattern": pattern,
        "ref": ref,
        "min_items": min_items,
    }
    if isinstance(default, tuple | list):
        return field(default_factory=lambda: tuple(default), metadata=metadata)
    return field(default=default, metadata=metadata)


def yaml_key(f: dataclasses.Field[Any]) -> str:
    return f.name.rstrip("_")


@dataclass(frozen=True)
class FieldInfo:
    """What the loader, validator and schema generator need to know about one field."""

    key: str  # the YAML key
    name: str  # the Python attribute
    type: Any
    meta: dict[str, Any]
    required: bool


def plain(value: Any, *, defaults: bool = True, iso_dates: bool = False) -> Any:
    """A model value as plain data, keyed like the YAML: entries (dataclasses) become mappings,
    enums their values, tuples lists; plain data passes through. With `defaults=False` fields
    left at their default (unpublished, empty, false) are left out, as a maintainer writes a
    file; with `iso_dates` dates become ISO text, as JSON holds them (else they stay dates,
    as YAML holds them). Unpublished values stay None, so they remain visible as null."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if not defaults and _at_default(f, item):
                continue
            data[yaml_key(f)] = plain(item, defaults=defaults, iso_dates=iso_dates)
        return data
    if isinstance(value, Enum):
        return value.value
    if iso_dates and isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(item, defaults=defaults, iso_dates=iso_dates) for item in value]
    if isinstance(value, dict):
        return {k: plain(item, defaults=defaults, iso_dates=iso_dates) for k, item in value.items()}
    return value


def _at_default(f: dataclasses.Field[Any], value: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return value == f.default
    return f.default_factory is not dataclasses.MISSING and value == f.default_factory()


@cache
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a model class with resolved types, computed once per class."""
    types = typing.get_type_hints(cls)
    return tuple(
        FieldInfo(
            key=yaml_key(f),
            name=f.name,
            type=types[f.name],
            meta=dict(f.metadata),
            required=f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
    )


class Kind(StrEnum):
    """Kind of continuing education."""

    AMU = "amu"
    KURSUS = "kursus"
    AKADEMI = "akademi"
    DIPLOM = "diplom"
    MASTER = "master"
    SPECIALUDDANNELSE = "specialuddannelse"
    OTHER = "other"


class Scope(StrEnum):
    """A whole education, or a module (single course) of one."""

    WHOLE = "whole"
    MODULE = "module"


class Mode(StrEnum):
    ONSITE = "onsite"
    ONLINE = "online"
    BLENDED = "blended"


class Setting(StrEnum):
    """Where learning happens: at an institution, at the workplace, or both."""

    INSTITUTION = "institution"
    WORKPLACE = "workplace"
    BOTH = "both"


class Status(StrEnum):
    OPEN = "open"
    FULL = "full"
    CANCELLED = "cancelled"
    ENDED = "ended"


class DurationUnit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class ProviderKind(StrEnum):
    SOSU_SKOLE = "sosu-skole"
    ERHVERVSAKADEMI = "erhvervsakademi"
    PROFESSIONSHOEJSKOLE = "professionshoejskole"
    UNIVERSITET = "universitet"
    REGION = "region"
    KOMMUNE = "kommune"
    PRIVAT = "privat"
    ORGANISATION = "organisation"


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a fact was read, and when."""

    url: str = spec("Address of the page the facts were read from.", pattern=URL)
    retrieved: date = spec("Date the page was read (YYYY-MM-DD).")
    note: str | None = spec("What was taken from this source, if not everything.", default=None)


@dataclass(frozen=True, kw_only=True)
class Duration:
    amount: float = spec("How long, in `unit`s.", minimum=0.1, maximum=2000)
    unit: DurationUnit = spec("Unit of `amount`: hours, days, weeks, months or years.")
    note: str | None = spec("Free text, e.g. 'deltid over 3 semestre'.", default=None)


@dataclass(frozen=True, kw_only=True)
class Admission:
    """Admission requirements as published; each part left out when not published."""

    education: str | None = spec(
        "Required education, e.g. 'autoriseret sygeplejerske'.", default=None
    )
    experience: str | None = spec("Required work experience.", default=None)
    other: str | None = spec(
        "Other requirements, e.g. an agreement with the employer.", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Merit:
    """Credit transfer. Left out = not published (84 % of courses publish nothing)."""

    in_: bool | None = spec(
        "true: prior learning gives merit on admission; false: published that it does not.",
        default=None,
    )
    out: bool | None = spec(
        "true: the course gives merit in another education; false: published that it does not.",
        default=None,
    )
    notes: str | None = spec("What the provider publishes about merit.", default=None)


@dataclass(frozen=True, kw_only=True)
class Funding:
    veu: bool | None = spec("VEU-godtgørelse (wage compensation) can be had.", default=None)
    svu: bool | None = spec("SVU (statens voksenuddannelsesstøtte) can be had.", default=None)
    free_for_target_group: bool | None = spec(
        "No participant fee for the target group.", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Offering:
    """One class ("hold") of a course: a provider, a place and dates."""

    provider: str = spec("Id of the provider running this class.", pattern=SLUG, ref="provider")
    place: str | None = spec("Place name or address as published.", default=None)
    postnummer: str | None = spec(
        "Danish postal code of the place; kommune and region are derived from it. "
        "May be left out only for online classes.",
        pattern=POSTNUMMER,
        default=None,
    )
    start: date | None = spec("First day (YYYY-MM-DD).", default=None)
    end: date | None = spec("Last day (YYYY-MM-DD).", default=None)
    application_deadline: date | None = spec("Last day to apply (YYYY-MM-DD).", default=None)
    schedule: str | None = spec("Days and times as published.", default=None)
    seats: int | None = spec("Number of seats.", minimum=1, maximum=10000, default=None)
    signup_url: str | None = spec("Where to sign up.", pattern=URL, default=None)
    price: int | None = spec(
        "Price in DKK when it differs from the course's price.",
        minimum=0,
        maximum=1_000_000,
        default=None,
    )
    mode: Mode | None = spec("Onsite, online or blended, when it differs.", default=None)
    status: Status | None = spec(
        "open, full, cancelled or ended; left out, it is derived from the dates.", default=None
    )
    guaranteed: bool | None = spec("The provider guarantees the class runs.", default=None)
    source: Source | None = spec(
        "Where the class was published, if not the course's source.", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Venue:
    """A place where the course is taught (udbudssted), as its provider publishes it.

    Many providers publish where a course runs without dated classes; those places go here,
    so the course is found by region. A class with dates is an `Offering`."""

    provider: str = spec("Id of the provider teaching at this place.", pattern=SLUG, ref="provider")
    place: str | None = spec("Place name or address as published.", default=None)
    postnummer: str = spec(
        "Danish postal code of the place; kommune and region are derived from it.",
        pattern=POSTNUMMER,
    )
    source: Source | None = spec(
        "Where the place was published, if not the course's source.", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Course:
    """One course or education; its file name is its id."""

    id: str = spec("Unique id; equals the file name without .yaml.", pattern=SLUG)
    title: str = spec("Official title in Danish.")
    kind: Kind = spec("amu, kursus, akademi, diplom, master, specialuddannelse or other.")
    scope: Scope = spec("whole (a whole education) or module (a module or single course of one).")
    part_of: str | None = spec(
        "For a module: id of the whole education it belongs to.",
        pattern=SLUG,
        ref="course",
        default=None,
    )
    nqf_level: int | None = spec(
        "Level in the Danish qualifications framework (1-8); left out when unknown.",
        minimum=1,
        maximum=8,
        default=None,
    )
    ects: float | Literal["none"] | None = spec(
        "ECTS points; `none` when the course gives no ECTS; left out when unknown.",
        minimum=0.5,
        maximum=180,
        default=None,
    )
    ects_equivalent: float | None = spec(
        "Stated ECTS equivalent of a course that gives none (e.g. 60).",
        minimum=0.5,
        maximum=180,
        default=None,
    )
    amu_number: str | None = spec(
        "5-digit AMU number (AMU only).", pattern=r"^[0-9]{5}$", default=None
    )
    fkb: str | None = spec(
        "FKB number (fælles kompetencebeskrivelse), AMU only.", pattern=r"^[0-9]{4}$", default=None
    )
    duration: Duration | None = spec("How long the course takes.", default=None)
    description: str | None = spec(
        "Markdown description in Danish, in our own words.", default=None
    )
    content: tuple[str, ...] = spec("What the course covers, as short points.", default=())
    competences: tuple[str, ...] = spec("Competences gained, as short points.", default=())
    professions: tuple[str, ...] = spec(
        "Ids of the professions the course is aimed at.", ref="profession", default=()
    )
    audience_broad: bool = spec(
        "Aimed at a broad group (e.g. 'alt sundhedsfagligt personale').", default=False
    )
    audience_note: str | None = spec("The audience in the provider's words.", default=None)
    admission: Admission | None = spec("Admission requirements.", default=None)
    merit: Merit | None = spec("Merit in, merit out and notes.", default=None)
    protected_title: bool | None = spec("Completing it gives a protected title.", default=None)
    title_gained: str | None = spec("The title or credential gained.", default=None)
    price: int | None = spec(
        "Participant price in DKK; 0 when free.", minimum=0, maximum=1_000_000, default=None
    )
    price_note: str | None = spec("What the price covers.", default=None)
    funding: Funding | None = spec("Public funding and fees.", default=None)
    mode: Mode | None = spec("onsite, online or blended.", default=None)
    setting: Setting | None = spec("institution, workplace or both.", default=None)
    topics: tuple[str, ...] = spec("Ids of topics.", ref="topic", default=())
    providers: tuple[str, ...] = spec(
        "Ids of providers offering the course; empty when no source names one.",
        ref="provider",
        default=(),
    )
    sources: tuple[Source, ...] = spec("Pages the facts were read from.", min_items=1)
    last_verified: date = spec("Date a maintainer last checked the entry against its sources.")
    venues: tuple[Venue, ...] = spec(
        "Places where the course is taught (udbudssteder), with or without dated classes.",
        default=(),
    )
    offerings: tuple[Offering, ...] = spec("Classes (hold) with dates and places.", default=())

    @property
    def gives_no_ects(self) -> bool:
        return self.ects == "none"

    @property
    def ects_points(self) -> float | None:
        return self.ects if isinstance(self.ects, int | float) else None


@dataclass(frozen=True, kw_only=True)
class Provider:
    id: str = spec("Unique id.", pattern=SLUG)
    name: str = spec("Name as the provider writes it.")
    kind: ProviderKind = spec("Kind of provider.")
    url: str | None = spec("Home page.", pattern=URL, default=None)
    postnummer: str | None = spec(
        "Postal code of the main address.", pattern=POSTNUMMER, default=None
    )
    sources: tuple[Source, ...] = spec("Pages the facts were read from.", min_items=1)
    last_verified: date = spec("Date a maintainer last checked the entry.")


@dataclass(frozen=True, kw_only=True)
class Profession:
    id: str = spec("Unique id.", pattern=SLUG)
    name: str = spec("Danish name, singular, as a heading writes it: 'Sygeplejerske'.")
    plural: str = spec(
        "Danish name in the plural, as a heading writes it: 'Sygeplejersker', "
        "'Social- og sundhedsassistenter', 'Jordemødre'. Pages say 'Uddannelser for "
        "sygeplejersker' with it (Danish plurals cannot be made by adding a letter)."
    )
    name_en: str = spec("English name.")
    disco: str = spec(
        "DISCO-08 code (Danmarks Statistik), 4 or 6 digits.", pattern=r"^[0-9]{4}([0-9]{2})?$"
    )
    abbreviations: tuple[str, ...] = spec("Short names and abbreviations, e.g. SSA.", default=())
    base_education: str | None = spec(
        "Title of the basic education as in UFM's Uddannelseszoom, if any.", default=None
    )
    description: str | None = spec("Short description in Danish.", default=None)
    sources: tuple[Source, ...] = spec("Where the code and names come from.", min_items=1)
    last_verified: date = spec("Date a maintainer last checked the entry.")


@dataclass(frozen=True, kw_only=True)
class Topic:
    id: str = spec("Unique id.", pattern=SLUG)
    name: str = spec("Danish name.")
    parent: str | None = spec("Id of the broader topic.", pattern=SLUG, ref="topic", default=None)
    description: str | None = spec("Short description.", default=None)


@dataclass(frozen=True, kw_only=True)
class PathStep:
    title: str = spec("Name of the step.")
    courses: tuple[str, ...] = spec(
        "Ids of courses that complete the step; several are alternatives.",
        ref="course",
        min_items=1,
    )
    together: bool = spec(
        "true: all the step's courses are taken (a package); false: they are alternatives.",
        default=False,
    )
    gives: str | None = spec("What completing the step gives: title, merit, role.", default=None)
    note: str | None = spec("Notes for the reader.", default=None)


@dataclass(frozen=True, kw_only=True)
class CareerPath:
    """A career path: from a profession, through ordered steps, to a goal."""

    id: str = spec("Unique id; equals the file name without .yaml.", pattern=SLUG)
    title: str = spec("Title in Danish.")
    from_: str = spec("Id of the profession the path starts from.", pattern=SLUG, ref="profession")
    to: str | None = spec(
        "Id of the profession the path leads to, if it is one.",
        pattern=SLUG,
        ref="profession",
        default=None,
    )
    goal: str = spec("The role or title the path leads to, in Danish.")
    description: str | None = spec("Markdown description.", default=None)
    steps: tuple[PathStep, ...] = spec("Ordered steps.", min_items=1)
    next: tuple[str, ...] = spec("Ids of paths that can follow this one.", ref="path", default=())
    sources: tuple[Source, ...] = spec("Pages the path is based on.", min_items=1)
    last_verified: date = spec("Date a maintainer last checked the entry.")


@dataclass(frozen=True)
class Catalogue:
    """The whole validated catalogue, keyed by id and sorted by id."""

    courses: dict[str, Course]
    providers: dict[str, Provider]
    professions: dict[str, Profession]
    topics: dict[str, Topic]
    paths: dict[str, CareerPath]
