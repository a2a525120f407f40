"""What the build works out once per course and day and passes on to every page and file
that shows it: the course's card and its classes as rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalogue.model import Catalogue
from site_build.cards import Card, card
from site_build.rows import Row, class_rows


@dataclass(frozen=True)
class Facts:
    cards: dict[str, Card]  # course id → its card
    classes: dict[str, list[Row]]  # course id → its classes (`rows.class_rows`)


def facts(catalogue: Catalogue, today: date) -> Facts:
    courses = catalogue.courses.values()
    return Facts(
        {c.id: card(c, catalogue, today) for c in courses},
        {c.id: class_rows(c, today) for c in courses},
    )
