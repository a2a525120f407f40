"""Located problems found in catalogue files, and the error that carries them.

The library never prints: it collects `Diagnostic`s (file, line, column, code, message) and
raises `CatalogueError` when a caller needs a valid catalogue. Only the CLI turns them into
text and exit codes.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a file."""

    path: Path
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (str(loc.path), loc.line, loc.column, self.code)


class CatalogueError(Exception):
    """Raised when the catalogue has errors; carries every diagnostic found in one pass."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        errors = sum(d.severity is Severity.ERROR for d in self.diagnostics)
        super().__init__(f"{errors} error(s) in the catalogue")


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean …?)' suffix for the closest candidate, or '' when none is close."""
    matches = difflib.get_close_matches(value, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def shown(path: Path) -> str:
    """A path as the user typed it: relative to the working folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def format_diagnostic(d: Diagnostic, style: str = "text") -> str:
    loc = d.location
    if style == "github":
        level = "error" if d.severity is Severity.ERROR else "warning"
        message = d.message.replace("%", "%25").replace("\n", "%0A")
        return (
            f"::{level} file={shown(loc.path)},line={loc.line},col={loc.column},"
            f"title={d.code}::{message}"
        )
    warning = "warning: " if d.severity is Severity.WARNING else ""
    return f"{shown(loc.path)}:{loc.line}:{loc.column}: {d.code}: {warning}{d.message}"
