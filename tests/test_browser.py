"""The built site in a real browser: Debian's chromium driven by Playwright (no browser
download), checked with axe-core for WCAG 2.1 A/AA, and the region filter used by keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "",
    "kurser/kraeftsygepleje/",
    "kurser/amu-magt-og-omsorg/",
    "erhverv/sosu-assistent/",
    "karriereveje/ssh-til-ssa/",
    "karriereveje/sygeplejerske-til-specialsygeplejerske/",
    "regioner/syddanmark/",
    "regioner/hovedstaden/type/diplom/",
    "udbydere/kp/",
    "typer/master/",
    "emner/demens/",
    "datakvalitet/",
    "tilgaengelighed/",
]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # axe is injected by the test, so the page's own Content-Security-Policy is bypassed here.
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def wcag_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one line each."""
    results = Axe().run(page, options=WCAG)
    assert results.response["passes"], "axe-core did not run"
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("address", PAGES)
def test_page_has_no_wcag_violations(page: Page, bundled_site: str, address: str) -> None:
    response = page.goto(bundled_site + address)
    assert response is not None and response.status == 200
    assert wcag_violations(page) == []


def test_region_filter_works_with_the_keyboard_alone(page: Page, bundled_site: str) -> None:
    page.goto(bundled_site + "regioner/hovedstaden/")
    expect(page.locator("#filter-form")).to_be_visible()  # shown once the rows are fetched
    rows = page.locator("#hold-tabel tbody tr")
    total = rows.count()
    count = page.locator("#antal")
    assert count.inner_text() == f"{total} rækker"
    for _ in range(60):  # Tab through the page to the kind filter, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-type":
            break
    else:
        pytest.fail("the kind filter cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # first real option after "Alle"
    chosen = page.evaluate("document.getElementById('f-type').value")
    assert chosen != ""
    visible = rows.filter(visible=True)
    shown = visible.count()
    assert 0 < shown < total
    assert count.inner_text() in (f"{shown} rækker", f"{shown} række")
    kinds = {visible.nth(i).get_attribute("data-type") for i in range(shown)}
    assert kinds == {chosen}
    page.keyboard.press("ArrowUp")  # back to "Alle"
    assert rows.filter(visible=True).count() == total


def test_the_filter_script_shows_the_rows_the_page_shows(
    browser: Browser, bundled_site: str
) -> None:
    """The script rebuilds the table from the region's rows file: before any filter is
    chosen it must show the very rows (texts and links) the page shows without JavaScript."""
    shown = {}
    for script in (False, True):
        context = browser.new_context(java_script_enabled=script)
        page = context.new_page()
        page.goto(bundled_site + "regioner/hovedstaden/")
        if script:
            expect(page.locator("#filter-form")).to_be_visible()
        shown[script] = page.evaluate(
            """() => Array.from(document.querySelectorAll('#hold-tabel tbody tr'), tr =>
                [tr.dataset.type, tr.innerText,
                 ...Array.from(tr.querySelectorAll('a'), a => a.getAttribute('href'))])"""
        )
        context.close()
    assert shown[False] and shown[True] == shown[False]


def test_pages_work_without_javascript(browser: Browser, bundled_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_site + "regioner/hovedstaden/")
    assert page.locator("#filter-form").is_hidden()  # the JS form stays hidden; links do the job
    page.get_by_text("Filtrer uden JavaScript").click()
    page.locator(".filterlinks a").first.click()
    assert (
        "/regioner/hovedstaden/" in page.url and page.url != bundled_site + "regioner/hovedstaden/"
    )
    assert page.locator("#hold-tabel tbody tr").count() > 0
    context.close()
