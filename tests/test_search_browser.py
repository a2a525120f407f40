"""Search on the built site in a real browser: Debian's chromium driven by Playwright, the
Pagefind index the build wrote, the page's own Content-Security-Policy in force (no bypass),
axe-core for WCAG 2.1 A/AA, and the relevance test set."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect
from test_browser import wcag_violations

from conftest import TODAY, WOUNDS, write_catalogue

RELEVANCE = Path(__file__).resolve().parent / "relevance.yaml"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def searched(page: Page, term: str) -> None:
    """Wait until the results for `term` (with the current filters) are on the page."""
    page.wait_for_function(
        "term => (document.getElementById('resultater').dataset.soegning || '')"
        ".startsWith(term + '|') && "
        "document.getElementById('resultater').dataset.soegning.endsWith('|' + "
        "location.search.slice(1))",
        arg=term,
    )


def result_ids(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("#resultater h2 a", "els => els.map(e => e.href)")
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]


def count(page: Page) -> int:
    return int(page.locator("#soeg-status").inner_text().split()[0])


def open_search(page: Page, site: str, query: str = "") -> None:
    page.goto(site + "sog/" + query)
    page.wait_for_selector("#soeg[data-klar]")


def test_type_filter_unfilter_open_and_share_a_search(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site)
    page.get_by_label("Søg efter uddannelse, emne eller erhverv").fill("demens")
    searched(page, "demens")
    everything = count(page)
    assert everything >= 10
    assert page.locator("#soeg-status").get_attribute("role") == "status"  # polite live region
    assert "demens" in page.locator("#resultater mark").first.inner_text().lower()

    page.get_by_role("link", name="Filtrér (0 valgt)").click()  # one disclosure, after the results
    amu = page.get_by_role("checkbox", name="AMU-kurser")
    amu.check()
    searched(page, "demens")
    filtered = count(page)
    assert 0 < filtered < everything
    assert page.locator("#soeg-status").inner_text().endswith("fundet")
    assert page.locator("#valgt").inner_text() == "(1 valgt)"
    assert {t.strip() for t in page.locator("#resultater .kort-type").all_inner_texts()} == {
        "AMU-kursus"
    }
    shared = page.url
    assert "q=demens" in shared and "type=AMU-kurser" in shared

    amu.uncheck()
    searched(page, "demens")
    assert count(page) == everything

    amu.check()
    searched(page, "demens")
    first = result_ids(page)
    page.locator("#resultater h2 a").first.click()
    page.wait_for_url("**/kurser/**")
    assert page.locator("h1").inner_text() != "Søg i kataloget"

    page.goto(shared)  # the shared address gives the same search and the same results
    page.wait_for_selector("#soeg[data-klar]")
    searched(page, "demens")
    assert page.get_by_label("Søg efter uddannelse, emne eller erhverv").input_value() == "demens"
    chip = page.get_by_role("button", name="Fjern filteret AMU-kurser")  # shown by the count
    assert chip.is_visible() and page.locator("#til-filtre").inner_text() == "Filtrér (1 valgt)"
    page.locator("#filtre summary").click()
    assert page.get_by_role("checkbox", name="AMU-kurser").is_checked()
    assert result_ids(page) == first


def test_the_search_works_with_the_keyboard_alone(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site)
    for _ in range(30):  # Tab from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    page.keyboard.type("palliation")
    page.keyboard.press("Enter")
    searched(page, "palliation")
    total = count(page)
    for _ in range(60):  # past the results to the filters' disclosure, opened with Enter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("the filters cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the first filter, ticked with the space bar
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    searched(page, "palliation")
    assert count(page) < total
    assert page.evaluate("document.activeElement.checked")


def test_a_misspelt_query_says_what_was_meant(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site, "?q=palliaton")
    searched(page, "palliaton")
    assert count(page) > 0
    assert "Mente du \u201dpalliation\u201d?" in page.locator("#mente").inner_text()


def test_the_search_page_has_no_wcag_violations(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site, "?q=sygepleje&region=Region+Syddanmark")
    searched(page, "sygepleje")
    assert wcag_violations(page) == []


def test_the_home_page_search_box_opens_the_search(page: Page, bundled_site: str) -> None:
    page.goto(bundled_site)
    page.get_by_label("Søg efter uddannelse, emne eller erhverv").fill("kræftsygepleje")
    page.get_by_label("Søg efter uddannelse, emne eller erhverv").press("Enter")
    page.wait_for_url("**/sog/?q=*")
    searched(page, "kræftsygepleje")
    assert "kraeftsygepleje" in result_ids(page)


def test_relevance_set_in_the_browser(page: Page, bundled_site: str) -> None:
    cases = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))
    open_search(page, bundled_site)
    wanted = found = 0
    misses = []
    box = page.get_by_label("Søg efter uddannelse, emne eller erhverv")
    for case in cases:
        box.fill(case["query"])
        box.press("Enter")
        searched(page, case["query"])
        top = result_ids(page)[:10]
        missing = [c for c in case["expect"] if c not in top]
        wanted += len(case["expect"])
        found += len(case["expect"]) - len(missing)
        if missing:
            misses.append((case["query"], missing))
    assert found / wanted >= 0.95, misses


def test_on_a_phone_the_count_and_results_come_before_the_filters(
    page: Page, bundled_site: str
) -> None:
    open_search(page, bundled_site, "?q=demens")
    searched(page, "demens")
    status = page.locator("#soeg-status").bounding_box()
    first = page.locator("#resultater > li").first.bounding_box()
    filters = page.locator("#filtre").bounding_box()
    assert status and first and filters
    assert status["y"] + status["height"] <= 844  # the count is on the first screen
    assert first["y"] < 844  # and the first result starts on it
    assert status["y"] < first["y"] < filters["y"]  # the filters come after the results
    assert page.locator("#filtre summary").inner_text() == "Filtrér (0 valgt)"
    assert not page.get_by_role("checkbox", name="AMU-kurser").is_visible()  # behind it


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


QUERIES = ["demens", "sygepleje", "SSA demens", "palliation", "velfærdsteknologi", "ledelse"]


@pytest.mark.parametrize("query", QUERIES)
def test_snippets_show_only_words_the_course_page_shows(
    page: Page, bundled_site: str, query: str
) -> None:
    """A snippet is made from the course's visible text, never from the hidden search
    enrichment (synonyms, compound parts), and it highlights whole words that match."""
    open_search(page, bundled_site, "?q=" + query)
    searched(page, query)
    results = page.eval_on_selector_all(
        "#resultater > li",
        "items => items.map(i => [i.querySelector('h2 a').href, "
        "i.querySelector('.uddrag') ? i.querySelector('.uddrag').innerText : '', "
        "Array.from(i.querySelectorAll('.uddrag mark'), m => m.innerText)])",
    )
    assert results
    asked = [w for w in _words(query) if len(w) > 2]
    for href, snippet, marks in results[:10]:
        html = page.request.get(href).text()
        main = BeautifulSoup(html, "html.parser").find("main")
        assert main is not None
        shown = set(_words(main.get_text(" ")))
        assert set(_words(snippet)) <= shown, href
        for mark in marks:  # whole words, each one matching a word of the query
            [word] = _words(mark)
            assert any(word.startswith(w) or word.endswith(w) or w.startswith(word) for w in asked)
            assert len(word) >= 4 or word in asked, (href, mark)


def test_results_say_when_where_and_what_it_costs(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site, "?q=kræft")
    searched(page, "kræft")
    cards = page.eval_on_selector_all(
        "#resultater > li",
        "items => items.map(i => Object.fromEntries(Array.from(i.querySelectorAll('dt'),"
        " dt => [dt.innerText, dt.nextElementSibling.innerText])))",
    )
    assert cards
    for facts in cards:
        assert set(facts) == {"Næste start", "Hvor", "Pris", "Omfang"}
        assert all(value.strip() for value in facts.values())


@pytest.fixture(scope="module")
def wounds_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from benchmarks.browser import served
    from site_build.build import build

    root = tmp_path_factory.mktemp("wounds")
    courses = write_catalogue(root / "courses", WOUNDS)
    build(courses, root / "site", today=TODAY)
    with served(root / "site") as address:
        yield address


def test_a_past_event_ranks_after_a_course_that_can_still_be_taken(
    page: Page, wounds_site: str
) -> None:
    open_search(page, wounds_site, "?q=sårpleje")
    searched(page, "sårpleje")
    assert result_ids(page) == ["saar-kursus", "saar-temadag"]


def test_a_chosen_filter_shows_by_the_count_and_goes_with_one_tap(
    page: Page, bundled_site: str
) -> None:
    open_search(page, bundled_site, "?q=sygepleje&region=Region+Syddanmark")
    searched(page, "sygepleje")
    filtered = count(page)
    chip = page.get_by_role("button", name="Fjern filteret Region Syddanmark")
    assert chip.is_visible()
    chip.click()
    page.wait_for_url("**/sog/?q=sygepleje")
    searched(page, "sygepleje")
    assert count(page) > filtered
    assert page.locator("#til-filtre").inner_text() == "Filtrér (0 valgt)"


def test_more_results_are_shown_on_request(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site, "?q=sygepleje")
    searched(page, "sygepleje")
    total = count(page)
    assert total > 20  # more than one screenful of results
    cards = page.locator("#resultater > li.kort")
    assert cards.count() == 20 and "(viser 20)" in page.locator("#soeg-status").inner_text()
    page.get_by_role("button", name="Vis flere").click()
    expect(cards).to_have_count(min(40, total))


def test_nothing_found_says_what_to_try(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site, "?q=xylofonundervisning")
    searched(page, "xylofonundervisning")
    assert count(page) == 0
    advice = page.locator("#resultater .tom")
    assert "Prøv et andet eller kortere ord" in advice.inner_text()
    assert advice.get_by_role("link", name="erhverv").is_visible()
