"""Inline SVG figures: career-path diagrams and bar charts.

Pure functions from the model to a string of markup, so a page carries its figures without
extra requests and the same input gives byte-identical output (a rebuilt site diffs clean).
Every figure keeps the same rules:

- all text is XML-escaped, so a title can never become markup;
- no script, event handlers, `<style>` or `style=""` (the site's Content-Security-Policy
  blocks inline style, so only presentation attributes are used) and no external references;
- colours come from the site palette (templates/assets/style.css) and every text colour has
  a contrast of at least 4.5:1 against what it is drawn on (WCAG AA); see `TEXT_COLOURS`;
- every id is prefixed per figure, so several figures can share a page;
- a figure with links in it is `role="group"`, not `role="img"`: the children of an img are
  presentational, so links inside one would be focusable yet hidden from screen readers
  (WCAG 4.1.2; axe reports it as nested-interactive). A figure without links is an img.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from catalogue import ids
from catalogue.model import CareerPath, Catalogue, Course, PathStep
from site_build import urls
from site_build.text import KIND_NAME, number

WIDTH = 360
MARGIN = 8
GAP = 8
PAD = 6
INNER = WIDTH - 2 * MARGIN
COLUMNS = 3  # most alternatives side by side on a phone
MAX_CHARS = 22  # characters per line of a course title
MAX_LINES = 3  # lines of a course title
CHAR_EM = 0.56  # average glyph width of a sans-serif font, in em (wide fonts included)
BOLD_EM = 0.64  # the same for bold text
# Heads of Danish compounds common in course names: a word too long for a line is broken
# before one of them ("diplom-/uddannelse") rather than anywhere, as there is no hyphenation.
COMPOUND_HEADS = ("uddannelse", "kursus", "projekt", "sygepleje", "forløb", "modul", "faglig")
ARROW_GAP = 28  # vertical room between two levels of a path, where the arrow goes
FONT = "system-ui, sans-serif"

# The site palette.
INK = "#1b1b1b"
MUTED = "#4a4a4a"
LINK = "#0b4f8a"
SURFACE = "#f3f5f8"
ACCENT = "#0b4f8a"
WHITE = "#ffffff"

# Every (text colour, background) pair drawn below; the tests check each is at least 4.5:1.
TEXT_COLOURS = (
    (INK, WHITE),  # step labels, package label, chart labels and values
    (LINK, WHITE),  # linked chart labels
    (LINK, SURFACE),  # course titles in their boxes
    (MUTED, SURFACE),  # kind and ECTS in the boxes
    (INK, SURFACE),  # chart values drawn over the empty part of a bar's track
    (WHITE, ACCENT),  # start and goal nodes
)

Attrs = dict[str, str | float]


@dataclass(frozen=True)
class Font:
    """A text style: size and line height in px, and presentation attributes."""

    size: int
    line: int
    attrs: Attrs = field(default_factory=dict)

    def chars(self, width: float) -> int:
        """How many characters fit in `width`, by a cautious average glyph width (SVG text
        never wraps, so the estimate errs towards short lines)."""
        em = BOLD_EM if self.attrs.get("font-weight", 400) != 400 else CHAR_EM
        return int(width / (self.size * em))


CENTRE = {"text-anchor": "middle"}
COURSE_TITLE = Font(13, 16, {"fill": LINK, "font-weight": 600, "text-decoration": "underline"})
COURSE_META = Font(11, 14, {"fill": MUTED})
STEP_LABEL = Font(12, 15, {"fill": INK, "font-weight": 600})
PACKAGE_LABEL = Font(11, 14, {"fill": INK, "font-weight": 600})
NODE_KICKER = Font(11, 14, {"fill": WHITE})
NODE_TEXT = Font(14, 18, {"fill": WHITE, "font-weight": 700})
CHART_TITLE = Font(13, 17, {"fill": INK, "font-weight": 700})
CHART_LABEL = Font(12, 15, {"fill": INK})
CHART_LINK = Font(12, 15, {"fill": LINK, "text-decoration": "underline"})

# Bar chart: room kept right of the longest bar for its value.
BAR_HEIGHT = 14
VALUE_ROOM = 48
BAR_MAX = INNER - VALUE_ROOM


# --- markup ----------------------------------------------------------------------------------


def _num(value: float) -> str:
    """A coordinate with at most one decimal, so float noise never changes the output."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _el(tag: str, attrs: Attrs, content: str | None = None) -> str:
    """One element; attribute values are escaped and numbers rounded, in the given order."""
    parts = [tag]
    for name, value in attrs.items():
        shown = value if isinstance(value, str) else _num(value)
        parts.append(f'{name}="{html.escape(shown)}"')
    opening = " ".join(parts)
    return f"<{opening}/>" if content is None else f"<{opening}>{content}</{tag}>"


