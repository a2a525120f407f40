"""`evu scrape`: fetch from a real server on 127.0.0.1, merge into a catalogue in tmp_path,
validate before writing, keep maintainers' edits, end classes that disappear."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from catalogue.pipeline import check
from conftest import TODAY, evu
from maintain.codelists import DEFAULT_REFERENCE
from scrapers.fetch import Fetcher, Politeness
from scrapers.run import Outcome, scrape

FIXTURES = Path(__file__).parent / "fixtures" / "scrapers"
FAST = Politeness(delay=0.0, retries=0)
UGDK_PAGE = DEFAULT_REFERENCE / "ugdk" / "datalogi_2024-05.html"


def amu_answer(**changes: Any) -> dict[str, Any]:
    """The fixture answer for the small catalogue's AMU course (demens-amu, number 12345)."""
    answer = json.loads((FIXTURES / "amu_40823.json").read_text(encoding="utf-8"))
    answer["holdCardDtos"][0].update(holdTitle="Demens og udadreagerende adfærd", **changes)
    return answer


class AmuPortal:
    """The AMU search on the test server, answering page 1 with `records` and page 2 empty."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")

    def answer(self, body: Any) -> str:
        self.server.clear_all_handlers()
        self.server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        for page, data in (("1", body), ("2", {"holdCardDtos": []})):
            text = data if isinstance(data, str) else json.dumps(data)
            self.server.expect_request(
                "/soeg", query_string={"subject_code": "12345", "pageCount": page}
            ).respond_with_data(text, content_type="application/json")
        return self.server.url_for("/soeg") + "?subject_code=12345&pageCount=1"


@pytest.fixture
def portal(httpserver: HTTPServer) -> AmuPortal:
    return AmuPortal(httpserver)


def run(root: Path, source: str, url: str, dry_run: bool = False) -> Outcome:
    return scrape(source, root, Fetcher(FAST), urls=[url], dry_run=dry_run, today=TODAY)


def course(root: Path, course_id: str) -> dict[str, Any]:
    return yaml.safe_load((root / f"{course_id}.yaml").read_text(encoding="utf-8"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def serve_page(httpserver: HTTPServer, address: str, page: Path, kraeft: Path | None = None) -> str:
    """Serve `page` at `address` on the local server (no robots.txt) and return its URL; with
    `kraeft` (a catalogue folder), its kraeft course names that URL as its source."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request(address).respond_with_data(
        page.read_bytes(), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for(address)
    if kraeft is not None:
        path = kraeft / "kraeft.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("https://www.ug.dk/kraeftsygeplejerske", url),
            encoding="utf-8",
        )
    return url


def scraped_class(root: Path) -> dict[str, Any]:
    classes = [
        o for o in course(root, "demens-amu")["offerings"] if str(o["start"]) == "2027-03-01"
    ]
    assert len(classes) == 1
    return classes[0]


def test_amu_class_is_added_with_provenance_and_the_catalogue_stays_valid(
    small: Path, portal: AmuPortal
) -> None:
    url = portal.answer(amu_answer())
    outcome = run(small, "amu", url)
    assert not outcome.failed, outcome.report.errors
    added = scraped_class(small)
    assert added["provider"] == "sosu-oj" and added["postnummer"] == "8000"
    assert added["seats"] == 16 and added["guaranteed"] is True
    assert added["source"] == {"url": url, "retrieved": TODAY}
    assert {"url": url, "retrieved": TODAY} in course(small, "demens-amu")["sources"]
    # The hand-written class the scraper never wrote is left alone.
    assert course(small, "demens-amu")["offerings"][0] == {
        "provider": "sosu-oj",
        "postnummer": "8000",
        "start": date(2026, 1, 12),
        "end": date(2026, 1, 16),
    }
    assert (
        (small / "demens-amu.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../catalogue/schemas/course.schema.json\n")
    )
    _, diagnostics = check(small, TODAY)
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert outcome.report.added_classes == [
        "demens-amu: sosu-oj, Aarhus C, Testvej 1, start 2027-03-01"
    ]


def test_second_run_with_nothing_changed_writes_nothing(small: Path, portal: AmuPortal) -> None:
    url = portal.answer(amu_answer())
    run(small, "amu", url)
    before = snapshot(small)
    outcome = run(small, "amu", url)
    assert outcome.files == {} and not outcome.report.has_changes
    assert snapshot(small) == before


def test_hand_edited_field_survives_a_rescrape(small: Path, portal: AmuPortal) -> None:
    run(small, "amu", portal.answer(amu_answer()))
    path = small / "demens-amu.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("seats: 16") == 1
    path.write_text(text.replace("seats: 16", "seats: 14  # checked by phone"), encoding="utf-8")

    outcome = run(small, "amu", portal.answer(amu_answer(participantCapacity=20, normpris=750)))
    assert not outcome.failed, outcome.report.errors
    changed = scraped_class(small)
    assert changed["seats"] == 14  # the maintainer's value
    assert changed["price"] == 750  # a field the scraper owns follows the source
    kept = "\n".join(outcome.report.kept_values)
    assert "`seats`: kept 14; the source says 20" in kept
    assert "# checked by phone" in path.read_text(encoding="utf-8")  # comments are kept too


