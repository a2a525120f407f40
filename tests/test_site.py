"""The built site: links resolve, HTML5 parses, JSON-LD parses, builds are deterministic and
incremental, contributed text stays inert."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import html5lib
import pytest
from bs4 import BeautifulSoup

from benchmarks.synthetic import write_synthetic
from catalogue.codelists import regions
from catalogue.collation import sort_key
from catalogue.diagnostics import CatalogueError
from catalogue.pipeline import read_catalogue
from conftest import BUNDLED, KRAEFT, SMALL, TODAY, write_catalogue
from site_build import urls
from site_build.build import MANIFEST, build
from site_build.pages import ROWS_PER_PAGE, region_rows


class Links(HTMLParser):
    """Collects ids, link targets and JSON-LD blocks of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.targets: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name) and tag in ("a", "link", "script", "img"):
                self.targets.append(str(found[name]))
        self._in_jsonld = tag == "script" and found.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "_site"
    build(BUNDLED, out, today=TODAY)
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def test_every_page_type_is_built(site: Path) -> None:
    for address in (
        "index.html",
        "kurser/kraeftsygepleje/index.html",
        "erhverv/sosu-assistent/index.html",
        "karriereveje/ssh-til-ssa/index.html",
        "regioner/syddanmark/index.html",
        "udbydere/kp/index.html",
        "typer/diplom/index.html",
        "emner/demens/index.html",
        "datakvalitet/index.html",
        "tilgaengelighed/index.html",
        "data/courses.json",
        "data/offerings.csv",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "data/kalender-syddanmark.ics",
    ):
        assert (site / address).is_file(), address


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = []
    parsed = {page: _parse(page) for page in _pages(site)}
    for page, links in parsed.items():
        for target in links.targets:
            if urlparse(target).scheme in ("http", "https", "mailto"):
                continue
            address, anchor = urldefrag(target)
            if address.startswith("/"):  # the page for a missing address links from the root
                resolved = (site / unquote(address).lstrip("/")).resolve()
            else:
                resolved = (page.parent / unquote(address)).resolve() if address else page
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{page.relative_to(site)} → {target}")
            elif anchor and anchor not in parsed.get(resolved, _parse(resolved)).ids:
                broken.append(f"{page.relative_to(site)} → {target} (no anchor)")
    assert broken == []


def test_every_page_is_valid_html5(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    for page in _pages(site):
        parser.parse(page.read_bytes())  # raises on any parse error


def test_course_pages_carry_parseable_json_ld(site: Path) -> None:
    for page in sorted((site / "kurser").glob("*/index.html")):
        blocks = _parse(page).jsonld
        assert len(blocks) == 1, page
        data = json.loads("".join(blocks))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] in ("Course", "EducationalOccupationalProgram")


def test_unknown_facts_say_oplysning_mangler(site: Path) -> None:
    html = (site / "kurser/amu-magt-og-omsorg/index.html").read_text(encoding="utf-8")
    assert "oplysning mangler" in html
    assert "Udbyderen oplyser ikke om merit" in html


def test_builds_are_byte_identical_and_second_build_writes_nothing(
    small: Path, tmp_path: Path
) -> None:
    first = build(small, tmp_path / "a", today=TODAY)
    build(small, tmp_path / "b", today=TODAY)
    files_a = {
        p.relative_to(tmp_path / "a"): p.read_bytes()
        for p in (tmp_path / "a").rglob("*")
        if p.is_file()
    }
    files_b = {
        p.relative_to(tmp_path / "b"): p.read_bytes()
        for p in (tmp_path / "b").rglob("*")
        if p.is_file()
    }
    assert files_a == files_b
    assert first.written == len([f for f in files_a if not f.name.startswith(".evu-")])
    again = build(small, tmp_path / "a", today=TODAY)
    assert (again.written, again.removed) == (0, 0)


