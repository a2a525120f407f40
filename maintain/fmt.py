"""`evu fmt`: bring the files of a catalogue (or single files) into canonical form.

The form itself is defined in `catalogue.yamlfmt`; this module finds the files, compares them
with their canonical text and writes the ones that differ. A file that cannot be read as YAML
is never touched: its problems come back as diagnostics.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.diagnostics import CatalogueError, Diagnostic, Location
from catalogue.files import write_atomic
from catalogue.load import catalogue_files, file_kind
from catalogue.yamlfmt import format_text
from catalogue.yamlsource import parse_yaml


@dataclass(frozen=True)
class Formatted:
    """One file: its bytes now and its canonical text (None when it could not be read)."""

    path: Path
    before: bytes
    after: str | None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after.encode("utf-8") != self.before

    def diff(self) -> str:
        """A unified diff from the file to its canonical text."""
        old = self.before.decode("utf-8", errors="replace").splitlines(keepends=True)
        new = (self.after or "").splitlines(keepends=True)
        name = str(self.path)
        return "".join(difflib.unified_diff(old, new, f"{name} (now)", f"{name} (formatted)"))


def targets(path: Path) -> list[tuple[Path, str | None]]:
    """The files to format under `path` with their kind: every catalogue file of a folder (files
    that are no catalogue file are left to `evu validate`), or one file."""
    if path.is_dir():
        found = []
        for file in catalogue_files(path):
            kind = file_kind(file, path)
            if kind is not None:
                found.append((file, kind))
        return found
    return [(path, None)]  # of the kind its place says (see `format_text`)


def format_file(path: Path, kind: str | None) -> Formatted:
    """The canonical text of the file at `path`, or its problems; writes nothing."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Diagnostic(Location(path), "unreadable", f"cannot read file: {exc.strerror}")
        return Formatted(path, b"", None, [problem])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Formatted(path, data, None, parse_yaml(path, data)[1])
    try:
        return Formatted(path, data, format_text(text, path, kind))
    except CatalogueError as exc:
        return Formatted(path, data, None, exc.diagnostics)


def format_all(path: Path) -> list[Formatted]:
    """Every file under `path` (a catalogue folder or one file), formatted in memory."""
    if not path.exists():
        return [
            Formatted(
                path, b"", None, [Diagnostic(Location(path), "not-found", "no such file or folder")]
            )
        ]
    return [format_file(file, kind) for file, kind in targets(path)]


def write(result: Formatted) -> None:
    """Replace the file by its canonical text."""
    assert result.after is not None
    write_atomic(result.path, result.after)
