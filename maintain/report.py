"""`evu report`: what maintainers should look at, as plain text or Markdown.

- `stale`: entries not verified for 12 months;
- `gaps`: courses that publish no merit, price or ECTS, overall and per provider (the same
  figures as the site's data-quality page, from `catalogue.quality`);
- `duplicates`: courses that may be one course listed twice (`catalogue.search.duplicates`);
- `links`: references to entries that do not exist, and past classes still marked open.

Reports run on every entry that could be read, also when the catalogue has errors, so they
can help to find what to fix. Each row names the file and line where the fix goes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from catalogue import quality, queries
from catalogue.diagnostics import CatalogueError, Diagnostic, Location, Severity, shown
from catalogue.load import Entry, Loaded
from catalogue.model import Catalogue, Offering, Status
from catalogue.pipeline import assemble, check
from catalogue.search import duplicates


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    empty: str  # said instead of an empty table
    intro: str = ""


@dataclass(frozen=True)
class Report:
    title: str
    tables: list[Table]

    @property
    def findings(self) -> int:
        return sum(len(t.rows) for t in self.tables)


@dataclass
class Inputs:
    """What every report reads: the loaded entries (for files and lines), the model, the
    validator's diagnostics and the date."""

    loaded: Loaded
    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    today: date
    _entries: dict[tuple[str, str], Entry] = field(default_factory=dict)

    def entry(self, kind: str, id_: str) -> Entry | None:
        if not self._entries:
            for e in self.loaded.entries:
                self._entries.setdefault((e.kind, e.id), e)
        return self._entries.get((kind, id_))

    def where(self, kind: str, id_: str, *keys: str | int) -> str:
        found = self.entry(kind, id_)
        return _location(found.at(*keys)) if found else ""


def _location(loc: Location) -> str:
    return f"{shown(loc.path)}:{loc.line}"


def _percent(count: int, total: int) -> str:
    return f"{count} ({quality.share(count, total):.0%})"


def stale(inputs: Inputs) -> Report:
    rows = [
        (
            inputs.where(kind, entry.id, "last_verified"),
            kind,
            entry.id,
            entry.last_verified.isoformat(),
            str((inputs.today - entry.last_verified).days),
        )
        for kind, entry in quality.stale_entries(inputs.catalogue, inputs.today)
    ]
    table = Table(
        "Not verified for more than 12 months",
        ("file", "kind", "id", "last verified", "days ago"),
        rows,
        "Every entry was verified within the last 12 months.",
        intro=f"As of {inputs.today.isoformat()}: check each against its sources, then update "
        "`last_verified`.",
    )
    return Report("Stale entries", [table])


def gaps(inputs: Inputs) -> Report:
    catalogue = inputs.catalogue
    overall = quality.gaps(list(catalogue.courses.values()))
    n = overall.courses
    by_provider = queries.courses_by_provider(catalogue)
    rows = [
        (
            row.provider.id,
            str(row.courses),
            *(_percent(row.count(fact), row.courses) for fact in quality.UNPUBLISHED),
        )
        for row in quality.gaps_by_provider(catalogue, by_provider)
    ]
    without = [c.id for c in catalogue.courses.values() if not c.providers]
    intro = (
        f"{n} courses: {_percent(overall.count('merit'), n)} publish nothing about merit, "
        f"{_percent(overall.count('price'), n)} no price, {_percent(overall.count('ects'), n)} "
        "no ECTS (neither points nor 'ects: none')."
    )
    if without:
        intro += f" {len(without)} course(s) name no provider and are counted only here."
    table = Table(
        "Courses without merit, price or ECTS information, per provider",
        ("provider", "courses", "no merit", "no price", "no ECTS"),
        rows,
        "No provider has courses.",
        intro=intro,
    )
    return Report("Unpublished facts", [table])


def duplicate_candidates(inputs: Inputs) -> Report:
    rows = [
        (
            inputs.where("course", c.first.id),
            c.first.id,
            c.second.id,
            f"{c.score:.2f}",
            "; ".join(c.reasons),
        )
        for c in duplicates.candidates(inputs.catalogue)
    ]
    table = Table(
        "Courses that may be listed twice",
        ("file", "course", "may be the same as", "score", "why"),
        rows,
        "No duplicate candidates.",
        intro="Merge a real duplicate into one course with several providers, venues and classes.",
    )
    return Report("Duplicate candidates", [table])


def links(inputs: Inputs) -> Report:
    missing = [
        (_location(d.location), d.message)
        for d in inputs.diagnostics
        if d.code == "unknown-reference"
    ]
    past_open = [
        (
            inputs.where("course", course.id, "offerings", i, "status"),
            course.id,
            str(offering.start or ""),
            str(offering.end or ""),
        )
        for course in inputs.catalogue.courses.values()
        for i, offering in enumerate(course.offerings)
        if _past_but_open(offering, inputs.today)
    ]
    return Report(
        "Broken links",
        [
            Table(
                "References to entries that do not exist",
                ("file", "problem"),
                missing,
                "Every reference resolves.",
            ),
            Table(
                "Classes in the past still marked open",
                ("file", "course", "start", "end"),
                past_open,
                "No past class is marked open.",
                intro="Set 'status: ended' (or remove the status: it is derived from the dates).",
            ),
        ],
    )


def _past_but_open(offering: Offering, today: date) -> bool:
    """Marked open, though its last day (or its first, when no last is given) has passed."""
    last = offering.end or offering.start
    return offering.status is Status.OPEN and last is not None and last < today


REPORTS: dict[str, Callable[[Inputs], Report]] = {
    "stale": stale,
    "gaps": gaps,
    "duplicates": duplicate_candidates,
    "links": links,
}


def read(root: Path, today: date) -> Inputs:
    """Load and check the catalogue at `root`; raises `CatalogueError` only when there is no
    catalogue to report on."""
    loaded, diagnostics = check(root, today)
    missing = [d for d in diagnostics if d.code == "not-found"]
    if missing:
        raise CatalogueError(missing)
    return Inputs(loaded, assemble(loaded), diagnostics, today)


def errors_in(inputs: Inputs) -> int:
    return sum(d.severity is Severity.ERROR for d in inputs.diagnostics)


# --- output ---------------------------------------------------------------------------------


def as_text(report: Report) -> str:
    lines = [report.title, "=" * len(report.title)]
    for table in report.tables:
        lines += ["", table.title, "-" * len(table.title)]
        if table.intro:
            lines.append(table.intro.replace("`", ""))
        if not table.rows:
            lines.append(table.empty)
            continue
        widths = [
            max(len(cell) for cell in column)
            for column in zip(table.headers, *table.rows, strict=True)
        ]
        for row in (table.headers, *table.rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
            lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def as_markdown(report: Report) -> str:
    lines = [f"# {report.title}"]
    for table in report.tables:
        lines += ["", f"## {table.title}", ""]
        if table.intro:
            lines += [table.intro, ""]
        if not table.rows:
            lines.append(table.empty)
            continue
        lines.append("| " + " | ".join(table.headers) + " |")
        lines.append("|" + "|".join("---" for _ in table.headers) + "|")
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"
