"""Build the site: read everything, render everything, then write only what changed.

    read_catalogue → plan pages → render pages and open data → write

Nothing is written unless the whole catalogue is valid. The first build (or a build into a
new folder) is written into a temporary sibling folder and swapped in whole; later builds
compare each output's content hash with the manifest of the previous build, write only the
files whose bytes changed (each through a temporary file and `os.replace`) and remove pages
that no longer exist. Content hashes, never modification times.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from catalogue.codelists import regions
from catalogue.model import Catalogue
from catalogue.parallel import map_chunks
from catalogue.pipeline import read_catalogue
from site_build import opendata, search, urls
from site_build.pages import Page, plan
from site_build.render import TEMPLATES, RowHtml, environment, render_page

log = logging.getLogger(__name__)
MANIFEST = ".evu-manifest.json"
INPUTS = ".evu-inputs"
CODE = [Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "catalogue"]
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    written: int
    removed: int


def render_site(
    catalogue: Catalogue,
    today: date,
    base_url: str = DEFAULT_BASE_URL,
    done: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """Relative file path → exact bytes, for every file of the site."""
    env = environment(today)
    env.globals["row_html"] = RowHtml(catalogue)
    pages = plan(catalogue, today)

    def render_part(part: Sequence[Page]) -> list[tuple[str, bytes]]:
        return [
            (urls.file_of(page.address), render_page(env, page, catalogue, base_url).encode())
            for page in part
        ]

    files: dict[str, bytes] = {}
    for part in map_chunks(render_part, pages, done=done):  # on several cores when large
        for target, content in part:
            if target in files:  # two pages must never write the same file
                raise ValueError(f"two pages write {target}")
            files[target] = content
    data = {
        urls.COURSES_JSON: opendata.courses_json(catalogue, today, base_url),
        urls.OFFERINGS_CSV: opendata.offerings_csv(catalogue, today, base_url),
        urls.FEED: opendata.atom_feed(catalogue, base_url),
        urls.SITEMAP: opendata.sitemap_xml([p.address for p in pages], base_url),
        urls.ROBOTS: opendata.robots_txt(base_url),
    }
    for region in regions().values():
        data[urls.calendar(region)] = opendata.calendar_ics(catalogue, today, base_url, region)
    files.update({name: content.encode("utf-8") for name, content in data.items()})
    files.update(search.pagefind_files(catalogue, today))  # the site's search index
    for asset in sorted((TEMPLATES / "assets").iterdir()):
        files[f"assets/{asset.name}"] = asset.read_bytes()
    return files


def fingerprint(folders: list[Path], *extra: str) -> str:
    """One hash over the names and bytes of every file in `folders` (and `extra` values)."""
    digest = hashlib.sha256("\0".join(extra).encode())
    for folder in folders:
        for path in sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _manifest(out: Path) -> dict[str, str]:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _atomic_write(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temporary, target)


def write(files: dict[str, bytes], out: Path) -> tuple[int, int]:
    """Bring `out` to exactly `files`; returns (files written, files removed)."""
    out = out.resolve()
    hashes = {name: _digest(content) for name, content in sorted(files.items())}
    manifest_text = json.dumps(hashes, indent=0, sort_keys=True) + "\n"
    if not (out / MANIFEST).is_file():
        _swap_in(files, manifest_text, out)
        return len(files), 0
    previous = _manifest(out)
    changed = [n for n, h in hashes.items() if previous.get(n) != h or not (out / n).is_file()]
    stale = sorted(set(previous) - set(hashes))
    for name in changed:
        _atomic_write(out / name, files[name])
    for name in stale:
        (out / name).unlink(missing_ok=True)
        _prune_empty(out / name, out)
    if changed or stale:
        _atomic_write(out / MANIFEST, manifest_text.encode("utf-8"))
    return len(changed), len(stale)


def _prune_empty(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _swap_in(files: dict[str, bytes], manifest_text: str, out: Path) -> None:
    """Write a whole new site into a temporary sibling folder, then replace `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    old = out.with_name(f".{out.name}-old")
    try:
        for name, content in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        (staging / MANIFEST).write_text(manifest_text, encoding="utf-8")
        if old.exists():
            shutil.rmtree(old)
        if out.exists():
            out.rename(old)
        staging.rename(out)
    finally:
        for leftover in (staging, old):
            if leftover.exists():
                shutil.rmtree(leftover)


def _progress(finished: int, total: int) -> None:
    """A one-line progress bar on a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return
    filled = finished * 30 // max(total, 1)
    end = "\n" if finished == total else ""
    print(
        f"\r[{'#' * filled}{'.' * (30 - filled)}] {finished}/{total} sider",
        end=end,
        file=sys.stderr,
        flush=True,
    )


def build(
    root: Path, out: Path, today: date | None = None, base_url: str = DEFAULT_BASE_URL
) -> BuildResult:
    """Validate the catalogue in `root` and bring the site in `out` up to date."""
    today = today or date.today()
    inputs = fingerprint([root, TEMPLATES, *CODE], today.isoformat(), base_url)
    stamp = out / INPUTS
    if (out / MANIFEST).is_file() and stamp.is_file() and stamp.read_text() == inputs:
        pages = sum(name.endswith(".html") for name in _manifest(out))
        return BuildResult(out, pages, 0, 0)  # same catalogue, templates, code and day
    catalogue, _ = read_catalogue(root, today)  # raises before anything is written
    files = render_site(catalogue, today, base_url, _progress)
    written, removed = write(files, out)
    _atomic_write(stamp, inputs.encode())
    pages = sum(name.endswith(".html") for name in files)
    log.info("built %d pages into %s (%d written, %d removed)", pages, out, written, removed)
    return BuildResult(out, pages, written, removed)
