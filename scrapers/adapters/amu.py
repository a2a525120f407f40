"""AMU classes ("hold") from voksenuddannelse.dk, the national AMU sign-up portal.

The portal's search answers `GET /soeg-api/api/search/hold/searchHold?subject_code=<AMU
number>&type=AMU&level=-&pageCount=<n>` with JSON: `{"holdCardDtos": [ … ]}`, one record per
class with the fields listed in DOMAIN.md ("How the existing portals work"): holdTitle,
institution, lokationGade, lokationPostNr, lokationSted, startDate, endDate, tilmeldingsFrist,
undervisningsform, undervisningstidspunkt, normpris, participantCapacity,
currentParticipantAmount, aflyst, garantiKursus … The address and envelope were read from a
public client of that endpoint; the record fields from DOMAIN.md. A layout change is fixed
here: the names below.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from scrapers.fetch import Page
from scrapers.records import LayoutChanged, Scraped, iso_date, parse_kroner

SEARCH = "https://voksenuddannelse.dk/soeg-api/api/search/hold/searchHold"
RECORDS = "holdCardDtos"
AMU_NUMBER_PARAM = "subject_code"
TITLE = "holdTitle"
REQUIRED = ("holdTitle", "institution", "startDate")  # a record without these is not a class
DAYS = "antalUndervisningsdage"
MODES = {
    "fremmøde": "onsite",
    "fjernundervisning": "online",
    "online": "online",
    "blended": "blended",
}


def search_url(amu_number: str, page: int = 1) -> str:
    query = {AMU_NUMBER_PARAM: amu_number, "level": "-", "type": "AMU", "pageCount": str(page)}
    return f"{SEARCH}?{urlencode(query)}"


def _page(url: str, number: int) -> str:
    """The same search on page `number`."""
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query["pageCount"] = str(number)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _text(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def offering(record: dict[str, Any]) -> dict[str, Any]:
    """One class as offering fields; `provider_name` is resolved to a provider id on merge."""
    found: dict[str, Any] = {"provider_name": _text(record, "institution")}
    place = ", ".join(
        p for p in (_text(record, "lokationSted"), _text(record, "lokationGade")) if p
    )
    if place:
        found["place"] = place
    if postnummer := _text(record, "lokationPostNr"):
        found["postnummer"] = postnummer.zfill(4)
    for key, source in (
        ("start", "startDate"),
        ("end", "endDate"),
        ("application_deadline", "tilmeldingsFrist"),
    ):
        if (day := iso_date(record.get(source))) is not None:
            found[key] = day
    schedule = [
        f"{record[DAYS]} undervisningsdage" if record.get(DAYS) else None,
        _text(record, "undervisningstidspunkt"),
    ]
    if any(schedule):
        found["schedule"] = ", ".join(s for s in schedule if s)
    if isinstance(record.get("participantCapacity"), int) and record["participantCapacity"] > 0:
        found["seats"] = record["participantCapacity"]
    if (price := parse_kroner(record.get("normpris"))) is not None:
        found["price"] = price
    if mode := MODES.get((_text(record, "undervisningsform") or "").lower()):
        found["mode"] = mode
    if record.get("aflyst") is True:
        found["status"] = "cancelled"
    elif _full(record):
        found["status"] = "full"
    if isinstance(record.get("garantiKursus"), bool):
        found["guaranteed"] = record["garantiKursus"]
    return found


def _full(record: dict[str, Any]) -> bool:
    capacity, taken = record.get("participantCapacity"), record.get("currentParticipantAmount")
    return (
        isinstance(capacity, int) and isinstance(taken, int) and capacity > 0 and taken >= capacity
    )


def parse(page: Page) -> list[Scraped]:
    query = parse_qs(urlsplit(page.url).query)
    numbers = query.get(AMU_NUMBER_PARAM)
    if not numbers or not numbers[0].isdigit() or len(numbers[0]) != 5:
        raise LayoutChanged(page.url, f"the address has no 5-digit '{AMU_NUMBER_PARAM}'")
    amu_number = numbers[0]
    page_text = (query.get("pageCount") or ["1"])[0]
    page_number = int(page_text) if page_text.isdigit() else 1
    try:
        data = json.loads(page.text)
    except ValueError as exc:
        raise LayoutChanged(page.url, f"the answer is not JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get(RECORDS), list):
        raise LayoutChanged(page.url, f"the answer has no list '{RECORDS}'")
    records = data[RECORDS]
    for number, record in enumerate(records, start=1):
        missing = [key for key in REQUIRED if not isinstance(record, dict) or not record.get(key)]
        if missing:
            raise LayoutChanged(page.url, f"record {number} has no {', '.join(missing)}")
    fields: dict[str, Any] = {"amu_number": amu_number}
    titles = Counter(_text(r, TITLE) for r in records)
    if titles:
        fields["title"] = titles.most_common(1)[0][0]
    return [
        Scraped(
            url=page.url,
            match={"amu_number": amu_number},
            fields=fields,
            offerings=[offering(r) for r in records],
            complete_offerings=True,
            new_course={"kind": "amu", "scope": "whole", "ects": "none"} if records else None,
            # The portal pages its answer; the next page is read until one comes back empty.
            next_url=_page(page.url, page_number + 1) if records else None,
        )
    ]
