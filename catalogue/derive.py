"""Facts derived from the catalogue rather than typed by maintainers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from catalogue.codelists import Place, place
from catalogue.model import (
    CareerPath,
    Catalogue,
    Course,
    DurationUnit,
    Mode,
    Offering,
    Provider,
    Status,
    Venue,
)

# Rough full-time days per unit, to add up durations of different units along a path.
DAYS_PER_UNIT = {
    DurationUnit.HOURS: 1 / 7.4,
    DurationUnit.DAYS: 1.0,
    DurationUnit.WEEKS: 5.0,
    DurationUnit.MONTHS: 21.7,
    DurationUnit.YEARS: 260.0,
}


class Audience(StrEnum):
    """The national study's split: one profession, several, or a broad group."""

    MONO = "mono"
    MULTI = "multi"
    BROAD = "broad"


def audience(course: Course) -> Audience:
    if course.audience_broad:
        return Audience.BROAD
    return Audience.MONO if len(course.professions) == 1 else Audience.MULTI


def offering_place(item: Offering | Venue) -> Place | None:
    """Kommune and region of a class or venue, derived from its postnummer."""
    return place(item.postnummer) if item.postnummer else None


def offering_status(offering: Offering, today: date) -> Status | None:
    """The published status, else 'ended' once the last (or first) day has passed."""
    if offering.status is not None:
        return offering.status
    last = offering.end or offering.start
    if last is not None and last < today:
        return Status.ENDED
    return None


def class_price(course: Course, offering: Offering) -> int | None:
    """A class's own price when published, else the course's price."""
    return offering.price if offering.price is not None else course.price


def class_mode(course: Course, offering: Offering | None = None) -> Mode | None:
    """A class's own mode of teaching when published, else the course's (for a place
    without dates, `offering` None: the course's)."""
    if offering is not None and offering.mode is not None:
        return offering.mode
    return course.mode


def taught_online(course: Course, offering: Offering | None = None) -> bool:
    """The class (or, without `offering`, the course) is taught online or blended; a class
    without a place is online (only online classes may leave out the postnummer)."""
    if offering is not None and offering_place(offering) is None:
        return True
    return class_mode(course, offering) in (Mode.ONLINE, Mode.BLENDED)


SOON_DAYS = 92  # "starts within 3 months": the region pages' filter and the search facet


def starts_within(start: date | None, today: date, days: int = SOON_DAYS) -> bool:
    """`start` is a date between today and `days` days from today."""
    return start is not None and today <= start <= today + timedelta(days=days)


def is_free(course: Course) -> bool:
    """Free for the target group: published as such, or a published price of 0 kr."""
    free = course.funding is not None and course.funding.free_for_target_group is True
    return free or course.price == 0


def is_upcoming(offering: Offering, today: date) -> bool:
    """The class has not started and is neither cancelled nor ended: it can still be taken
    (a full class is upcoming too; it may open again)."""
    if offering.start is None or offering.start < today:
        return False
    return offering_status(offering, today) not in (Status.CANCELLED, Status.ENDED)


def upcoming_offerings(course: Course, today: date) -> list[Offering]:
    """The course's upcoming classes (`is_upcoming`), soonest first."""
    found = [o for o in course.offerings if is_upcoming(o, today)]
    return sorted(found, key=lambda o: (o.start, o.provider, o.place or ""))


def earlier_offerings(course: Course, today: date) -> list[Offering]:
    """The classes that are not upcoming: started, ended or cancelled (most recent first),
    then those without a start date."""
    found = [o for o in course.offerings if not is_upcoming(o, today)]
    return sorted(
        found, key=lambda o: (o.start is None, -(o.start or date.min).toordinal(), o.provider)
    )


def is_past_event(course: Course, today: date) -> bool:
    """A one-off event (a conference, a theme day) whose every date has passed: the course
    lists classes, none of them upcoming, and no place where it runs without dates. It can
    no longer be taken; a course with no classes at all may still be (dates unpublished)."""
    return bool(course.offerings) and not course.venues and not upcoming_offerings(course, today)


def open_signup(course: Course, today: date) -> Offering | None:
    """The soonest upcoming class that takes sign-ups (not full) and names where to sign up."""
    for offering in upcoming_offerings(course, today):
        if offering.signup_url and offering_status(offering, today) is not Status.FULL:
            return offering
    return None


def site_of(url: str) -> str:
    """The site an address is on, as people say it: 'ug.dk', 'kp.dk' ('' when none)."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def provider_page(course: Course, providers: dict[str, Provider]) -> str | None:
    """The course's own page at a provider: the first of its sources on the web site of one
    of the providers that offer it (by host name), or None when no source is."""
    named: Iterable[str] = dict.fromkeys(
        [*course.providers, *(o.provider for o in (*course.offerings, *course.venues))]
    )
    hosts = {site_of(p.url) for i in named if (p := providers.get(i)) is not None and p.url}
    hosts.discard("")
    for source in course.sources:
        host = site_of(source.url)
        if any(host == h or host.endswith("." + h) for h in hosts):
            return source.url
    return None


@dataclass(frozen=True)
class Total:
    """A sum over a path's steps; `missing` counts steps whose value is not published, and
    `partial` the steps where it is published for some of the step's courses only (the
    range then covers those)."""

    low: float
    high: float
    missing: int
    partial: int = 0


@dataclass(frozen=True)
class PathTotals:
    ects: Total
    days: Total
    price: Total


def path_totals(path: CareerPath, catalogue: Catalogue) -> PathTotals:
    """ECTS, duration (full-time days) and price summed over the steps: a range over the
    alternatives of a step, or the sum of a package (`together`); a step where no course
    publishes the value counts as `missing`."""

    def total(value_of: Callable[[Course], float | None]) -> Total:
        low = high = 0.0
        missing = partial = 0
        for step in path.steps:
            values = [v for c in step.courses if (v := value_of(catalogue.courses[c])) is not None]
            if not values:
                missing += 1
                continue
            if step.together:  # a package: every course counts; one unknown leaves it partial
                low += sum(values)
                high += sum(values)
                missing += len(values) < len(step.courses)
            else:
                low += min(values)
                high += max(values)
                partial += len(values) < len(step.courses)
        return Total(low, high, missing, partial)

    def days(course: Course) -> float | None:
        d = course.duration
        return d.amount * DAYS_PER_UNIT[d.unit] if d else None

    def ects(course: Course) -> float | None:
        return course.ects_points if course.ects_points is not None else course.ects_equivalent

    return PathTotals(total(ects), total(days), total(lambda c: c.price))


def course_regions(course: Course) -> list[str]:
    """Names of the regions where the course is taught (venues and classes), sorted."""
    found = {p.region for o in (*course.venues, *course.offerings) if (p := offering_place(o))}
    return sorted(found)
