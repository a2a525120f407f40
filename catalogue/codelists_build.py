"""Build the official code lists shipped as package data from `shared/reference/`.

Run `python -m catalogue.codelists_build [REFERENCE_DIR]` after the reference files change;
a test checks that the shipped files equal what this script produces.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
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


def build_postnumre(reference: Path) -> dict[str, object]:
    """Postal code → kommune and region, from PostNord's table as coded by Danmarks Statistik."""
    postnumre: dict[str, dict[str, str]] = {}
    kommuner: dict[str, dict[str, str]] = {}
    for row in _rows(reference / "postnumre.csv"):
        region = row["AMTS_NR"].strip()
        if region not in REGIONS:
            continue
        kommune = row["KOMMUNE_NR"].strip().zfill(3)
        kommuner[kommune] = {"name": row["ADRESSERINGSNAVN_1"].strip(), "region": region}
        postnumre.setdefault(
            row["POSTNR"].strip().zfill(4), {"by": row["BYNAVN"].strip(), "kommune": kommune}
        )
    return {
        "source": "PostNord postal codes with kommune and region (Danmarks Statistik codes), "
        "downloaded 2020-10-17",
        "regions": REGIONS,
        "kommuner": dict(sorted(kommuner.items())),
        "postnumre": dict(sorted(postnumre.items())),
    }


def build_disco(reference: Path) -> dict[str, object]:
    """DISCO-08 code → title (Kilde: Danmarks Statistik)."""
    codes = {row["KODE"].strip(): row["TITEL"].strip() for row in _rows(reference / "disco08.csv")}
    return {"source": "DISCO-08, Danmarks Statistik", "codes": dict(sorted(codes.items()))}


def outputs(reference: Path) -> dict[str, str]:
    """File name → exact file content, for every generated code list."""
    built = {"postnumre.json": build_postnumre(reference), "disco08.json": build_disco(reference)}
    return {
        name: json.dumps(data, ensure_ascii=False, indent=1) + "\n" for name, data in built.items()
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    reference = Path(args[0]) if args else DEFAULT_REFERENCE
    DATA.mkdir(exist_ok=True)
    for name, text in outputs(reference).items():
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"wrote {DATA / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
