"""Danish formatting of facts, and Markdown that can never run script.

Contributed and scraped text is rendered with Python-Markdown and then cleaned by nh3 with an
allow-list: only plain formatting tags survive, links keep only http(s) and relative targets,
and every event-handler attribute is dropped.
"""

from __future__ import annotations

import html
import re
from datetime import date

import markdown as md
import nh3
from markupsafe import Markup, escape

from catalogue.model import Course, Duration, DurationUnit, Status

MISSING = Markup('<span class="mangler">oplysning mangler</span>')
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4"}
MONTHS = (
    "januar februar marts april maj juni juli august september oktober november december"
).split()
UNITS = {
    DurationUnit.HOURS: ("time", "timer"),
    DurationUnit.DAYS: ("dag", "dage"),
    DurationUnit.WEEKS: ("uge", "uger"),
    DurationUnit.MONTHS: ("måned", "måneder"),
    DurationUnit.YEARS: ("år", "år"),
}


_CONVERTER = md.Markdown(output_format="html")
# Text with none of these is plain paragraphs to Markdown: no markup characters, tabs or
# carriage returns anywhere, no line starting with a space, digit or + = > -, none ending in a
# space. Such text takes a shortcut past Markdown and nh3 (it holds no < > &, so there is
# nothing to clean); tests/test_text.py checks the shortcut against the full way.
_MARKUP = re.compile(r"[\\`*_\[\]<>#&\t\r]|^[ \d+=>-]| $", re.MULTILINE)


def _paragraphs(text: str) -> list[str] | None:
    """The paragraphs of plain text, or None when the text needs Markdown."""
    stripped = text.strip("\n")
    if _MARKUP.search(stripped):
        return None
    return [p for p in re.split(r"\n\n+", stripped) if p]


def _converted(text: str) -> str:
    """Markdown → HTML with one reused converter (building one per call costs more than the
    conversion itself)."""
    try:
        return _CONVERTER.convert(text)
    finally:
        _CONVERTER.reset()


def markdown(text: str | None) -> Markup:
    """Markdown → sanitised HTML; unknown text → the 'oplysning mangler' marker."""
    if not text:
        return MISSING
    paragraphs = _paragraphs(text)
    if paragraphs is not None:
        return Markup("\n".join(f"<p>{p}</p>" for p in paragraphs))
    return _full_markdown(text)


def _full_markdown(text: str) -> Markup:
    clean = nh3.clean(
        _converted(text),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow noopener",
    )
    return Markup(clean)  # safe: nh3 kept only the allow-listed tags and attributes


def plain(text: str | None, limit: int | None = None) -> str:
    """Markdown as plain text (for meta descriptions, feeds and JSON-LD), not escaped."""
    if not text:
        return ""
    paragraphs = _paragraphs(text)
    flat = " ".join(text.split()) if paragraphs is not None else _full_plain(text)
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _full_plain(text: str) -> str:
    # Escape first so "a<b og 3 > 2" keeps its text; Markdown and nh3 then leave plain text
    # with entities, which are decoded: callers escape for their own format.
    rendered = _converted(html.escape(text, quote=False))
    return " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())


def number(value: float) -> str:
    """Danish number: 46.000 and 1,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def kroner(value: int | None) -> Markup:
    if value is None:
        return MISSING
    return Markup("Gratis") if value == 0 else escape(f"{number(value)} kr.")


def dato(value: date | None) -> Markup:
    if value is None:
        return MISSING
    return escape(f"{value.day}. {MONTHS[value.month - 1]} {value.year}")


def varighed(duration: Duration | None) -> Markup:
    if duration is None:
        return MISSING
    one, many = UNITS[duration.unit]
    text = f"{number(duration.amount)} {one if duration.amount == 1 else many}"
    return escape(f"{text} ({duration.note})" if duration.note else text)


def ects(course: Course) -> Markup:
    if course.gives_no_ects:
        equivalent = course.ects_equivalent
        suffix = f", men svarer til {number(equivalent)} ECTS" if equivalent else ""
        return escape(f"Giver ikke ECTS-point{suffix}")
    if course.ects_points is None:
        return MISSING
    return escape(f"{number(course.ects_points)} ECTS-point")


def janej(value: bool | None) -> Markup:
    if value is None:
        return MISSING
    return Markup("Ja") if value else Markup("Nej")


STATUS_NAMES = {
    Status.OPEN: "Åben for tilmelding",
    Status.FULL: "Fuldt booket",
    Status.CANCELLED: "Aflyst",
    Status.ENDED: "Afsluttet",
}


def status(value: Status | None) -> Markup:
    return escape(STATUS_NAMES[value]) if value is not None else MISSING
