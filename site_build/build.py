"""Build the site: read everything, render everything, then swap the result in atomically.

Until the full site lands this renders the home page only, through the same pipeline:
read_catalogue → render → write to a temporary folder → swap.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from catalogue.model import Catalogue
from catalogue.pipeline import read_catalogue
from catalogue.stats import stats

log = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(catalogue: Catalogue) -> dict[str, str]:
    """Relative output path → page text."""
    env = environment()
    index = env.get_template("index.html").render(
        figures=stats(catalogue),
        courses=sorted(catalogue.courses.values(), key=lambda c: (c.title.casefold(), c.id)),
        providers=catalogue.providers,
    )
    return {"index.html": index}


def write(pages: dict[str, str], out: Path) -> None:
    """Write into a temporary sibling folder, then replace `out` in one step."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for relative, text in sorted(pages.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        old = out.with_name(f".{out.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if out.exists():
            out.rename(old)
        staging.rename(out)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def build(root: Path, out: Path, today: date | None = None) -> BuildResult:
    catalogue, _ = read_catalogue(root, today)  # raises before anything is written
    pages = render(catalogue)
    write(pages, out)
    log.info("built %d pages into %s", len(pages), out)
    return BuildResult(out, len(pages))
