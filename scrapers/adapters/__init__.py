"""The source adapters, by the name `evu scrape SOURCE` knows them.

Each adapter is a small module with a `parse(page) -> list[Scraped]` function whose selectors
and field mappings sit at its top. `urls` says which addresses a nightly run reads when no
`--url` is given: the pages the catalogue already names as sources on that site, or for AMU
the portal's search for every AMU number in the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapers.adapters import amu, jsonld, kp, plan2learn, ugdk, via
from scrapers.fetch import Page
from scrapers.records import Scraped

Courses = Mapping[str, Mapping[str, Any]]  # course id → the course file as plain data


@dataclass(frozen=True)
class Adapter:
    name: str
    summary: str
    parse: Callable[[Page], list[Scraped]]
    urls: Callable[[Courses], list[str]]


def sources_on(hosts: Iterable[str]) -> Callable[[Courses], list[str]]:
    """The course source pages on `hosts`, sorted, each once."""
    wanted = set(hosts)

    def urls(courses: Courses) -> list[str]:
        found = {
            str(source["url"])
            for course in courses.values()
            for source in course.get("sources") or ()
            if isinstance(source, dict) and urlsplit(str(source.get("url", ""))).netloc in wanted
        }
        return sorted(found)

    return urls


def amu_searches(courses: Courses) -> list[str]:
    numbers = {str(c["amu_number"]) for c in courses.values() if c.get("amu_number")}
    return [amu.search_url(number) for number in sorted(numbers)]


ADAPTERS: dict[str, Adapter] = {
    a.name: a
    for a in (
        Adapter("amu", "AMU classes from voksenuddannelse.dk", amu.parse, amu_searches),
        Adapter("jsonld", "schema.org Course data on any page (--url)", jsonld.parse, lambda _: []),
        Adapter(
            "kp",
            "Københavns Professionshøjskole module pages",
            kp.parse,
            sources_on(kp.LAYOUT.hosts),
        ),
        Adapter(
            "plan2learn",
            "the regions' course catalogues",
            plan2learn.parse,
            sources_on(plan2learn.HOSTS),
        ),
        Adapter("ugdk", "ug.dk education pages (Fakta box)", ugdk.parse, sources_on(ugdk.HOSTS)),
        Adapter(
            "via", "VIA University College module pages", via.parse, sources_on(via.LAYOUT.hosts)
        ),
    )
}
