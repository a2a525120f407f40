"""Source adapters: fixture pages served on 127.0.0.1, fetched by the real HTTP layer, parsed.

The ug.dk golden test reads the real saved page and its expected text from
`shared/reference/ugdk/` (the same reference folder `tests/test_codelists.py` reads)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from catalogue.pipeline import read_catalogue
from conftest import TODAY
from maintain.codelists import DEFAULT_REFERENCE
from scrapers.adapters import ADAPTERS, amu, jsonld, kp, plan2learn, ugdk, via
from scrapers.fetch import Fetcher, Page, Politeness
from scrapers.records import (
    LayoutChanged,
    Scraped,
    parse_date,
    parse_duration,
    parse_kroner,
    soup,
)

FIXTURES = Path(__file__).parent / "fixtures" / "scrapers"
UGDK = DEFAULT_REFERENCE / "ugdk"
FAST = Politeness(delay=0.0, retries=0)
# The expected body text in shared/reference misspells three words that the saved page spells
# correctly; the parser returns the page's words, so the test corrects the expected text.
UGDK_ERRATA = [
    ("kan bruge til", "kan bruges til"),
    ("afhængigt af uddannelsested.", "afhængigt af uddannelsessted."),
    ("På Roskilde Universtet", "På Roskilde Universitet"),
]


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    return httpserver


def serve(server: HTTPServer, path: str, body: str | bytes, content_type: str) -> str:
    server.expect_request(path).respond_with_data(body, content_type=content_type)
    return server.url_for(path)


def fetch(url: str) -> Page:
    return Fetcher(FAST).get(url)


def ugdk_page() -> str:
    return (UGDK / "datalogi_2024-05.html").read_text(encoding="utf-8")


def only(records: list[Scraped]) -> Scraped:
    assert len(records) == 1
    return records[0]


# -- ug.dk ---------------------------------------------------------------------------------


def test_ugdk_golden_page_lead_and_body_text(site: HTTPServer) -> None:
    url = serve(site, "/uddannelser/datalogi", ugdk_page(), "text/html; charset=utf-8")
    page_soup = soup(fetch(url))
    manchet = (UGDK / "datalogi_expected_manchet.txt").read_text(encoding="utf-8")
    body = (UGDK / "datalogi_expected_body.txt").read_text(encoding="utf-8")
    for wrong, right in UGDK_ERRATA:
        assert body.count(wrong) == 1
        body = body.replace(wrong, right)
    assert ugdk.lead_text(page_soup, url) == manchet.strip()
    assert ugdk.body_text(page_soup) == body.strip()


def test_ugdk_fakta_box_becomes_catalogue_fields(site: HTTPServer) -> None:
    url = serve(site, "/uddannelser/datalogi", ugdk_page(), "text/html; charset=utf-8")
    record = only(ugdk.parse(fetch(url)))
    assert record.fields == {
        "title": "Datalogi",
        "duration": {"amount": 3, "unit": "years"},
        "admission": {"education": "Gymnasial eksamen + specifikke adgangskrav"},
        "price_note": "SU",
    }
    assert record.match == {"source": url}
    assert record.new_course == {"kind": "other", "scope": "whole"}  # the page names no Type
    assert record.lead and record.lead.startswith("Som datalog designer")


def test_ugdk_malformed_html_parses_as_a_browser_would(site: HTTPServer) -> None:
    broken = re.sub(r"</(p|li|dd|dt|span|ul)>", "", ugdk_page())  # unclosed elements
    broken = broken.replace("<dl>", "<dl><b><i>", 1).replace("</dl>", "</b></i></dl>", 1)
    url = serve(site, "/uddannelser/datalogi", broken, "text/html; charset=utf-8")
    record = only(ugdk.parse(fetch(url)))
    assert record.fields["title"] == "Datalogi"
    assert record.fields["duration"] == {"amount": 3, "unit": "years"}


def test_ugdk_page_in_windows_1252_without_charset(site: HTTPServer) -> None:
    page = ugdk_page().replace('<meta charset="utf-8">', "").replace("charset=utf-8", "")
    body = page.encode("cp1252", errors="replace")
    url = serve(site, "/uddannelser/datalogi", body, "text/html")
    record = only(ugdk.parse(fetch(url)))
    assert record.fields["price_note"] == "SU"
    assert "uundværlige" in (record.lead or "")


def test_ugdk_specialuddannelse_type_and_ects(site: HTTPServer) -> None:
    # The real page's Fakta box with the labels a specialuddannelse page carries (SOURCES.md).
    page = ugdk_page().replace(
        "<dt>Andre betegnelser:</dt>",
        "<dt>Type:</dt><dd>Specialuddannelse</dd><dt>ECTS:</dt><dd>60 ECTS-point</dd>"
        "<dt>Andre betegnelser:</dt>",
    )
    assert "<dt>Type:</dt>" in page
    url = serve(site, "/uddannelser/special", page, "text/html; charset=utf-8")
    record = only(ugdk.parse(fetch(url)))
    assert record.fields["ects"] == 60
    assert record.new_course == {"kind": "specialuddannelse", "scope": "whole"}


@pytest.mark.parametrize(
    ("remove", "missing"),
    [
        ("field-name-field-fakta", "div.field-name-field-fakta dl"),
        ("field-name-field-manchet", "div.field-name-field-manchet"),
    ],
)
def test_ugdk_layout_change_is_reported_not_parsed_into_empty_fields(
    site: HTTPServer, remove: str, missing: str
) -> None:
    page = ugdk_page().replace(remove, "field-name-field-renamed")
    url = serve(site, "/uddannelser/datalogi", page, "text/html; charset=utf-8")
    with pytest.raises(LayoutChanged) as caught:
        ugdk.parse(fetch(url))
    assert caught.value.missing == f"no element matches '{missing}'"


# -- AMU -----------------------------------------------------------------------------------


def test_amu_search_answer_becomes_classes(site: HTTPServer) -> None:
    body = (FIXTURES / "amu_40823.json").read_bytes()
    site.expect_request(
        "/soeg", query_string={"subject_code": "40823", "pageCount": "1"}
    ).respond_with_data(body, content_type="application/json")
    record = only(amu.parse(fetch(site.url_for("/soeg") + "?subject_code=40823&pageCount=1")))
    assert record.match == {"amu_number": "40823"}
    assert record.fields == {
        "amu_number": "40823",
        "title": "Patientsikkerhed og utilsigtede hændelser",
    }
    assert record.offerings == [
        {
            "provider_name": "SOSU Østjylland",
            "place": "Aarhus C, Testvej 1",
            "postnummer": "8000",
            "start": date(2027, 3, 1),
            "end": date(2027, 3, 3),
            "application_deadline": date(2027, 2, 15),
            "schedule": "3 undervisningsdage, Dag",
            "seats": 16,
            "price": 0,
            "mode": "onsite",
            "guaranteed": True,
        }
    ]
    assert record.complete_offerings
    assert record.next_url and "pageCount=2" in record.next_url


def test_amu_full_and_cancelled_classes() -> None:
    page = Page(
        amu.search_url("40823"),
        amu.search_url("40823"),
        (FIXTURES / "amu_40823_page2.json").read_text(encoding="utf-8"),
        "utf-8",
        "application/json",
    )
    assert only(amu.parse(page)).offerings[0]["status"] == "full"
    cancelled = page.text.replace('"aflyst": false', '"aflyst": true')
    page = Page(page.url, page.url, cancelled, "utf-8", "application/json")
    assert only(amu.parse(page)).offerings[0]["status"] == "cancelled"


def test_amu_answer_without_its_record_list_is_a_layout_change() -> None:
    url = amu.search_url("40823")
    for text, missing in (
        ('{"results": []}', "the answer has no list 'holdCardDtos'"),
        ("<html>Vedligeholdelse</html>", "the answer is not JSON"),
        ('{"holdCardDtos": [{"institution": "X"}]}', "record 1 has no holdTitle, startDate"),
    ):
        with pytest.raises(LayoutChanged) as caught:
            amu.parse(Page(url, url, text, "utf-8", "application/json"))
        assert caught.value.missing.startswith(missing)


def test_amu_empty_answer_means_no_classes_and_ends_the_listing() -> None:
    url = amu.search_url("40823", page=2)
    record = only(amu.parse(Page(url, url, '{"holdCardDtos": []}', "utf-8", "application/json")))
    assert (record.offerings, record.next_url, record.new_course) == ([], None, None)


# -- schema.org ----------------------------------------------------------------------------


def test_jsonld_course_with_instances(site: HTTPServer) -> None:
    html = (FIXTURES / "jsonld_course.html").read_text(encoding="utf-8")
    record = only(jsonld.parse(fetch(serve(site, "/kursus", html, "text/html"))))
    assert record.fields == {
        "title": "Demens og udadreagerende adfærd",
        "duration": {"amount": 5, "unit": "days"},
        "price": 0,
    }
    assert record.offerings == [
        {
            "provider_name": "SOSU Østjylland",
            "postnummer": "8000",
            "place": "Aarhus C",
            "start": date(2027, 4, 12),
            "end": date(2027, 4, 16),
            "mode": "onsite",
        }
    ]
    assert record.new_course is None  # schema.org does not say what kind of education it is


def test_microdata_course_with_an_instance(site: HTTPServer) -> None:
    html = (FIXTURES / "microdata_course.html").read_text(encoding="utf-8")
    record = only(jsonld.parse(fetch(serve(site, "/kraeft", html, "text/html"))))
    assert record.fields == {
        "title": "Specialuddannelsen i kræftsygepleje",
        "duration": {"amount": 18, "unit": "months"},
    }
    assert record.offerings == [
        {
            "provider_name": "Københavns Professionshøjskole",
            "postnummer": "2200",
            "place": "København N",
            "start": date(2027, 9, 1),
            "end": date(2029, 2, 28),
        }
    ]


def test_page_without_schema_org_course_is_a_layout_change(site: HTTPServer) -> None:
    url = serve(site, "/tom", "<html><body><h1>Kursus</h1></body></html>", "text/html")
    with pytest.raises(LayoutChanged, match=r"no schema\.org Course"):
        jsonld.parse(fetch(url))


# -- plan2learn, VIA, KP -------------------------------------------------------------------


def test_plan2learn_course_page(site: HTTPServer) -> None:
    html = (FIXTURES / "plan2learn_kursus.html").read_text(encoding="utf-8")
    record = only(plan2learn.parse(fetch(serve(site, "/Kursus", html, "text/html"))))
    assert record.fields == {"title": "Introduktion til palliation"}
    # The row "Aftales" has no date: it is not a class the catalogue can list.
    assert record.offerings == [
        {
            "provider_name": "Region Syddanmark",
            "place": "Testvej 2, 5000 Odense C",
            "postnummer": "5000",
            "start": date(2027, 3, 1),
            "end": date(2027, 3, 2),
            "application_deadline": date(2027, 2, 1),
            "seats": 24,
            "price": 1200,
        }
    ]


def test_via_module_page(site: HTTPServer) -> None:
    html = (FIXTURES / "via_modul.html").read_text(encoding="utf-8")
    record = only(via.parse(fetch(serve(site, "/modul", html, "text/html"))))
    assert record.fields == {
        "title": "Klinisk lederskab af patientforløb",
        "ects": 10,
        "price": 12500,
    }
    assert record.offerings == [
        {
            "provider": "via",
            "start": date(2027, 2, 1),
            "place": "Testvej 3, 8200 Aarhus N",
            "postnummer": "8200",
            "application_deadline": date(2026, 12, 1),
        }
    ]
    assert record.new_course == {"kind": "diplom", "scope": "module", "providers": ["via"]}


def test_kp_module_page(site: HTTPServer) -> None:
    html = (FIXTURES / "kp_modul.html").read_text(encoding="utf-8")
    record = only(kp.parse(fetch(serve(site, "/modul", html, "text/html"))))
    assert record.fields == {
        "title": "Afgangsprojekt – sundhedsfaglig diplomuddannelse",
        "ects": 15,
        "price": 17000,
    }
    assert record.offerings[0]["postnummer"] == "2200"
    assert record.offerings[0]["start"] == date(2027, 2, 1)
    assert record.new_course and record.new_course["kind"] == "diplom"


@pytest.mark.parametrize(
    ("adapter", "fixture", "renamed"),
    [
        (via, "via_modul.html", 'class="facts"'),
        (kp, "kp_modul.html", 'class="module-facts"'),
        (plan2learn, "plan2learn_kursus.html", 'class="hold"'),
    ],
)
def test_module_and_catalogue_pages_report_a_layout_change(
    site: HTTPServer, adapter: object, fixture: str, renamed: str
) -> None:
    html = (FIXTURES / fixture).read_text(encoding="utf-8").replace(renamed, 'class="x"')
    url = serve(site, "/side", html, "text/html")
    with pytest.raises(LayoutChanged, match="no element matches"):
        adapter.parse(fetch(url))  # type: ignore[attr-defined]


def test_every_adapter_is_registered_with_its_name(small: Path) -> None:
    """A nightly run reads the pages the catalogue's courses name as sources on the adapter's
    site (not the providers' own pages), and the AMU portal's search for each AMU number."""
    assert sorted(ADAPTERS) == ["amu", "jsonld", "kp", "plan2learn", "ugdk", "via"]
    catalogue, _ = read_catalogue(small, TODAY)
    assert ADAPTERS["ugdk"].urls(catalogue) == ["https://www.ug.dk/kraeftsygeplejerske"]
    assert ADAPTERS["kp"].urls(catalogue) == []  # www.kp.dk/ is a provider's source only
    assert ADAPTERS["amu"].urls(catalogue) == [amu.search_url("12345")]
    assert ADAPTERS["jsonld"].urls(catalogue) == []


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("3 år", {"amount": 3, "unit": "years"}),
        ("1½ år", {"amount": 1.5, "unit": "years"}),
        ("Deltid over 2 år", {"amount": 2, "unit": "years", "note": "Deltid over 2 år"}),
        ("3-4 år", None),  # a range is not one duration
        ("Varierer", None),
    ],
)
def test_published_durations(text: str, duration: dict[str, object] | None) -> None:
    assert parse_duration(text) == duration


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2027-02-01T00:00:00", date(2027, 2, 1)),
        ("1.2.2027", date(2027, 2, 1)),
        ("1. februar 2027", date(2027, 2, 1)),
        ("31.02.2027", None),
        ("Aftales", None),
    ],
)
def test_published_dates(text: str, value: date | None) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("46.000 kr.", 46000), ("kr. 46.000,-", 46000), ("2.950,00 kr", 2950), ("99,50 kr", None)],
)
def test_published_prices(text: str, value: int | None) -> None:
    assert parse_kroner(text) == value
