"""ug.dk (UddannelsesGuiden) education pages: the "Fakta" box and the lead text.

Structure read from a real saved page (`shared/reference/ugdk/datalogi_2024-05.html`, Drupal 7):
the lead text in `div.field-name-field-manchet`, the Fakta box as `dt`/`dd` pairs in
`div.field-name-field-fakta dl`, sections in `div.views-row`. Diplom and specialuddannelse
pages use the same box with the labels Navn, Type, Varighed, ECTS, Adgangskrav and Økonomi.
A layout change is fixed here: the selectors and the label → field mapping below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup

from scrapers.fetch import Page
from scrapers.records import (
    LayoutChanged,
    Scraped,
    parse_duration,
    parse_number,
    required,
    soup,
    text_of,
    whole,
)

HOSTS = ("www.ug.dk", "ug.dk")
LEAD = "div.field-name-field-manchet"
FAKTA = "div.field-name-field-fakta dl"
BODY = "div.views-row div.views-field-field-bodytext"


def _ects(text: str) -> float | int | None:
    number = parse_number(text)
    return whole(number) if number else None


# Fakta label (without the colon) → (YAML key, how to read the value). Labels not listed
# (Andre betegnelser, Sprog …) are not catalogue fields.
FIELDS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "Navn": ("title", str),
    "Varighed": ("duration", parse_duration),
    "ECTS": ("ects", _ects),
    "Adgangskrav": ("admission", lambda text: {"education": text}),
    "Økonomi": ("price_note", str),
}
KINDS = {
    "akademiuddannelse": "akademi",
    "diplomuddannelse": "diplom",
    "masteruddannelse": "master",
    "specialuddannelse": "specialuddannelse",
}


def fakta(page_soup: BeautifulSoup, url: str) -> dict[str, str]:
    """The Fakta box as label → text; `LayoutChanged` when it or its Navn is missing."""
    box = required(page_soup, FAKTA, url)
    pairs = {
        text_of(dt).rstrip(":").strip(): text_of(dt.find_next_sibling("dd"))
        for dt in box.find_all("dt")
    }
    if not pairs.get("Navn"):
        raise LayoutChanged(url, f"the Fakta box ('{FAKTA}') has no 'Navn:'")
    return pairs


def lead_text(page_soup: BeautifulSoup, url: str) -> str:
    return text_of(required(page_soup, LEAD, url))


def body_text(page_soup: BeautifulSoup) -> str:
    """The first section's text ("Indhold"), or '' when the page has none."""
    return text_of(page_soup.select_one(BODY))


def parse(page: Page) -> list[Scraped]:
    page_soup = soup(page)
    facts = fakta(page_soup, page.url)
    lead = lead_text(page_soup, page.url)
    fields: dict[str, Any] = {}
    for label, (key, read) in FIELDS.items():
        if facts.get(label) and (value := read(facts[label])) is not None:
            fields[key] = value
    kind = KINDS.get(facts.get("Type", "").lower(), "other")
    return [
        Scraped(
            url=page.url,
            match={"source": page.url},
            fields=fields,
            new_course={"kind": kind, "scope": "whole"},
            lead=lead,
        )
    ]
