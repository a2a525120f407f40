"""One scraper run, top to bottom: read the catalogue → fetch → parse → merge → validate → write.

Nothing is written unless the merged catalogue passes the same validation as `evu validate`;
a failing source writes nothing and its report carries the validator's messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from catalogue import yamlfmt
from catalogue.diagnostics import Severity, format_diagnostic
from catalogue.files import write_atomic
from catalogue.pipeline import assemble, check_change, read_valid
from scrapers.adapters import ADAPTERS, Adapter
from scrapers.changes import Report
from scrapers.fetch import Fetcher, FetchError
from scrapers.merge import State, matched, merge, state_path
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


def edited(path: Path, edit: Callable[[dict[str, Any]], bool]) -> str | None:
    """The canonical text of the course file at `path` after `edit` changed its data (comments
    kept; written by `catalogue.yamlfmt`, the one YAML writer), or None when nothing changed."""
    changed = False

    def apply(data: dict[str, Any]) -> dict[str, Any]:
        nonlocal changed
        changed = edit(data)
        return data

    text = yamlfmt.update_text(path.read_text(encoding="utf-8"), path, apply, "course")
    return text if changed else None


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
    loaded, _ = read_valid(root, today)
    catalogue = assemble(loaded)
    files = {e.id: e.path for e in loaded.of("course")}
    report = Report(source)
    targets = list(urls) if urls else adapter.urls(catalogue)
    if limit is not None:
        targets = targets[:limit]
    records = fetch_records(adapter, fetcher, targets, report, progress)
    state_file = state_path(root, source)
    state = State.read(state_file)
    outcome = Outcome(report)
    for course_id, found in sorted(matched(catalogue, records, today, report).items()):
        path = files[course_id]
        update = partial(
            merge,
            course_id=course_id,
            records=found,
            catalogue=catalogue,
            state=state,
            today=today,
            report=report,
        )
        text = edited(path, update)
        if text is not None:
            outcome.files[path] = text
    if not outcome.files:
        return outcome
    problems = [
        format_diagnostic(d)
        for d in check_change(loaded, outcome.files, today)
        if d.severity is Severity.ERROR
    ]
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
