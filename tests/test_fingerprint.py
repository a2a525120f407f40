"""The build's cache is kept under the fingerprint of the code a build runs: an edit to that
code, its templates or its data throws the cache away; an edit to the command line, the
maintainer tools, the scrapers or the benchmarks does not."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SMALL, TODAY, write_catalogue
from site_build.fingerprint import modules

SHIPPED = ("evu", "catalogue", "maintain", "site_build", "scrapers", "benchmarks")

BUILD_AND_REPORT = """
import json, sys
from datetime import date
from site_build.build import build
from pathlib import Path
result = build(Path(sys.argv[1]), Path(sys.argv[2]), today=date.fromisoformat(sys.argv[3]))
loaded = sorted(name for name in sys.modules if name.split(".")[0] in {rooms})
print(json.dumps({{"rendered": result.rendered, "pages": result.pages, "modules": loaded}}))
"""


def _build(code: Path, root: Path, out: Path) -> dict:
    """Build `root` into `out` in a fresh process running the code in the folder `code`."""
    script = BUILD_AND_REPORT.format(rooms=set(SHIPPED))
    done = subprocess.run(
        [sys.executable, "-c", script, str(root), str(out), TODAY.isoformat()],
        cwd=code,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's code and templates, to edit."""
    copy = tmp_path_factory.mktemp("repo")
    for room in (*SHIPPED, "templates"):
        shutil.copytree(REPO / room, copy / room, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_fingerprint_covers_every_module_a_build_runs(code: Path, tmp_path: Path) -> None:
    root = write_catalogue(tmp_path / "courses", SMALL)
    ran = _build(code, root, tmp_path / "site")["modules"]
    assert set(ran) <= set(modules()), set(ran) - set(modules())
    assert {name.split(".")[0] for name in modules()} == {"catalogue", "site_build"}


@pytest.mark.parametrize(
    ("edited", "kept"),
    [
        ("evu/cli.py", True),
        ("maintain/fmt.py", True),
        ("scrapers/run.py", True),
        ("benchmarks/build.py", True),
        ("catalogue/derive.py", False),
        ("site_build/cards.py", False),
        ("catalogue/search/danish.py", False),
        ("templates/base.html", False),
        ("catalogue/data/synonyms.yaml", False),
    ],
)
def test_an_edit_keeps_the_cache_only_outside_the_build(
    code: Path, tmp_path: Path, edited: str, kept: bool
) -> None:
    root = write_catalogue(tmp_path / "courses", SMALL)
    out = tmp_path / "site"
    first = _build(code, root, out)
    assert first["rendered"] == first["pages"] > 0
    path = code / edited
    original = path.read_bytes()
    try:
        comment = b"\n{# edited #}\n" if path.suffix == ".html" else b"\n# edited\n"
        path.write_bytes(original + comment)
        again = _build(code, root, out)
    finally:
        path.write_bytes(original)
    assert again["rendered"] == (0 if kept else first["pages"])
