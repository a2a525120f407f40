"""The change report of one scraper run: added, changed field by field, gone, kept, errors.

Printed on the terminal and written as Markdown for the body of the nightly pull request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


def _value(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Proposed:
    """A course the source publishes and the catalogue lacks, with a draft file."""

    course_id: str
    title: str
    url: str
    lead: str | None
    draft: str
    note: str


@dataclass
class Report:
    source: str
    pages: int = 0
    added_classes: list[str] = field(default_factory=list)
    proposed_courses: list[Proposed] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)  # label → lines
    gone_classes: list[str] = field(default_factory=list)
    kept_values: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    # -- recording ---------------------------------------------------------------------------

    def proposed(
        self, course_id: str, title: str, url: str, lead: str | None, draft: str, note: str
    ) -> None:
        self.proposed_courses.append(Proposed(course_id, title, url, lead, draft, note))

    def changed(self, label: str, key: str, old: Any, new: Any) -> None:
        self.changes.setdefault(label, []).append(f"`{key}`: {_value(old)} → {_value(new)}")

    def class_added(self, course_id: str, what: str) -> None:
        self.added_classes.append(f"{course_id}: {what}")

    def gone(self, course_id: str, what: str) -> None:
        self.gone_classes.append(f"{course_id}: {what} (marked ended)")

    def kept(self, label: str, key: str, current: Any, source: Any) -> None:
        self.kept_values.append(
            f"{label} `{key}`: kept {_value(current)}; the source says {_value(source)}"
        )

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    # -- reading -----------------------------------------------------------------------------

    @property
    def has_changes(self) -> bool:
        return bool(self.added_classes or self.changes or self.gone_classes)

    def summary(self) -> str:
        return (
            f"{self.source}: {self.pages} page(s) read; {len(self.added_classes)} class(es) "
            f"added, {len(self.changes)} course(s) or class(es) changed, "
            f"{len(self.gone_classes)} class(es) gone, {len(self.proposed_courses)} new "
            f"course(s) proposed, {len(self.kept_values)} maintainer value(s) kept, "
            f"{len(self.errors)} error(s)"
        )

    def markdown(self) -> str:
        lines = [f"## Scraper `{self.source}`", "", self.summary(), ""]
        if self.added_classes:
            lines += ["### Added", "", *[f"- {item}" for item in self.added_classes], ""]
        if self.changes:
            lines += ["### Changed", ""]
            for label, items in self.changes.items():
                lines.append(f"- `{label}`")
                lines += [f"  - {item}" for item in items]
            lines.append("")
        if self.proposed_courses:
            lines += [
                "### New at the source (not added)",
                "",
                "The catalogue has no course for these pages. A maintainer adds one by hand: "
                "copy the draft into `courses/<id>.yaml`, name `professions` (or set "
                "`audience_broad: true`), `topics` and a `description` in our own words.",
                "",
            ]
            for p in self.proposed_courses:
                lines.append(f"- `{p.course_id}`: {p.title} ({p.url}){p.note}")
                if p.lead:
                    lines.append(f"  - lead text at the source: {p.lead}")
                lines += ["", "  ```yaml", *[f"  {line}" for line in p.draft.splitlines()]]
                lines += ["  ```", ""]
        for title, items in (
            ("Gone", self.gone_classes),
            ("Kept (maintainers' values the source contradicts)", self.kept_values),
            ("Errors", self.errors),
        ):
            if items:
                lines += [f"### {title}", "", *[f"- {item}" for item in items], ""]
        return "\n".join(lines)
