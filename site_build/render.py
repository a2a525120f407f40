"""Rendering pages with Jinja2: StrictUndefined (a template bug fails the build), autoescape
on (contributed text is never markup), Danish filters, and links relative to each page so the
site works from any folder or host."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from catalogue.model import Catalogue
from site_build import opendata, svg, text, urls
from site_build.pages import Page
from site_build.rows import FACETS, GROUPS, Row

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment(base_url: str = "/") -> jinja2.Environment:
    """The templates' environment; links of the page for a missing address start from the
    path of `base_url`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build; no file check per page
    )
    env.filters.update(
        markdown=text.markdown,
        plain=text.plain,
        kr=text.kroner,
        dato=text.dato,
        varighed=text.varighed,
        fuldtid=text.full_time,
        ects=text.ects,
        janej=text.janej,
        tal=text.number,
        procent=lambda share: f"{round(share * 100)}\u00a0%",  # never "100" and "%" apart
    )
    env.globals.update(
        urls=urls,
        text=text,
        MISSING=text.MISSING,
        GROUPS=GROUPS,
        FACETS=FACETS,
        antal=text.count,
        site_path=urlsplit(base_url).path or "/",
    )
    return env


def site_environment(catalogue: Catalogue, base_url: str) -> jinja2.Environment:
    """The environment a build renders its pages in: `environment` with the region cards'
    renderer, which a later build with the same code, lists and day may use again."""
    env = environment(base_url)
    env.globals["row_html"] = RowHtml(catalogue)
    return env


def render_page(env: jinja2.Environment, page: Page, catalogue: Catalogue, base_url: str) -> str:
    # The page for a missing address is shown at any depth: its links start from the site's path.
    missing = page.address == urls.NOT_FOUND
    root = env.globals["site_path"] if missing else urls.root_of(page.address)
    catalogue = replace(catalogue, courses=page.courses)  # what the page's key covers
    context: dict[str, Any] = {
        **page.context,
        "page": page,
        "root": root,
        "catalogue": catalogue,
        "svg": svg,
        "jsonld": (lambda course: opendata.course_jsonld(course, catalogue, base_url)),
    }
    return env.get_template(page.template).render(context)


class RowHtml:
    """A region's cards, each rendered once: a region's rows appear on its own pages and again
    on its filter pages, at several depths. A card is made with a stand-in for the page's
    path to the site root, put in per page (string joins are far cheaper than templates).
    Kept with each card is its row, so that a row made again is never taken for one that is
    gone (`evu serve` keeps one renderer while rows of unchanged courses stay the same
    objects). `templates/assets/filter.js` builds the same card from the rows file (a browser
    test checks that both show the same)."""

    ROOT = "\x00"  # never in escaped text

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.cache: dict[int, tuple[Row, str]] = {}

    def _provider(self, provider: str) -> str:
        name = escape(self.catalogue.providers[provider].name)
        return f'<a href="{self.ROOT}{escape(urls.provider(provider))}">{name}</a>'

    def __call__(self, row: Row, root: str) -> Markup:
        found = self.cache.get(id(row))
        if found is None or found[0] is not row:
            found = (row, self._card(row))
            self.cache[id(row)] = found
        return Markup(found[1].replace(self.ROOT, escape(root)))

    def _card(self, row: Row) -> str:
        course = row.course
        label = "Steder" if len(row.places) > 1 else "Sted"
        providers = {where.provider for where in row.places}
        if len(providers) == 1:  # the places, then the one provider
            places = "".join(f"<dd>{escape(w.text)}</dd>" for w in row.places)
            teacher = f"<div><dt>Udbyder</dt><dd>{self._provider(*providers)}</dd></div>\n"
        else:  # each place with its provider
            places = "".join(
                f"<dd>{escape(w.text)} · {self._provider(w.provider)}</dd>" for w in row.places
            )
            teacher = ""
        status = f'<p class="kort-status">{escape(row.status)}</p>\n' if row.status else ""
        signup = (
            f'<p><a class="knap" href="{escape(row.signup)}" rel="nofollow noopener">'
            "Tilmeld dig</a></p>\n"
            if row.signup
            else ""
        )
        return (
            f'<li class="kort" data-type="{escape(course.kind.value)}">\n'
            f'<h4><a href="{self.ROOT}{escape(urls.course(course.id))}">'
            f"{escape(course.title)}</a></h4>\n"
            f'<p class="kort-type">{escape(text.KIND_NAME[course.kind])}</p>\n'
            '<dl class="kort-fakta">\n'
            f"<div><dt>Start</dt><dd>{escape(row.start_text)}</dd></div>\n"
            f"<div><dt>{label}</dt>{places}</div>\n"
            f"{teacher}"
            f"<div><dt>Pris</dt><dd>{escape(row.price_text)}</dd></div>\n"
            f"</dl>\n{status}{signup}</li>\n"
        )


class FilterLinks:
    """A region's links to its filter pages: the same on every page of the region at the
    same depth, so they are made once per region and depth instead of once per page."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], Markup] = {}

    def __call__(self, region: str, filters: dict[str, list[tuple[str, str]]], root: str) -> Markup:
        key = (region, root)
        if key not in self.cache:
            base = root + urls.region(region)
            self.cache[key] = Markup("\n").join(
                Markup('<h3>{}</h3>\n<ul class="fliser">{}</ul>').format(
                    label,
                    Markup("").join(
                        Markup('<li><a href="{}{}/{}/">{}</a></li>').format(base, facet, v, name)
                        for v, name in filters[facet]
                    ),
                )
                for facet, label in FACETS
                if filters[facet]
            )
        return self.cache[key]
