"""The built site in a real browser: Debian's chromium driven by Playwright (no browser
download). Every page type at a phone's and a desktop's width: nothing scrolls sideways and
axe-core finds no WCAG 2.1 A/AA violation. The region filter by keyboard, in the address,
with the back button, and without JavaScript; printing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "",
    "kurser/kraeftsygepleje/",  # venues, a long source address
    "kurser/amu-magt-og-omsorg/",
    "kurser/velfaerdsteknologi-anno-konference/",  # classes that have ended
    "kurser/rehpa-national-temadag-palliativ-indsats-boern-unge/",  # a sign-up address
    "erhverv/sosu-assistent/",
    "erhverv/sygeplejerske/bred/",  # a profession's full list
    "karriereveje/ssh-til-ssa/",
    "karriereveje/sygeplejerske-til-specialsygeplejerske/",
    "regioner/syddanmark/",
    "regioner/hovedstaden/type/diplom/",
    "regioner/hovedstaden/form/online/",
    "udbydere/kp/",
    "typer/master/",
    "typer/kursus/efter-pris/side/2/",
    "emner/demens/",
    "datakvalitet/",
    "tilgaengelighed/",
    "sog/?q=demens",
    "404.html",
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


def sideways(page: Page) -> list[str]:
    """What makes the page wider than the window (empty when nothing scrolls sideways)."""
    return page.evaluate(
        """() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return [];
          return Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 9));
        }"""
    )


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("address", PAGES)
def test_page_fits_the_screen_and_has_no_wcag_violations(
    page: Page, bundled_site: str, address: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(bundled_site + address)
    assert response is not None and response.status == 200
    if address.startswith("sog/"):
        page.wait_for_selector("#resultater > li")
    assert sideways(page) == []
    assert wcag_violations(page) == []


def test_a_wrong_address_gets_the_danish_page_not_found(page: Page, bundled_site: str) -> None:
    """The tests' server serves 404.html for a missing address, as `evu serve` and GitHub
    Pages do; its links work from any depth."""
    response = page.goto(bundled_site + "kurser/findes-ikke/mere/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Siden findes ikke"
    assert sideways(page) == [] and wcag_violations(page) == []
    page.get_by_role("link", name="Forsiden").click()
    assert page.locator("h1").inner_text().startswith("Efter- og videreuddannelse")


def test_printing_a_course_keeps_the_content_and_drops_the_navigation(
    page: Page, bundled_site: str
) -> None:
    page.goto(bundled_site + "karriereveje/ssh-til-ssa/")
    page.emulate_media(media="print")
    assert page.locator("nav[aria-label=Hovedmenu]").is_hidden()
    assert page.locator(".krummer").is_hidden()
    assert page.locator("#trin").is_visible() and page.locator(".diagram svg").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("nav[aria-label=Hovedmenu]").is_visible()


def cards(page: Page) -> list[list[str]]:
    """The region list's cards as the user sees them: group, kind, text and link targets."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#hold-liste .kort'), li =>
            [li.closest('ul').previousElementSibling.innerText, li.dataset.type, li.innerText,
             ...Array.from(li.querySelectorAll('a'), a => a.getAttribute('href'))])"""
    )


def open_filter(page: Page, address: str) -> None:
    page.goto(address)
    expect(page.locator("#filter-form")).to_be_visible()  # shown once the rows are fetched


def test_region_filter_works_with_the_keyboard_alone(page: Page, bundled_site: str) -> None:
    open_filter(page, bundled_site + "regioner/hovedstaden/")
    total = len(cards(page))
    count = page.locator("#antal")
    assert count.inner_text() == f"{total} på listen"
    for _ in range(60):  # Tab through the page to the kind filter, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-type":
            break
    else:
        pytest.fail("the kind filter cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # first real option after "Alle"
    chosen = page.evaluate("document.getElementById('f-type').value")
    assert chosen != ""
    shown = cards(page)
    assert 0 < len(shown) < total
    assert count.inner_text() == f"{len(shown)} af {total} på listen"
    assert {card[1] for card in shown} == {chosen}
    page.keyboard.press("ArrowUp")  # back to "Alle"
    assert len(cards(page)) == total


def test_region_filter_is_kept_in_the_address(page: Page, bundled_site: str) -> None:
    """A filtered list can be shared and bookmarked; reload and the back button restore it."""
    base = bundled_site + "regioner/hovedstaden/"
    open_filter(page, base)
    everything = cards(page)
    page.select_option("#f-type", "diplom")
    diplom = cards(page)
    assert page.url == base + "?type=diplom"
    page.check("#f-online")
    assert page.url == base + "?type=diplom&online=1"
    both = cards(page)
    assert len(both) < len(diplom) < len(everything)

    page.reload()
    expect(page.locator("#filter-form")).to_be_visible()
    assert page.input_value("#f-type") == "diplom" and page.is_checked("#f-online")
    assert cards(page) == both

    page.go_back()
    assert page.url == base + "?type=diplom"
    assert not page.is_checked("#f-online") and cards(page) == diplom
    page.go_back()
    assert page.url == base and cards(page) == everything

    page.goto(base + "?type=diplom&online=1")  # a shared address opens the same list
    expect(page.locator("#filter-form")).to_be_visible()
    assert cards(page) == both


def test_the_downloads_follow_a_filter_that_has_a_page(page: Page, bundled_site: str) -> None:
    base = bundled_site + "regioner/hovedstaden/"
    open_filter(page, base)
    csv = page.locator("#hent-csv")
    note = page.locator("#filer-note")
    assert csv.get_attribute("href") == "../../regioner/hovedstaden/hold.csv" and note.is_hidden()
    page.select_option("#f-type", "diplom")  # one filter: the files of its page
    assert csv.get_attribute("href") == "../../regioner/hovedstaden/type/diplom/hold.csv"
    assert page.request.get(base + "type/diplom/hold.csv").ok and note.is_hidden()
    page.check("#f-snart")  # no page for this: the region's files, and the page says so
    assert csv.get_attribute("href") == "../../regioner/hovedstaden/hold.csv"
    assert note.is_visible()


def test_an_empty_filter_says_what_to_try(page: Page, bundled_site: str) -> None:
    open_filter(page, bundled_site + "regioner/syddanmark/?snart=1")
    assert cards(page) == []  # every dated class of the bundled catalogue has ended
    empty = page.locator("#hold-liste .tom")
    assert "Ingen hold starter inden for 3 måneder" in empty.inner_text()
    assert "Prøv at fjerne et filter" in empty.inner_text()
    empty.get_by_role("link").click()
    expect(page.locator("#filter-form")).to_be_visible()
    assert len(cards(page)) > 0


def test_the_filter_script_shows_the_cards_the_page_shows(
    browser: Browser, bundled_site: str
) -> None:
    """The script rebuilds the list from the region's rows file: before any filter is chosen
    it must show the very cards (groups, texts and links) the page shows without JavaScript."""
    shown = {}
    for script in (False, True):
        context = browser.new_context(java_script_enabled=script)
        page = context.new_page()
        page.goto(bundled_site + "regioner/hovedstaden/")
        if script:
            expect(page.locator("#filter-form")).to_be_visible()
        shown[script] = (cards(page), page.locator("#hold-liste .tom").all_inner_texts())
        context.close()
    assert shown[False][0] and shown[True] == shown[False]


def test_pages_work_without_javascript(browser: Browser, bundled_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_site + "regioner/hovedstaden/")
    assert page.locator("#filter-form").is_hidden()  # the JS form stays hidden; links do the job
    page.get_by_text("Filtrér uden JavaScript").click()
    page.locator(".filterlinks a").first.click()
    assert (
        "/regioner/hovedstaden/" in page.url and page.url != bundled_site + "regioner/hovedstaden/"
    )
    assert len(cards(page)) > 0
    page.goto(bundled_site + "sog/")  # the search's filters open without JavaScript too
    page.locator("#filtre summary").click()
    assert page.get_by_role("checkbox", name="AMU-kurser").is_visible()
    context.close()
