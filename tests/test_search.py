"""`evu search` (whoosh) on the bundled catalogue, related courses and duplicate candidates."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from catalogue.derive import course_regions
from catalogue.model import Catalogue
from catalogue.pipeline import read_catalogue
from catalogue.search.document import modes
from catalogue.search.duplicates import candidates
from catalogue.search.index import SearchIndex, search_cache
from catalogue.search.related import related_ids
from conftest import BUNDLED, DEMENS, TODAY, WOUNDS, evu, unreferenced_course, write_catalogue
from evu.cli import main


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    catalogue, _ = read_catalogue(BUNDLED, TODAY)
    return catalogue


@pytest.fixture(scope="module")
def index(bundled: Catalogue) -> SearchIndex:
    return SearchIndex(bundled)


def search_json(*args: str) -> dict:
    result = evu("search", *args, "--today", TODAY.isoformat(), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`evu search` in this process (many cases; the real process is tested above)."""
    code = main(["search", *args, "--today", TODAY.isoformat()])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_search_ranks_courses_and_marks_the_words_in_a_snippet() -> None:
    found = search_json("demenskoordinator")
    ids = [h["id"] for h in found["hits"]]
    assert ids[0] == "dkdk-aarskursus-for-demenskoordinatorer"
    assert "**" in found["hits"][0]["snippet"]
    assert found["total"] >= len(ids) > 0


def test_search_prints_numbered_hits_with_their_address() -> None:
    result = evu("search", "kræftsygepleje", "--today", TODAY.isoformat())
    assert result.returncode == 0
    assert (
        " 1. Specialuddannelsen i kræftsygepleje (specialuddannelse) – kurser/kraeftsygepleje/"
        in (result.stdout)
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--region", "syddanmark"),
        ("--kind", "amu"),
        ("--profession", "SSA"),
        ("--topic", "palliation"),
        ("--mode", "online"),
    ],
)
def test_each_filter_keeps_only_matching_courses(
    bundled: Catalogue,
    index: SearchIndex,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
) -> None:
    code, out, _ = run(capsys, "pleje", option, value, "--limit", "200", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["hits"], f"nothing found with {option} {value}"
    for hit in found["hits"]:
        course = bundled.courses[hit["id"]]
        match option:
            case "--region":
                assert "Region Syddanmark" in course_regions(course)
            case "--kind":
                assert course.kind.value == "amu"
            case "--profession":
                assert "sosu-assistent" in course.professions
            case "--topic":
                assert "palliation" in course.topics
            case "--mode":
                assert "online" in modes(course)
    assert index.search("pleje", today=TODAY).total > found["total"]


def test_starts_within_keeps_courses_with_a_class_starting_in_time(small: Path) -> None:
    # The small catalogue's kræft class starts 2027-02-01, 71 days after TODAY.
    def found(days: str) -> list[str]:
        result = evu(
            "search",
            "",
            str(small),
            "--today",
            TODAY.isoformat(),
            "--json",
            "--starts-within",
            days,
        )
        assert result.returncode == 0, result.stderr
        return [h["id"] for h in json.loads(result.stdout)["hits"]]

    assert found("92") == ["kraeft"]
    assert found("30") == []


def test_a_misspelt_query_shows_what_was_meant_never_an_error() -> None:
    result = evu("search", "palliaton", "--today", TODAY.isoformat())
    assert result.returncode == 0
    assert "viser 'palliation'" in result.stdout
    assert "Mente du: palliation?" in result.stdout
    found = search_json("sygeplejeske")
    assert found["searched_for"] == "sygeplejerske" and found["total"] > 10
    assert found["suggestion"] == "sygeplejerske"


def test_a_query_with_no_hits_and_nothing_close_is_not_an_error() -> None:
    found = search_json("xyzzyq")
    assert (found["total"], found["hits"], found["suggestion"]) == (0, [], None)


@pytest.mark.parametrize(
    "query",
    ['"; DROP TABLE kurser; --', "<script>alert(1)</script>", "*?[]{}()^~:\\/", "", "ø" * 500],
)
def test_special_characters_are_searched_as_text(
    capsys: pytest.CaptureFixture[str], query: str
) -> None:
    code, out, _ = run(capsys, query)
    assert code == 0
    assert "uddannelse(r) fundet for" in out


def test_a_very_long_query_is_cut_and_still_searches() -> None:
    pasted = " ".join(["demens", "pleje", "og", "omsorg"] * 300)
    found = search_json(pasted)
    assert found["notes"] == ["Kun de første 32 ord er brugt."]
    assert found["total"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "kursu"], "did you mean 'kursus'"),
        (["--region", "Mars"], "unknown value 'Mars'"),
        (["--starts-within", "-3"], "--starts-within"),
        (["--starts-within", "tre"], "invalid int value"),
        (["--mode", "hybrid"], "invalid choice"),
        (["--profession", "astronaut"], "unknown value 'astronaut'"),
    ],
)
def test_bad_options_exit_1_with_a_message(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "demens", *args)
    assert code == 1
    assert message in err


def test_a_bad_option_in_a_real_process_gives_no_traceback() -> None:
    result = evu("search", "demens", "--region", "Mars")
    assert result.returncode == 1
    assert "evu search: --region: unknown value 'Mars'" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_on_an_invalid_catalogue_reports_the_problem(small: Path) -> None:
    (small / "kraeft.yaml").write_text("id: kraeft\ntitle: [\n", encoding="utf-8")
    result = evu("search", "kræft", str(small))
    assert result.returncode == 1
    assert "kraeft.yaml" in result.stdout and "yaml-syntax" in result.stdout


