"""What every list of courses says about each course: when, where, what it costs, how big it
is, whether merit is published, and where to go next.

A `Card` is made once per course and build (`site_build.facts`) and passed on: the course
lists of every page, the course page's summary and primary action, and the search records
(whose results show the same texts) all read it, so a course reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalogue.derive import (
    course_regions,
    is_free,
    is_past_event,
    open_signup,
    provider_page,
    site_of,
    taught_online,
    upcoming_offerings,
)
from catalogue.model import Catalogue, Course, Offering, Scope
from site_build import text

NO_START = "Ingen kommende hold offentliggjort"
NO_PLACE = "Sted ikke oplyst"
NO_PRICE = "Pris ikke oplyst"
NO_SIZE = "Omfang ikke oplyst"


@dataclass(frozen=True)
class Action:
    """The primary way on from a course page: sign up for the next open class, else the
    course's page at its provider, else the page its facts were read from."""

    label: str
    url: str
    signup: bool  # the address is a class's sign-up page


@dataclass(frozen=True)
class Card:
    """A course as lists show it; every text is ready to print."""

    course: Course
    kind: str  # singular: "AMU-kursus", "Diplomuddannelse · modul"
    regions: tuple[str, ...]  # where it is taught (`derive.course_regions`)
    next_start: date | None  # the soonest upcoming class
    start: str  # the next start, "3. februar 2027", or NO_START
    where: str  # "Syddanmark, Hovedstaden · online" or NO_PLACE
    price: int | None  # the course's price, else the lowest of its upcoming classes
    price_text: str  # "46.000 kr.", "Gratis for målgruppen", "fra 3.000 kr." or NO_PRICE
    size: str  # "60 ECTS-point", "5 dage" or NO_SIZE
    merit: str  # "Merit: ja", "Merit: nej", "Merit: se kursussiden", "Merit: ikke oplyst"
    past: str | None  # a one-off event whose every date has passed (`derive.is_past_event`):
    # "Afholdt – sidst 13. november 2025"
    action: Action

    @property
    def id(self) -> str:
        return self.course.id


def card(course: Course, catalogue: Catalogue, today: date) -> Card:
    upcoming = upcoming_offerings(course, today)
    first = upcoming[0].start if upcoming else None
    price, price_text = _price(course, upcoming)
    regions = tuple(course_regions(course))
    return Card(
        course=course,
        kind=text.KIND_NAME[course.kind] + (" · modul" if course.scope is Scope.MODULE else ""),
        regions=regions,
        next_start=first,
        start=str(text.dato(first)) if first else NO_START,
        where=_where(course, regions),
        price=price,
        price_text=price_text,
        size=_size(course),
        merit=_merit(course),
        past=_held(course) if is_past_event(course, today) else None,
        action=action(course, catalogue, today),
    )


def short_region(name: str) -> str:
    """'Region Syddanmark' → 'Syddanmark'."""
    return name.removeprefix("Region ")


def _where(course: Course, names: tuple[str, ...]) -> str:
    regions = [short_region(r) for r in names]
    online = taught_online(course) or any(taught_online(course, o) for o in course.offerings)
    if not regions:
        return "Online" if online else NO_PLACE
    return ", ".join(regions) + (" · også online" if online else "")


def _price(course: Course, upcoming: list[Offering]) -> tuple[int | None, str]:
    if course.price is not None:
        return course.price, str(text.kroner(course.price))
    if is_free(course):
        return 0, "Gratis for målgruppen"
    prices = [o.price for o in upcoming if o.price is not None]
    if prices:
        low = min(prices)
        return low, ("fra " if len(set(prices)) > 1 else "") + str(text.kroner(low))
    return None, NO_PRICE


def _size(course: Course) -> str:
    if course.ects_points is not None:
        return str(text.ects(course))
    if course.duration is not None:
        return str(text.varighed(course.duration, note=False))
    if course.gives_no_ects and course.ects_equivalent:
        return f"svarer til {text.number(course.ects_equivalent)} ECTS"
    return NO_SIZE


def _merit(course: Course) -> str:
    merit = course.merit
    if merit is None:
        return "Merit: ikke oplyst"
    if merit.in_ or merit.out:
        return "Merit: ja"
    if merit.in_ is False or merit.out is False:
        return "Merit: nej"
    return "Merit: se kursussiden" if merit.notes else "Merit: ikke oplyst"


def _held(course: Course) -> str:
    """When a past event was last held: the last day of its latest class."""
    days = [o.end or o.start for o in course.offerings if o.start]
    return f"Afholdt – sidst {text.dato(max(days))}" if days else "Afholdt"


def action(course: Course, catalogue: Catalogue, today: date) -> Action:
    """Never a dead end: every course names at least one source."""
    signup = open_signup(course, today)
    if signup is not None and signup.signup_url and signup.start is not None:
        return Action(f"Tilmeld dig holdet {text.dato(signup.start)}", signup.signup_url, True)
    page = provider_page(course, catalogue.providers)
    if page is not None:
        return Action("Gå til udbyderens side", page, False)
    source = course.sources[0].url
    return Action(f"Læs mere på {site_of(source)}", source, False)
