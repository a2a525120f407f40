"""What the build works out once per course and day and passes on to every page and file
that shows it: the course's card, its classes as rows and its search record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from catalogue.model import Catalogue
from catalogue.search.related import Similarity
from site_build.cards import Card, card
from site_build.rows import Row, class_rows
from site_build.search import Record, records

RELATED = 5  # related courses shown on a course page


@dataclass(frozen=True)
class Facts:
    cards: dict[str, Card]  # course id → its card
    classes: dict[str, list[Row]]  # course id → its classes (`rows.class_rows`)
    search: dict[str, Record]  # course id → its search record (`search.records`)


def facts(
    catalogue: Catalogue,
    today: date,
    known: Mapping[str, Record] | None = None,
    last: Facts | None = None,
) -> Facts:
    """Every course's facts; `known`: search records still valid (the course file, the lists
    and the day unchanged since they were made), which are not made again; `last`: the facts
    of an earlier build with the same lists and day, whose cards and classes are used again
    for the very same course objects (files unchanged and not parsed again)."""
    courses = catalogue.courses.values()
    earlier = last or Facts({}, {}, {})
    same = {c.id for c in courses if c.id in earlier.cards and earlier.cards[c.id].course is c}
    cards = {
        c.id: earlier.cards[c.id] if c.id in same else card(c, catalogue, today) for c in courses
    }
    known = known or {}
    made = records([c for c in courses if c.id not in known], catalogue, today, cards)
    return Facts(
        cards,
        {c.id: earlier.classes[c.id] if c.id in same else class_rows(c, today) for c in courses},
        {c.id: known[c.id] if c.id in known else made[c.id] for c in courses},
    )


def related_courses(known: Facts) -> dict[str, list[str]]:
    """Course id → its related courses, from the terms of the courses' search records."""
    terms = {course_id: r.term_weights() for course_id, r in known.search.items()}
    return Similarity(terms).neighbours(RELATED)
