"""Cross-entry validation: ids, references, dates, codes, cycles — every problem in one pass."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import cache
from typing import Any

from catalogue.codelists import disco_codes, place
from catalogue.diagnostics import Diagnostic, Severity, did_you_mean
from catalogue.load import Entry, Loaded
from catalogue.model import Course, Kind, Mode, Offering, Scope, Source, Venue, fields_of

STALE_AFTER = timedelta(days=365)
NQF_OF_KIND = {Kind.AKADEMI: 5, Kind.DIPLOM: 6, Kind.MASTER: 7}

Check = Callable[[Entry, "Index", date], Iterator[Diagnostic]]


class Index:
    """Entries by kind and id (first one wins when ids are duplicated)."""

    def __init__(self, loaded: Loaded) -> None:
        self.by_kind: dict[str, dict[str, Entry]] = {}
        for entry in loaded.entries:
            self.by_kind.setdefault(entry.kind, {}).setdefault(entry.id, entry)
        self.unreadable = loaded.unreadable
        self.unreadable_kinds = loaded.unreadable_kinds

    def known(self, kind: str, id_: str) -> bool:
        """The id exists, or stands in a file that could not be read (already reported)."""
        return (
            self.get(kind, id_) is not None
            or (kind, id_) in self.unreadable
            or kind in self.unreadable_kinds
        )

    def get(self, kind: str, id_: str) -> Entry | None:
        return self.by_kind.get(kind, {}).get(id_)

    def ids(self, kind: str) -> list[str]:
        return list(self.by_kind.get(kind, {}))


def validate(loaded: Loaded, today: date) -> list[Diagnostic]:
    """All diagnostics of a loaded catalogue (those found while reading, then cross-entry)."""
    index = Index(loaded)
    found = list(loaded.diagnostics)
    found.extend(_duplicate_ids(loaded.entries))
    for entry in loaded.entries:
        for check in CHECKS:
            found.extend(check(entry, index, today))
    found.extend(_cycles(index))
    return sorted(found, key=Diagnostic.sort_key)


def _error(entry: Entry, keys: tuple[str | int, ...], code: str, message: str) -> Diagnostic:
    return Diagnostic(entry.at(*keys), code, message)


def _duplicate_ids(entries: list[Entry]) -> Iterator[Diagnostic]:
    first: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.kind, entry.id)
        if key in first:
            other = first[key].at("id")
            yield _error(
                entry,
                ("id",),
                "duplicate-id",
                f"{entry.kind} id '{entry.id}' is already used at {other.path}:{other.line}",
            )
        else:
            first[key] = entry


def _file_name(entry: Entry, index: Index, today: date) -> Iterator[Diagnostic]:
    if entry.kind in ("course", "path") and entry.path.stem != entry.id:
        yield _error(
            entry,
            ("id",),
            "id-mismatch",
            f"id '{entry.id}' must equal the file name '{entry.path.stem}'",
        )


def references(value: Any, keys: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, str, str]]:
    """Every (keys, kind, id) reference in an entry, found through the model's `ref` metadata."""
    for name, key_name, ref in _reference_fields(type(value)):
        item = getattr(value, name)
        key = (*keys, key_name)
        if ref and isinstance(item, tuple):
            for i, target in enumerate(item):
                yield (*key, i), ref, target
        elif ref and item is not None:
            yield key, ref, item
        elif dataclasses.is_dataclass(item):
            yield from references(item, key)
        elif isinstance(item, tuple):
            for i, element in enumerate(item):
                if dataclasses.is_dataclass(element):
                    yield from references(element, (*key, i))


@cache
def _reference_fields(cls: type) -> tuple[tuple[str, str, str | None], ...]:
    """(attribute, key, kind referred to) of the fields of `cls` that are references or can
    hold model values with references; the walk skips all others."""

    def holds_references(tp: Any) -> bool:
        if dataclasses.is_dataclass(tp):
            return bool(_reference_fields(tp))  # type: ignore[arg-type]
        return any(holds_references(arg) for arg in typing.get_args(tp))

    return tuple(
        (f.name, f.key, f.meta.get("ref"))
        for f in fields_of(cls)
        if f.meta.get("ref") or holds_references(f.type)
    )


