"""Any provider page that embeds schema.org Course, CourseInstance or
EducationalOccupationalProgram, as JSON-LD or as microdata.

Mapping (schema.org → catalogue), kept here in one place:
Course/EducationalOccupationalProgram.name → title; numberOfCredits (a number, or a value
with unitText ECTS) → ects; timeToComplete (ISO 8601, one unit) → duration; offers.price in DKK
→ price; hasCourseInstance → offerings (startDate, endDate, location.address.postalCode,
location.name, courseMode, offers.price, provider.name). The page must already be a source of
a course in the catalogue: schema.org says nothing of the kind of education, so this adapter
never adds a course.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Tag

from scrapers.fetch import Page
from scrapers.records import LayoutChanged, Scraped, iso_date, parse_kroner, soup, whole

COURSE_TYPES = {"Course", "EducationalOccupationalProgram"}
MODES = {"online": "online", "onsite": "onsite", "blended": "blended", "mixed": "blended"}
ISO_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days", "H": "hours"}


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", [])
    names = value if isinstance(value, list) else [value]
    return {str(name).rsplit("/", 1)[-1] for name in names}


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from _walk(child)


def json_ld(root: BeautifulSoup) -> list[Any]:
    """Every JSON-LD block of the page; blocks that are not valid JSON are skipped."""
    blocks = []
    for script in root.find_all("script", type="application/ld+json"):
        try:
            blocks.append(json.loads(script.string or ""))
        except ValueError:
            continue
    return blocks


def _microdata_value(element: Tag) -> Any:
    if element.has_attr("itemscope"):
        return microdata_item(element)
    for attribute in ("content", "datetime", "href", "src"):
        if element.has_attr(attribute):
            return element[attribute]
    return " ".join(element.get_text(" ", strip=True).split())


def microdata_item(scope: Tag) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": scope.get("itemtype", "")}
    for element in scope.find_all(attrs={"itemprop": True}):
        # Only properties of this item, not of an item nested in it.
        owner = element.find_parent(attrs={"itemscope": True})
        if owner is not scope:
            continue
        for name in element["itemprop"].split():
            value = _microdata_value(element)
            if name in item:
                item[name] = (
                    [*item[name], value] if isinstance(item[name], list) else [item[name], value]
                )
            else:
                item[name] = value
    return item


def microdata(root: BeautifulSoup) -> list[dict[str, Any]]:
    return [
        microdata_item(scope)
        for scope in root.find_all(attrs={"itemscope": True})
        if not scope.has_attr("itemprop")
    ]


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _price(offers: Any) -> int | None:
    prices = set()
    for offer in offers if isinstance(offers, list) else [offers]:
        if not isinstance(offer, dict) or offer.get("priceCurrency", "DKK") != "DKK":
            continue
        if (price := parse_kroner(offer.get("price"))) is not None:
            prices.add(price)
    return prices.pop() if len(prices) == 1 else None


def _ects(value: Any) -> float | int | None:
    value = _first(value)
    if isinstance(value, dict):
        if "ects" not in str(value.get("unitText", "")).lower():
            return None
        value = value.get("value")
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return None
    return whole(number) if 0.5 <= number <= 180 else None


def _duration(text: Any) -> dict[str, Any] | None:
    m = re.fullmatch(r"P(?:T)?(\d+(?:\.\d+)?)([YMWDH])", str(_first(text) or ""))
    if not m:
        return None
    return {"amount": whole(float(m[1])), "unit": ISO_UNITS[m[2]]}


def _offering(instance: dict[str, Any], course: dict[str, Any]) -> dict[str, Any] | None:
    start = iso_date(_first(instance.get("startDate")))
    if start is None:
        return None
    found: dict[str, Any] = {}
    provider = _first(instance.get("provider")) or _first(course.get("provider"))
    if isinstance(provider, dict) and provider.get("name"):
        found["provider_name"] = str(_first(provider["name"]))
    location = _first(instance.get("location"))
    mode = MODES.get(str(_first(instance.get("courseMode")) or "").rsplit("/", 1)[-1].lower())
    if isinstance(location, dict):
        address = _first(location.get("address"))
        if isinstance(address, dict) and re.fullmatch(r"\d{4}", str(address.get("postalCode", ""))):
            found["postnummer"] = str(address["postalCode"])
        place = location.get("name") or (
            address.get("addressLocality") if isinstance(address, dict) else None
        )
        if place:
            found["place"] = str(_first(place))
    if "postnummer" not in found and mode != "online":
        return None  # the catalogue needs a place for a class that is not online
    found["start"] = start
    if end := iso_date(_first(instance.get("endDate"))):
        found["end"] = end
    if mode:
        found["mode"] = mode
    if (price := _price(instance.get("offers"))) is not None:
        found["price"] = price
    return found


def parse(page: Page) -> list[Scraped]:
    root = soup(page)
    nodes = [node for block in json_ld(root) + microdata(root) for node in _walk(block)]
    courses = [node for node in nodes if _types(node) & COURSE_TYPES and node.get("name")]
    if not courses:
        raise LayoutChanged(page.url, "no schema.org Course or EducationalOccupationalProgram")
    course = courses[0]
    fields: dict[str, Any] = {"title": " ".join(str(_first(course["name"])).split())}
    if (ects := _ects(course.get("numberOfCredits"))) is not None:
        fields["ects"] = ects
    if duration := _duration(course.get("timeToComplete")):
        fields["duration"] = duration
    if (price := _price(course.get("offers"))) is not None:
        fields["price"] = price
    instances = course.get("hasCourseInstance", [])
    instances = instances if isinstance(instances, list) else [instances]
    offerings = [o for i in instances if isinstance(i, dict) and (o := _offering(i, course))]
    return [
        Scraped(
            url=page.url,
            match={"source": page.url},
            fields=fields,
            offerings=offerings,
            complete_offerings="hasCourseInstance" in course,
        )
    ]
