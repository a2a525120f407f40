"""`evu report`: each report finds the problems planted in a small catalogue and nothing else;
the data-quality page shows the same figures."""

from __future__ import annotations

import os
import re
from pathlib import Path

from catalogue.pipeline import read_catalogue
from catalogue.search.duplicates import candidates
from conftest import KRAEFT, PROVIDERS, REPO, SMALL, TODAY, evu, write_catalogue
from maintain import report
from site_build.build import build

TODAY_ARG = ("--today", TODAY.isoformat())

# A stale course and a stale provider; a course without ECTS, price or merit information.
STALE_KRAEFT = KRAEFT.replace("last_verified: 2026-11-01", "last_verified: 2025-10-01")
STALE_PROVIDERS = PROVIDERS.replace(
    "    - url: https://www.sosuoj.dk/\n      retrieved: 2026-11-01\n  last_verified: 2026-11-01",
    "    - url: https://www.sosuoj.dk/\n      retrieved: 2025-06-01\n  last_verified: 2025-06-01",
)
NO_FACTS = """\
id: sygepleje-kursus
title: Akut sygepleje i hjemmet
kind: kursus
scope: whole
professions: [sygeplejerske]
providers: [kp]
sources:
  - url: https://www.kp.dk/akut
    retrieved: 2026-11-01
last_verified: 2026-11-01
"""
# The same AMU course listed again under a slightly different title, and a module whose title
# repeats its whole education's (not a duplicate).
DEMENS_AGAIN = """\
id: demens-og-udadreagerende-adfaerd
title: Demens og udadreagerende adfaerd
kind: amu
scope: whole
ects: none
professions: [sosu-assistent]
providers: [sosu-oj]
sources:
  - url: https://www.sosuoj.dk/demens-igen
    retrieved: 2026-11-01
last_verified: 2026-11-01
"""
KRAEFT_MODULE = """\
id: kraeft-modul
title: Specialuddannelsen i kræftsygepleje, modul
kind: specialuddannelse
scope: module
part_of: kraeft
ects: none
professions: [sygeplejerske]
providers: [kp]
sources:
  - url: https://www.kp.dk/kraeft-modul
    retrieved: 2026-11-01
last_verified: 2026-11-01
"""


def _shown(path: Path) -> str:
    return os.path.relpath(path, REPO)


def _lines(root: Path, relative: str, needle: str) -> int:
    text = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(text, start=1) if needle in line)


