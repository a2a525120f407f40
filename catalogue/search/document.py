"""What search indexes know about a course: its searchable text, field by field, and its facets.

One definition for every index: whoosh (`evu search`, related courses, duplicate candidates)
and Pagefind (search on the site) index the same fields, enriched by the same Danish
vocabulary (`catalogue.search.danish`), so they find the same courses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from catalogue.derive import SOON_DAYS, course_regions, is_free, starts_within
from catalogue.model import Catalogue, Course, Mode

# Searchable fields and their weight in ranking (title matters most).
FIELDS: dict[str, float] = {
    "title": 4.0,
    "topics": 2.0,
    "professions": 2.0,
    "content": 1.5,
    "competences": 1.5,
    "description": 1.0,
    "provider": 1.0,
    "other": 0.5,
}

# A one-off event whose every date has passed (`derive.is_past_event`) scores this share of
# its relevance in both engines, so that courses that can still be taken come first when
# relevance is otherwise close.
PAST_FACTOR = 0.75

# A compound part or synonym counts half as much as the word itself, so "sygeplejerske" ranks
# a course about sygeplejersker above one about kræftsygeplejersker.
EXTRA_WEIGHT = 0.5


@dataclass(frozen=True)
class SearchDocument:
    """A course as the search indexes see it: its facets, and its text (made when first
    asked for: the search page's facet lists need only the facets)."""

    course: Course = field(repr=False, compare=False)
    catalogue: Catalogue = field(repr=False, compare=False)
    id: str
    regions: tuple[str, ...]
    kind: str
    professions: tuple[str, ...]
    topics: tuple[str, ...]
    modes: tuple[str, ...]
    nqf_level: int | None
    free: bool
    starts: tuple[date, ...]

    def starts_within(self, today: date, days: int = SOON_DAYS) -> bool:
        """A class starts between today and `days` days from today."""
        return any(starts_within(start, today, days) for start in self.starts)

    def all_text(self) -> str:
        return "\n".join(self.text[name] for name in FIELDS)

    @cached_property
    def text(self) -> dict[str, str]:
        """Field name (FIELDS) → the course's text in that field."""
        course, catalogue = self.course, self.catalogue
        professions = [catalogue.professions[p] for p in course.professions]
        providers = {o.provider for o in (*course.offerings, *course.venues)} | set(
            course.providers
        )
        admission = course.admission
        return {
            "title": course.title,
            "topics": "\n".join(catalogue.topics[t].name for t in course.topics),
            "professions": "\n".join(" ".join((p.name, *p.abbreviations)) for p in professions),
            "content": "\n".join(course.content),
            "competences": "\n".join(course.competences),
            "description": course.description or "",
            "provider": "\n".join(sorted(catalogue.providers[p].name for p in providers)),
            "other": "\n".join(
                t
                for t in (
                    course.kind.value if course.kind.value != "other" else "",
                    "modul" if course.scope.value == "module" else "",
                    f"AMU {course.amu_number}" if course.amu_number else "",
                    course.audience_note or "",
                    course.title_gained or "",
                    admission.education if admission and admission.education else "",
                    course.merit.notes if course.merit and course.merit.notes else "",
                    *self.regions,
                    *(o.place or "" for o in (*course.offerings, *course.venues)),
                )
                if t
            ),
        }


def modes(course: Course) -> tuple[str, ...]:
    """Onsite, online, blended: the course's own mode and those of its classes."""
    found = {course.mode, *(o.mode for o in course.offerings)} - {None}
    return tuple(m.value for m in Mode if m in found)


def document(course: Course, catalogue: Catalogue) -> SearchDocument:
    return SearchDocument(
        course=course,
        catalogue=catalogue,
        id=course.id,
        regions=tuple(course_regions(course)),
        kind=course.kind.value,
        professions=course.professions,
        topics=course.topics,
        modes=modes(course),
        nqf_level=course.nqf_level,
        free=is_free(course),
        starts=tuple(sorted(o.start for o in course.offerings if o.start)),
    )
