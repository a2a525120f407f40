"""`evu fmt`: formats a catalogue in place, keeps its content, and `--check` fails on files
that are not in canonical form without changing them."""

from __future__ import annotations

import os
from pathlib import Path

from catalogue.load import catalogue_files
from catalogue.pipeline import read_catalogue
from conftest import BUNDLED, REPO, TODAY, evu
from maintain.fmt import format_all


def _shown(path: Path) -> str:
    """A path as `evu` (run from the repository) prints it."""
    return os.path.relpath(path, REPO)


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_bundled_catalogue_is_formatted() -> None:
    results = format_all(BUNDLED)
    assert len(results) == len(catalogue_files(BUNDLED))
    assert [r.path for r in results if r.problems or r.changed] == []


def test_fmt_formats_once_and_keeps_the_content(small: Path) -> None:
    before, _ = read_catalogue(small, TODAY)
    result = evu("fmt", str(small))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("formatted ") == 6
    assert "6 file(s) reformatted, 0 unchanged" in result.stderr
    assert read_catalogue(small, TODAY)[0] == before
    formatted = _snapshot(small)
    assert all(text.startswith(b"# yaml-language-server: $schema=") for text in formatted.values())
    assert not [p for p in small.rglob("*.tmp")]

    again = evu("fmt", str(small))
    assert again.returncode == 0 and again.stdout == ""
    assert "0 file(s) reformatted, 6 unchanged" in again.stderr
    assert _snapshot(small) == formatted
    assert evu("fmt", "--check", str(small)).returncode == 0
    assert evu("validate", str(small), "--today", TODAY.isoformat()).returncode == 0


def test_check_fails_on_an_unformatted_file_and_changes_nothing(small: Path) -> None:
    assert evu("fmt", str(small)).returncode == 0
    course = small / "kraeft.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace('postnummer: "2200"', "postnummer: '2200'"),
        encoding="utf-8",
    )
    before = _snapshot(small)
    result = evu("fmt", "--check", str(small))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{_shown(course)}: would be reformatted"]
    assert "1 file(s) would be reformatted, 5 unchanged" in result.stderr
    assert _snapshot(small) == before

    shown = evu("fmt", "--check", "--diff", str(small))
    assert shown.returncode == 1
    assert "-    postnummer: '2200'\n+    postnummer: \"2200\"\n" in shown.stdout


def test_one_file_can_be_formatted_on_its_own(small: Path) -> None:
    path = small / "paths" / "ssa-til-special.yaml"
    assert evu("fmt", "--check", str(path)).returncode == 1
    assert evu("fmt", str(path)).returncode == 0
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert (
        first == "# yaml-language-server: $schema=../../catalogue/schemas/career-path.schema.json"
    )
    assert evu("fmt", "--check", str(path)).returncode == 0
    assert evu("fmt", "--check", str(small / "kraeft.yaml")).returncode == 1  # not touched


def test_a_broken_file_is_reported_and_left_alone(small: Path) -> None:
    broken = small / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    latin1 = small / "latin.yaml"
    latin1.write_bytes("id: latin\ntitle: Kræft\n".encode("latin-1"))
    result = evu("fmt", str(small))
    assert result.returncode == 1
    assert f"{_shown(broken)}:3:1: yaml-syntax: " in result.stdout
    not_utf8 = "encoding: file is not UTF-8 (byte 0xE6); save it as UTF-8"
    assert f"{_shown(latin1)}:2:10: {not_utf8}" in result.stdout
    assert "Traceback" not in result.stderr
    assert "6 file(s) reformatted, 0 unchanged, 2 not readable" in result.stderr
    assert broken.read_text(encoding="utf-8") == "id: broken\ntitle: [unclosed\n"
    assert latin1.read_bytes() == "id: latin\ntitle: Kræft\n".encode("latin-1")


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    result = evu("fmt", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert f"{_shown(tmp_path / 'nowhere')}:1:1: not-found: no such file or folder" in result.stdout
