"""A region's classes and places as the HR planner reads them: upcoming classes first (soonest
first), then the places where a course runs without published dates (one card per course),
then classes that have ended or were cancelled (most recent first). Online classes, which
have no place, are in every region's list: they can be taken from anywhere.

The same rows make the region page, its filter pages and the file its filter script reads
(`rows_json`); the facets a row belongs to (`facet_values`) decide which filter pages show it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from catalogue.codelists import regions
from catalogue.collation import sort_key
from catalogue.derive import (
    class_price,
    is_upcoming,
    offering_place,
    offering_status,
    starts_within,
    taught_online,
)
from catalogue.model import Catalogue, Course, Offering, Provider, Status, Venue
from site_build import text, urls

UPCOMING, UNDATED, EARLIER = 0, 1, 2
GROUPS = ("Kommende hold", "Steder uden offentliggjorte datoer", "Afsluttede og aflyste hold")
ONLINE = "Online"
# The region filter's facets: address segment → label; "form" has the one value "online".
FACETS = (("type", "Type"), ("erhverv", "Erhverv"), ("emne", "Emne"), ("form", "Form"))
ONLINE_VALUE = ("online", "Online eller blandet")


@dataclass(frozen=True)
class Where:
    """A place as a card shows it ("Odense C, Odense Kommune" or "Online"), its region (None
    online) and who teaches there."""

    text: str
    region: str | None
    provider: str


@dataclass(frozen=True)
class Row:
    """One card of a region's list: a class with dates, or the places in the region where a
    course runs without published dates. Everything here is derived from `items`, their
    course and the day."""

    items: tuple[Offering, ...] | tuple[Venue, ...]
    course: Course
    group: int  # UPCOMING, UNDATED or EARLIER
    start: date | None
    end: date | None
    deadline: date | None
    places: tuple[Where, ...]
    price: int | None
    status: str  # "Åben for tilmelding", "Afsluttet", … ("" for a place without dates)
    online: bool  # taught online or blended
    soon: bool  # starts within 3 months
    signup: str | None  # sign-up address of an upcoming class that is not full

    @property
    def start_text(self) -> str:
        """The start as the card shows it (the page and the filter script alike)."""
        return str(text.dato(self.start)) if self.start else "Ingen dato offentliggjort"

    @property
    def price_text(self) -> str:
        return str(text.kroner(self.price)) if self.price is not None else "Pris ikke oplyst"


def _where(item: Offering | Venue) -> Where:
    found = offering_place(item)
    if found is None:  # only online classes may leave out the postnummer
        return Where(item.place or ONLINE, None, item.provider)
    name = item.place or found.by
    # "Odense C", not "Odense C, Odense Kommune"; "Søborg, Gladsaxe Kommune" names both.
    same = found.kommune.split()[0] == name.split()[0].rstrip(",")
    return Where(name if same else f"{name}, {found.kommune}", found.region, item.provider)


def class_rows(course: Course, today: date) -> list[Row]:
    """A row for each of the course's classes: upcoming first (soonest first), then the
    others (most recent first)."""
    return sorted((_class_row(course, o, today) for o in course.offerings), key=order)


def _class_row(course: Course, offering: Offering, today: date) -> Row:
    upcoming = is_upcoming(offering, today)
    status = offering_status(offering, today)
    start = offering.start
    if upcoming:
        group = UPCOMING
    elif start is None and status is None:
        group = UNDATED
    else:
        group = EARLIER
    return Row(
        items=(offering,),
        course=course,
        group=group,
        start=start,
        end=offering.end,
        deadline=offering.application_deadline,
        places=(_where(offering),),
        price=class_price(course, offering),
        status=text.class_status(offering, today),
        online=taught_online(course, offering),
        soon=upcoming and starts_within(start, today),
        signup=offering.signup_url if upcoming and status is not Status.FULL else None,
    )


def venue_rows(course: Course) -> list[Row]:
    """The places where the course runs without dates: one row per region, in region order."""
    by_region: dict[str, list[Venue]] = {region: [] for region in regions().values()}
    for venue in course.venues:
        if (where := offering_place(venue)) is not None:
            by_region[where.region].append(venue)
    return [_venue_row(course, venues) for venues in by_region.values() if venues]


def _venue_row(course: Course, venues: list[Venue]) -> Row:
    return Row(
        items=tuple(venues),
        course=course,
        group=UNDATED,
        start=None,
        end=None,
        deadline=None,
        places=tuple(dict.fromkeys(_where(v) for v in venues)),
        price=course.price,
        status="",
        online=taught_online(course),
        soon=False,
        signup=None,
    )


def order(row: Row) -> tuple[Any, ...]:
    tie = (sort_key(row.course.title), row.course.id, tuple(w.text for w in row.places))
    if row.group == UPCOMING:
        return (UPCOMING, row.start.toordinal() if row.start else 0, *tie)
    if row.group == UNDATED:
        return (UNDATED, 0, *tie)
    return (EARLIER, -(row.start.toordinal() if row.start else 0), *tie)


def region_rows(
    catalogue: Catalogue, today: date, classes: dict[str, list[Row]] | None = None
) -> dict[str, list[Row]]:
    """Region name → its rows, in the order an HR planner reads them. `classes`: each
    course's `class_rows`, when already made."""
    names = list(regions().values())
    found: dict[str, list[Row]] = {region: [] for region in names}
    for course in catalogue.courses.values():
        rows = classes[course.id] if classes is not None else class_rows(course, today)
        for row in rows:
            region = row.places[0].region
            for name in [region] if region else names:  # online: every region
                found[name].append(row)
        for row in venue_rows(course):
            found[row.places[0].region or ""].append(row)
    for rows in found.values():
        rows.sort(key=order)
    return found


