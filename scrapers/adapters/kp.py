"""Københavns Professionshøjskole module pages (kp.dk/videreuddannelser/<modul>/).

KP's module pages open with the title, a lead ("Dette modul på 15 ECTS er en del af den
sundhedsfaglige diplomuddannelse …"), then "Om modulet", "Hvem deltager?" and practical facts
(seen in stored copies of kp.dk module pages). The facts are read from a definition list; the
selectors below are this adapter's assumption about KP's markup and the one place to correct.
"""

from __future__ import annotations

from scrapers.adapters.modulepage import Layout, parse_module
from scrapers.fetch import Page
from scrapers.records import Scraped

LAYOUT = Layout(
    provider="kp",
    hosts=("www.kp.dk", "kp.dk"),
    title="h1",
    lead="h1 + p, .hero__manchet",
    facts="dl.module-facts",
    fact_item="div",
    fact_label="dt",
    fact_value="dd",
    labels={
        "ects": "ects",
        "ects-point": "ects",
        "pris": "price",
        "undervisningssted": "place",
        "sted": "place",
        "startdato": "start",
        "start": "start",
        "ansøgningsfrist": "deadline",
        "undervisningsform": "mode",
    },
)


def parse(page: Page) -> list[Scraped]:
    return parse_module(page, LAYOUT)
