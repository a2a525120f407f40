"""A region's list: upcoming classes first, places without dates one card per course,
ended and cancelled classes last; online classes in every region; the file the filter
script reads holds the same rows."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from catalogue.codelists import regions
from catalogue.model import Catalogue, Mode, Offering, Status, Venue
from catalogue.pipeline import read_catalogue
from conftest import TODAY
from site_build.rows import EARLIER, UNDATED, UPCOMING, facet_values, region_rows, rows_json


def load(small: Path) -> Catalogue:
    catalogue, _ = read_catalogue(small, TODAY)
    return catalogue


def with_classes(catalogue: Catalogue) -> Catalogue:
    kraeft = catalogue.courses["kraeft"]
    online = Offering(provider="kp", start=date(2027, 3, 1), mode=Mode.ONLINE)
    cancelled = replace(kraeft.offerings[0], start=date(2027, 1, 4), status=Status.CANCELLED)
    venues = (
        Venue(provider="kp", postnummer="3400"),
        Venue(provider="kp", postnummer="2200", place="Campus Carlsberg"),
        Venue(provider="kp", postnummer="8000"),
    )
    course = replace(kraeft, offerings=(*kraeft.offerings, online, cancelled), venues=venues)
    return replace(catalogue, courses={**catalogue.courses, "kraeft": course})


def test_upcoming_first_then_places_then_ended_and_cancelled(small: Path) -> None:
    rows = region_rows(with_classes(load(small)), TODAY)["Region Hovedstaden"]
    assert [(r.group, r.start, len(r.places)) for r in rows] == [
        (UPCOMING, date(2027, 2, 1), 1),
        (UPCOMING, date(2027, 3, 1), 1),  # the online class
        (UNDATED, None, 2),  # the course's two places in the region: one card
        (EARLIER, date(2027, 1, 4), 1),  # cancelled, though in the future
    ]
    assert [w.text for w in rows[2].places] == [
        "Hillerød",
        "Campus Carlsberg, Københavns Kommune",
    ]
    assert (rows[0].status, rows[1].status, rows[3].status) == (
        "Kommende hold",
        "Kommende hold",
        "Aflyst",
    )
    assert rows[0].soon and not rows[1].soon  # within 3 months of the day, or not
    assert rows[1].online and not rows[0].online


def test_online_classes_are_in_every_region(small: Path) -> None:
    found = region_rows(with_classes(load(small)), TODAY)
    for region in regions().values():
        online = [r for r in found[region] if r.places[0].region is None]
        assert [(r.start, r.places[0].text) for r in online] == [(date(2027, 3, 1), "Online")]
    midt = [r.course.id for r in found["Region Midtjylland"]]
    assert midt == ["kraeft", "kraeft", "demens-amu"]  # online, the Aarhus place, the AMU class


def test_a_row_is_on_the_filter_pages_of_its_kind_professions_topics_and_form(
    small: Path,
) -> None:
    rows = region_rows(with_classes(load(small)), TODAY)["Region Hovedstaden"]
    assert list(facet_values(rows[1])) == [
        ("type", "specialuddannelse"),
        ("erhverv", "sygeplejerske"),
        ("emne", "kraeft"),
        ("form", "online"),
    ]
    assert ("form", "online") not in set(facet_values(rows[0]))


def test_the_scripts_file_names_each_course_and_provider_once(small: Path) -> None:
    catalogue = with_classes(load(small))
    rows = region_rows(catalogue, TODAY)["Region Hovedstaden"]
    data = json.loads(rows_json(catalogue.providers, rows, "../../"))
    assert [c[0] for c in data["kurser"]] == ["Specialuddannelsen i kræftsygepleje"]
    assert data["udbydere"] == [["Københavns Professionshøjskole", "../../udbydere/kp/"]]
    assert [r[1] for r in data["rader"]] == [UPCOMING, UPCOMING, UNDATED, EARLIER]
    assert data["rader"][2][5] == [
        ["Hillerød", 0],
        ["Campus Carlsberg, Københavns Kommune", 0],
    ]