def _plain(tag: str, text: str, attrs: Attrs | None = None) -> str:
    """An element holding escaped text."""
    return _el(tag, attrs or {}, html.escape(text, quote=False))


def _rect(x: float, y: float, width: float, height: float, attrs: Attrs) -> str:
    return _el("rect", {"x": x, "y": y, "width": width, "height": height, **attrs})


def _text(lines: list[str], x: float, y: float, font: Font, extra: Attrs | None = None) -> str:
    """A `<text>` with one `<tspan>` per line, the first baseline at `y`."""
    spans = "".join(
        _plain("tspan", line, {"x": x, "y": y + i * font.line}) for i, line in enumerate(lines)
    )
    return _el("text", {"font-size": font.size, **font.attrs, **(extra or {})}, spans)


def _svg(height: float, role: str, ids: tuple[str, str], texts: tuple[str, str], body: str) -> str:
    """The root element: scales to the column's width; named by its <title> and <desc>."""
    title_id, desc_id = ids
    title, desc = texts
    attrs: Attrs = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {WIDTH} {_num(height)}",
        "width": "100%",
        "role": role,
        "aria-labelledby": f"{title_id} {desc_id}",
        "font-family": FONT,
    }
    head = _plain("title", title, {"id": title_id}) + _plain("desc", desc, {"id": desc_id})
    return _el("svg", attrs, head + body)


# --- text ------------------------------------------------------------------------------------


def wrap(text: str, width: int, max_lines: int = MAX_LINES) -> list[str]:
    """Greedy word wrap into lines of at most `width` characters, since SVG text never wraps
    by itself. A word longer than a line is broken with a hyphen; text that needs more than
    `max_lines` lines is cut, its last line filled with what fits and ended with '…'."""
    width = max(width, 4)
    words = text.split()
    lines: list[str] = []
    while words:
        line, broken, words = _fill(words, width)
        if len(lines) == max_lines - 1 and words:
            rest = line + ("" if broken else " ") + " ".join(words)
            return [*lines, rest[: width - 1].rstrip(" -–,.;:") + "…"]
        lines.append(line + "-" if broken else line)
    return lines


def _fill(words: list[str], width: int) -> tuple[str, bool, list[str]]:
    """One line from the front of `words`: the line, whether it ends inside a word (which then
    needs a hyphen), and the words left over."""
    line = words[0]
    taken = 1
    while taken < len(words) and len(line) + 1 + len(words[taken]) <= width:
        line = f"{line} {words[taken]}"
        taken += 1
    if len(line) <= width:
        return line, False, words[taken:]
    cut = _cut(line, width)  # a single word longer than the line
    head, tail = line[:cut], line[cut:]
    if head.endswith("-"):
        return head, False, [tail, *words[taken:]]
    return head, True, [tail, *words[taken:]]


def _cut(word: str, width: int) -> int:
    """Where to break a word longer than a line: after a hyphen in it, else before a compound
    head, else as late as the line allows but leaving at least 4 letters for the next line."""
    room = width - 1  # keep a column for the added hyphen
    hyphens = [i + 1 for i, char in enumerate(word[:width]) if char == "-" and i > 0]
    heads = [
        i
        for head in COMPOUND_HEADS
        if 3 <= (i := word.lower().rfind(head, 0, room + len(head))) <= room
    ]
    if candidates := hyphens + heads:
        return max(candidates)
    return max(2, min(room, len(word) - 4))


def _ects_label(course: Course) -> str | None:
    """ECTS only when published; 'ingen ECTS' is a published fact, unknown is left out."""
    if course.ects_points is not None:
        return f"{number(course.ects_points)} ECTS"
    return "ingen ECTS" if course.gives_no_ects else None


def _meta_parts(course: Course) -> list[str]:
    return [part for part in (KIND_NAME[course.kind], _ects_label(course)) if part]


def course_meta(course: Course) -> str:
    """The small second line of a course box: its kind, and ECTS when known."""
    return " · ".join(_meta_parts(course))


def _meta_lines(course: Course, chars: int) -> list[str]:
    """The kind/ECTS line, or in a narrow box the kind and the ECTS each on their own line."""
    joined = course_meta(course)
    if len(joined) <= chars:
        return [joined]
    return [line for part in _meta_parts(course) for line in wrap(part, chars, max_lines=2)]


def slug(text: str) -> str:
    """An id-safe form of a chart title, so two charts on a page get distinct ids."""
    return ids.slug(text) or "graf"


# --- career path -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    """A course box laid out for a width: its title lines and kind/ECTS lines."""

    course: Course
    title: list[str]
    meta: list[str]

    @property
    def height(self) -> float:
        return 2 * PAD + len(self.title) * COURSE_TITLE.line + len(self.meta) * COURSE_META.line


