"""Writing files so that a crash or a full disk leaves the old file (or none), never half;
and which generated files are out of date."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace `path` (through a temporary file in the same folder
    and `os.replace`, keeping the permissions of a file it replaces) only when the block ends
    without an error; otherwise `path` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def outdated(files: Mapping[Path, str]) -> list[Path]:
    """The files of generated `files` (path → the text it must hold) that are missing or
    hold other text."""
    return [p for p, text in files.items() if not p.is_file() or p.read_text("utf-8") != text]


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` whole or not at all (see `atomic_file`)."""
    with atomic_file(path) as stream:
        stream.write(content.encode("utf-8") if isinstance(content, str) else content)
