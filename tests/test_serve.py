"""`evu serve` builds the catalogue and serves it on localhost (a real process, a real request)."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

from conftest import REPO


def test_serve_builds_and_answers_on_localhost(small: Path, tmp_path: Path) -> None:
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
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        url = line.split(" på ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode("utf-8")
        assert response.status == 200
        assert "Specialuddannelsen i kræftsygepleje" in page
    finally:
        server.terminate()
        server.wait(timeout=10)
