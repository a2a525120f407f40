"""Danish formatting of facts, and Markdown that can never run script.

Contributed and scraped text is rendered with Python-Markdown and then cleaned by nh3 with an
allow-list: only plain formatting tags survive, links keep only http(s) and relative targets,
and every event-handler attribute is dropped.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from typing import Any

import markdown as md
import nh3
from markupsafe import Markup, escape

from catalogue.derive import offering_status
from catalogue.model import Course, Duration, DurationUnit, Kind, Mode, Offering, Status

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


# Each kind of education named in the singular (one course, a card) and the plural (a list).
KINDS = {
    Kind.AMU: ("AMU-kursus", "AMU-kurser"),
    Kind.KURSUS: ("Kursus", "Kurser"),
    Kind.AKADEMI: ("Akademiuddannelse", "Akademiuddannelser"),
    Kind.DIPLOM: ("Diplomuddannelse", "Diplomuddannelser"),
    Kind.MASTER: ("Masteruddannelse", "Masteruddannelser"),
    Kind.SPECIALUDDANNELSE: ("Specialuddannelse", "Specialuddannelser"),
    Kind.OTHER: ("Anden uddannelse", "Andre uddannelser"),
}
MODE_NAMES = {Mode.ONSITE: "Fremmøde", Mode.ONLINE: "Online", Mode.BLENDED: "Blandet"}
KIND_NAME = {kind: one for kind, (one, _) in KINDS.items()}
KIND_NAMES = {kind: many for kind, (_, many) in KINDS.items()}
# Full-time days in a month and a year, as `catalogue.derive.DAYS_PER_UNIT` adds them up.
DAYS_PER_MONTH = 21.7
DAYS_PER_YEAR = 260.0

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


def count(amount: int, one: str, many: str) -> str:
    """'1 uddannelse', '3 uddannelser', '1.200 hold'."""
    return f"{number(amount)} {one if amount == 1 else many}"


def full_time(days: float) -> str:
    """Full-time days in the units people use: '4 dage', '3 uger', '5 måneder',
    '2 år og 6 måneder' (rounded to the nearest of the unit shown)."""
    if days < 10:
        return count(max(1, round(days)), "dag", "dage")
    if days < 2 * DAYS_PER_MONTH:
        return count(round(days / 5), "uge", "uger")
    months = round(days / DAYS_PER_MONTH)
    if months < 12:
        return count(months, "måned", "måneder")
    years, rest = divmod(months, 12)
    text = count(years, "år", "år")
    return f"{text} og {count(rest, 'måned', 'måneder')}" if rest else text


def varighed(duration: Duration | None, note: bool = True) -> Markup:
    """'1,5 år (deltid over 3 semestre)'; without the published note when `note` is false."""
    if duration is None:
        return MISSING
    one, many = UNITS[duration.unit]
    text = f"{number(duration.amount)} {one if duration.amount == 1 else many}"
    return escape(f"{text} ({duration.note})" if duration.note and note else text)


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


def class_status(offering: Offering, today: date) -> str:
    """A class's status as a card shows it: the published status, else what its dates say."""
    status = offering_status(offering, today)
    if status is not None:
        return STATUS_NAMES[status]
    if offering.start is None:
        return "Dato ikke offentliggjort"
    return "I gang" if offering.start <= today else "Kommende hold"


STATUS_NAMES = {
    Status.OPEN: "Åben for tilmelding",
    Status.FULL: "Fuldt booket",
    Status.CANCELLED: "Aflyst",
    Status.ENDED: "Afsluttet",
}


def script_safe_json(data: Any) -> str:
    """JSON that can sit inside <script>: '<', '>' and '&' (and the JavaScript line
    separators) as \\u escapes, so no text in it can close the element or open a comment.
    These characters only ever occur inside JSON strings, where the escapes mean the same."""
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        dumped = dumped.replace(char, f"\\u{ord(char):04x}")
    return dumped