def test_class_that_disappears_is_marked_ended_not_deleted(small: Path, portal: AmuPortal) -> None:
    run(small, "amu", portal.answer(amu_answer()))
    outcome = run(small, "amu", portal.answer({"holdCardDtos": []}))
    assert not outcome.failed, outcome.report.errors
    ended = scraped_class(small)
    assert ended["status"] == "ended"
    assert len(course(small, "demens-amu")["offerings"]) == 2  # nothing deleted
    assert outcome.report.gone_classes == [
        "demens-amu: sosu-oj, Aarhus C, Testvej 1, start 2027-03-01 (marked ended)"
    ]


def test_layout_change_writes_nothing_and_reports_it(small: Path, portal: AmuPortal) -> None:
    before = snapshot(small)
    outcome = run(small, "amu", portal.answer({"results": []}))
    assert outcome.failed
    assert outcome.report.errors == [
        f"{portal.server.url_for('/soeg')}?subject_code=12345&pageCount=1: "
        "layout changed: the answer has no list 'holdCardDtos'"
    ]
    assert snapshot(small) == before


def test_invalid_merge_result_writes_nothing_and_names_the_problem(
    small: Path, portal: AmuPortal
) -> None:
    before = snapshot(small)
    outcome = run(small, "amu", portal.answer(amu_answer(endDate="2027-02-01T00:00:00")))
    assert outcome.failed and outcome.files == {}
    assert snapshot(small) == before
    assert any(
        "the merged catalogue is invalid; nothing was written" in e
        and "demens-amu.yaml" in e
        and "date-order" in e
        for e in outcome.report.errors
    ), outcome.report.errors


def test_unknown_provider_is_reported_and_its_class_skipped(small: Path, portal: AmuPortal) -> None:
    outcome = run(small, "amu", portal.answer(amu_answer(institution="Ukendt Skole")))
    assert any("no provider of that name" in e for e in outcome.report.errors)
    assert all(str(o["start"]) != "2027-03-01" for o in course(small, "demens-amu")["offerings"])


def test_course_the_catalogue_lacks_is_proposed_not_written(
    small: Path, httpserver: HTTPServer
) -> None:
    url = serve_page(httpserver, "/uddannelser/datalogi", UGDK_PAGE)
    before = snapshot(small)
    outcome = run(small, "ugdk", url)
    assert not outcome.failed, outcome.report.errors
    assert snapshot(small) == before  # only a maintainer can name whom it is for
    [proposal] = outcome.report.proposed_courses
    assert yaml.safe_load(proposal.draft) == {
        "id": "datalogi",
        "title": "Datalogi",
        "kind": "other",
        "scope": "whole",
        "duration": {"amount": 3, "unit": "years"},
        "admission": {"education": "Gymnasial eksamen + specifikke adgangskrav"},
        "price_note": "SU",
        "sources": [{"url": url, "retrieved": TODAY}],
        "last_verified": TODAY,
    }
    markdown = outcome.report.markdown()
    assert "### New at the source (not added)" in markdown
    # The lead text goes to the reviewer, not into `description` (which is in our own words).
    assert "lead text at the source: Som datalog designer" in markdown


def test_ugdk_page_updates_the_course_that_names_it(small: Path, httpserver: HTTPServer) -> None:
    url = serve_page(httpserver, "/uddannelser/kraeft", UGDK_PAGE, small)
    outcome = run(small, "ugdk", url)
    assert not outcome.failed, outcome.report.errors
    updated = course(small, "kraeft")
    # Filled in: fields the course left empty. Kept: the maintainer's title and duration.
    assert updated["admission"] == {"education": "Gymnasial eksamen + specifikke adgangskrav"}
    assert updated["price_note"] == "SU"
    assert updated["title"] == "Specialuddannelsen i kræftsygepleje"
    assert updated["duration"] == {"amount": 1.5, "unit": "years"}
    assert updated["sources"] == [{"url": url, "retrieved": TODAY}]
    assert outcome.report.changes["kraeft"] == [
        '`admission`: (empty) → {"education": "Gymnasial eksamen + specifikke adgangskrav"}',
        "`price_note`: (empty) → SU",
    ]
    assert len(outcome.report.kept_values) == 2


