"""What an adapter hands to the merge step, and the small text helpers adapters share.

An adapter reads one fetched page and returns `Scraped` records: catalogue fields as plain
data with YAML keys (`amu_number`, `duration: {amount, unit}` …), never model objects, so the
merge step can compare them with what is in the course file and with what it wrote last time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from scrapers.fetch import Page


class LayoutChanged(Exception):
    """The page no longer has the structure the adapter expects; nothing is taken from it."""

    def __init__(self, url: str, missing: str) -> None:
        self.url = url
        self.missing = missing
        super().__init__(f"{url}: layout changed: {missing}")


@dataclass
class Scraped:
    """One course as a source publishes it.

    `match` identifies the course in the catalogue (e.g. `{"amu_number": "40823"}` or
    `{"source": url}`); `fields` are course fields the source states; `offerings` are the
    classes it lists, each identified by provider, postnummer and start. When
    `complete_offerings` is true the page lists every class of the course, so a class the
    scraper wrote earlier and no longer sees here has ended.
    """

    url: str
    match: dict[str, str]
    fields: dict[str, Any]
    offerings: list[dict[str, Any]] = field(default_factory=list)
    complete_offerings: bool = False
    new_course: dict[str, Any] | None = None  # kind/scope etc. when the source may add a course
    lead: str | None = None  # the source's lead text, shown to the reviewer, never copied in
    next_url: str | None = None  # a further page of the same listing (pagination)


def soup(page: Page) -> BeautifulSoup:
    """Parse HTML as browsers do: html5lib follows the HTML5 rules for unclosed tags."""
    return BeautifulSoup(page.text, "html5lib")


def text_of(node: Tag | None) -> str:
    """The visible text of a node with whitespace collapsed to single spaces."""
    if node is None:
        return ""
    return " ".join(node.get_text(" ", strip=True).split())


def required(root: BeautifulSoup | Tag, selector: str, url: str) -> Tag:
    """The first node matching `selector`, or `LayoutChanged` naming the selector."""
    found = root.select_one(selector)
    if found is None:
        raise LayoutChanged(url, f"no element matches '{selector}'")
    return found


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jan"),
            ("februar", "feb"),
            ("marts", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def parse_date(text: str | None) -> date | None:
    """A date written as 2027-02-01 (with or without a time), 1.2.2027, 01-02-2027 or
    1. februar 2027."""
    if not text:
        return None
    text = text.strip()
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", text):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b", text):
        return _date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.search(r"\b(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})\b", text.lower()):
        month = MONTHS.get(m[2])
        return _date(int(m[3]), month, int(m[1])) if month else None
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_kroner(text: str | None) -> int | None:
    """A whole amount in DKK from '46.000 kr.', 'kr. 46.000,-', '2.950,00 kr' or 4600; else None."""
    if text is None:
        return None
    if isinstance(text, int | float) and not isinstance(text, bool):
        return int(text) if float(text).is_integer() else None
    m = re.search(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}|-))?", str(text))
    if not m:
        return None
    if m[2] and m[2] not in ("00", "-"):
        return None  # øre: not a whole amount
    return int(m[1].replace(".", ""))


def parse_number(text: str | None) -> float | None:
    """A number such as '15', '7,5' or '1½' from text; None when there is none."""
    if not text:
        return None
    m = re.search(r"(\d+)(?:[,.](\d+))?\s*(½)?", text)
    if not m:
        return None
    value = float(f"{m[1]}.{m[2]}") if m[2] else float(m[1])
    return value + 0.5 if m[3] else value


def whole(value: float) -> int | float:
    """15.0 → 15 (YAML without a needless '.0')."""
    return int(value) if float(value).is_integer() else value


UNITS = {
    "år": "years",
    "måned": "months",
    "måneder": "months",
    "uge": "weeks",
    "uger": "weeks",
    "dag": "days",
    "dage": "days",
    "time": "hours",
    "timer": "hours",
}


def parse_duration(text: str | None) -> dict[str, Any] | None:
    """'3 år' → {amount: 3, unit: years}; '1½ år' → 1.5 years; more words than that are kept
    as the note ('Deltid over 2 år'); a range ('3-4 år') or no number gives None."""
    if not text or re.search(r"\d\s*[-–]\s*\d", text):
        return None
    pattern = r"(\d+(?:[,.]\d+)?\s*½?)\s*(år|måneder|måned|uger|uge|dage|dag|timer|time)\b"
    m = re.search(pattern, text)
    amount = parse_number(m[1]) if m else None
    if not m or not amount:
        return None
    found: dict[str, Any] = {"amount": whole(amount), "unit": UNITS[m[2]]}
    if m.group(0) != text.strip():
        found["note"] = text.strip()
    return found


def iso_date(value: Any) -> date | None:
    """A date from a JSON value: ISO text, with or without a time."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return parse_date(value) if isinstance(value, str) else None
