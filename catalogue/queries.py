"""Questions users ask of the catalogue, answered from the model (sorted, deterministic)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta

from catalogue.collation import sort_key
from catalogue.derive import is_upcoming, offering_place
from catalogue.model import CareerPath, Catalogue, Course, Offering


def by_title(courses: Iterable[Course]) -> list[Course]:
    """Courses in Danish alphabetical order of their titles (ties by id)."""
    return sorted(courses, key=lambda c: (sort_key(c.title), c.id))


def courses_by_profession(catalogue: Catalogue) -> dict[str, list[Course]]:
    """Profession id → the courses naming it among their target groups, by title."""
    return _index(catalogue.professions, catalogue.courses.values(), lambda c: c.professions)


def courses_by_provider(catalogue: Catalogue) -> dict[str, list[Course]]:
    """Provider id → its courses by title, for every provider, in one pass over the courses."""
    return _index(catalogue.providers, catalogue.courses.values(), lambda c: c.providers)


def _index(
    keys: Iterable[str], courses: Iterable[Course], keys_of: Callable[[Course], Iterable[str]]
) -> dict[str, list[Course]]:
    found: dict[str, list[Course]] = {k: [] for k in keys}
    for course in by_title(courses):
        for key in keys_of(course):
            found.setdefault(key, []).append(course)
    return found


def courses_by_topic(catalogue: Catalogue) -> dict[str, list[Course]]:
    """Topic id → the courses tagged with it or with one of its narrower topics, by title."""

    def with_broader(topic: str) -> Iterator[str]:
        current: str | None = topic
        while current is not None:
            yield current
            current = catalogue.topics[current].parent

    def topics_of(course: Course) -> Iterable[str]:
        return dict.fromkeys(t for topic in course.topics for t in with_broader(topic))

    return _index(catalogue.topics, catalogue.courses.values(), topics_of)


def paths_from(catalogue: Catalogue, profession: str) -> list[CareerPath]:
    return [p for p in catalogue.paths.values() if p.from_ == profession]


def paths_to(catalogue: Catalogue, profession: str) -> list[CareerPath]:
    return [p for p in catalogue.paths.values() if p.to == profession]


def paths_by_course(catalogue: Catalogue) -> dict[str, list[CareerPath]]:
    """Course id → the career paths with a step offering it (courses in no path are absent)."""
    found: dict[str, list[CareerPath]] = {}
    for path in catalogue.paths.values():
        for course in dict.fromkeys(c for step in path.steps for c in step.courses):
            found.setdefault(course, []).append(path)
    return found


def upcoming(
    catalogue: Catalogue,
    today: date,
    within_days: int | None = None,
    region: str | None = None,
    first: int | None = None,
) -> list[tuple[Course, Offering]]:
    """Upcoming classes (`derive.is_upcoming`), by start date; optionally within a number
    of days and in one region — the HR planner's "starts in the next 3 months near us" — and
    only the `first` so many."""
    last = today + timedelta(days=within_days) if within_days is not None else None
    found = []
    for course in catalogue.courses.values():
        for offering in course.offerings:
            if not is_upcoming(offering, today):
                continue
            if last is not None and offering.start is not None and offering.start > last:
                continue
            where = offering_place(offering)
            if region is not None and (where is None or where.region != region):
                continue
            found.append((course, offering))

    def order(pair: tuple[Course, Offering]) -> tuple[date | None, str]:
        return (pair[1].start, pair[0].id)

    if first is not None:
        return heapq.nsmallest(first, found, key=order)
    return sorted(found, key=order)
