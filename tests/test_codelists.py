"""Official code lists: the shipped package data equals what the build script makes from
shared/reference, and lookups derive kommune and region."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue import codelists
from catalogue.files import outdated
from conftest import evu
from maintain import codelists as refresh


def test_shipped_data_matches_reference_files() -> None:
    assert outdated(refresh.generated()) == [], "run 'evu codelists'"


def test_codelists_from_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in codelists.DATA.iterdir()}
    result = evu("codelists", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "evu codelists:" in result.stderr and "cannot read the reference files" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in codelists.DATA.iterdir()} == before


def test_postnummer_gives_kommune_and_region() -> None:
    aarhus = codelists.place("8000")
    assert aarhus is not None
    assert (aarhus.kommune, aarhus.region) == ("Aarhus Kommune", "Region Midtjylland")
    odense = codelists.place("5000")
    assert odense is not None and odense.region == "Region Syddanmark"
    assert codelists.place("9999") is None


def test_all_five_regions_and_98_kommuner() -> None:
    assert list(codelists.regions().values()) == [
        "Region Nordjylland",
        "Region Midtjylland",
        "Region Syddanmark",
        "Region Hovedstaden",
        "Region Sjælland",
    ]
    data = codelists._postal()
    kommuner = {k for k in data["kommuner"] if k != "411"}  # 411 Christiansø is no kommune
    assert len(kommuner) == 98


def test_disco_codes() -> None:
    codes = codelists.disco_codes()
    assert codes["532120"].startswith("Social- og sundhedsarbejde")
    assert codes["222110"] == "Sygeplejerskearbejde, basisfunktioner"


@pytest.mark.parametrize(
    ("postnummer", "kommune", "region"),
    [
        ("4000", "Roskilde Kommune", "Region Sjælland"),  # also spans Høje-Taastrup and Lejre
        ("7100", "Vejle Kommune", "Region Syddanmark"),  # also spans Hedensted (Midtjylland)
        ("8800", "Viborg Kommune", "Region Midtjylland"),
        ("7330", "Ikast-Brande Kommune", "Region Midtjylland"),
    ],
)
def test_postal_area_spanning_kommuner_takes_the_town_s_kommune(
    postnummer: str, kommune: str, region: str
) -> None:
    found = codelists.place(postnummer)
    assert found is not None
    assert (found.kommune, found.region) == (kommune, region)
