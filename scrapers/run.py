"""One scraper run, top to bottom: read the catalogue → fetch → parse → merge → validate → write.

Nothing is written unless the merged catalogue passes the same validation as `evu validate`;
a failing source writes nothing and its report carries the validator's messages.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from catalogue.diagnostics import CatalogueError, Location, Severity, format_diagnostic
from catalogue.files import write_atomic
from catalogue.pipeline import check
from catalogue.yamlsource import LOADER
from scrapers.adapters import ADAPTERS, Adapter
from scrapers.changes import Report
from scrapers.fetch import Fetcher, FetchError
from scrapers.merge import Catalogue, State, merge, state_path
from scrapers.records import LayoutChanged, Scraped

MAX_PAGES = 100  # of one paged listing


@dataclass
class Outcome:
    report: Report
    files: dict[Path, str] = field(default_factory=dict)  # what was (or would be) written
    written: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.report.errors)


def _plain_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=LOADER)


def read_plain(root: Path) -> Catalogue:
    """The course files and the provider list of a valid catalogue, as plain data."""
    courses = {path.stem: _plain_yaml(path) for path in sorted(root.glob("*.yaml"))}
    providers_file = root / "lists" / "providers.yaml"
    providers = _plain_yaml(providers_file) if providers_file.is_file() else []
    return Catalogue(courses=courses, providers=providers or [])


def fetch_records(
    adapter: Adapter,
    fetcher: Fetcher,
    urls: list[str],
    report: Report,
    progress: Callable[[int, int], None] | None = None,
) -> list[Scraped]:
    """Fetch and parse every URL (and the further pages of a paged listing)."""
    records: list[Scraped] = []
    for number, url in enumerate(urls, start=1):
        try:
            records += _read_listing(adapter, fetcher, url, report)
        except (FetchError, LayoutChanged) as exc:
            report.error(
                url, exc.reason if isinstance(exc, FetchError) else f"layout changed: {exc.missing}"
            )
        if progress:
            progress(number, len(urls))
    return records


def _read_listing(adapter: Adapter, fetcher: Fetcher, url: str, report: Report) -> list[Scraped]:
    first = adapter.parse(fetcher.get(url))
    report.pages += 1
    for record in first:
        next_url, pages = record.next_url, 1
        while next_url:
            if pages == MAX_PAGES:
                # Not read to the end: a class missing here may be on a later page.
                record.complete_offerings = False
                break
            more = adapter.parse(fetcher.get(next_url))
            report.pages += 1
            pages += 1
            next_url = None
            for extra in more:
                new = [o for o in extra.offerings if o not in record.offerings]
                if extra.match == record.match and new:  # a page repeating itself ends it
                    record.offerings += new
                    next_url = extra.next_url
    return first


def _validate_copy(root: Path, files: dict[Path, str], today: date) -> list[str]:
    """Validation errors of the catalogue with `files` written over it, checked in a copy."""
    with tempfile.TemporaryDirectory(prefix="evu-scrape-") as tmp:
        copy = Path(tmp) / root.name
        shutil.copytree(root, copy)
        for path, text in files.items():
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _, diagnostics = check(copy, today)
        messages = []
        for d in diagnostics:
            if d.severity is not Severity.ERROR:
                continue
            real = root / d.location.path.relative_to(copy)
            moved = type(d)(Location(real, d.location.line, d.location.column), d.code, d.message)
            messages.append(format_diagnostic(moved))
        return messages


def course_text(data: dict[str, Any], path: Path) -> str:
    """The canonical text of a course file holding `data`, keeping the comments the file had
    (written by `catalogue.yamlfmt`, the one YAML writer)."""
    from catalogue import yamlfmt

    try:
        original = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return yamlfmt.dumps(data, "course")
    return yamlfmt.update_text(original, path, lambda _: data, "course")


def scrape(
    source: str,
    root: Path,
    fetcher: Fetcher,
    *,
    urls: list[str] | None = None,
    limit: int | None = None,
    dry_run: bool = False,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Run the adapter `source` against `root`; raises `CatalogueError` if `root` is invalid."""
    today = today or date.today()
    adapter = ADAPTERS[source]
    _, diagnostics = check(root, today)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise CatalogueError(diagnostics)
    catalogue = read_plain(root)
    report = Report(source)
    targets = list(urls) if urls else adapter.urls(catalogue.courses)
    if limit is not None:
        targets = targets[:limit]
    records = fetch_records(adapter, fetcher, targets, report, progress)
    state_file = state_path(root, source)
    state = State.read(state_file)
    changed = merge(catalogue, records, state, today, report)
    outcome = Outcome(report)
    outcome.files = {
        path: course_text(catalogue.courses[cid], path)
        for cid in sorted(changed)
        if (path := root / f"{cid}.yaml")
    }
    if not outcome.files:
        return outcome
    problems = _validate_copy(root, outcome.files, today)
    if problems:
        report.errors += [
            f"the merged catalogue is invalid; nothing was written: {p}" for p in problems
        ]
        outcome.files = {}
        return outcome
    outcome.files[state_file] = state.text()
    if not dry_run:
        for path, text in outcome.files.items():
            write_atomic(path, text)
        outcome.written = True
    return outcome