def _box(course: Course, width: float) -> _Box:
    inner = width - 2 * PAD
    title = wrap(course.title, min(MAX_CHARS, COURSE_TITLE.chars(inner)))
    meta = _meta_lines(course, COURSE_META.chars(inner))
    return _Box(course, title, meta)


def _draw_box(box: _Box, x: float, y: float, width: float, height: float, root: str) -> str:
    """A course as a link to its page. The link's <title> holds the full title (the box may
    have cut it) as its accessible name and tooltip."""
    centre = x + width / 2
    title_y = y + PAD + COURSE_TITLE.size
    meta_y = y + PAD + len(box.title) * COURSE_TITLE.line + COURSE_META.size + 1
    body = (
        _plain("title", f"{box.course.title} ({course_meta(box.course)})")
        + _rect(
            x, y, width, height, {"rx": 6, "fill": SURFACE, "stroke": LINK, "stroke-width": 1.5}
        )
        + _text(box.title, centre, title_y, COURSE_TITLE, CENTRE)
        + _text(box.meta, centre, meta_y, COURSE_META, CENTRE)
    )
    return _el("a", {"href": root + urls.course(box.course.id)}, body)


def _grid(courses: list[Course], x0: float, width: float, y: float, root: str) -> tuple[str, float]:
    """Courses side by side in rows of at most COLUMNS, a short last row centred; the boxes of
    a row share their top and height. Returns the markup and the bottom."""
    columns = min(COLUMNS, len(courses))
    box_width = (width - (columns - 1) * GAP) / columns
    boxes = [_box(course, box_width) for course in courses]
    parts = []
    for start in range(0, len(boxes), columns):
        row = boxes[start : start + columns]
        height = max(box.height for box in row)
        x = x0 + (width - len(row) * box_width - (len(row) - 1) * GAP) / 2
        for box in row:
            parts.append(_draw_box(box, x, y, box_width, height, root))
            x += box_width + GAP
        y += height + GAP
    return "".join(parts), y - GAP


def _step_label(position: int, step: PathStep) -> str:
    choice = " (vælg én)" if len(step.courses) > 1 and not step.together else ""
    return f"Trin {position}: {step.title}{choice}"


def _draw_step(
    position: int, step: PathStep, catalogue: Catalogue, y: float, root: str
) -> tuple[str, float]:
    """A step: its label, then its courses side by side, or framed together as a package."""
    label = wrap(_step_label(position, step), STEP_LABEL.chars(INNER), max_lines=2)
    heading = _text(label, WIDTH / 2, y + STEP_LABEL.size, STEP_LABEL, CENTRE)
    y += len(label) * STEP_LABEL.line + 4
    courses = [catalogue.courses[c] for c in step.courses]
    if not step.together:
        grid, bottom = _grid(courses, MARGIN, INNER, y, root)
        return heading + grid, bottom
    package = _text(["Alle kurser i pakken"], MARGIN + PAD, y + PAD + 11, PACKAGE_LABEL)
    grid_top = y + PAD + PACKAGE_LABEL.line + 4
    grid, bottom = _grid(courses, MARGIN + PAD, INNER - 2 * PAD, grid_top, root)
    bottom += PAD
    frame_style: Attrs = {"rx": 8, "fill": "none", "stroke": MUTED, "stroke-width": 1.5}
    frame = _rect(MARGIN, y, INNER, bottom - y, {**frame_style, "stroke-dasharray": "5 3"})
    return heading + frame + package + grid, bottom


def _draw_node(kicker: str, text: str, y: float) -> tuple[str, float]:
    """The start or the goal: a filled box, a small kicker ('Start', 'Mål') over the text."""
    lines = wrap(text, NODE_TEXT.chars(INNER - 2 * PAD), max_lines=3)
    height = 2 * PAD + NODE_KICKER.line + len(lines) * NODE_TEXT.line
    body = (
        _rect(MARGIN, y, INNER, height, {"rx": 8, "fill": ACCENT})
        + _text([kicker], WIDTH / 2, y + PAD + NODE_KICKER.size, NODE_KICKER, CENTRE)
        + _text(lines, WIDTH / 2, y + PAD + NODE_KICKER.line + 15, NODE_TEXT, CENTRE)
    )
    return _el("g", {}, body), y + height


def _arrow(top: float, marker_id: str) -> str:
    """A downward arrow filling the ARROW_GAP below `top`."""
    line: Attrs = {"x1": WIDTH / 2, "y1": top + 3, "x2": WIDTH / 2, "y2": top + ARROW_GAP - 4}
    style: Attrs = {"stroke": MUTED, "stroke-width": 2, "marker-end": f"url(#{marker_id})"}
    return _el("line", {**line, **style})