def _references(entry: Entry, index: Index, today: date) -> Iterator[Diagnostic]:
    for keys, kind, target in references(entry.value):
        if not index.known(kind, target):
            yield _error(
                entry,
                keys,
                "unknown-reference",
                f"no {kind} with id '{target}'{did_you_mean(target, index.ids(kind))}",
            )


def _dates(entry: Entry, index: Index, today: date) -> Iterator[Diagnostic]:
    value = entry.value
    verified = getattr(value, "last_verified", None)
    if verified is not None and verified > today:
        yield _error(
            entry,
            ("last_verified",),
            "future-date",
            f"last_verified {verified} is after today ({today})",
        )
    elif verified is not None and today - verified > STALE_AFTER:
        yield Diagnostic(
            entry.at("last_verified"),
            "stale",
            f"not verified since {verified} (more than 12 months)",
            Severity.WARNING,
        )
    for i, source in enumerate(getattr(value, "sources", ())):
        yield from _source_date(entry, ("sources", i), source, today)


def _source_date(entry: Entry, keys: tuple, source: Source, today: date) -> Iterator[Diagnostic]:
    if source.retrieved > today:
        yield _error(
            entry,
            (*keys, "retrieved"),
            "future-date",
            f"retrieved {source.retrieved} is after today ({today})",
        )


def _course(entry: Entry, index: Index, today: date) -> Iterator[Diagnostic]:
    course = entry.value
    if not isinstance(course, Course):
        return
    if course.kind is not Kind.AMU:
        for name in ("amu_number", "fkb"):
            if getattr(course, name) is not None:
                yield _error(
                    entry,
                    (name,),
                    "inconsistent",
                    f"'{name}' belongs to AMU courses, but kind is '{course.kind}'",
                )
    elif course.ects_points is not None:
        yield _error(
            entry, ("ects",), "inconsistent", "AMU courses give no ECTS; write 'ects: none'"
        )
    if course.ects_equivalent is not None and not course.gives_no_ects:
        yield _error(
            entry,
            ("ects_equivalent",),
            "inconsistent",
            "'ects_equivalent' is for courses with 'ects: none'",
        )
    expected = NQF_OF_KIND.get(course.kind)
    if expected and course.nqf_level is not None and course.nqf_level != expected:
        yield _error(
            entry,
            ("nqf_level",),
            "inconsistent",
            f"{course.kind} is NQF level {expected}, not {course.nqf_level}",
        )
    if course.part_of is not None:
        if course.scope is Scope.WHOLE:
            yield _error(
                entry,
                ("part_of",),
                "inconsistent",
                "'part_of' is for modules; set 'scope: module' or remove it",
            )
        parent = index.get("course", course.part_of)
        if parent is not None and parent.value.scope is not Scope.WHOLE:
            yield _error(
                entry,
                ("part_of",),
                "inconsistent",
                f"'{course.part_of}' is a module itself, not a whole education",
            )
    if not course.professions and not course.audience_broad:
        yield _error(
            entry,
            ("professions",),
            "missing-field",
            "name at least one profession, or set 'audience_broad: true'",
        )
    yield from _offerings(entry, course, today)
    yield from _venues(entry, course, today)


def _offerings(entry: Entry, course: Course, today: date) -> Iterator[Diagnostic]:
    for i, offering in enumerate(course.offerings):
        at = ("offerings", i)
        yield from _placed(entry, at, offering, course, today)
        if offering.start and offering.end and offering.end < offering.start:
            yield _error(
                entry,
                (*at, "end"),
                "date-order",
                f"end {offering.end} is before start {offering.start}",
            )
        deadline = offering.application_deadline
        if deadline and offering.start and deadline > offering.start:
            yield _error(
                entry,
                (*at, "application_deadline"),
                "date-order",
                f"application deadline {deadline} is after start {offering.start}",
            )
        if offering.postnummer is None and (offering.mode or course.mode) is not Mode.ONLINE:
            yield _error(
                entry,
                at,
                "missing-field",
                "missing 'postnummer' (only online classes may leave it out)",
            )


