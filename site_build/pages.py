"""Which pages the site has, what each shows, and what each depends on.

`plan` turns the catalogue into a list of `Page`s: an address, a template, the context the
template needs, and breadcrumbs. Nothing is rendered here, so the plan can be tested on its own
and the renderer stays a loop.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from catalogue import queries
from catalogue.codelists import campuses, regions
from catalogue.derive import (
    Audience,
    audience,
    course_regions,
    offering_place,
    path_totals,
)
from catalogue.model import Catalogue, Course, Kind, Offering, Venue
from catalogue.search_index import related_courses
from catalogue.stats import merit_unknown, stats
from site_build import search, text, urls
from site_build.opendata import script_safe_json

Crumbs = tuple[tuple[str, str], ...]
HOME: Crumbs = (("Forside", urls.home()),)
STALE = timedelta(days=365)
ROWS_PER_PAGE = 100
SOON = timedelta(days=92)


@dataclass(frozen=True)
class Page:
    address: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    crumbs: Crumbs = HOME


@dataclass(frozen=True)
class Row:
    """One line of a region's table: a class with dates, or a place where a course runs."""

    course: Course
    provider: str
    place: str
    kommune: str
    start: date | None
    price: int | None
    soon: bool


def broad_for(catalogue: Catalogue, profession: str) -> list[Course]:
    """Courses for a broad group that name this profession, or name no profession at all."""
    return sorted(
        (
            c
            for c in catalogue.courses.values()
            if audience(c) is Audience.BROAD and (not c.professions or profession in c.professions)
        ),
        key=lambda c: (c.title.casefold(), c.id),
    )


def _row_order(row: Row, today: date) -> tuple:
    """Upcoming classes first (soonest first), then places without published dates, then
    classes that have started or ended (most recent first)."""
    tie = (row.course.title.casefold(), row.course.id, row.provider, row.place)
    if row.start is None:
        return (1, 0, *tie)
    if row.start >= today:
        return (0, row.start.toordinal(), *tie)
    return (2, -row.start.toordinal(), *tie)


def region_rows(catalogue: Catalogue, region: str, today: date) -> list[Row]:
    """Every class and venue of the region, in the order an HR planner reads them."""
    rows: list[Row] = []
    for course in catalogue.courses.values():
        items: list[Offering | Venue] = [*course.offerings, *course.venues]
        for item in items:
            where = offering_place(item)
            if where is None or where.region != region:
                continue
            start = item.start if isinstance(item, Offering) else None
            rows.append(
                Row(
                    course=course,
                    provider=item.provider,
                    place=item.place or where.by,
                    kommune=where.kommune,
                    start=start,
                    price=(
                        item.price
                        if isinstance(item, Offering) and item.price is not None
                        else course.price
                    ),
                    soon=start is not None and today <= start <= today + SOON,
                )
            )
    rows.sort(key=lambda r: _row_order(r, today))
    return rows


def _counts(labels: list[str]) -> list[tuple[str, int]]:
    return sorted(Counter(labels).items(), key=lambda kv: (-kv[1], kv[0]))


def quality(
    catalogue: Catalogue,
    today: date,
    figures: dict[str, Any],
    by_provider: dict[str, list[Course]],
) -> dict[str, Any]:
    """Shares of courses that publish no merit, price or ECTS, overall and per provider."""
    per_provider = []
    for provider in catalogue.providers.values():
        courses = by_provider[provider.id]
        if courses:
            n = len(courses)
            per_provider.append(
                {
                    "provider": provider,
                    "courses": n,
                    "merit": sum(merit_unknown(c) for c in courses) / n,
                    "price": sum(c.price is None for c in courses) / n,
                    "ects": sum(c.ects is None for c in courses) / n,
                }
            )
    entries = [
        *catalogue.courses.values(),
        *catalogue.providers.values(),
        *catalogue.paths.values(),
    ]
    stale = sorted(
        (e for e in entries if today - e.last_verified > STALE),
        key=lambda e: (e.last_verified, e.id),
    )
    return {"figures": figures, "per_provider": per_provider, "stale": stale}


