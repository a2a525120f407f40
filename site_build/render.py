"""Rendering pages with Jinja2: StrictUndefined (a template bug fails the build), autoescape
on (contributed text is never markup), Danish filters, and links relative to each page so the
site works from any folder or host."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from catalogue.codelists import place
from catalogue.derive import offering_status
from catalogue.model import Catalogue
from site_build import opendata, svg, text, urls
from site_build.pages import Page, Row

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment(today: date) -> jinja2.Environment:
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
        ects=text.ects,
        janej=text.janej,
        tal=text.number,
        procent=lambda share: f"{round(share * 100)} %",
    )
    env.globals.update(
        urls=urls,
        MISSING=text.MISSING,
        place=place,
        status_name=lambda offering: text.status(offering_status(offering, today)),
    )
    return env


def render_page(env: jinja2.Environment, page: Page, catalogue: Catalogue, base_url: str) -> str:
    root = urls.root_of(page.address)
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
    """Region-table rows, each rendered once per page depth: a region's rows appear on its own
    pages and again on its filter pages, and string joins are far cheaper than templates."""

    TEMPLATE = Markup(
        '<tr data-type="{}">\n<th scope="row"><a href="{}">{}</a></th>\n<td>{}</td>\n'
        '<td>{}</td>\n<td>{}, {}</td>\n<td><a href="{}">{}</a></td>\n<td>{}</td>\n</tr>\n'
    )

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.cache: dict[tuple[int, str], Markup] = {}

    def __call__(self, row: Row, root: str) -> Markup:
        key = (id(row), root)
        if key not in self.cache:
            course = row.course
            self.cache[key] = self.TEMPLATE.format(
                course.kind.value,
                root + urls.course(course.id),
                course.title,
                urls.KIND_NAMES[course.kind],
                row.start_text,
                row.place,
                row.kommune,
                root + urls.provider(row.provider),
                self.catalogue.providers[row.provider].name,
                text.kroner(row.price),
            )
        return self.cache[key]


class FilterLinks:
    """A region's links to its filter pages: the same on every page of the region at the
    same depth, so they are made once per region and depth instead of once per page."""

    FACETS = (("type", "Type"), ("erhverv", "Erhverv"), ("emne", "Emne"))

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
                for facet, label in self.FACETS
            )
        return self.cache[key]