def test_the_course_page_lists_its_related_courses(tmp_path: Path) -> None:
    from site_build.build import build

    out = tmp_path / "site"
    build(BUNDLED, out, today=TODAY)
    page = (out / "kurser/kraeftsygepleje/index.html").read_text(encoding="utf-8")
    section = page.split('id="relateret"', 1)[1].split("</section>", 1)[0]
    expected = related_ids(read_catalogue(BUNDLED, TODAY)[0])["kraeftsygepleje"]
    assert len(expected) == 5
    for other in expected:
        assert f"../../kurser/{other}/" in section


def test_the_same_course_listed_twice_is_a_duplicate_candidate(small: Path) -> None:
    copy = DEMENS.replace("id: demens-amu", "id: demens-og-adfaerd").replace(
        "title: Demens og udadreagerende adfærd", "title: Udadreagerende adfærd og demens"
    )
    write_catalogue(small, {"demens-og-adfaerd.yaml": copy})
    catalogue, _ = read_catalogue(small, TODAY)
    found = candidates(catalogue)
    assert [(c.first.id, c.second.id) for c in found] == [("demens-amu", "demens-og-adfaerd")]
    assert "samme AMU-nummer (12345)" in found[0].reasons


def test_similar_but_different_courses_are_not_duplicate_candidates(bundled: Catalogue) -> None:
    pairs = {(c.first.id, c.second.id) for c in candidates(bundled)}
    assert ("intensiv-sygepleje", "kraeftsygepleje") not in pairs
    assert ("anaestesiologisk-sygepleje", "intensiv-sygepleje") not in pairs
    # A module and the education it belongs to are not the same course.
    assert ("afgangsprojekt-diplomuddannelse-i-ledelse", "diplomuddannelse-i-ledelse") not in pairs


def test_the_search_bundle_is_part_of_the_incremental_build(small: Path, tmp_path: Path) -> None:
    from site_build.build import MANIFEST, build

    out = tmp_path / "site"
    build(small, out, today=TODAY)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    bundle = sorted(p for p in manifest if p.startswith("pagefind/"))
    assert "pagefind/pagefind-entry.json" in bundle and "sog/ordliste.json" in manifest
    assert any(p.endswith(".pf_meta") for p in bundle)
    again = build(small, out, today=TODAY)
    assert (again.written, again.removed) == (0, 0)

    (small / "kraeft.yaml").write_text(
        (small / "kraeft.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "title: Specialuddannelsen i kræftsygepleje", "title: Kræftsygepleje for specialister"
        ),
        encoding="utf-8",
    )
    changed = build(small, out, today=TODAY)
    assert changed.removed > 0  # the old index files, named after their content
    after = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    on_disk = {str(p.relative_to(out)) for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert on_disk == {p for p in after if p.startswith("pagefind/")}
    assert on_disk != set(bundle)


def test_a_past_event_ranks_after_a_course_that_can_still_be_taken(tmp_path: Path) -> None:
    root = write_catalogue(tmp_path / "courses", WOUNDS)
    catalogue, _ = read_catalogue(root, TODAY)
    index = SearchIndex(catalogue)
    hits = index.search("sårpleje", today=TODAY).hits
    assert [h.id for h in hits] == ["saar-kursus", "saar-temadag"]
    # Before the theme day was held, it was the better match and came first.
    earlier = index.search("sårpleje", today=date(2025, 1, 1)).hits
    assert [h.id for h in earlier] == ["saar-temadag", "saar-kursus"]


def test_a_second_evu_search_does_not_index_the_catalogue_again(tmp_path: Path) -> None:
    """`evu search` keeps its index beside the catalogue: the next search opens it, and after
    an edit only the changed course is indexed again; a deleted course is gone from it."""
    small = tmp_path / "courses"
    shutil.copytree(BUNDLED, small)
    folder = search_cache(small)
    catalogue = read_catalogue(small, TODAY)[0]
    first = SearchIndex(catalogue, folder=folder)
    assert first.indexed == len(catalogue.courses) and folder.is_dir()
    in_memory = SearchIndex(catalogue).search("demens", today=TODAY)
    second = SearchIndex(catalogue, folder=folder)
    assert second.indexed == 0
    assert second.search("demens", today=TODAY) == in_memory
    course = unreferenced_course(small)
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("title: ", "title: Sommerfuglevinger ", 1), encoding="utf-8")
    third = SearchIndex(read_catalogue(small, TODAY)[0], folder=folder)
    assert third.indexed == 1
    assert [h.id for h in third.search("sommerfuglevinger", today=TODAY).hits] == [course.stem]
    course.unlink()
    rest = read_catalogue(small, TODAY)[0]
    fourth = SearchIndex(rest, folder=folder)
    assert fourth.indexed == 0 and fourth.search("sommerfuglevinger", today=TODAY).total == 0
    afresh = SearchIndex(rest)
    for words in ("demens", "sosu-assistent sår", "ledelse diplom", "akut sygepleje"):
        # The same courses in the same order (after merging, whoosh sums its lossy per-course
        # field lengths, so scores may differ in the second decimal).
        kept = fourth.search(words, today=TODAY, limit=20).hits
        assert [h.id for h in kept] == [
            h.id for h in afresh.search(words, today=TODAY, limit=20).hits
        ]


def test_evu_search_twice_writes_nothing_the_second_time(small: Path) -> None:
    def written() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in search_cache(small).iterdir()}

    assert main(["search", "demens", str(small), "--today", TODAY.isoformat()]) == 0
    before = written()
    assert main(["search", "sår", str(small), "--today", TODAY.isoformat()]) == 0
    assert written() == before
