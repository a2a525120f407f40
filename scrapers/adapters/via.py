"""VIA University College module pages (via.dk/efter-og-videreuddannelse/…).

The order of a module page (title, lead, practical facts with ECTS-point, pris, sted, start and
ansøgningsfrist, then sections) follows VIA's published module pages; the class names below
are this adapter's assumption and are the one place to correct when VIA's markup differs.
"""

from __future__ import annotations

from scrapers.adapters.modulepage import Layout, parse_module
from scrapers.fetch import Page
from scrapers.records import Scraped

LAYOUT = Layout(
    provider="via",
    hosts=("www.via.dk", "via.dk"),
    title="main h1",
    lead="main .lead, main .manchet",
    facts="main .facts",
    fact_item=".facts__item",
    fact_label=".facts__label",
    fact_value=".facts__value",
    labels={
        "ects-point": "ects",
        "ects": "ects",
        "pris": "price",
        "sted": "place",
        "adresse": "place",
        "start": "start",
        "studiestart": "start",
        "ansøgningsfrist": "deadline",
        "tilmeldingsfrist": "deadline",
        "undervisningsform": "mode",
    },
)


def parse(page: Page) -> list[Scraped]:
    return parse_module(page, LAYOUT)
