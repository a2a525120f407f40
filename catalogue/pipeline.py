"""The one entry point from a folder of YAML to a validated `Catalogue`: load → validate → model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from catalogue.diagnostics import CatalogueError, Diagnostic, Severity
from catalogue.load import Loaded, ParseCache, load
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
