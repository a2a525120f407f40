"""`evu serve` builds the catalogue, serves it on localhost and rebuilds when a file changes
(a real process, real requests)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import KRAEFT, REPO


@pytest.fixture
def server(small: Path, tmp_path: Path) -> Iterator[str]:
    command = [
        sys.executable,
        "-m",
        "catalogue.cli",
        "serve",
        str(small),
        "--port",
        "0",
        "--out",
        str(tmp_path / "site"),
        "--today",
        "2026-11-22",
    ]
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        yield line.split(" på ", 1)[1].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def test_serve_builds_and_answers_on_localhost(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")
    assert "Specialuddannelsen i kræftsygepleje" in fetch(server + "kurser/kraeft/")


def test_serve_rebuilds_when_a_course_changes(server: str, small: Path) -> None:
    (small / "kraeft.yaml").write_text(
        KRAEFT.replace("price: 46000", "price: 51000"), encoding="utf-8"
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if "51.000 kr." in fetch(server + "kurser/kraeft/"):
            return
        time.sleep(0.5)
    pytest.fail("the page was not rebuilt within 20 seconds")


def test_serve_keeps_the_old_site_when_a_change_is_invalid(server: str, small: Path) -> None:
    (small / "kraeft.yaml").write_text(
        KRAEFT.replace("kind: specialuddannelse", "kind: ?"), encoding="utf-8"
    )
    time.sleep(3)  # more than two polling intervals
    assert "Specialuddannelsen i kræftsygepleje" in fetch(server + "kurser/kraeft/")
