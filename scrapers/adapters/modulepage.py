"""Module pages of the professionshøjskoler (diplom and akademi modules), one layout per school.

Each school's module page has a title, a lead paragraph, a box of practical facts (ECTS,
price, place, start, application deadline) and sections. The schools differ only in markup,
so each school's adapter (`via.py`, `kp.py`) is a `Layout`: its selectors and labels in one
place. The parsing is shared here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import Tag

from scrapers.fetch import Page
from scrapers.records import (
    LayoutChanged,
    Scraped,
    parse_date,
    parse_kroner,
    parse_number,
    required,
    soup,
    text_of,
    whole,
)

POSTNUMMER_IN_ADDRESS = re.compile(r"\b(\d{4})\s+[A-ZÆØÅ]")


@dataclass(frozen=True)
class Layout:
    provider: str  # provider id in courses/lists/providers.yaml
    hosts: tuple[str, ...]
    title: str  # selector of the module's title
    lead: str  # selector of the lead paragraph
    facts: str  # selector of the facts box
    fact_item: str  # selector of one label/value pair inside the box
    fact_label: str  # selector of the label inside a pair
    fact_value: str  # selector of the value inside a pair
    labels: dict[str, str]  # label as published (lower case) → ects|price|place|start|deadline|mode


def facts(root: Tag, layout: Layout, url: str) -> dict[str, str]:
    """The facts box as our key → published text; `LayoutChanged` when it is missing."""
    box = required(root, layout.facts, url)
    found: dict[str, str] = {}
    for item in box.select(layout.fact_item):
        label = text_of(item.select_one(layout.fact_label)).rstrip(":").strip().lower()
        if label in layout.labels:
            found[layout.labels[label]] = text_of(item.select_one(layout.fact_value))
    if not found:
        raise LayoutChanged(url, f"the facts box ('{layout.facts}') has none of the known labels")
    return found


def kind_of(text: str) -> str:
    lower = text.lower()
    if "akademiuddannelse" in lower:
        return "akademi"
    if "diplomuddannelse" in lower:
        return "diplom"
    return "kursus"


def parse_module(page: Page, layout: Layout) -> list[Scraped]:
    root = soup(page)
    title = text_of(required(root, layout.title, page.url))
    if not title:
        raise LayoutChanged(page.url, f"the title ('{layout.title}') is empty")
    lead = text_of(required(root, layout.lead, page.url))
    published = facts(root, layout, page.url)
    fields: dict[str, Any] = {"title": title}
    if (ects := parse_number(published.get("ects"))) is not None:
        fields["ects"] = whole(ects)
    if (price := parse_kroner(published.get("price"))) is not None:
        fields["price"] = price
    modes = {"online": "online", "fjernundervisning": "online", "fremmøde": "onsite"}
    mode = modes.get(published.get("mode", "").lower())
    if mode:
        fields["mode"] = mode
    offerings = []
    start = parse_date(published.get("start"))
    postnummer = POSTNUMMER_IN_ADDRESS.search(published.get("place", ""))
    if start and (postnummer or mode == "online"):
        offering: dict[str, Any] = {"provider": layout.provider, "start": start}
        if postnummer:
            offering["place"] = published["place"]
            offering["postnummer"] = postnummer.group(1)
        if deadline := parse_date(published.get("deadline")):
            offering["application_deadline"] = deadline
        offerings.append(offering)
    return [
        Scraped(
            url=page.url,
            match={"source": page.url},
            fields=fields,
            offerings=offerings,
            new_course={
                "kind": kind_of(lead + " " + title),
                "scope": "module",
                "providers": [layout.provider],
            },
            lead=lead,
        )
    ]