def test_cli_dry_run_prints_yaml_and_changes_nothing(
    small: Path, portal: AmuPortal, tmp_path: Path
) -> None:
    before = snapshot(small)
    url = portal.answer(amu_answer())
    result = evu(
        "scrape", "amu", str(small), "--url", url, "--dry-run", "--today", TODAY.isoformat(),
        "--cache", str(tmp_path / "cache"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "# --- " in result.stdout and "demens-amu.yaml (dry run: not written)" in result.stdout
    assert "  - provider: sosu-oj\n" in result.stdout
    assert snapshot(small) == before
    assert not (tmp_path / "cache").exists()
    assert "nothing written" in result.stderr


def test_cli_writes_the_markdown_report_and_exits_1_on_errors(
    small: Path, portal: AmuPortal, tmp_path: Path
) -> None:
    report = tmp_path / "out" / "report.md"
    url = portal.answer({"results": []})
    result = evu(
        "scrape", "amu", str(small), "--url", url, "--report", str(report),
        "--today", TODAY.isoformat(), "--cache", str(tmp_path / "cache"),
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    text = report.read_text(encoding="utf-8")
    assert text.startswith("## Scraper `amu`")
    assert "### Errors" in text and "layout changed" in text
    assert "[" not in result.stderr.split("\n")[0]  # no progress bar when not on a terminal


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scrape", "nosuch"], "unknown source 'nosuch' (choose from amu, jsonld, kp,"),
        (["scrape", "amu", "--limit", "0"], "--limit must be 1 or more"),
        (["scrape", "amu", "--limit", "x"], "invalid int value: 'x'"),
    ],
)
def test_cli_bad_arguments(args: list[str], message: str) -> None:
    result = evu(*args)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_cli_refuses_an_invalid_catalogue(small: Path, tmp_path: Path) -> None:
    (small / "kraeft.yaml").write_text("id: kraeft\ntitle: [\n", encoding="utf-8")
    result = evu("scrape", "ugdk", str(small), "--cache", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert "kraeft.yaml:" in result.stdout and "nothing was written" in result.stderr


def test_class_status_follows_the_source_while_the_scraper_owns_it(
    small: Path, portal: AmuPortal
) -> None:
    run(small, "amu", portal.answer(amu_answer(currentParticipantAmount=16)))
    assert scraped_class(small)["status"] == "full"
    outcome = run(small, "amu", portal.answer(amu_answer(currentParticipantAmount=15)))
    assert "status" not in scraped_class(small)  # open again: derived from the dates
    assert outcome.report.changes == {
        "demens-amu: class sosu-oj, Aarhus C, Testvej 1, start 2027-03-01": [
            "`status`: full → (empty)"
        ]
    }


def test_course_field_edited_by_hand_after_a_scrape_is_kept(
    small: Path, httpserver: HTTPServer
) -> None:
    url = serve_page(httpserver, "/uddannelser/kraeft", UGDK_PAGE, small)
    path = small / "kraeft.yaml"
    run(small, "ugdk", url)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("price_note: SU", "price_note: SU kan ikke søges"), "utf-8")
    outcome = run(small, "ugdk", url)
    assert course(small, "kraeft")["price_note"] == "SU kan ikke søges"
    assert "kraeft `price_note`: kept SU kan ikke søges; the source says SU" in (
        outcome.report.kept_values
    )
    assert outcome.files == {}


def test_schema_org_classes_join_the_course_that_names_the_page(
    small: Path, httpserver: HTTPServer
) -> None:
    url = serve_page(httpserver, "/kraeft", FIXTURES / "microdata_course.html", small)
    outcome = run(small, "jsonld", url)
    assert not outcome.failed, outcome.report.errors
    offerings = course(small, "kraeft")["offerings"]
    assert [(o["provider"], o["postnummer"], str(o["start"])) for o in offerings] == [
        ("kp", "2200", "2027-02-01"),
        ("kp", "2200", "2027-09-01"),
    ]
    # The provider's name on the page resolved to its id in lists/providers.yaml.
    assert outcome.report.added_classes == ["kraeft: kp, København N, start 2027-09-01"]


def test_amu_listing_is_read_page_by_page(small: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    second = json.loads((FIXTURES / "amu_40823_page2.json").read_text(encoding="utf-8"))
    second["holdCardDtos"][0]["holdTitle"] = "Demens og udadreagerende adfærd"
    for page, body in (("1", amu_answer()), ("2", second), ("3", {"holdCardDtos": []})):
        httpserver.expect_request(
            "/soeg", query_string={"subject_code": "12345", "pageCount": page}
        ).respond_with_json(body)
    outcome = run(small, "amu", httpserver.url_for("/soeg") + "?subject_code=12345&pageCount=1")
    assert outcome.report.pages == 3
    assert outcome.report.added_classes == [
        "demens-amu: sosu-oj, Aarhus C, Testvej 1, start 2027-03-01",
        "demens-amu: sosu-oj, Aarhus C, start 2027-05-03",
    ]


def test_amu_portal_that_ignores_the_page_number_is_read_once(
    small: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/soeg").respond_with_json(amu_answer())
    outcome = run(small, "amu", httpserver.url_for("/soeg") + "?subject_code=12345&pageCount=1")
    assert outcome.report.pages == 2  # page 2 repeated page 1: the listing ends there
    assert len(outcome.report.added_classes) == 1