def plan(catalogue: Catalogue, today: date) -> list[Page]:
    """Every page of the site, in a stable order."""
    figures = stats(catalogue)
    by_provider = queries.courses_by_provider(catalogue)
    return [
        _home(catalogue, today, figures),
        *_course_pages(catalogue),
        *_profession_pages(catalogue),
        *_path_pages(catalogue),
        *(
            page
            for region in regions().values()
            for page in _region_pages(catalogue, region, region_rows(catalogue, region, today))
        ),
        *_listing_pages(catalogue, by_provider),
        Page(
            "datakvalitet/",
            "quality.html",
            "Datakvalitet",
            quality(catalogue, today, figures, by_provider),
        ),
        Page("tilgaengelighed/", "accessibility.html", "Tilgængelighedserklæring"),
        Page(urls.search(), "search.html", "Søg", search.page_context(catalogue, today)),
    ]


def _home(catalogue: Catalogue, today: date, figures: dict[str, Any]) -> Page:
    return Page(
        urls.home(),
        "home.html",
        "EVU-kataloget",
        {
            "figures": figures,
            "regions": list(regions().values()),
            "kinds": [k for k in Kind if any(c.kind is k for c in catalogue.courses.values())],
            "upcoming": queries.upcoming(catalogue, today)[:10],
        },
        (),
    )


def _course_pages(catalogue: Catalogue) -> list[Page]:
    related = related_courses(catalogue)  # whoosh "more like this"
    modules: dict[str, list[Course]] = {}
    for course in catalogue.courses.values():
        if course.part_of:
            modules.setdefault(course.part_of, []).append(course)
    return [
        Page(
            urls.course(course.id),
            "course.html",
            course.title,
            {
                "course": course,
                "audience": audience(course),
                "regions": course_regions(course),
                "offerings": sorted(
                    course.offerings, key=lambda o: (o.start or date.max, o.provider, o.place or "")
                ),
                "paths": queries.paths_using(catalogue, course.id),
                "related": related(course),
                "part_of": catalogue.courses.get(course.part_of) if course.part_of else None,
                "modules": modules.get(course.id, []),
            },
            (*HOME, (urls.KIND_NAMES[course.kind], urls.kind(course.kind.value))),
        )
        for course in catalogue.courses.values()
    ]


def _profession_pages(catalogue: Catalogue) -> list[Page]:
    pages = []
    for profession in catalogue.professions.values():
        aimed = queries.courses_for_profession(catalogue, profession.id)
        ug_url, places = campuses(profession.base_education or "")
        pages.append(
            Page(
                urls.profession(profession.id),
                "profession.html",
                profession.name,
                {
                    "profession": profession,
                    "mono": [c for c in aimed if audience(c) is Audience.MONO],
                    "multi": [c for c in aimed if audience(c) is Audience.MULTI],
                    "broad": broad_for(catalogue, profession.id),
                    "paths_from": queries.paths_from(catalogue, profession.id),
                    "paths_to": queries.paths_to(catalogue, profession.id),
                    "campus_url": ug_url,
                    "campuses": places,
                },
                (*HOME, ("Erhverv", urls.home() + "#erhverv")),
            )
        )
    return pages


def _path_pages(catalogue: Catalogue) -> list[Page]:
    return [
        Page(
            urls.path(path.id),
            "path.html",
            path.title,
            {
                "path": path,
                "totals": path_totals(path, catalogue),
                "next": [catalogue.paths[p] for p in path.next],
            },
            (*HOME, ("Karriereveje", urls.home() + "#karriereveje")),
        )
        for path in catalogue.paths.values()
    ]


def _listing_pages(catalogue: Catalogue, by_provider: dict[str, list[Course]]) -> list[Page]:
    """Course lists by provider, by kind and by topic."""
    by_title = sorted(catalogue.courses.values(), key=lambda c: (c.title.casefold(), c.id))
    return [
        *(
            Page(
                urls.provider(p.id),
                "listing.html",
                p.name,
                {
                    "courses": by_provider[p.id],
                    "provider": p,
                },
            )
            for p in catalogue.providers.values()
        ),
        *(
            Page(
                urls.kind(k.value),
                "listing.html",
                urls.KIND_NAMES[k],
                {
                    "courses": [c for c in by_title if c.kind is k],
                },
            )
            for k in Kind
        ),
        *(
            Page(
                urls.topic(t.id),
                "listing.html",
                t.name,
                {
                    "courses": queries.courses_on_topic(catalogue, t.id),
                    "topic": t,
                },
            )
            for t in catalogue.topics.values()
        ),
    ]


