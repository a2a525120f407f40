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
class Added:
    course_id: str
    title: str
    url: str
    lead: str | None
    classes: list[str]


@dataclass
class Report:
    source: str
    pages: int = 0
    added_courses: list[Added] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)  # label → lines
    gone_classes: list[str] = field(default_factory=list)
    kept_values: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    # -- recording ---------------------------------------------------------------------------

    def added(
        self, course_id: str, title: str, url: str, lead: str | None, classes: list[str]
    ) -> None:
        self.added_courses.append(Added(course_id, title, url, lead, classes))

    def changed(self, label: str, key: str, old: Any, new: Any) -> None:
        self.changes.setdefault(label, []).append(f"`{key}`: {_value(old)} → {_value(new)}")

    def class_added(self, course_id: str, what: str) -> None:
        self.changes.setdefault(course_id, []).append(f"new class: {what}")

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
        return bool(self.added_courses or self.changes or self.gone_classes)

    def summary(self) -> str:
        changed = len(self.changes)
        return (
            f"{self.source}: {self.pages} page(s) read; {len(self.added_courses)} course(s) "
            f"added, {changed} changed, {len(self.gone_classes)} class(es) gone, "
            f"{len(self.kept_values)} maintainer value(s) kept, {len(self.errors)} error(s)"
        )

    def markdown(self) -> str:
        lines = [f"## Scraper `{self.source}`", "", self.summary(), ""]
        if self.added_courses:
            lines += ["### Added", ""]
            for a in self.added_courses:
                lines.append(f"- `{a.course_id}`: {a.title} ({a.url})")
                lines += [f"  - class: {c}" for c in a.classes]
                if a.lead:
                    lines.append(
                        f"  - lead text at the source, for writing `description`: {a.lead}"
                    )
            lines.append("")
        if self.changes:
            lines += ["### Changed", ""]
            for label, items in self.changes.items():
                lines.append(f"- `{label}`")
                lines += [f"  - {item}" for item in items]
            lines.append("")
        for title, items in (
            ("Gone", self.gone_classes),
            ("Kept (maintainers' values the source contradicts)", self.kept_values),
            ("Errors", self.errors),
        ):
            if items:
                lines += [f"### {title}", "", *[f"- {item}" for item in items], ""]
        return "\n".join(lines)