def _venues(entry: Entry, course: Course, today: date) -> Iterator[Diagnostic]:
    for i, venue in enumerate(course.venues):
        yield from _placed(entry, ("venues", i), venue, course, today)


def _placed(
    entry: Entry, at: tuple, item: Offering | Venue, course: Course, today: date
) -> Iterator[Diagnostic]:
    """Checks shared by offerings and venues: provider listed, postnummer real, source dated."""
    if item.provider not in course.providers:
        yield _error(
            entry,
            (*at, "provider"),
            "inconsistent",
            f"provider '{item.provider}' is not in the course's 'providers'",
        )
    if item.postnummer is not None and place(item.postnummer) is None:
        yield _error(
            entry,
            (*at, "postnummer"),
            "unknown-postnummer",
            f"postnummer {item.postnummer} does not exist in Denmark",
        )
    if item.source is not None:
        yield from _source_date(entry, (*at, "source"), item.source, today)


def _provider(entry: Entry, index: Index, today: date) -> Iterator[Diagnostic]:
    postnummer = getattr(entry.value, "postnummer", None)
    if entry.kind == "provider" and postnummer is not None and place(postnummer) is None:
        yield _error(
            entry,
            ("postnummer",),
            "unknown-postnummer",
            f"postnummer {postnummer} does not exist in Denmark",
        )


def _profession(entry: Entry, index: Index, today: date) -> Iterator[Diagnostic]:
    if entry.kind != "profession":
        return
    profession = entry.value
    if profession.disco not in disco_codes():
        yield _error(
            entry, ("disco",), "unknown-disco", f"'{profession.disco}' is not a DISCO-08 code"
        )
    if profession.plural.strip().casefold() == profession.name.strip().casefold():
        yield _error(
            entry,
            ("plural",),
            "inconsistent",
            f"plural '{profession.plural}' is the name itself; write the plural form "
            "(e.g. 'Sygeplejersker' for 'Sygeplejerske')",
        )


def _path(entry: Entry, index: Index, today: date) -> Iterator[Diagnostic]:
    if entry.kind != "path":
        return
    path = entry.value
    if path.to is not None and path.to == path.from_:
        yield _error(entry, ("to",), "inconsistent", "a path must lead somewhere else than 'from'")
    seen: dict[str, int] = {}
    for s, step in enumerate(path.steps):
        for c, course in enumerate(step.courses):
            if course in seen:
                yield _error(
                    entry,
                    ("steps", s, "courses", c),
                    "inconsistent",
                    f"course '{course}' is already in step {seen[course] + 1}",
                )
            seen.setdefault(course, s)


CHECKS: tuple[Check, ...] = (
    _file_name,
    _references,
    _dates,
    _course,
    _provider,
    _profession,
    _path,
)

# Edges that must never loop: (kind, field, edges of an entry).
GRAPHS: tuple[tuple[str, str, Callable[[Any], tuple[str, ...]]], ...] = (
    ("course", "part_of", lambda c: (c.part_of,) if c.part_of else ()),
    ("topic", "parent", lambda t: (t.parent,) if t.parent else ()),
    ("path", "next", lambda p: p.next),
)


def _cycles(index: Index) -> Iterator[Diagnostic]:
    for kind, field_name, edges in GRAPHS:
        entries = index.by_kind.get(kind, {})
        state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
        for start in sorted(entries):
            yield from _walk(start, entries, edges, state, [], field_name)


def _walk(
    node: str,
    entries: dict[str, Entry],
    edges: Callable[[Any], tuple[str, ...]],
    state: dict[str, int],
    trail: list[str],
    field_name: str,
) -> Iterator[Diagnostic]:
    if state.get(node) == 2 or node not in entries:
        return
    if state.get(node) == 1:
        loop = [*trail[trail.index(node) :], node]
        yield _error(
            entries[node],
            (field_name,),
            "cycle",
            f"'{field_name}' goes round in a circle: {' → '.join(loop)}",
        )
        return
    state[node] = 1
    trail.append(node)
    for target in edges(entries[node].value):
        yield from _walk(target, entries, edges, state, trail, field_name)
    trail.pop()
    state[node] = 2
