"""Facts derived from the catalogue rather than typed by maintainers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from catalogue.codelists import Place, place
from catalogue.model import (
    CareerPath,
    Catalogue,
    Course,
    DurationUnit,
    Offering,
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


@dataclass(frozen=True)
class Total:
    """A sum over a path's steps; `missing` counts steps whose value is not published."""

    low: float
    high: float
    missing: int


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
        missing = 0
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
        return Total(low, high, missing)

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
