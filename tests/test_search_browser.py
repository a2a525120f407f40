"""Search on the built site in a real browser: Debian's chromium driven by Playwright, the
Pagefind index the build wrote, the page's own Content-Security-Policy in force (no bypass),
axe-core for WCAG 2.1 A/AA, and the relevance test set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page
from test_browser import wcag_violations

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
    page.wait_for_selector("#facetter:not([hidden])")


def test_type_filter_unfilter_open_and_share_a_search(page: Page, bundled_site: str) -> None:
    open_search(page, bundled_site)
    page.get_by_label("Søg efter uddannelse, emne eller erhverv").fill("demens")
    searched(page, "demens")
    everything = count(page)
    assert everything >= 10
    assert page.locator("#soeg-status").get_attribute("role") == "status"  # polite live region
    assert "demens" in page.locator("#resultater mark").first.inner_text().lower()

    amu = page.get_by_role("checkbox", name="AMU-kurser")
    amu.check()
    searched(page, "demens")
    filtered = count(page)
    assert 0 < filtered < everything
    assert page.locator("#soeg-status").inner_text().endswith("fundet")
    assert {t.strip() for t in page.locator("#resultater .type").all_inner_texts()} == {
        "AMU-kurser"
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
    page.wait_for_selector("#facetter:not([hidden])")
    searched(page, "demens")
    assert page.get_by_label("Søg efter uddannelse, emne eller erhverv").input_value() == "demens"
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
    for _ in range(20):  # on to the first filter, ticked with the space bar
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
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
