"""Where every page of the site lives. Every link in the site is made here, so no two pages
can disagree about an address. Addresses are relative to the site root and end in '/' for
pages (served as <dir>/index.html)."""

from __future__ import annotations

REGION_SLUGS = {
    "Region Nordjylland": "nordjylland",
    "Region Midtjylland": "midtjylland",
    "Region Syddanmark": "syddanmark",
    "Region Hovedstaden": "hovedstaden",
    "Region Sjælland": "sjaelland",
}


# Open data files.
COURSES_JSON = "data/courses.json"
OFFERINGS_CSV = "data/offerings.csv"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FAVICON = "favicon.ico"
# The page a web server shows for an address that does not exist (GitHub Pages and
# `evu serve` serve this file); its links start from the site's path, as it is shown at any depth.
NOT_FOUND = "404.html"
# Search: Pagefind's bundle and the word list behind "mente du …?".
PAGEFIND = "pagefind/"
SEARCH_WORDS = "sog/ordliste.json"


def home() -> str:
    return ""


def search() -> str:
    return "sog/"


def course(course_id: str) -> str:
    return f"kurser/{course_id}/"


def profession(profession_id: str) -> str:
    return f"erhverv/{profession_id}/"


def path(path_id: str) -> str:
    return f"karriereveje/{path_id}/"


def region(region_name: str) -> str:
    return f"regioner/{REGION_SLUGS[region_name]}/"


def region_rows(region_name: str) -> str:
    """The region's classes and venues as JSON, for its page's instant filter."""
    return f"{region(region_name)}hold.json"


def provider(provider_id: str) -> str:
    return f"udbydere/{provider_id}/"


def kind(kind_value: str) -> str:
    return f"typer/{kind_value}/"


def topic(topic_id: str) -> str:
    return f"emner/{topic_id}/"


def calendar(region_name: str) -> str:
    return f"data/kalender-{REGION_SLUGS[region_name]}.ics"


def file_of(address: str) -> str:
    """The file an address is written to: pages become <dir>/index.html."""
    return address + "index.html" if address.endswith("/") or address == "" else address


def root_of(address: str) -> str:
    """The relative prefix from a page back to the site root ('' for the home page)."""
    return "../" * address.count("/")