def facet_values(row: Row) -> Iterator[tuple[str, str]]:
    """The (facet, value) filter pages that show the row."""
    course = row.course
    yield "type", course.kind.value
    for profession in course.professions:
        yield "erhverv", profession
    for topic in course.topics:
        yield "emne", topic
    if row.online:
        yield "form", ONLINE_VALUE[0]


def group_counts(rows: list[Row]) -> tuple[int, int, int]:
    """How many rows are upcoming, without dates, and ended or cancelled."""
    counts = [0, 0, 0]
    for row in rows:
        counts[row.group] += 1
    return counts[0], counts[1], counts[2]


def rows_json(providers: dict[str, Provider], rows: list[Row], root: str) -> str:
    """All rows of a region as JSON for the page's script, which filters them instantly.
    Each course and provider is written once ("kurser", "udbydere") and each row names them
    by position ("rader": course, group, start, starts soon, online, places as [text,
    provider], price, status, sign-up address), so a region of thousands of classes stays a
    fraction of the size of one object per row; every text is preformatted here so the script
    only copies text into the card. Links are relative to the region page (`root` is its way
    to the site root)."""
    courses: dict[str, int] = {}
    course_list: list[list[Any]] = []
    provider_at: dict[str, int] = {}
    provider_list: list[list[str]] = []
    found = []
    for r in rows:
        course = r.course
        if course.id not in courses:
            courses[course.id] = len(course_list)
            course_list.append(
                [
                    course.title,
                    root + urls.course(course.id),
                    course.kind.value,
                    text.KIND_NAME[course.kind],
                    list(course.professions),
                    list(course.topics),
                ]
            )
        places = []
        for where in r.places:
            if where.provider not in provider_at:
                provider_at[where.provider] = len(provider_list)
                provider = providers[where.provider]
                provider_list.append([provider.name, root + urls.provider(provider.id)])
            places.append([where.text, provider_at[where.provider]])
        found.append(
            [
                courses[course.id],
                r.group,
                r.start_text,
                1 if r.soon else 0,
                1 if r.online else 0,
                places,
                r.price_text,
                r.status,
                r.signup or "",
            ]
        )
    return text.script_safe_json({"kurser": course_list, "udbydere": provider_list, "rader": found})
