"""Questions users ask of the catalogue, answered from the model (sorted, deterministic)."""

from __future__ import annotations

from datetime import date, timedelta

from catalogue.derive import offering_place, offering_status
from catalogue.model import CareerPath, Catalogue, Course, Offering, Status


def _by_title(courses: list[Course]) -> list[Course]:
    return sorted(courses, key=lambda c: (c.title.casefold(), c.id))


def courses_for_profession(catalogue: Catalogue, profession: str) -> list[Course]:
    """Courses naming the profession among their target groups."""
    return _by_title([c for c in catalogue.courses.values() if profession in c.professions])


def courses_by_provider(catalogue: Catalogue) -> dict[str, list[Course]]:
    """Provider id → its courses by title, for every provider, in one pass over the courses."""
    found: dict[str, list[Course]] = {p: [] for p in catalogue.providers}
    for course in _by_title(list(catalogue.courses.values())):
        for provider in course.providers:
            found.setdefault(provider, []).append(course)
    return found


def courses_on_topic(catalogue: Catalogue, topic: str) -> list[Course]:
    """Courses tagged with the topic or one of its narrower topics."""
    wanted = {topic} | {t.id for t in catalogue.topics.values() if _under(catalogue, t.id, topic)}
    return _by_title([c for c in catalogue.courses.values() if wanted & set(c.topics)])


def _under(catalogue: Catalogue, topic: str, ancestor: str) -> bool:
    parent = catalogue.topics[topic].parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = catalogue.topics[parent].parent
    return False


def paths_from(catalogue: Catalogue, profession: str) -> list[CareerPath]:
    return [p for p in catalogue.paths.values() if p.from_ == profession]


def paths_to(catalogue: Catalogue, profession: str) -> list[CareerPath]:
    return [p for p in catalogue.paths.values() if p.to == profession]


def paths_using(catalogue: Catalogue, course: str) -> list[CareerPath]:
    return [p for p in catalogue.paths.values() if any(course in s.courses for s in p.steps)]


def upcoming(
    catalogue: Catalogue, today: date, within_days: int | None = None, region: str | None = None
) -> list[tuple[Course, Offering]]:
    """Classes not yet started (and not cancelled), by start date; optionally within a number
    of days and in one region — the HR planner's "starts in the next 3 months near us"."""
    last = today + timedelta(days=within_days) if within_days is not None else None
    found = []
    for course in catalogue.courses.values():
        for offering in course.offerings:
            start = offering.start
            if start is None or start < today or (last is not None and start > last):
                continue
            if offering_status(offering, today) is Status.CANCELLED:
                continue
            where = offering_place(offering)
            if region is not None and (where is None or where.region != region):
                continue
            found.append((course, offering))
    return sorted(found, key=lambda pair: (pair[1].start, pair[0].id))
