"""The regions' course catalogues on plan2learn (e.g. rsd.plan2learn.dk, Region Syddanmark).

A plan2learn course page shows the course title, a description and a table of its classes
("hold") with start, end, place, sign-up deadline, seats and price. No saved copy of a
plan2learn page was available when this adapter was written: the selectors and column labels
below are the adapter's assumption and the one place to correct against a live page.
"""

from __future__ import annotations

from typing import Any

from scrapers.adapters.modulepage import POSTNUMMER_IN_ADDRESS
from scrapers.fetch import Page
from scrapers.records import (
    LayoutChanged,
    Scraped,
    parse_date,
    parse_kroner,
    required,
    soup,
    text_of,
)

HOSTS = ("rsd.plan2learn.dk",)
# The organisation whose catalogue it is (e.g. "Region Syddanmark"), a provider's name.
ORGANISATION = "#header .organisation"
TITLE = "#kursus h1"
CLASSES = "#kursus table.hold"
# Column heading (lower case) → offering field.
COLUMNS = {
    "startdato": "start",
    "slutdato": "end",
    "sted": "place",
    "tilmeldingsfrist": "application_deadline",
    "pladser": "seats",
    "pris": "price",
}


def parse(page: Page) -> list[Scraped]:
    root = soup(page)
    organisation = text_of(required(root, ORGANISATION, page.url))
    title = text_of(required(root, TITLE, page.url))
    table = required(root, CLASSES, page.url)
    headings = [text_of(th).lower() for th in table.select("thead th, tr:first-child th")]
    columns = [COLUMNS.get(h) for h in headings]
    if "start" not in columns:
        raise LayoutChanged(page.url, f"the class table ('{CLASSES}') has no 'Startdato' column")
    offerings = []
    for row in table.select("tbody tr"):
        cells = [text_of(td) for td in row.find_all("td")]
        values = dict(zip(columns, cells, strict=False))
        start = parse_date(values.get("start"))
        postnummer = POSTNUMMER_IN_ADDRESS.search(values.get("place") or "")
        if start is None or postnummer is None:
            continue  # a class without a date or a place is not a class the catalogue lists
        offering: dict[str, Any] = {"provider_name": organisation, "place": values["place"]}
        offering["postnummer"] = postnummer.group(1)
        offering["start"] = start
        for key in ("end", "application_deadline"):
            if day := parse_date(values.get(key)):
                offering[key] = day
        if (values.get("seats") or "").isdigit() and int(values["seats"]) > 0:
            offering["seats"] = int(values["seats"])
        if (price := parse_kroner(values.get("price"))) is not None:
            offering["price"] = price
        offerings.append(offering)
    return [
        Scraped(
            url=page.url,
            match={"source": page.url},
            fields={"title": title},
            offerings=offerings,
            complete_offerings=True,
            new_course={"kind": "kursus", "scope": "whole"},
        )
    ]
