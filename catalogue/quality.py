"""How much the catalogue's entries publish and how fresh they are: one computation for
`evu stats`, `evu report gaps|stale` and the site's data-quality page.

A fact is "not published" when its field is left out (see `catalogue.model`): merit when
neither merit in nor merit out is stated, price when no price is given, ECTS when neither a
number nor `ects: none` is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from catalogue.collation import sort_key
from catalogue.model import CareerPath, Catalogue, Course, Profession, Provider
from catalogue.validate import STALE_AFTER

Verified = Course | Provider | Profession | CareerPath


def merit_unknown(course: Course) -> bool:
    return course.merit is None or (course.merit.in_ is None and course.merit.out is None)


# The facts whose absence the national study measured, and how to tell they are missing.
UNPUBLISHED: dict[str, Callable[[Course], bool]] = {
    "merit": merit_unknown,
    "price": lambda course: course.price is None,
    "ects": lambda course: course.ects is None,
}


def share(count: int, total: int) -> float:
    """`count` as a share of `total` (0 of nothing)."""
    return count / total if total else 0.0


@dataclass(frozen=True)
class Gaps:
    """Courses that do not publish merit, price or ECTS, among `courses` courses."""

    courses: int
    missing: dict[str, tuple[str, ...]]  # fact → ids of the courses that leave it out

    def count(self, fact: str) -> int:
        return len(self.missing[fact])

    @property
    def merit(self) -> float:
        return share(self.count("merit"), self.courses)

    @property
    def price(self) -> float:
        return share(self.count("price"), self.courses)

    @property
    def ects(self) -> float:
        return share(self.count("ects"), self.courses)


def gaps(courses: list[Course]) -> Gaps:
    return Gaps(len(courses), _missing(courses))


def _missing(courses: list[Course]) -> dict[str, tuple[str, ...]]:
    return {
        fact: tuple(c.id for c in courses if unknown(c)) for fact, unknown in UNPUBLISHED.items()
    }


@dataclass(frozen=True)
class ProviderGaps(Gaps):
    """The gaps among one provider's courses (a row of the data-quality page)."""

    provider: Provider


def gaps_by_provider(
    catalogue: Catalogue, by_provider: dict[str, list[Course]]
) -> list[ProviderGaps]:
    """Per provider with at least one course, in Danish alphabetical order of the names;
    `by_provider` is `catalogue.queries.courses_by_provider(catalogue)`."""
    found = [
        ProviderGaps(len(courses), _missing(courses), provider)
        for provider in catalogue.providers.values()
        if (courses := by_provider.get(provider.id))
    ]
    return sorted(found, key=lambda row: sort_key(row.provider.name))


def is_stale(last_verified: date, today: date) -> bool:
    """Not verified for more than 12 months (the validator's `stale` warning)."""
    return today - last_verified > STALE_AFTER


def stale_entries(catalogue: Catalogue, today: date) -> list[tuple[str, Verified]]:
    """(kind, entry) of every entry not verified for 12 months, oldest first."""
    entries: list[tuple[str, Verified]] = [
        *(("course", e) for e in catalogue.courses.values()),
        *(("provider", e) for e in catalogue.providers.values()),
        *(("profession", e) for e in catalogue.professions.values()),
        *(("path", e) for e in catalogue.paths.values()),
    ]
    return sorted(
        ((kind, e) for kind, e in entries if is_stale(e.last_verified, today)),
        key=lambda pair: (pair[1].last_verified, pair[0], pair[1].id),
    )
