"""The `evu` command as a user runs it: real processes, real files, exit codes, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import KRAEFT, SMALL, evu, write_catalogue


def test_validate_ok(small: Path) -> None:
    result = evu("validate", str(small), "--today", "2026-11-22")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("ok: 11 entries in 6 file(s)")


def test_validate_reports_path_line_column_and_exits_1(tmp_path: Path) -> None:
    root = write_catalogue(
        tmp_path / "courses", {**SMALL, "kraeft.yaml": KRAEFT.replace("unit: years", "unit: aar")}
    )
    result = evu("validate", "courses", "--today", "2026-11-22", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "courses/kraeft.yaml:9:9: bad-value: 'unit' is 'aar'; "
        "allowed: hours, days, weeks, months, years"
    ]
    assert "Traceback" not in result.stderr
    assert root.exists()


def test_validate_github_annotations(tmp_path: Path) -> None:
    write_catalogue(
        tmp_path / "courses",
        {**SMALL, "kraeft.yaml": KRAEFT.replace("price: 46000", "price: mange")},
    )
    result = evu("validate", "courses", "--format", "github", "--today", "2026-11-22", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=courses/kraeft.yaml,line=14,col=8,title=type::"
        "'price' must be a whole number, not 'mange'"
    ]


def test_strict_makes_warnings_fatal(small: Path) -> None:
    lenient = evu("validate", str(small), "--today", "2028-01-01")
    strict = evu("validate", str(small), "--today", "2028-01-01", "--strict")
    assert lenient.returncode == 0
    assert "stale: warning: not verified since 2026-11-01" in lenient.stdout
    assert strict.returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--today", "yesterday"],
        ["validate", "--format", "xml"],
        ["frobnicate"],
        ["stats", "--bogus"],
        [],
    ],
)
def test_bad_arguments_exit_1_without_traceback(args: list[str]) -> None:
    result = evu(*args)
    assert result.returncode == 1
    assert result.stderr.startswith("evu")
    assert "Traceback" not in result.stderr


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    result = evu("validate", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "not-found: catalogue folder does not exist" in result.stdout


def test_stats_json_counts(small: Path) -> None:
    result = evu("stats", str(small), "--json", "--today", "2026-11-22")
    assert result.returncode == 0, result.stdout
    figures = json.loads(result.stdout)
    assert figures["courses"] == 2
    assert figures["courses_by_kind"]["amu"] == 1
    assert figures["courses_by_kind"]["specialuddannelse"] == 1
    assert figures["offerings_by_region"]["Region Hovedstaden"] == 1
    assert figures["offerings_by_region"]["Region Midtjylland"] == 1
    assert figures["professions"] == 3
    assert figures["career_paths"] == 1
    assert figures["share_unknown"] == {"merit": 0.5, "price": 0.5, "ects": 0.0}


def test_stats_refuses_invalid_catalogue(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "courses", {**SMALL, "kraeft.yaml": "id: [\n"})
    result = evu("stats", "courses", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("courses/kraeft.yaml:2:1: yaml-syntax:")
    assert "Traceback" not in result.stderr


def test_build_refuses_invalid_catalogue_and_keeps_the_site(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "courses", SMALL)
    first = evu("build", "courses", "--out", "site", "--today", "2026-11-22", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "file(s) written" in first.stdout
    before = (tmp_path / "site" / "index.html").read_bytes()
    (tmp_path / "courses" / "kraeft.yaml").write_text(
        KRAEFT.replace("unit: years", "unit: år"), encoding="utf-8"
    )
    second = evu("build", "courses", "--out", "site", "--today", "2026-11-22", cwd=tmp_path)
    assert second.returncode == 1
    assert second.stdout.startswith("courses/kraeft.yaml:9:9: bad-value:")
    assert "nothing was written" in second.stderr and "Traceback" not in second.stderr
    assert (tmp_path / "site" / "index.html").read_bytes() == before
