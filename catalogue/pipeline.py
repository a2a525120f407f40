"""The one entry point from a folder of YAML to a validated `Catalogue`: load → validate → model."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from catalogue.diagnostics import CatalogueError, Diagnostic, Severity
from catalogue.load import Loaded, ParseCache, load, load_file
from catalogue.model import Catalogue
from catalogue.validate import validate


def check(
    root: Path,
    today: date | None = None,
    cache: ParseCache | None = None,
    digests: dict[str, str] | None = None,
) -> tuple[Loaded, list[Diagnostic]]:
    """Load `root` (files whose bytes are in `cache` are not parsed again; see `load`) and
    return it with every diagnostic (errors and warnings)."""
    loaded = load(root, cache, digests)
    return loaded, validate(loaded, today or date.today())


def check_change(loaded: Loaded, files: Mapping[Path, str], today: date) -> list[Diagnostic]:
    """The diagnostics that writing `files` (path → whole new text) over the catalogue
    `loaded` would bring: those it does not have now, and all in the changed files. Checked
    in memory, with locations in the new texts; nothing is written and `loaded` is kept."""
    before = set(validate(loaded, today))
    changed = dataclasses.replace(
        loaded,
        entries=[e for e in loaded.entries if e.path not in files],
        diagnostics=[d for d in loaded.diagnostics if d.location.path not in files],
        unreadable=set(loaded.unreadable),
        unreadable_kinds=set(loaded.unreadable_kinds),
        parsed=dict(loaded.parsed),
    )
    for path, text in files.items():
        data = text.encode("utf-8")
        load_file(changed, path, data, hashlib.sha256(data).hexdigest(), unsaved=True)
    after = validate(changed, today)
    return [d for d in after if d not in before or d.location.path in files]


def read_catalogue(
    root: Path,
    today: date | None = None,
    strict: bool = False,
) -> tuple[Catalogue, list[Diagnostic]]:
    """The validated catalogue and its warnings; raises `CatalogueError` on any error
    (with `strict`, warnings count as errors)."""
    loaded, diagnostics = read_valid(root, today, strict)
    return assemble(loaded), diagnostics


def read_valid(
    root: Path,
    today: date | None = None,
    strict: bool = False,
    cache: ParseCache | None = None,
    digests: dict[str, str] | None = None,
) -> tuple[Loaded, list[Diagnostic]]:
    """`check`, raising `CatalogueError` on any error (with `strict`, on warnings too)."""
    loaded, diagnostics = check(root, today, cache, digests)
    if any(strict or d.severity is Severity.ERROR for d in diagnostics):
        raise CatalogueError(diagnostics)
    return loaded, diagnostics


def assemble(loaded: Loaded) -> Catalogue:
    """The model from valid entries, each kind keyed and sorted by id (deterministic output)."""

    def by_id(kind: str) -> dict:
        return {e.id: e.value for e in sorted(loaded.of(kind), key=lambda e: e.id)}

    return Catalogue(
        courses=by_id("course"),
        providers=by_id("provider"),
        professions=by_id("profession"),
        topics=by_id("topic"),
        paths=by_id("path"),
    )
