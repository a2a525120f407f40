"""Which pages the site has, what each shows, and what each depends on.

`plan` turns the catalogue into a list of `Page`s: an address, a template, the context the
template needs, and breadcrumbs. Nothing is rendered here, so the plan can be tested on its own
and the renderer stays a loop.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
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
from catalogue.model import Catalogue, Course, Kind, Offering, Provider, Venue
from catalogue.quality import gaps_by_provider, stale_entries
from catalogue.search_index import related_ids
from catalogue.stats import stats
from site_build import search, text, urls
from site_build.opendata import script_safe_json

Crumbs = tuple[tuple[str, str], ...]
HOME: Crumbs = (("Forside", urls.home()),)
ROWS_PER_PAGE = 100
SOON = timedelta(days=92)


@dataclass(frozen=True)
class Page:
    """A page to render. Its template sees `context`, the reference lists and career paths,
    and of the courses only those in `courses` (looked up by id), so that `site_build.keys`
    can tell from these alone whether the page changed."""

    address: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    crumbs: Crumbs = HOME
    courses: dict[str, Course] = field(default_factory=dict)


class Lazy:
    """A value computed only if a page is rendered: `function(*arguments)`, as markup."""

    def __init__(self, function: Callable[..., str], *arguments: Any) -> None:
        self.function = function
        self.arguments = arguments

    def __html__(self) -> str:
        return self.function(*self.arguments)


@dataclass(frozen=True)
class Row:
    """One line of a region's table: a class with dates, or a place where a course runs."""

    item: Offering | Venue  # everything else here is derived from it, its course and the day
    course: Course
    provider: str
    place: str
    kommune: str
    start: date | None
    price: int | None
    soon: bool

    @property
    def start_text(self) -> str:
        """The start as the table shows it (the page and the filter script alike)."""
        return str(text.dato(self.start)) if self.start else "Ingen dato offentliggjort"


def broad_for(broad: list[Course], profession: str) -> list[Course]:
    """Of the courses for a broad group, those that name this profession or no profession."""
    return [c for c in broad if not c.professions or profession in c.professions]


def _row_order(row: Row, today: date) -> tuple:
    """Upcoming classes first (soonest first), then places without published dates, then
    classes that have started or ended (most recent first)."""
    tie = (row.course.title.casefold(), row.course.id, row.provider, row.place)
    if row.start is None:
        return (1, 0, *tie)
    if row.start >= today:
        return (0, row.start.toordinal(), *tie)
    return (2, -row.start.toordinal(), *tie)


def region_rows(catalogue: Catalogue, today: date) -> dict[str, list[Row]]:
    """Region name → every class and venue in it, in the order an HR planner reads them."""
    found: dict[str, list[Row]] = {region: [] for region in regions().values()}
    for course in catalogue.courses.values():
        items: list[Offering | Venue] = [*course.offerings, *course.venues]
        for item in items:
            where = offering_place(item)
            if where is None:
                continue
            start = item.start if isinstance(item, Offering) else None
            found[where.region].append(
                Row(
                    item=item,
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
    for rows in found.values():
        rows.sort(key=lambda r: _row_order(r, today))
    return found


def _counts(labels: list[str]) -> list[tuple[str, int]]:
    return sorted(Counter(labels).items(), key=lambda kv: (-kv[1], kv[0]))


def quality(
    catalogue: Catalogue,
    today: date,
    figures: dict[str, Any],
    by_provider: dict[str, list[Course]],
) -> dict[str, Any]:
    """The figures `evu report gaps` and `evu report stale` print (catalogue.quality)."""
    return {
        "figures": figures,
        "per_provider": gaps_by_provider(catalogue, by_provider),
        "stale": [entry for _, entry in stale_entries(catalogue, today)],
    }


def plan(
    catalogue: Catalogue, today: date, related: dict[str, list[str]] | None = None
) -> list[Page]:
    """Every page of the site, in a stable order. `related` (course id → related course ids)
    is worked out from the search index when not given."""
    related = related_ids(catalogue) if related is None else related
    figures = stats(catalogue)
    by_provider = queries.courses_by_provider(catalogue)
    return [
        _home(catalogue, today, figures),
        *_course_pages(catalogue, related),
        *_profession_pages(catalogue),
        *_path_pages(catalogue),
        *(
            page
            for region, rows in region_rows(catalogue, today).items()
            for page in _region_pages(catalogue, region, rows)
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
            "upcoming": queries.upcoming(catalogue, today, first=10),
        },
        (),
    )


def _course_pages(catalogue: Catalogue, related: dict[str, list[str]]) -> list[Page]:
    paths = queries.paths_by_course(catalogue)
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
                "paths": paths.get(course.id, []),
                "related": [catalogue.courses[r] for r in related.get(course.id, ())],
                "part_of": catalogue.courses.get(course.part_of) if course.part_of else None,
                "modules": modules.get(course.id, []),
            },
            (*HOME, (urls.KIND_NAMES[course.kind], urls.kind(course.kind.value))),
        )
        for course in catalogue.courses.values()
    ]


