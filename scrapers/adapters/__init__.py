"""The source adapters, by the name `evu scrape SOURCE` knows them.

Each adapter is a small module with a `parse(page) -> list[Scraped]` function whose selectors
and field mappings sit at its top. `urls` says which addresses a nightly run reads when no
`--url` is given: the pages the catalogue already names as sources on that site, or for AMU
the portal's search for every AMU number in the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from catalogue.model import Catalogue
from scrapers.adapters import amu, jsonld, kp, plan2learn, ugdk, via
from scrapers.fetch import Page
from scrapers.records import Scraped


@dataclass(frozen=True)
class Adapter:
    name: str
    summary: str
    parse: Callable[[Page], list[Scraped]]
    urls: Callable[[Catalogue], list[str]]


def sources_on(hosts: Iterable[str]) -> Callable[[Catalogue], list[str]]:
    """The course source pages on `hosts`, sorted, each once."""
    wanted = set(hosts)

    def urls(catalogue: Catalogue) -> list[str]:
        found = {
            source.url
            for course in catalogue.courses.values()
            for source in course.sources
            if urlsplit(source.url).netloc in wanted
        }
        return sorted(found)

    return urls


def amu_searches(catalogue: Catalogue) -> list[str]:
    """The AMU portal's search for every AMU number in the catalogue."""
    numbers = {c.amu_number for c in catalogue.courses.values() if c.amu_number}
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
