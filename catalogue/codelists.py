"""Official code lists shipped as package data: postal codes, kommuner, regions, DISCO-08."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Place:
    postnummer: str
    by: str
    kommune_code: str
    kommune: str
    region_code: str
    region: str


@cache
def _postal() -> dict[str, dict]:
    return json.loads((DATA / "postnumre.json").read_text(encoding="utf-8"))


@cache
def disco_codes() -> dict[str, str]:
    """DISCO-08 code → Danish title."""
    return json.loads((DATA / "disco08.json").read_text(encoding="utf-8"))["codes"]


def regions() -> dict[str, str]:
    """Region code → name, in code order (1081 Nordjylland … 1085 Sjælland)."""
    return dict(_postal()["regions"])


@cache
def place(postnummer: str) -> Place | None:
    """Kommune and region of a postal code, or None when the code does not exist."""
    data = _postal()
    entry = data["postnumre"].get(postnummer)
    if entry is None:
        return None
    kommune = data["kommuner"][entry["kommune"]]
    return Place(
        postnummer,
        entry["by"],
        entry["kommune"],
        kommune["name"],
        kommune["region"],
        data["regions"][kommune["region"]],
    )


@dataclass(frozen=True)
class Campus:
    institution: str
    kommune: str
    region: str


@cache
def _campuses() -> dict[str, dict]:
    return json.loads((DATA / "uddannelsessteder.json").read_text(encoding="utf-8"))["titles"]


def campuses(title: str) -> tuple[str | None, list[Campus]]:
    """The ug.dk address of an ordinary education and where it is taught (UFM, 2024)."""
    entry = _campuses().get(title)
    if entry is None:
        return None, []
    return entry["url"], [Campus(**p) for p in entry["places"]]
