"""Make the official code lists shipped as package data from `shared/reference/`.

Run `evu codelists [REFERENCE_DIR]` after the reference files change; `evu codelists --check`
(and a test) fails when the shipped files differ from what this makes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from catalogue.codelists import DATA

DEFAULT_REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
REGIONS = {
    "1081": "Region Nordjylland",
    "1082": "Region Midtjylland",
    "1083": "Region Syddanmark",
    "1084": "Region Hovedstaden",
    "1085": "Region Sjælland",
}


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _words(text: str) -> set[str]:
    return set(text.casefold().replace("-", " ").split())


def main_kommune(by: str, kommuner: list[tuple[str, str]]) -> str:
    """Of the kommuner a postal area spans, the one named after its town (4000 Roskilde →
    Roskilde Kommune, 7100 Vejle → Vejle Kommune, 7330 Brande → Ikast-Brande Kommune);
    when none is, the first listed (lowest kommune code)."""
    town = _words(by) - {"c", "v", "n", "s", "ø", "nv", "sv", "sø", "k"}
    named = [code for code, name in kommuner if town & _words(name)]
    return (named or [code for code, _ in kommuner])[0]


def build_postnumre(reference: Path) -> dict[str, object]:
    """Postal code → kommune and region, from PostNord's table as coded by Danmarks Statistik.

    A postal area can span several kommuner (even regions); all are kept, and the main one,
    from which the region is derived, is chosen by `main_kommune`."""
    spans: dict[str, list[tuple[str, str]]] = {}
    towns: dict[str, str] = {}
    kommuner: dict[str, dict[str, str]] = {}
    for row in _rows(reference / "postnumre.csv"):
        region = row["AMTS_NR"].strip()
        if region not in REGIONS:
            continue
        kommune = row["KOMMUNE_NR"].strip().zfill(3)
        name = row["ADRESSERINGSNAVN_1"].strip()
        kommuner[kommune] = {"name": name, "region": region}
        postnummer = row["POSTNR"].strip().zfill(4)
        towns.setdefault(postnummer, row["BYNAVN"].strip())
        spans.setdefault(postnummer, []).append((kommune, name))
    postnumre = {
        code: {
            "by": towns[code],
            "kommune": main_kommune(towns[code], spans[code]),
            "kommuner": [k for k, _ in spans[code]],
        }
        for code in sorted(spans)
    }
    return {
        "source": "PostNord postal codes with kommune and region (Danmarks Statistik codes), "
        "downloaded 2020-10-17",
        "regions": REGIONS,
        "kommuner": dict(sorted(kommuner.items())),
        "postnumre": postnumre,
    }


def build_disco(reference: Path) -> dict[str, object]:
    """DISCO-08 code → title (Kilde: Danmarks Statistik)."""
    codes = {row["KODE"].strip(): row["TITEL"].strip() for row in _rows(reference / "disco08.csv")}
    return {"source": "DISCO-08, Danmarks Statistik", "codes": dict(sorted(codes.items()))}


def build_campuses(reference: Path) -> dict[str, object]:
    """Education title → where it is taught (institution, kommune, region), from UFM's
    Uddannelseszoom; the national aggregate rows and rows without a place are left out."""
    titles: dict[str, dict[str, object]] = {}
    for row in _rows(reference / "uddannelseszoom_2024-03.csv"):
        region = row["instregiontx"].strip()
        if not region or not row["instkommunetx"].strip():
            continue
        entry = titles.setdefault(
            row["Titel"].strip(), {"url": "https://" + row["url"].strip(), "places": []}
        )
        place = {
            "institution": row["hovedinsttx"].strip(),
            "kommune": row["instkommunetx"].strip(),
            "region": f"Region {region}",
        }
        if place not in entry["places"]:
            entry["places"].append(place)
    for entry in titles.values():
        entry["places"].sort(key=lambda p: (p["region"], p["kommune"], p["institution"]))
    return {
        "source": "Uddannelses- og Forskningsministeriet, Uddannelseszoom, 23 March 2024",
        "titles": dict(sorted(titles.items())),
    }


def generated(reference: Path = DEFAULT_REFERENCE) -> dict[Path, str]:
    """Each generated code list in `catalogue/data/` → its exact text, made from the
    reference files in `reference` (raises OSError when one cannot be read)."""
    built = {
        "postnumre.json": build_postnumre(reference),
        "disco08.json": build_disco(reference),
        "uddannelsessteder.json": build_campuses(reference),
    }
    return {
        DATA / name: json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        for name, data in built.items()
    }
