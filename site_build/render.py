"""Rendering pages with Jinja2: StrictUndefined (a template bug fails the build), autoescape
on (contributed text is never markup), Danish filters, and links relative to each page so the
site works from any folder or host."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from catalogue.codelists import place
from catalogue.derive import offering_status
from catalogue.model import Catalogue
from site_build import opendata, svg, text, urls
from site_build.pages import Page

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment(today: date) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
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
    context: dict[str, Any] = {
        **page.context,
        "page": page,
        "root": root,
        "catalogue": catalogue,
        "svg": svg,
        "jsonld": (lambda course: opendata.course_jsonld(course, catalogue, base_url)),
    }
    return env.get_template(page.template).render(context)
