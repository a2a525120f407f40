"""Files are replaced whole or not at all (the build cache, formatted YAML, new courses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.files import atomic_file, write_atomic


def test_a_write_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "kursus.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "ny tekst æøå\n")
    assert path.read_text(encoding="utf-8") == "ny tekst æøå\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_a_write_that_fails_halfway_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    path.write_bytes(b"old")
    with pytest.raises(OSError), atomic_file(path) as stream:
        stream.write(b"half of the new")
        raise OSError("disk full")
    assert path.read_bytes() == b"old"
    assert sorted(tmp_path.iterdir()) == [path]