def test_changed_course_rewrites_only_dependent_files(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    before = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (small / "kraeft.yaml").write_text(
        KRAEFT.replace("price: 46000", "price: 47000"), encoding="utf-8"
    )
    result = build(small, out, today=TODAY)
    after = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert "kurser/kraeft/index.html" in changed
    assert "kurser/demens-amu/index.html" not in changed
    assert result.written == len(changed)
    assert "47.000 kr." in (out / "kurser/kraeft/index.html").read_text(encoding="utf-8")


def test_removed_course_removes_its_page(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    path_file = small / "paths" / "ssa-til-special.yaml"
    path_file.write_text(
        path_file.read_text(encoding="utf-8").replace(
            "  - title: Demens\n    courses: [demens-amu]\n", ""
        ),
        encoding="utf-8",
    )
    (small / "demens-amu.yaml").unlink()
    result = build(small, out, today=TODAY)
    assert not (out / "kurser/demens-amu").exists()
    assert result.removed >= 1


def test_failed_build_keeps_the_previous_site(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    snapshot = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (small / "kraeft.yaml").write_text(
        KRAEFT.replace("kind: specialuddannelse", "kind: x"), encoding="utf-8"
    )
    with pytest.raises(CatalogueError):
        build(small, out, today=TODAY)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot


def test_contributed_markup_is_inert(tmp_path: Path) -> None:
    evil = KRAEFT.replace(
        "scope: whole",
        'scope: whole\ndescription: "Hej <script>alert(1)</script> <img src=x onerror=alert(2)> '
        '[klik](javascript:alert(3)) </script><b onmouseover=alert(4)>x</b>"',
    ).replace("title: Specialuddannelsen i kræftsygepleje", 'title: "<script>alert(5)</script>"')
    root = write_catalogue(tmp_path / "courses", {**SMALL, "kraeft.yaml": evil})
    build(root, tmp_path / "site", today=TODAY)
    for page in (tmp_path / "site").rglob("*.html"):
        found = Elements()
        found.feed(page.read_text(encoding="utf-8"))
        handlers = [
            (tag, name) for tag, attrs in found.tags for name, _ in attrs if name.startswith("on")
        ]
        assert handlers == [], page
        scripts = [dict(attrs) for tag, attrs in found.tags if tag == "script"]
        assert all(
            s.get("type") in ("application/ld+json", "application/json")
            or s.get("src", "").endswith(("assets/filter.js", "assets/search.js"))
            for s in scripts
        ), page
        links = [dict(attrs).get("href") or "" for tag, attrs in found.tags if tag == "a"]
        assert not any(link.startswith("javascript:") for link in links), page
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page


class Elements(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_build_cleans_up_after_itself(small: Path, tmp_path: Path) -> None:
    build(small, tmp_path / "site", today=TODAY)
    build(small, tmp_path / "site", today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".evu-cache", "courses", "site"]
    assert [p.name for p in (tmp_path / ".evu-cache").iterdir()] == ["site.pickle"]
    shutil.rmtree(tmp_path / "site")


def test_ids_are_unique_on_every_page(site: Path) -> None:
    for page in _pages(site):
        found = Elements()
        found.feed(page.read_text(encoding="utf-8"))
        ids = [value for _, attrs in found.tags for name, value in attrs if name == "id"]
        assert len(ids) == len(set(ids)), (page, sorted({i for i in ids if ids.count(i) > 1}))


def test_large_region_tables_are_paged_and_complete(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "courses", courses=80, offerings=900, seed=5)
    out = tmp_path / "site"
    build(tmp_path / "courses", out, today=TODAY)
    catalogue, _ = read_catalogue(tmp_path / "courses", TODAY)
    for region, rows in region_rows(catalogue, TODAY).items():
        expected = len(rows)
        base = out / urls.region(region)
        pages = [base / "index.html", *sorted(base.glob("side/*/index.html"))]
        shown = sum(len(_rows_of(p)) for p in pages)
        assert shown == expected, region
        assert all(len(_rows_of(p)) <= ROWS_PER_PAGE for p in pages)
        data = json.loads((out / urls.region_rows(region)).read_text(encoding="utf-8"))
        assert len(data["rader"]) == expected  # every row, for the page's instant filter
        titles = [data["kurser"][row[0]][0] for row in data["rader"]]
        assert titles == [r.course.title for r in rows]  # in the table's order
        page = (base / "index.html").read_text(encoding="utf-8")
        assert f'data-rader="../../{urls.region_rows(region)}"' in page  # fetched by the script
    assert any((out / urls.region(r) / "side" / "2").is_dir() for r in regions().values())


def _rows_of(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    body = html.split('<div id="hold-liste">', 1)[1].split('id="abonner"', 1)[0]
    return re.findall(r'<li class="kort"', body)


# --- What a nurse, an HR planner and a maintainer rely on ----------------------------------------


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_every_course_page_leads_on_to_sign_up_or_the_provider(site: Path) -> None:
    catalogue, _ = read_catalogue(BUNDLED, TODAY)
    for course in catalogue.courses.values():
        page = _soup(site / urls.file_of(urls.course(course.id)))
        [action] = page.select(".handling a.knap-primaer")
        target = action["href"]
        signups = {o.signup_url for o in course.offerings if o.signup_url}
        sources = {s.url for s in course.sources}
        if action.get_text().startswith("Tilmeld"):  # an upcoming class takes sign-ups
            assert target in signups, course.id
        else:  # the course's own page at its provider, or the page its facts come from
            assert target in sources, course.id


def test_profession_pages_use_the_plural_from_the_list(site: Path) -> None:
    catalogue, _ = read_catalogue(BUNDLED, TODAY)
    for profession in catalogue.professions.values():
        page = _soup(site / urls.file_of(urls.profession(profession.id)))
        assert page.h1.get_text() == profession.plural
        plural = profession.plural.lower()
        headings = [h.get_text(" ", strip=True) for h in page.select("main h2")]
        assert f"Uddannelser kun for {plural}" in " ".join(headings), headings


def test_lists_are_in_danish_alphabetical_order(site: Path) -> None:
    home = _soup(site / "index.html")
    topics = [a.get_text() for a in home.select("#emner ~ ul a")]
    assert topics.index("Palliation og den svære samtale") < topics.index("Pårørendesamarbejde")
    assert topics == sorted(topics, key=sort_key)
    professions = [a.get_text() for a in home.select("#erhverv ~ ul a")]
    assert professions == sorted(professions, key=sort_key)
    assert professions.index("Portør") < professions.index("Pædagog")  # æ after z


def test_course_lists_are_cards_that_say_when_where_and_what_it_costs(site: Path) -> None:
    page = _soup(site / "emner/demens/index.html")
    cards = page.select("main .kort")
    assert len(cards) > 5
    for card in cards:
        facts = [dt.get_text() for dt in card.select("dt")]
        assert facts == ["Næste start", "Hvor", "Pris", "Omfang"]
        assert card.select_one(".kort-type").get_text()  # the kind, in the singular
        assert card.select_one(".maerke").get_text().startswith("Merit: ")
    kinds = {c.select_one(".kort-type").get_text() for c in cards}
    assert "AMU-kursus" in kinds and "AMU-kurser" not in kinds


def test_long_lists_can_be_sorted_without_javascript(site: Path) -> None:
    by_price = _soup(site / "typer/kursus/efter-pris/index.html")
    choices = [a.get_text() for a in by_price.select(".sortering a")]
    assert choices == ["Titel", "Næste start"]  # the order shown is not a link
    prices = [
        card.select("dd")[2].get_text() for card in by_price.select("main .kort")
    ]  # cheapest first, unpublished prices last

    def kroner(text: str) -> int | None:
        if text == "Gratis":
            return 0
        return int(text.removesuffix(" kr.").replace(".", "")) if text.endswith(" kr.") else None

    known = [k for p in prices if (k := kroner(p)) is not None]
    assert known == sorted(known) and known[-1] > 0
    assert [kroner(p) for p in prices[len(known) :]] == [None] * (len(prices) - len(known))
    by_title = _soup(site / "typer/kursus/index.html")
    titles = [card.h2.get_text() for card in by_title.select("main .kort")]
    assert titles == sorted(titles, key=sort_key)


def test_a_course_shows_upcoming_classes_first_and_marks_past_ones(tmp_path: Path) -> None:
    ended = KRAEFT + (
        '  - provider: kp\n    postnummer: "2200"\n    start: 2025-02-01\n    end: 2025-06-30\n'
        '  - provider: kp\n    postnummer: "2200"\n    start: 2027-09-01\n    status: cancelled\n'
    )
    root = write_catalogue(tmp_path / "courses", {**SMALL, "kraeft.yaml": ended})
    build(root, tmp_path / "site", today=TODAY)
    page = _soup(tmp_path / "site/kurser/kraeft/index.html")
    sections = [h.get_text() for h in page.select("#hold ~ h3")]
    assert sections == ["Kommende hold", "Afsluttede og aflyste hold"]
    upcoming, earlier = page.select("#hold ~ ul.kort-liste")[:2]
    assert [c.h4.get_text() for c in upcoming.select(".kort")] == [
        "1. februar 2027 – 30. juni 2028"
    ]
    assert [c.select_one(".kort-status").get_text() for c in earlier.select(".kort")] == [
        "Aflyst",
        "Afsluttet",
    ]
    home = _soup(tmp_path / "site/index.html")
    figures = [li.get_text(" ", strip=True) for li in home.select(".tal li")]
    assert "1 kommende hold" in figures  # upcoming only, not the ended or cancelled


def test_the_home_page_says_honestly_when_no_class_is_coming(site: Path) -> None:
    home = _soup(site / "index.html")  # every dated class of the bundled catalogue has ended
    assert "0 kommende hold" in home.select_one(".tal").get_text(" ", strip=True)
    soon = home.select_one("#snart").find_next("p")
    assert soon.get_text().startswith("Kataloget kender ingen hold, der starter efter i dag.")
    assert soon.select_one("a[href='#regioner']") is not None  # what to try instead


def test_the_site_has_a_favicon_and_a_danish_page_for_a_wrong_address(site: Path) -> None:
    icon = (site / urls.FAVICON).read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO file …
    assert icon[22:30] == b"\x89PNG\r\n\x1a\n"  # … holding a PNG image
    missing = _soup(site / urls.NOT_FOUND)
    assert missing.h1.get_text() == "Siden findes ikke"
    assert missing.html["lang"] == "da"
    assert missing.select_one("a.logo")["href"] == "/"  # links from the root, at any depth
