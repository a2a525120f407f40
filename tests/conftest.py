"""Layered fixtures: a small catalogue written as real files into tmp_path, and helpers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "courses"
TODAY = date(2026, 11, 22)

PROVIDERS = """\
- id: kp
  name: Københavns Professionshøjskole
  kind: professionshoejskole
  url: https://www.kp.dk/
  postnummer: "2200"
  sources:
    - url: https://www.kp.dk/
      retrieved: 2026-11-01
  last_verified: 2026-11-01
- id: sosu-oj
  name: SOSU Østjylland
  kind: sosu-skole
  sources:
    - url: https://www.sosuoj.dk/
      retrieved: 2026-11-01
  last_verified: 2026-11-01
"""

PROFESSIONS = """\
- id: sygeplejerske
  name: Sygeplejerske
  plural: Sygeplejersker
  name_en: Nurse
  disco: "222110"
  sources: [{url: "https://www.dst.dk/", retrieved: 2026-11-01}]
  last_verified: 2026-11-01
- id: sosu-assistent
  name: Social- og sundhedsassistent
  plural: Social- og sundhedsassistenter
  name_en: Social and health care assistant
  disco: "532120"
  abbreviations: [SSA]
  sources: [{url: "https://www.dst.dk/", retrieved: 2026-11-01}]
  last_verified: 2026-11-01
- id: specialsygeplejerske
  name: Specialsygeplejerske
  plural: Specialsygeplejersker
  name_en: Specialist nurse
  disco: "222120"
  sources: [{url: "https://www.dst.dk/", retrieved: 2026-11-01}]
  last_verified: 2026-11-01
"""

TOPICS = """\
- id: demens
  name: Demens
- id: udadreagerende-adfaerd
  name: Udadreagerende adfærd
  parent: demens
- id: kraeft
  name: Kræft
"""

KRAEFT = """\
id: kraeft
title: Specialuddannelsen i kræftsygepleje
kind: specialuddannelse
scope: whole
ects: none
ects_equivalent: 60
duration:
  amount: 1.5
  unit: years
professions: [sygeplejerske]
merit:
  in: false
protected_title: true
price: 46000
topics: [kraeft]
providers: [kp]
sources:
  - url: https://www.ug.dk/kraeftsygeplejerske
    retrieved: 2026-11-01
last_verified: 2026-11-01
offerings:
  - provider: kp
    place: København N
    postnummer: "2200"
    start: 2027-02-01
    end: 2028-06-30
    application_deadline: 2026-12-01
"""

DEMENS = """\
id: demens-amu
title: Demens og udadreagerende adfærd
kind: amu
scope: whole
amu_number: "12345"
ects: none
duration:
  amount: 5
  unit: days
professions: [sosu-assistent]
topics: [demens, udadreagerende-adfaerd]
providers: [sosu-oj]
sources:
  - url: https://www.sosuoj.dk/demens
    retrieved: 2026-11-01
last_verified: 2026-11-01
offerings:
  - provider: sosu-oj
    postnummer: "8000"
    start: 2026-01-12
    end: 2026-01-16
"""

PATH = """\
id: ssa-til-special
title: Fra SOSU-assistent til specialsygeplejerske
from: sosu-assistent
to: specialsygeplejerske
goal: Specialsygeplejerske i kræftsygepleje
steps:
  - title: Demens
    courses: [demens-amu]
  - title: Specialuddannelse
    courses: [kraeft]
sources:
  - url: https://www.ug.dk/kraeftsygeplejerske
    retrieved: 2026-11-01
last_verified: 2026-11-01
"""

SMALL = {
    "lists/providers.yaml": PROVIDERS,
    "lists/professions.yaml": PROFESSIONS,
    "lists/topics.yaml": TOPICS,
    "kraeft.yaml": KRAEFT,
    "demens-amu.yaml": DEMENS,
    "paths/ssa-til-special.yaml": PATH,
}


def write_catalogue(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative path → text or bytes) under `root`; returns root."""
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def unreferenced_course(root: Path) -> Path:
    """A course file whose id no other file mentions, so it can be deleted validly."""
    texts = {p: p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")}
    for path in sorted(root.glob("*.yaml")):
        if not any(path.stem in text for other, text in texts.items() if other != path):
            return path
    raise AssertionError("every course is referenced")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A small valid catalogue in tmp_path/courses."""
    return write_catalogue(tmp_path / "courses", SMALL)


def evu(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run the `evu` command as a user would, in a real process."""
    return subprocess.run(
        [sys.executable, "-m", "evu.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled catalogue built once and served on 127.0.0.1; yields its address."""
    from benchmarks.browser import served
    from site_build.build import build

    out = tmp_path_factory.mktemp("bundled") / "_site"
    build(BUNDLED, out, today=TODAY)
    with served(out) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from benchmarks.browser import launch

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


def _wound_course(course_id: str, title: str, start: str) -> str:
    return f"""\
id: {course_id}
title: {title}
kind: kursus
scope: whole
description: Sårpleje af kroniske sår, kompression og sårpleje i hjemmet.
professions: [sosu-assistent]
providers: [sosu-oj]
sources:
  - url: https://www.sosuoj.dk/{course_id}
    retrieved: 2026-11-01
last_verified: 2026-11-01
offerings:
  - provider: sosu-oj
    postnummer: "8000"
    start: {start}
"""


# Two courses about wounds, equally relevant to "sårpleje" but for the word twice in the
# theme day's title: the theme day was held in 2025, the course has a class in 2027.
WOUNDS = {
    **SMALL,
    "saar-temadag.yaml": _wound_course(
        "saar-temadag", "Temadag om sårpleje og sårpleje", "2025-03-01"
    ),
    "saar-kursus.yaml": _wound_course("saar-kursus", "Kursus i sårpleje", "2027-03-01"),
}