def _report(name: str, root: Path, *options: str) -> str:
    result = evu("report", name, str(root), *TODAY_ARG, *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _rows(text: str) -> list[list[str]]:
    """The table rows of a plain-text report (after the header line)."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith(("file", "provider")))
    return [re.split(r"\s{2,}", line) for line in lines[header + 1 :] if line]


def test_the_small_catalogue_has_nothing_to_report(small: Path) -> None:
    for name in ("stale", "duplicates", "links"):
        text = _report(name, small)
        assert "\nfile " not in text, text
    assert "Every entry was verified within the last 12 months." in _report("stale", small)


def test_stale_finds_the_entries_not_verified_for_a_year(tmp_path: Path) -> None:
    root = write_catalogue(
        tmp_path / "courses",
        {**SMALL, "kraeft.yaml": STALE_KRAEFT, "lists/providers.yaml": STALE_PROVIDERS},
    )
    rows = _rows(_report("stale", root))
    provider_line = _lines(root, "lists/providers.yaml", "2025-06-01") + 1
    course_line = _lines(root, "kraeft.yaml", "last_verified")
    assert rows == [
        [f"{_shown(root / 'lists/providers.yaml')}:{provider_line}", "provider", "sosu-oj",
         "2025-06-01", "539"],
        [f"{_shown(root / 'kraeft.yaml')}:{course_line}", "course", "kraeft", "2025-10-01", "417"],
    ]  # fmt: skip


def test_gaps_counts_unpublished_facts_per_provider(tmp_path: Path) -> None:
    root = write_catalogue(tmp_path / "courses", {**SMALL, "sygepleje-kursus.yaml": NO_FACTS})
    text = _report("gaps", root)
    assert (
        "3 courses: 2 (67%) publish nothing about merit, 2 (67%) no price, "
        "1 (33%) no ECTS (neither points nor 'ects: none')."
    ) in text
    assert _rows(text) == [
        ["kp", "2", "1 (50%)", "1 (50%)", "1 (50%)"],
        ["sosu-oj", "1", "1 (100%)", "1 (100%)", "0 (0%)"],
    ]


def test_duplicates_finds_the_same_course_listed_twice(tmp_path: Path) -> None:
    root = write_catalogue(
        tmp_path / "courses",
        {
            **SMALL,
            "demens-og-udadreagerende-adfaerd.yaml": DEMENS_AGAIN,
            "kraeft-modul.yaml": KRAEFT_MODULE,
        },
    )
    catalogue, _ = read_catalogue(root, TODAY)
    found = candidates(catalogue)
    assert [(c.first.id, c.second.id) for c in found] == [
        ("demens-amu", "demens-og-udadreagerende-adfaerd")
    ]
    assert found[0].reasons[0].startswith("titlerne ligner hinanden")
    rows = _rows(_report("duplicates", root))
    assert [row[1:3] for row in rows] == [["demens-amu", "demens-og-udadreagerende-adfaerd"]]


def test_links_finds_missing_references_and_past_classes_still_open(tmp_path: Path) -> None:
    demens = SMALL["demens-amu.yaml"].replace(
        "topics: [demens, udadreagerende-adfaerd]", "topics: [demenz, udadreagerende-adfaerd]"
    )
    demens = demens.replace("    end: 2026-01-16\n", "    end: 2026-01-16\n    status: open\n")
    root = write_catalogue(tmp_path / "courses", {**SMALL, "demens-amu.yaml": demens})
    text = _report("links", root)
    course = _shown(root / "demens-amu.yaml")
    assert f"{course}:11  no topic with id 'demenz' (did you mean 'demens'?)" in text
    assert _rows(text.split("Classes in the past")[1]) == [
        [f"{course}:{_lines(root, 'demens-amu.yaml', 'status: open')}", "demens-amu",
         "2026-01-12", "2026-01-16"],
    ]  # fmt: skip
    # A catalogue with errors is still reported on, with a note.
    result = evu("report", "links", str(root), *TODAY_ARG)
    assert "note: 1 error(s) in the catalogue" in result.stderr


def test_markdown_output(tmp_path: Path) -> None:
    root = write_catalogue(tmp_path / "courses", {**SMALL, "kraeft.yaml": STALE_KRAEFT})
    text = _report("stale", root, "--markdown")
    assert text.startswith("# Stale entries\n\n## Not verified for more than 12 months\n")
    assert "| file | kind | id | last verified | days ago |\n|---|---|---|---|---|\n" in text
    assert "| course | kraeft | 2025-10-01 | 417 |\n" in text


def test_all_reports_without_a_name(small: Path) -> None:
    text = evu("report", str(small), *TODAY_ARG).stdout
    titles = [t for t in ("Stale entries", "Unpublished facts", "Duplicate candidates",
                          "Broken links") if f"{t}\n" in text]  # fmt: skip
    assert len(titles) == 4


def test_bad_report_arguments(tmp_path: Path) -> None:
    unknown = evu("report", "stail")
    assert unknown.returncode == 1
    assert (
        "evu report: 'stail' is neither a report (stale, gaps, duplicates, links) "
        "(did you mean 'stale'?) nor a catalogue folder"
    ) in unknown.stderr
    missing = evu("report", "gaps", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "nowhere:1:1: not-found: catalogue folder does not exist" in missing.stdout
    too_many = evu("report", "gaps", "courses", "more")
    assert too_many.returncode == 1 and "too many arguments" in too_many.stderr
    assert "Traceback" not in unknown.stderr + missing.stderr


def test_the_data_quality_page_shows_the_report_figures(tmp_path: Path) -> None:
    root = write_catalogue(
        tmp_path / "courses",
        {
            **SMALL,
            "kraeft.yaml": STALE_KRAEFT,
            "lists/providers.yaml": STALE_PROVIDERS,
            "sygepleje-kursus.yaml": NO_FACTS,
        },
    )
    build(root, tmp_path / "site", today=TODAY)
    page = (tmp_path / "site" / "datakvalitet" / "index.html").read_text(encoding="utf-8")
    shown = [
        [int(n) for n in re.findall(r"<td>(\d+)(?:\s%)?</td>", row)]
        for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", page)
    ]
    inputs = report.read(root, TODAY)
    expected = [
        [int(row[1]), *(int(re.search(r"\((\d+)%\)", c)[1]) for c in row[2:])]
        for row in report.gaps(inputs).tables[0].rows
    ]
    assert shown == expected == [[2, 50, 50, 50], [1, 100, 100, 0]]
    stale_ids = [row[2] for row in report.stale(inputs).tables[0].rows]
    assert stale_ids == ["sosu-oj", "kraeft"]
    assert (
        "SOSU Østjylland (senest" in page and "Specialuddannelsen i kræftsygepleje (senest" in page
    )


def test_the_cli_offers_every_report() -> None:
    from evu.cli import REPORT_NAMES

    assert tuple(report.REPORTS) == REPORT_NAMES
