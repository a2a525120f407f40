"""Queries on a small catalogue written to tmp_path."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from benchmarks.synthetic import write_synthetic
from catalogue import queries
from catalogue.model import Status
from catalogue.pipeline import read_catalogue
from conftest import TODAY


def test_courses_by_profession_provider_topic(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)

    def ids(courses: list) -> list[str]:
        return [c.id for c in courses]

    assert ids(queries.courses_by_profession(catalogue)["sosu-assistent"]) == ["demens-amu"]
    by_provider = queries.courses_by_provider(catalogue)
    assert {p: ids(c) for p, c in by_provider.items()} == {
        "kp": ["kraeft"],
        "sosu-oj": ["demens-amu"],
    }
    # The narrower topic "udadreagerende adfærd" sits under "demens".
    assert ids(queries.courses_by_topic(catalogue)["demens"]) == ["demens-amu"]


def test_paths(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    assert [p.id for p in queries.paths_from(catalogue, "sosu-assistent")] == ["ssa-til-special"]
    assert [p.id for p in queries.paths_to(catalogue, "specialsygeplejerske")] == [
        "ssa-til-special"
    ]
    using = queries.paths_by_course(catalogue)
    assert [p.id for p in using["kraeft"]] == ["ssa-til-special"]
    assert "nothing" not in using


def test_upcoming_within_days_and_region(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    found = queries.upcoming(catalogue, TODAY)
    assert [(c.id, o.start) for c, o in found] == [("kraeft", date(2027, 2, 1))]
    assert queries.upcoming(catalogue, TODAY, within_days=30) == []
    assert len(queries.upcoming(catalogue, TODAY, within_days=90)) == 1
    assert queries.upcoming(catalogue, TODAY, region="Region Midtjylland") == []
    kraeft = catalogue.courses["kraeft"]
    cancelled = replace(kraeft, offerings=(replace(kraeft.offerings[0], status=Status.CANCELLED),))
    catalogue.courses["kraeft"] = cancelled
    assert queries.upcoming(catalogue, TODAY) == []


def test_upcoming_first_is_the_start_of_the_whole_list(tmp_path: Path) -> None:
    """The home page's "next classes" (`first=10`) are the ten earliest, ties by course id."""
    write_synthetic(tmp_path, courses=40, offerings=200)
    catalogue, _ = read_catalogue(tmp_path, TODAY)
    everything = queries.upcoming(catalogue, TODAY)
    assert len(everything) > 10
    assert queries.upcoming(catalogue, TODAY, first=10) == everything[:10]
    assert queries.upcoming(catalogue, TODAY, first=0) == []
