"""Long lists: pages of a fixed size, and course lists in three orders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from catalogue.pipeline import read_catalogue
from conftest import TODAY
from site_build.cards import card
from site_build.lists import CARDS_PER_PAGE, SORTABLE, paged, sorted_pages


def test_paged_always_gives_a_first_page() -> None:
    assert [(a, p.number, p.count, list(c)) for a, p, c in paged("x/", [], 10)] == [
        ("x/", 1, 1, [])
    ]
    pages = paged("x/", list(range(25)), 10)
    assert [a for a, _, _ in pages] == ["x/", "x/side/2/", "x/side/3/"]
    assert [len(c) for _, _, c in pages] == [10, 10, 5] and pages[2][1].total == 25


def test_a_long_list_comes_in_three_orders_a_short_one_in_one(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    kraeft = catalogue.courses["kraeft"]
    courses = [
        replace(kraeft, id=f"k{n}", title=title, price=price, offerings=offerings)
        for n, (title, price, offerings) in enumerate(
            [
                ("Øre", 900, ()),
                ("Akut", None, kraeft.offerings),
                ("Ældre", 100, ()),
                ("Zone", 0, (replace(kraeft.offerings[0], start=date(2027, 1, 5)),)),
                ("Børn", 5000, ()),
                ("Aalborg", None, ()),
                ("Demens", 50, ()),
            ]
        )
    ]
    cards = [card(c, catalogue, TODAY) for c in courses]
    assert len(cards) > SORTABLE
    pages = sorted_pages("emner/x/", cards)
    assert [(a, o.current if o else None) for a, o, _, _ in pages] == [
        ("emner/x/", "Titel"),
        ("emner/x/efter-start/", "Næste start"),
        ("emner/x/efter-pris/", "Pris"),
    ]
    titles = {a: [c.course.title for c in chunk] for a, _, _, chunk in pages}
    assert titles["emner/x/"] == ["Akut", "Børn", "Demens", "Zone", "Ældre", "Øre", "Aalborg"]
    assert titles["emner/x/efter-start/"][:2] == ["Zone", "Akut"]  # then the rest by title
    assert titles["emner/x/efter-pris/"] == [
        "Zone", "Demens", "Ældre", "Øre", "Børn", "Akut", "Aalborg",
    ]  # fmt: skip
    short = sorted_pages("emner/y/", cards[:SORTABLE])
    assert [(a, o) for a, o, _, _ in short] == [("emner/y/", None)]
    assert CARDS_PER_PAGE >= 20
