"""Inline SVG figures: well-formed, linked, laid out top to bottom, escaped, deterministic and
accessible. Every figure is parsed with ElementTree, which fails on malformed markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from catalogue.model import CareerPath, Catalogue, PathStep
from catalogue.pipeline import read_catalogue
from conftest import TODAY
from site_build import urls
from site_build.svg import TEXT_COLOURS, bar_chart, path_diagram, slug, wrap

SVG = "{http://www.w3.org/2000/svg}"
PATH_ID = "ssa-til-special"


@pytest.fixture
def catalogue(small: Path) -> Catalogue:
    return read_catalogue(small, TODAY)[0]


def parse(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == SVG + "svg"
    return root


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def links(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(SVG + "a"))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float


def bounds(rect: ET.Element) -> Box:
    x, y, width, height = (float(rect.get(name, "")) for name in ("x", "y", "width", "height"))
    return Box(x, y, x + width, y + height)


def box_of(link: ET.Element) -> Box:
    """Where the rectangle of a course link is drawn."""
    rect = link.find(SVG + "rect")
    assert rect is not None
    return bounds(rect)


def title_lines(link: ET.Element) -> list[str]:
    """The title lines of a course box: the tspans of its first <text>."""
    text = link.find(SVG + "text")
    assert text is not None
    return [text_of(span) for span in text.iter(SVG + "tspan")]


def with_copies(catalogue: Catalogue, count: int) -> Catalogue:
    """The catalogue with `count` more courses, copies of demens-amu named demens-1 …"""
    base = catalogue.courses["demens-amu"]
    extra = {
        f"demens-{i}": replace(base, id=f"demens-{i}", title=f"Demens {i}")
        for i in range(1, count + 1)
    }
    return replace(catalogue, courses={**catalogue.courses, **extra})


def path_of(catalogue: Catalogue, *steps: PathStep, **changes: str) -> CareerPath:
    return replace(catalogue.paths[PATH_ID], steps=steps, **changes)


def box_tops(root: ET.Element) -> dict[str, float]:
    """Course id → top of its box."""
    return {link.get("href", "").split("/")[-2]: box_of(link).top for link in links(root)}


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- career path -----------------------------------------------------------------------------


def test_every_course_links_to_its_page(catalogue: Catalogue) -> None:
    path = catalogue.paths[PATH_ID]
    root = parse(path_diagram(path, catalogue))
    expected = ["../../" + urls.course(c) for step in path.steps for c in step.courses]
    assert [link.get("href") for link in links(root)] == expected
    top = parse(path_diagram(path, catalogue, root=""))
    assert [link.get("href") for link in links(top)] == ["kurser/demens-amu/", "kurser/kraeft/"]


def test_start_steps_and_goal_are_drawn_and_joined_by_arrows(catalogue: Catalogue) -> None:
    path = catalogue.paths[PATH_ID]
    root = parse(path_diagram(path, catalogue))
    words = text_of(root)
    for expected in ("Social- og sundhedsassistent", "Trin 1: Demens", "Trin 2: Specialuddannelse"):
        assert expected in words
    assert "Specialsygeplejerske i kræftsygepleje" in words
    marker = root.find(f".//{SVG}marker")
    assert marker is not None and marker.get("id") == f"sti-{PATH_ID}-pil"
    arrows = [line for line in root.iter(SVG + "line") if line.get("marker-end")]
    assert len(arrows) == len(path.steps) + 1  # start → step 1 → step 2 → goal
    assert {a.get("marker-end") for a in arrows} == {f"url(#sti-{PATH_ID}-pil)"}
    assert all(float(a.get("y2", "")) > float(a.get("y1", "")) for a in arrows)


def test_alternatives_side_by_side_and_steps_downwards(catalogue: Catalogue) -> None:
    catalogue = with_copies(catalogue, 1)
    path = path_of(
        catalogue,
        PathStep(title="Vælg", courses=("demens-amu", "kraeft")),
        PathStep(title="Bagefter", courses=("demens-1",)),
    )
    root = parse(path_diagram(path, catalogue))
    tops = box_tops(root)
    assert tops["demens-amu"] == tops["kraeft"]
    assert tops["demens-1"] > tops["kraeft"]
    first, second = (box_of(link) for link in links(root)[:2])
    assert first.right < second.left
    assert "(vælg én)" in text_of(root)


def test_more_than_three_alternatives_go_in_rows_of_three(catalogue: Catalogue) -> None:
    catalogue = with_copies(catalogue, 5)
    step = PathStep(title="Mange", courses=tuple(f"demens-{i}" for i in range(1, 6)))
    root = parse(path_diagram(path_of(catalogue, step), catalogue))
    tops = box_tops(root)
    first, second = sorted(set(tops.values()))
    assert [tops[f"demens-{i}"] for i in range(1, 6)] == [first] * 3 + [second] * 2
    row = sorted((box_of(link) for link in links(root)[:3]), key=lambda box: box.left)
    assert row[0].right < row[1].left and row[1].right < row[2].left


def test_package_is_framed_and_labelled(catalogue: Catalogue) -> None:
    step = PathStep(title="Pakke", courses=("demens-amu", "kraeft"), together=True)
    root = parse(path_diagram(path_of(catalogue, step), catalogue))
    assert "Alle kurser i pakken" in text_of(root)
    assert "(vælg én)" not in text_of(root)
    frames = [r for r in root.iter(SVG + "rect") if r.get("stroke-dasharray")]
    assert len(frames) == 1
    frame = bounds(frames[0])
    for link in links(root):
        box = box_of(link)
        assert frame.left < box.left < box.right < frame.right
        assert frame.top < box.top < box.bottom < frame.bottom


def test_everything_fits_in_the_view_box(catalogue: Catalogue) -> None:
    catalogue = with_copies(catalogue, 4)
    path = path_of(
        catalogue,
        PathStep(title="A", courses=("demens-1", "demens-2", "demens-3", "demens-4")),
        PathStep(title="B", courses=("demens-amu", "kraeft"), together=True),
    )
    root = parse(path_diagram(path, catalogue))
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert width == 360
    assert root.get("width") == "100%"
    for rect in root.iter(SVG + "rect"):
        box = bounds(rect)
        assert 0 <= box.left < box.right <= width
        assert 0 <= box.top < box.bottom <= height


def test_long_titles_are_wrapped_and_cut(catalogue: Catalogue) -> None:
    long = "Specialuddannelsen i kræftsygepleje for sygeplejersker i kommuner og regioner " * 2
    catalogue = replace(
        catalogue,
        courses={**catalogue.courses, "kraeft": replace(catalogue.courses["kraeft"], title=long)},
    )
    root = parse(path_diagram(catalogue.paths[PATH_ID], catalogue))
    short_link, long_link = links(root)
    assert title_lines(short_link) == ["Demens og", "udadreagerende adfærd"]
    lines = title_lines(long_link)
    assert 1 < len(lines) <= 3
    assert all(len(line) <= 22 for line in lines)
    assert lines[-1].endswith("…")
    # The link's own <title> keeps the full title as its accessible name and tooltip.
    name = long_link.find(SVG + "title")
    assert name is not None and long.strip() in text_of(name)


def test_wrap_breaks_words_and_cuts_with_an_ellipsis() -> None:
    assert wrap("Demens og udadreagerende adfærd", 22) == ["Demens og", "udadreagerende adfærd"]
    assert wrap("kort", 22) == ["kort"]
    assert wrap("", 22) == []
    lines = wrap("Sundhedsfaglig diplomuddannelse i ledelse og organisation", 11)
    assert lines == ["Sundheds-", "faglig", "diplomudda…"]
    assert all(len(line) <= 11 for line in wrap("x" * 100, 11))
    assert wrap("x" * 100, 11)[-1].endswith("…")


def test_second_line_gives_kind_and_known_ects(catalogue: Catalogue) -> None:
    demens = catalogue.courses["demens-amu"]
    changed = {
        "demens-amu": demens,  # ects: none, a published fact
        "demens-1": replace(demens, id="demens-1", ects=7.5),
        "demens-2": replace(demens, id="demens-2", ects=None),  # unknown: left out
    }
    catalogue = replace(catalogue, courses={**catalogue.courses, **changed})
    steps = [PathStep(title=c, courses=(c,)) for c in changed]
    root = parse(path_diagram(path_of(catalogue, *steps), catalogue))
    metas = [text_of(link.findall(SVG + "text")[1]) for link in links(root)]
    assert metas == ["AMU-kursus · ingen ECTS", "AMU-kursus · 7,5 ECTS", "AMU-kursus"]
    # Side by side the boxes are narrow: kind and ECTS go on a line each.
    narrow = parse(
        path_diagram(path_of(catalogue, PathStep(title="Et", courses=tuple(changed))), catalogue)
    )
    metas = [[text_of(s) for s in link.findall(SVG + "text")[1]] for link in links(narrow)]
    assert metas == [["AMU-kursus", "ingen ECTS"], ["AMU-kursus", "7,5 ECTS"], ["AMU-kursus"]]


def test_text_is_escaped(catalogue: Catalogue) -> None:
    nasty = '<script>alert("x")</script> & co'
    catalogue = replace(
        catalogue,
        courses={**catalogue.courses, "kraeft": replace(catalogue.courses["kraeft"], title=nasty)},
    )
    path = replace(catalogue.paths[PATH_ID], title=nasty, goal="Leder & <b>chef</b>")
    markup = path_diagram(path, catalogue)
    root = parse(markup)
    assert "<script" not in markup and "<b>" not in markup
    assert "&lt;script&gt;" in markup and "&amp; co" in markup
    assert not list(root.iter(SVG + "script")) and not list(root.iter("script"))
    title = root.find(SVG + "title")
    assert title is not None and text_of(title) == nasty
    assert "Leder & <b>chef</b>" in text_of(root)


def test_same_input_gives_identical_output(small: Path, catalogue: Catalogue) -> None:
    path = catalogue.paths[PATH_ID]
    again, _ = read_catalogue(small, TODAY)
    assert path_diagram(path, catalogue) == path_diagram(again.paths[PATH_ID], again)
    counts = [("AMU-kurser", 7), ("Kurser", 3)]
    assert bar_chart("Typer", counts) == bar_chart("Typer", list(counts))


def test_diagram_is_named_described_and_ids_are_prefixed(catalogue: Catalogue) -> None:
    path = catalogue.paths[PATH_ID]
    root = parse(path_diagram(path, catalogue))
    # role="group", not "img": an img's children are presentational, so its links would be
    # focusable yet hidden from screen readers (axe: nested-interactive).
    assert root.get("role") == "group"
    label_ids = root.get("aria-labelledby", "").split()
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert [by_id[i].tag for i in label_ids] == [SVG + "title", SVG + "desc"]
    assert text_of(by_id[label_ids[0]]) == path.title
    assert text_of(by_id[label_ids[1]]) == (
        "Karrierevej i 2 trin fra Social- og sundhedsassistent til "
        "Specialsygeplejerske i kræftsygepleje."
    )
    assert all(i.startswith(f"sti-{PATH_ID}-") for i in by_id)
    other = parse(path_diagram(replace(path, id="en-anden"), catalogue))
    assert not set(by_id) & {e.get("id") for e in other.iter() if e.get("id")}


def test_no_script_handlers_style_or_external_references(catalogue: Catalogue) -> None:
    figures = [
        path_diagram(catalogue.paths[PATH_ID], catalogue),
        bar_chart("Typer", [("AMU-kurser", 2), ("Kurser", 1)], ["../../typer/amu/", None]),
    ]
    for markup in figures:
        for element in parse(markup).iter():
            tag = element.tag.removeprefix(SVG)
            assert tag not in {"script", "style", "foreignObject", "image", "use", "iframe"}
            assert "style" not in element.attrib
            assert not [name for name in element.attrib if name.lower().startswith("on")]
            for name, value in element.attrib.items():
                if name.endswith("href"):
                    assert not value.startswith(("http:", "https:", "//", "javascript:", "data:"))


def test_text_colours_meet_wcag_aa(catalogue: Catalogue) -> None:
    for foreground, background in TEXT_COLOURS:
        assert contrast(foreground, background) >= 4.5, (foreground, background)
    used = {fg for fg, _ in TEXT_COLOURS}
    figures = [
        path_diagram(catalogue.paths[PATH_ID], catalogue),
        bar_chart("Typer", [("AMU-kurser", 2)], ["../../typer/amu/"]),
        bar_chart("Typer", [("AMU-kurser", 2)]),
    ]
    for markup in figures:
        for text in parse(markup).iter(SVG + "text"):
            assert text.get("fill") in used


# --- bar chart -------------------------------------------------------------------------------

COUNTS = [("AMU-kurser", 12), ("Diplomuddannelser", 3), ("Kurser", 0), ("Andre", 1234)]


def bars(root: ET.Element) -> list[float]:
    return [
        float(r.get("width", "")) for r in root.iter(SVG + "rect") if r.get("class") == "stolpe"
    ]


def test_chart_desc_lists_every_value(catalogue: Catalogue) -> None:
    root = parse(bar_chart("Uddannelser efter type", COUNTS))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert text_of(by_id[title_id]) == "Uddannelser efter type"
    desc = text_of(by_id[desc_id])
    for pair in ("AMU-kurser: 12", "Diplomuddannelser: 3", "Kurser: 0", "Andre: 1.234"):
        assert pair in desc
    _, _, width, _ = root.get("viewBox", "").split()
    assert width == "360"


def test_bars_are_proportional_and_in_order() -> None:
    root = parse(bar_chart("Uddannelser efter type", COUNTS))
    widths = bars(root)
    assert len(widths) == len(COUNTS)
    largest = max(widths)
    assert widths[3] == largest  # 1234 is the largest count
    assert widths[2] == 0  # a zero is an empty bar …
    assert "0" in [text_of(t) for t in root.iter(SVG + "text")]  # … with its value
    for (_, value), width in zip(COUNTS, widths, strict=True):
        assert width / largest == pytest.approx(value / 1234, abs=0.001)
    labels = [text_of(t) for t in root.iter(SVG + "text")]
    order = [labels.index(label) for label, _ in COUNTS]
    assert order == sorted(order)


def test_all_zero_and_empty_charts_are_well_formed() -> None:
    assert bars(parse(bar_chart("Ingen", [("A", 0), ("B", 0)]))) == [0, 0]
    root = parse(bar_chart("Tom", []))
    assert "Ingen data" in text_of(root)


def test_chart_labels_can_be_links() -> None:
    hrefs = ["../../typer/amu/", None, "../../typer/kursus/", None]
    root = parse(bar_chart("Typer", COUNTS, hrefs))
    assert [(a.get("href"), text_of(a)) for a in links(root)] == [
        ("../../typer/amu/", "AMU-kurser"),
        ("../../typer/kursus/", "Kurser"),
    ]
    assert root.get("role") == "group"  # links inside: see the path diagram's test
    with pytest.raises(ValueError):
        bar_chart("Typer", COUNTS, hrefs[:2])


def test_chart_text_is_escaped_and_ids_come_from_the_title() -> None:
    markup = bar_chart('<script>x</script> & "y"', [("<b>A</b> & B", 1)], ['a/?x=1&y="2"'])
    root = parse(markup)
    assert "<script" not in markup and "<b>" not in markup
    assert [a.get("href") for a in links(root)] == ['a/?x=1&y="2"']
    one = parse(bar_chart("Uddannelser efter erhverv (top 10)", COUNTS))
    two = parse(bar_chart("Uddannelser efter emne (top 10)", COUNTS))
    ids = [{e.get("id") for e in r.iter() if e.get("id")} for r in (one, two)]
    assert not ids[0] & ids[1]
    assert "graf-uddannelser-efter-erhverv-top-10-titel" in ids[0]
    assert slug("Æbler på ø") == "aebler-paa-oe"
    assert slug("!!!") == "graf"
