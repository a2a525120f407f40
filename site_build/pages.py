"""Which pages the site has, what each shows, and what each depends on.

`plan` turns the catalogue into a list of `Page`s: an address, a template, the context the
template needs, and breadcrumbs. Nothing is rendered here, so the plan can be tested on its own
and the renderer stays a loop. Facts every page shares — each course's card, each class as a
row — are made once here and passed to the pages that show them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from catalogue import queries
from catalogue.codelists import campuses, regions
from catalogue.collation import sort_key
from catalogue.derive import Audience, audience, path_totals
from catalogue.model import Catalogue, Course, Kind
from catalogue.quality import gaps_by_provider, stale_entries
from catalogue.stats import stats
from site_build import search, text, urls
from site_build.cards import Card
from site_build.facts import Facts, facts, related_courses
from site_build.lists import Crumbs, by_start, paged, sorted_pages
from site_build.opendata import Feeds
from site_build.rows import (
    FACETS,
    ONLINE_VALUE,
    UPCOMING,
    Row,
    facet_values,
    group_counts,
    region_rows,
    rows_json,
    venue_rows,
)

HOME: Crumbs = (("Forside", urls.home()),)
ROWS_PER_PAGE = 100
PREVIEW = 6  # a profession page shows this many courses of each audience, then links on
SECTIONS = (  # a profession page's audiences: address segment, heading (plural filled in)
    (Audience.MONO, "kun/", "Uddannelser kun for {}"),
    (Audience.MULTI, "flere/", "Uddannelser for {} og andre faggrupper"),
    (Audience.BROAD, "bred/", "Uddannelser for en bred målgruppe, også {}"),
)


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


def broad_for(broad: list[Course], profession: str) -> list[Course]:
    """Of the courses for a broad group, those that name this profession or no profession."""
    return [c for c in broad if not c.professions or profession in c.professions]


def _counts(labels: list[str]) -> list[tuple[str, int]]:
    return sorted(Counter(labels).items(), key=lambda kv: (-kv[1], sort_key(kv[0])))


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
    catalogue: Catalogue,
    today: date,
    related: dict[str, list[str]] | None = None,
    known: Facts | None = None,
) -> list[Page]:
    """Every page of the site, in a stable order. `related` (course id → related course ids)
    is worked out from the search index, and `known` (each course's card and classes) from
    the catalogue, when not given."""
    known = facts(catalogue, today) if known is None else known
    related = related_courses(known) if related is None else related
    card, classes = known.cards, known.classes
    figures = stats(catalogue)
    by_provider = queries.courses_by_provider(catalogue)
    return [
        _home(catalogue, today, figures, card, classes),
        *_course_pages(catalogue, related, card, classes),
        *_profession_pages(catalogue, card, classes),
        *_path_pages(catalogue, card),
        *(
            page
            for region, rows in region_rows(catalogue, today, classes).items()
            for page in _region_pages(catalogue, region, rows)
        ),
        *_listing_pages(catalogue, by_provider, card),
        Page(
            "datakvalitet/",
            "quality.html",
            "Datakvalitet",
            quality(catalogue, today, figures, by_provider),
        ),
        Page("tilgaengelighed/", "accessibility.html", "Tilgængelighedserklæring"),
        Page(urls.search(), "search.html", "Søg", search.page_context(known.search.values())),
        Page(urls.NOT_FOUND, "404.html", "Siden findes ikke", {}, ()),
    ]


def _upcoming(rows: list[Row]) -> int:
    return sum(row.group == UPCOMING for row in rows)


def _home(
    catalogue: Catalogue,
    today: date,
    figures: dict[str, Any],
    card: dict[str, Card],
    classes: dict[str, list[Row]],
) -> Page:
    soonest = queries.upcoming(catalogue, today, first=10)
    by_offering = {id(r.items[0]): r for c, _ in soonest for r in classes[c.id]}
    return Page(
        urls.home(),
        "home.html",
        "EVU-kataloget",
        {
            "figures": figures,
            "upcoming_count": sum(_upcoming(rows) for rows in classes.values()),
            "regions": list(regions().values()),
            "kinds": [k for k in Kind if any(c.kind is k for c in catalogue.courses.values())],
            "professions": sorted(catalogue.professions.values(), key=lambda p: sort_key(p.name)),
            "topics": sorted(catalogue.topics.values(), key=lambda t: sort_key(t.name)),
            "paths": sorted(catalogue.paths.values(), key=lambda p: sort_key(p.title)),
            "upcoming": [(card[c.id], by_offering[id(o)]) for c, o in soonest],
        },
        (),
    )


def _course_pages(
    catalogue: Catalogue,
    related: dict[str, list[str]],
    card: dict[str, Card],
    classes: dict[str, list[Row]],
) -> list[Page]:
    paths = queries.paths_by_course(catalogue)
    modules: dict[str, list[Card]] = {}
    for course in queries.by_title(catalogue.courses.values()):
        if course.part_of:
            modules.setdefault(course.part_of, []).append(card[course.id])
    pages = []
    for course in catalogue.courses.values():
        rows = classes[course.id]
        pages.append(
            Page(
                urls.course(course.id),
                "course.html",
                course.title,
                {
                    "course": course,
                    "card": card[course.id],
                    "audience": audience(course),
                    "upcoming": [r for r in rows if r.group == UPCOMING],
                    "earlier": [r for r in rows if r.group != UPCOMING],
                    "venues": venue_rows(course),
                    "paths": paths.get(course.id, []),
                    "related": [card[r] for r in related.get(course.id, ())],
                    "part_of": card[course.part_of] if course.part_of else None,
                    "modules": modules.get(course.id, []),
                },
                (*HOME, (text.KIND_NAMES[course.kind], urls.kind(course.kind.value))),
            )
        )
    return pages


def _list_pages(
    address: str,
    template: str,
    title: str,
    context: dict[str, Any],
    listed: Sequence[Card],
    crumbs: Crumbs,
) -> list[Page]:
    """A course list in its sort orders and pages (`lists.sorted_pages`), each a Page."""
    pages = []
    for here, order, pager, chunk in sorted_pages(address, listed):
        name = title if pager.number == 1 else f"{title} (side {pager.number} af {pager.count})"
        if order is not None and here != address and pager.number == 1:
            name = f"{title}, sorteret efter {order.current.lower()}"
        pages.append(
            Page(
                here,
                template,
                name,
                {**context, "cards": list(chunk), "order": order, "pager": pager},
                crumbs if here == address else (*crumbs, (title, address)),
            )
        )
    return pages


def _feeds_of(
    folder: str,
    title: str,
    courses: Sequence[Course],
    region: str | None,
    upcoming: int,
    calendar: str | None = None,
) -> Feeds:
    return Feeds(
        title=title,
        calendar=calendar or folder + "kalender.ics",
        feed=folder + "nye-hold.xml",
        csv=folder + "hold.csv" if region else None,
        courses=tuple(sorted({c.id for c in courses})),
        region=region,
        upcoming=upcoming,
    )


def _profession_pages(
    catalogue: Catalogue, card: dict[str, Card], classes: dict[str, list[Row]]
) -> list[Page]:
    pages = []
    by_profession = queries.courses_by_profession(catalogue)
    broad = [
        c for c in queries.by_title(catalogue.courses.values()) if audience(c) is Audience.BROAD
    ]
    for profession in catalogue.professions.values():
        aimed = by_profession[profession.id]
        ug_url, places = campuses(profession.base_education or "")
        base = urls.profession(profession.id)
        crumbs = (*HOME, ("Erhverv", urls.home() + "#erhverv"))
        plural = profession.plural.lower()
        groups = {
            Audience.MONO: [c for c in aimed if audience(c) is Audience.MONO],
            Audience.MULTI: [c for c in aimed if audience(c) is Audience.MULTI],
            Audience.BROAD: broad_for(broad, profession.id),
        }
        sections = []
        for kind, segment, heading in SECTIONS:
            listed = [card[c.id] for c in groups[kind]]
            title = heading.format(plural)
            more = base + segment if len(listed) > PREVIEW else None
            preview = sorted(listed, key=by_start)[:PREVIEW]
            sections.append((kind.value, title, len(listed), preview, more))
            if more:
                pages.extend(
                    _list_pages(
                        more,
                        "listing.html",
                        title,
                        {"profession": profession},
                        listed,
                        (*crumbs, (profession.plural, base)),
                    )
                )
        courses = [c for group in groups.values() for c in group]
        upcoming = sum(_upcoming(classes[c.id]) for c in dict.fromkeys(courses))
        pages.append(
            Page(
                base,
                "profession.html",
                profession.plural,
                {
                    "profession": profession,
                    "sections": sections,
                    "paths_from": queries.paths_from(catalogue, profession.id),
                    "paths_to": queries.paths_to(catalogue, profession.id),
                    "campus_url": ug_url,
                    "campuses": places,
                    "feeds": _feeds_of(base, f"nye hold for {plural}", courses, None, upcoming),
                },
                crumbs,
            )
        )
    return pages


def _path_pages(catalogue: Catalogue, card: dict[str, Card]) -> list[Page]:
    return [
        Page(
            urls.path(path.id),
            "path.html",
            path.title,
            {
                "path": path,
                "totals": path_totals(path, catalogue),
                "steps": [(step, [card[c] for c in step.courses]) for step in path.steps],
                # what the diagram's caption explains: a choice between courses, a package
                "choice": any(len(s.courses) > 1 and not s.together for s in path.steps),
                "package": any(s.together for s in path.steps),
                "next": [catalogue.paths[p] for p in path.next],
            },
            (*HOME, ("Karriereveje", urls.home() + "#karriereveje")),
            {c: catalogue.courses[c] for step in path.steps for c in step.courses},
        )
        for path in catalogue.paths.values()
    ]


def _listing_pages(
    catalogue: Catalogue, by_provider: dict[str, list[Course]], card: dict[str, Card]
) -> list[Page]:
    """Course lists by provider, by kind and by topic."""
    by_title = queries.by_title(catalogue.courses.values())
    by_topic = queries.courses_by_topic(catalogue)
    pages = []
    for p in catalogue.providers.values():
        listed = [card[c.id] for c in by_provider[p.id]]
        context = {"provider": p}
        pages += _list_pages(urls.provider(p.id), "listing.html", p.name, context, listed, HOME)
    for k in Kind:
        listed = [card[c.id] for c in by_title if c.kind is k]
        name = text.KIND_NAMES[k]
        pages += _list_pages(urls.kind(k.value), "listing.html", name, {}, listed, HOME)
    for t in catalogue.topics.values():
        listed = [card[c.id] for c in by_topic[t.id]]
        pages += _list_pages(urls.topic(t.id), "listing.html", t.name, {"topic": t}, listed, HOME)
    return pages


def _region_pages(catalogue: Catalogue, region: str, rows: list[Row]) -> list[Page]:
    """The region page, its pre-rendered filter pages (one per kind, profession, topic and
    online), and the file of all its rows that the page's filter script reads."""
    base = urls.region(region)
    chosen: dict[tuple[str, str], list[Row]] = {}
    for row in rows:  # one pass: each row joins the filter pages of its facets
        for key in facet_values(row):
            chosen.setdefault(key, []).append(row)
    names = {
        "type": {k.value: text.KIND_NAMES[k] for k in Kind},
        "erhverv": {p.id: p.name for p in catalogue.professions.values()},
        "emne": {t.id: t.name for t in catalogue.topics.values()},
        "form": dict([ONLINE_VALUE]),
    }
    filters = {
        facet: [
            (value, label)
            for value, label in sorted(names[facet].items(), key=lambda kv: _facet_order(facet, kv))
            if (facet, value) in chosen
        ]
        for facet, _ in FACETS
    }
    placed = [r for r in rows if r.places[0].region is not None]
    courses = list({r.course.id: r.course for r in placed}.values())
    charts = {
        "kind": _counts([text.KIND_NAMES[c.kind] for c in courses]),
        "profession": _counts(
            [catalogue.professions[p].name for c in courses for p in c.professions]
        )[:10],
        "topic": _counts([catalogue.topics[t].name for c in courses for t in c.topics])[:10],
    }
    crumbs = (*HOME, ("Regioner", "#regioner"))
    everything = {"region": region, "filters": filters, "base": base}
    pages = [
        Page(
            urls.region_rows(region),
            "region-rows.json",
            region,
            {"rows_json": Lazy(rows_json, catalogue.providers, rows, urls.root_of(base))},
        ),
        *_region_list(
            base,
            region,
            {**everything, "active": None, "charts": charts, "rows_data": urls.region_rows(region)},
            rows,
            crumbs,
            _feeds_of(
                base,
                f"nye hold i {region}",
                [r.course for r in rows],
                region,
                _upcoming(rows),
                urls.calendar(region),
            ),
        ),
    ]
    for facet, options in filters.items():
        for value, label in options:
            folder = f"{base}{facet}/{value}/"
            chosen_rows = chosen[facet, value]
            heading, about = _filter_titles(catalogue, facet, value, label)
            feeds = _feeds_of(
                folder,
                f"nye hold {about} i {region}",
                [r.course for r in chosen_rows],
                region,
                _upcoming(chosen_rows),
            )
            context = {
                **everything,
                "active": (facet, value, label),
                "charts": None,
                "rows_data": None,
            }
            title = f"{heading} i {region}"
            pages += _region_list(
                folder, title, context, chosen_rows, (*HOME, (region, base)), feeds
            )
    return pages


def _facet_order(facet: str, pair: tuple[str, str]) -> Any:
    """Kinds in their own order (AMU to master), everything else in Danish alphabetical order."""
    if facet == "type":
        return list(Kind).index(Kind(pair[0]))
    return sort_key(pair[1])


def _filter_titles(catalogue: Catalogue, facet: str, value: str, label: str) -> tuple[str, str]:
    """A filter page's heading ("Uddannelser for sygeplejersker", to which " i <region>" is
    added) and what its feeds are about, to follow "nye hold …" ("for sygeplejersker")."""
    if facet == "erhverv":
        about = "for " + catalogue.professions[value].plural.lower()
        return f"Uddannelser {about}", about
    if facet == "emne":
        about = "om " + label.lower()
        return f"Uddannelser {about}", about
    if facet == "type":
        return label, "på " + label.lower()
    return "Online og blandet undervisning", "med online eller blandet undervisning"


def _region_list(
    address: str,
    title: str,
    context: dict[str, Any],
    rows: list[Row],
    crumbs: Crumbs,
    feeds: Feeds,
) -> list[Page]:
    """A region's rows split into pages of ROWS_PER_PAGE rows; the first page alone gets the
    overview (charts) and the script's rows file (the others get None for them)."""
    counts = group_counts(rows)
    pages = []
    for here, pager, chunk in paged(address, rows, ROWS_PER_PAGE):
        first = pager.number == 1
        extra = {} if first else {"charts": None, "rows_data": None}
        pages.append(
            Page(
                here,
                "region.html",
                title if first else f"{title} (side {pager.number} af {pager.count})",
                {
                    **context,
                    **extra,
                    "rows": list(chunk),
                    "pager": pager,
                    "counts": counts,
                    "feeds": feeds,
                },
                crumbs if first else (*crumbs, (title, address)),
            )
        )
    return pages


def feeds_of(pages: Sequence[Page]) -> list[Feeds]:
    """The calendar, feed and CSV files the pages link to, each once."""
    return list({id(f): f for p in pages if (f := p.context.get("feeds")) is not None}.values())