def _profession_pages(catalogue: Catalogue) -> list[Page]:
    pages = []
    by_profession = queries.courses_by_profession(catalogue)
    by_title = sorted(catalogue.courses.values(), key=lambda c: (c.title.casefold(), c.id))
    broad = [c for c in by_title if audience(c) is Audience.BROAD]
    for profession in catalogue.professions.values():
        aimed = by_profession[profession.id]
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
                    "broad": broad_for(broad, profession.id),
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
            {c: catalogue.courses[c] for step in path.steps for c in step.courses},
        )
        for path in catalogue.paths.values()
    ]


def _listing_pages(catalogue: Catalogue, by_provider: dict[str, list[Course]]) -> list[Page]:
    """Course lists by provider, by kind and by topic."""
    by_title = sorted(catalogue.courses.values(), key=lambda c: (c.title.casefold(), c.id))
    by_topic = queries.courses_by_topic(catalogue)
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
                    "courses": by_topic[t.id],
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
    kinds = {c.kind for c in courses}
    professions = {p for c in courses for p in c.professions}
    topics = {t for c in courses for t in c.topics}
    filters = {
        "type": [(k.value, urls.KIND_NAMES[k]) for k in Kind if k in kinds],
        "erhverv": [(p.id, p.name) for p in catalogue.professions.values() if p.id in professions],
        "emne": [(t.id, t.name) for t in catalogue.topics.values() if t.id in topics],
    }
    charts = {
        "kind": _counts([urls.KIND_NAMES[c.kind] for c in courses]),
        "profession": _counts(
            [catalogue.professions[p].name for c in courses for p in c.professions]
        )[:10],
        "topic": _counts([catalogue.topics[t].name for c in courses for t in c.topics])[:10],
    }
    context = {"region": region, "filters": filters, "calendar": urls.calendar(region)}
    # The overview (charts) and the script's data (all rows, a file of its own fetched by the
    # script, so the page stays light) are on the first page alone.
    overview = {"charts": charts, "rows_data": urls.region_rows(region)}
    crumbs = (*HOME, ("Regioner", "#regioner"))
    pages = [
        Page(
            urls.region_rows(region),
            "region-rows.json",
            region,
            {"rows_json": Lazy(rows_json, catalogue.providers, rows, urls.root_of(base))},
        ),
        *_paged(base, "region.html", region, {**context, "active": None}, rows, crumbs, overview),
    ]
    chosen: dict[tuple[str, str], list[Row]] = {}
    for row in rows:  # one pass: each row joins the filter pages of its kind, professions, topics
        course = row.course
        for key in (
            ("type", course.kind.value),
            *(("erhverv", p) for p in course.professions),
            *(("emne", t) for t in course.topics),
        ):
            chosen.setdefault(key, []).append(row)
    for facet, options in filters.items():
        for value, label in options:
            active = {**context, "active": (facet, value, label)}
            pages.extend(
                _paged(
                    f"{base}{facet}/{value}/",
                    "region.html",
                    f"{region}: {label}",
                    active,
                    chosen[facet, value],
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
    first: dict[str, Any] | None = None,
) -> list[Page]:
    """A table split into pages of ROWS_PER_PAGE rows: `address`, then `address`side/2/ …;
    the `first` page alone gets the extra context `first` (the others get None for it)."""
    count = max(1, -(-len(rows) // ROWS_PER_PAGE))
    addresses = [address if n == 1 else f"{address}side/{n}/" for n in range(1, count + 1)]
    first = first or {"rows_data": None}
    pages = []
    for n, here in enumerate(addresses, start=1):
        chunk = rows[(n - 1) * ROWS_PER_PAGE : n * ROWS_PER_PAGE]
        pager = {"number": n, "count": count, "addresses": addresses, "total": len(rows)}
        extra = first if n == 1 else dict.fromkeys(first)
        pages.append(
            Page(
                here,
                template,
                title if n == 1 else f"{title} (side {n} af {count})",
                {**context, **extra, "rows": chunk, "pager": pager},
                crumbs if n == 1 else (*crumbs, (title, address)),
            )
        )
    return pages


def rows_json(providers: dict[str, Provider], rows: list[Row], root: str) -> str:
    """All rows of a region as JSON for the page's script, which filters them instantly.
    Each course and provider is written once ("kurser", "udbydere") and each row names them
    by position ("rader": course, start, starts soon, place, provider, price), so a region
    of thousands of classes stays a fraction of the size of one object per row; every text
    is preformatted here so the script only copies text into cells. Links are relative to
    the region page (`root` is its way to the site root)."""
    courses: dict[str, int] = {}
    course_list: list[list[Any]] = []
    provider_at: dict[str, int] = {}
    provider_list: list[list[str]] = []
    found = []
    for r in rows:
        course = r.course
        if course.id not in courses:
            courses[course.id] = len(course_list)
            course_list.append(
                [
                    course.title,
                    root + urls.course(course.id),
                    course.kind.value,
                    urls.KIND_NAMES[course.kind],
                    list(course.professions),
                    list(course.topics),
                ]
            )
        if r.provider not in provider_at:
            provider_at[r.provider] = len(provider_list)
            provider_list.append([providers[r.provider].name, root + urls.provider(r.provider)])
        found.append(
            [
                courses[course.id],
                r.start_text,
                1 if r.soon else 0,
                f"{r.place}, {r.kommune}",
                provider_at[r.provider],
                str(text.kroner(r.price)) if r.price is not None else "oplysning mangler",
            ]
        )
    return script_safe_json({"kurser": course_list, "udbydere": provider_list, "rader": found})
