"""`evu serve` builds the catalogue, serves it on localhost and rebuilds when a file changes
(a real process, real requests)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import KRAEFT, REPO
from site_build.fingerprint import fingerprint
from site_build.serve import watch


@pytest.fixture
def server(small: Path, tmp_path: Path) -> Iterator[str]:
    command = [
        sys.executable,
        "-m",
        "evu.cli",
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


def test_serve_answers_a_wrong_address_in_danish(server: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server + "kurser/findes-ikke/", timeout=10)
    assert error.value.code == 404
    page = error.value.read().decode("utf-8")
    assert "<h1>Siden findes ikke</h1>" in page and "Error response" not in page


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


def _watching(folder: Path, every: int) -> tuple[list[int], threading.Event]:
    """`watch` on `folder` in a thread, polling every 20 ms; returns the list its rebuilds
    append to and the event that stops it."""
    calls: list[int] = []
    stop = threading.Event()
    arguments = ([folder], fingerprint([folder]), lambda: calls.append(1), stop, 0.02, every)
    threading.Thread(target=watch, args=arguments, daemon=True).start()
    return calls, stop


def _wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_watch_rebuilds_once_per_change_and_not_when_idle(small: Path) -> None:
    calls, stop = _watching(small, every=5)
    try:
        time.sleep(0.3)  # ~15 polls, 3 of them comparing contents
        assert calls == []
        course = small / "kraeft.yaml"
        course.write_text(course.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert _wait_for(lambda: len(calls) == 1)
        time.sleep(0.3)
        assert calls == [1]
    finally:
        stop.set()


def test_watch_sees_a_change_that_keeps_size_and_modification_time(small: Path) -> None:
    """Some file systems and CI checkouts keep times coarse: contents are compared anyway."""
    course = small / "kraeft.yaml"
    before = course.stat()
    calls, stop = _watching(small, every=5)
    try:
        text = course.read_text(encoding="utf-8")
        changed = text.replace("unit: years", "unit: weeks")
        assert changed != text and len(changed) == len(text)
        course.write_text(changed, encoding="utf-8")
        os.utime(course, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert course.stat().st_mtime_ns == before.st_mtime_ns
        assert _wait_for(lambda: calls == [1])
    finally:
        stop.set()