def _region_pages(catalogue: Catalogue, region: str, rows: list[Row]) -> list[Page]:
    """The region page and its pre-rendered filter pages (one per kind, profession, topic)."""
    base = urls.region(region)
    courses = {r.course.id: r.course for r in rows}.values()
    filters = {
        "type": [
            (k.value, urls.KIND_NAMES[k]) for k in Kind if any(r.course.kind is k for r in rows)
        ],
        "erhverv": [
            (p.id, p.name)
            for p in catalogue.professions.values()
            if any(p.id in r.course.professions for r in rows)
        ],
        "emne": [
            (t.id, t.name)
            for t in catalogue.topics.values()
            if any(t.id in r.course.topics for r in rows)
        ],
    }
    charts = {
        "kind": _counts([urls.KIND_NAMES[c.kind] for c in courses]),
        "profession": _counts(
            [catalogue.professions[p].name for c in courses for p in c.professions]
        )[:10],
        "topic": _counts([catalogue.topics[t].name for c in courses for t in c.topics])[:10],
    }
    context = {
        "region": region,
        "filters": filters,
        "charts": charts,
        "calendar": urls.calendar(region),
    }
    main = {**context, "active": None, "rows_json": rows_json(catalogue, rows, urls.root_of(base))}
    pages = _paged(base, "region.html", region, main, rows, (*HOME, ("Regioner", "#regioner")))
    tests = {
        "type": lambda row, value: row.course.kind.value == value,
        "erhverv": lambda row, value: value in row.course.professions,
        "emne": lambda row, value: value in row.course.topics,
    }
    for facet, options in filters.items():
        for value, label in options:
            chosen = [r for r in rows if tests[facet](r, value)]
            active = {**context, "active": (facet, value, label), "rows_json": None}
            pages.extend(
                _paged(
                    f"{base}{facet}/{value}/",
                    "region.html",
                    f"{region}: {label}",
                    active,
                    chosen,
                    (*HOME, (region, base)),
                )
            )
    return pages


def _paged(
    address: str,
    template: str,
    title: str,
    context: dict[str, Any],
    rows: list[Row],
    crumbs: Crumbs,
) -> list[Page]:
    """A table split into pages of ROWS_PER_PAGE rows: `address`, then `address`side/2/ …"""
    count = max(1, -(-len(rows) // ROWS_PER_PAGE))
    addresses = [address if n == 1 else f"{address}side/{n}/" for n in range(1, count + 1)]
    pages = []
    for n, here in enumerate(addresses, start=1):
        chunk = rows[(n - 1) * ROWS_PER_PAGE : n * ROWS_PER_PAGE]
        pager = {"number": n, "count": count, "addresses": addresses, "total": len(rows)}
        named = title if n == 1 else f"{title} (side {n} af {count})"
        pages.append(
            Page(
                here,
                template,
                named,
                # The first page alone carries the overview and the script's data.
                {**context, "rows": chunk, "pager": pager}
                if n == 1
                else {**context, "rows": chunk, "pager": pager, "rows_json": None},
                crumbs if n == 1 else (*crumbs, (title, address)),
            )
        )
    return pages


def rows_json(catalogue: Catalogue, rows: list[Row], root: str) -> str:
    """All rows of a region as JSON for the page's script, which filters them instantly;
    every text is preformatted here so the script only copies text into cells."""
    return script_safe_json(
        [
            {
                "titel": r.course.title,
                "href": root + urls.course(r.course.id),
                "type": r.course.kind.value,
                "typenavn": urls.KIND_NAMES[r.course.kind],
                "erhverv": list(r.course.professions),
                "emner": list(r.course.topics),
                "start": str(text.dato(r.start)) if r.start else "Ingen dato offentliggjort",
                "snart": r.soon,
                "sted": f"{r.place}, {r.kommune}",
                "udbyder": catalogue.providers[r.provider].name,
                "udbyderhref": root + urls.provider(r.provider),
                "pris": str(text.kroner(r.price)) if r.price is not None else "oplysning mangler",
            }
            for r in rows
        ]
    )
