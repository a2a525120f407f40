"""Derived facts: audience, status, regions, career-path totals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from catalogue.derive import (
    Audience,
    audience,
    course_regions,
    earlier_offerings,
    is_past_event,
    is_upcoming,
    offering_status,
    open_signup,
    path_totals,
    provider_page,
    site_of,
    upcoming_offerings,
)
from catalogue.model import Source, Status, Venue
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


def test_alternatives_that_publish_a_value_only_in_part_are_counted(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    path = catalogue.paths["ssa-til-special"]
    step = replace(path.steps[0], courses=("demens-amu", "kraeft"))  # choose one: a price for one
    totals = path_totals(replace(path, steps=(step,)), catalogue)
    assert (totals.price.low, totals.price.high) == (46000, 46000)
    assert (totals.price.missing, totals.price.partial) == (0, 1)  # the range covers one of two
    assert (totals.days.missing, totals.days.partial) == (0, 0)  # both publish a duration


def test_upcoming_classes_are_those_that_can_still_be_taken(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    kraeft = catalogue.courses["kraeft"]
    future = kraeft.offerings[0]
    full = replace(future, start=date(2027, 1, 4), status=Status.FULL)
    cancelled = replace(future, start=date(2027, 1, 5), status=Status.CANCELLED)
    today = replace(future, start=TODAY, end=TODAY)
    course = replace(kraeft, offerings=(future, full, cancelled, today))
    assert is_upcoming(today, TODAY) and is_upcoming(full, TODAY)
    assert not is_upcoming(cancelled, TODAY)
    assert upcoming_offerings(course, TODAY) == [today, full, future]  # soonest first
    assert earlier_offerings(course, TODAY) == [cancelled]
    assert open_signup(course, TODAY) is None  # no class names a sign-up address
    signup = replace(future, signup_url="https://kp.dk/tilmeld")
    full_signup = replace(full, signup_url="https://kp.dk/fuldt")
    assert open_signup(replace(kraeft, offerings=(full_signup, signup)), TODAY) == signup


def test_a_past_event_is_one_whose_every_date_has_passed(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    demens = catalogue.courses["demens-amu"]  # one class, in January 2026
    assert is_past_event(demens, TODAY)
    assert not is_past_event(replace(demens, offerings=()), TODAY)  # dates unpublished
    place = Venue(provider="sosu-oj", postnummer="8000")
    assert not is_past_event(replace(demens, venues=(place,)), TODAY)  # it runs there
    assert not is_past_event(catalogue.courses["kraeft"], TODAY)


def test_the_providers_own_page_is_found_among_the_sources(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    kraeft = catalogue.courses["kraeft"]  # KP: https://www.kp.dk/
    ug = Source(url="https://www.ug.dk/kraeft", retrieved=TODAY)
    kp = Source(url="https://kp.dk/efter-og-videreuddannelse/kraeft", retrieved=TODAY)
    assert provider_page(replace(kraeft, sources=(ug, kp)), catalogue.providers) == kp.url
    assert provider_page(replace(kraeft, sources=(ug,)), catalogue.providers) is None
    assert site_of("https://www.kp.dk/x") == "kp.dk"
