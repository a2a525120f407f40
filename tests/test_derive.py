"""Derived facts: audience, status, regions, career-path totals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from catalogue.derive import Audience, audience, course_regions, offering_status, path_totals
from catalogue.model import Status
from catalogue.pipeline import read_catalogue
from conftest import TODAY


def test_audience_mono_multi_broad(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    kraeft = catalogue.courses["kraeft"]
    assert audience(kraeft) is Audience.MONO
    assert (
        audience(replace(kraeft, professions=("sygeplejerske", "sosu-assistent"))) is Audience.MULTI
    )
    assert audience(replace(kraeft, audience_broad=True)) is Audience.BROAD


def test_status_derived_from_dates(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    past = catalogue.courses["demens-amu"].offerings[0]
    future = catalogue.courses["kraeft"].offerings[0]
    assert offering_status(past, TODAY) is Status.ENDED
    assert offering_status(future, TODAY) is None
    assert offering_status(replace(future, status=Status.FULL), TODAY) is Status.FULL
    assert offering_status(future, date(2029, 1, 1)) is Status.ENDED


def test_regions_from_postnummer(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    assert course_regions(catalogue.courses["kraeft"]) == ["Region Hovedstaden"]
    assert course_regions(catalogue.courses["demens-amu"]) == ["Region Midtjylland"]


def test_path_totals_count_missing_values(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    totals = path_totals(catalogue.paths["ssa-til-special"], catalogue)
    # ECTS: the AMU step gives none (missing), the special education states 60 equivalent.
    assert (totals.ects.low, totals.ects.high, totals.ects.missing) == (60, 60, 1)
    # 5 days + 1.5 years of 260 working days.
    assert totals.days.low == 5 + 1.5 * 260
    assert (totals.price.low, totals.price.missing) == (46000, 1)


def test_package_step_sums_and_flags_partial(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    path = catalogue.paths["ssa-til-special"]
    step = replace(path.steps[0], courses=("demens-amu", "kraeft"), together=True)
    totals = path_totals(replace(path, steps=(step,)), catalogue)
    assert totals.days.low == totals.days.high == 5 + 1.5 * 260
    assert (totals.price.low, totals.price.missing) == (46000, 1)