def _marker(marker_id: str) -> str:
    """The arrowhead, drawn once per figure and used by every arrow."""
    attrs: Attrs = {"id": marker_id, "viewBox": "0 0 10 10", "refX": 8, "refY": 5}
    size: Attrs = {"markerWidth": 6, "markerHeight": 6, "orient": "auto"}
    head = _el("path", {"d": "M0 0L10 5L0 10z", "fill": MUTED})
    return _el("defs", {}, _el("marker", {**attrs, **size}, head))


def path_summary(path: CareerPath, catalogue: Catalogue) -> str:
    """One Danish sentence for the diagram's <desc>."""
    start = catalogue.professions[path.from_].name
    return f"Karrierevej i {len(path.steps)} trin fra {start} til {path.goal}."


def path_diagram(path: CareerPath, catalogue: Catalogue, root: str = "../../") -> str:
    """A career path as inline SVG for a phone-first page: the starting profession, each step
    top to bottom (alternatives side by side, a package framed), and the goal, joined by
    arrows. Each course box links to `root` + the course's address."""
    prefix = f"sti-{path.id}-"
    ids = (prefix + "titel", prefix + "beskrivelse")
    marker_id = prefix + "pil"
    node, bottom = _draw_node("Start", catalogue.professions[path.from_].name, MARGIN)
    parts = [_marker(marker_id), node]
    for position, step in enumerate(path.steps, start=1):
        parts.append(_arrow(bottom, marker_id))
        drawn, bottom = _draw_step(position, step, catalogue, bottom + ARROW_GAP, root)
        parts.append(drawn)
    parts.append(_arrow(bottom, marker_id))
    node, bottom = _draw_node("Mål", path.goal, bottom + ARROW_GAP)
    parts.append(node)
    texts = (path.title, path_summary(path, catalogue))
    return _svg(bottom + MARGIN, "group", ids, texts, "".join(parts))


# --- bar chart -------------------------------------------------------------------------------


def chart_summary(title: str, counts: list[tuple[str, int]]) -> str:
    """The chart's <desc>: every 'label: value' pair, so a screen reader gets the numbers."""
    if not counts:
        return f"{title}. Ingen data."
    return f"{title}. " + "; ".join(f"{label}: {number(value)}" for label, value in counts) + "."


def bar_width(value: int, largest: int) -> float:
    """Bars are scaled to the largest value; a zero (or an all-zero chart) gives width 0."""
    return BAR_MAX * value / largest if largest > 0 else 0.0


def _bar(label: str, value: int, href: str | None, width: float, y: float) -> tuple[str, float]:
    """One item: its label (a link if `href`), the bar on a light track, the value after the
    bar's end. Returns the markup and the top of the next item."""
    font = CHART_LINK if href else CHART_LABEL
    lines = wrap(label, font.chars(INNER), max_lines=2)
    text = _text(lines, MARGIN, y + font.size, font)
    bar_y = y + len(lines) * font.line + 2
    parts = [
        _el("a", {"href": href}, text) if href else text,
        _rect(MARGIN, bar_y, BAR_MAX, BAR_HEIGHT, {"class": "spor", "fill": SURFACE}),
        _rect(MARGIN, bar_y, width, BAR_HEIGHT, {"class": "stolpe", "fill": ACCENT}),
        _text([number(value)], MARGIN + width + 4, bar_y + BAR_HEIGHT - 3, CHART_LABEL),
    ]
    return "".join(parts), bar_y + BAR_HEIGHT + GAP


def bar_chart(
    title: str, counts: list[tuple[str, int]], hrefs: list[str | None] | None = None
) -> str:
    """A horizontal bar chart as inline SVG: one bar per item in the given order, its label
    above it (a link when `hrefs[i]` is given; used as given) and its value at the bar's end.
    Ids come from the title, so two charts on one page need different titles."""
    if hrefs is not None and len(hrefs) != len(counts):
        raise ValueError(f"bar_chart: {len(hrefs)} links for {len(counts)} bars")
    if any(value < 0 for _, value in counts):
        raise ValueError("bar_chart: counts cannot be negative")
    links = hrefs if hrefs is not None else [None] * len(counts)
    prefix = f"graf-{slug(title)}-"
    heading = wrap(title, CHART_TITLE.chars(INNER), max_lines=2)
    parts = [_text(heading, MARGIN, MARGIN + CHART_TITLE.size, CHART_TITLE)]
    y = MARGIN + len(heading) * CHART_TITLE.line + 6
    largest = max((value for _, value in counts), default=0)
    for (label, value), href in zip(counts, links, strict=True):
        drawn, y = _bar(label, value, href, bar_width(value, largest), y)
        parts.append(drawn)
    role = "group" if any(links) else "img"
    ids = (prefix + "titel", prefix + "beskrivelse")
    texts = (title, chart_summary(title, counts))
    return _svg(y - GAP + MARGIN, role, ids, texts, "".join(parts))
