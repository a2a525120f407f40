"""Merging what a source publishes into the course files without losing maintainers' edits.

The scraper remembers, per source, the value it last wrote to each field of each course and
class (`<catalogue>/.scraped/<source>.json`, committed with the pull request). A field is
updated only when the file still holds exactly that value, or when the field is empty and the
scraper never wrote it. Anything else is a maintainer's value and is kept (the report shows
what the source says instead). A class the scraper wrote that the source no longer lists is
marked `status: ended`, never deleted; a course is never deleted. A course the catalogue lacks
is proposed in the change report as a draft, never written (only a maintainer can say whom it
is for).

Courses are found and providers named through the validated catalogue (the model); a course
is edited as its file's plain data (as the canonical YAML writer reads it); nothing is
written here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from catalogue.ids import slug
from catalogue.model import Catalogue
from catalogue.model import plain as model_plain
from scrapers.changes import Report
from scrapers.records import Scraped

STATE_DIR = ".scraped"
OFFERING_KEY = ("provider", "postnummer", "start")
ENDED = "ended"


def plain(value: Any) -> Any:
    """`value` as JSON holds it (dates as ISO text), so stored and current values compare."""
    return model_plain(value, iso_dates=True)


def normal_url(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
    )


def offering_key(offering: dict[str, Any]) -> str:
    return "|".join(str(plain(offering.get(k)) or "") for k in OFFERING_KEY)


def describe(offering: dict[str, Any]) -> str:
    where = offering.get("place") or offering.get("postnummer") or "online"
    return f"{offering.get('provider')}, {where}, start {plain(offering.get('start'))}"


@dataclass
class State:
    """What the scraper of one source last wrote: course id → fields and classes."""

    courses: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> State:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        return cls(courses=data.get("courses", {}))

    def text(self) -> str:
        data = {"courses": dict(sorted(self.courses.items()))}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def of(self, course_id: str) -> dict[str, Any]:
        return self.courses.setdefault(course_id, {"fields": {}, "offerings": {}})


def state_path(root: Path, source: str) -> Path:
    return root / STATE_DIR / f"{source}.json"


MISSING = object()


def _merge_value(
    target: dict[str, Any],
    key: str,
    new: Any,
    owned: dict[str, Any],
    label: str,
    report: Report,
) -> bool:
    """Apply one scraped value (None: the source no longer states it) under the ownership
    rule; True when `target` changed."""
    current = plain(target.get(key))
    wanted = plain(new)
    last = owned.get(key, MISSING)
    if current == wanted:
        if wanted is None:
            owned.pop(key, None)
        else:
            owned[key] = wanted
        return False
    if (last is not MISSING and current == last) or (last is MISSING and current is None):
        if new is None:
            del target[key]
            owned.pop(key, None)
        else:
            target[key] = new
            owned[key] = wanted
        report.changed(label, key, current, wanted)
        return True
    if new is not None or last is not MISSING:
        report.kept(label, key, current, wanted)
    return False


def _merge_fields(
    target: dict[str, Any],
    scraped: dict[str, Any],
    owned: dict[str, Any],
    label: str,
    report: Report,
    complete: bool,
) -> bool:
    """Merge every field the source states. When `complete` (a class record, which states all
    it knows), a field the scraper wrote before and the source no longer states is removed."""
    changed = False
    dropped = [k for k in list(owned) if k not in scraped and k != "source"] if complete else []
    for key in [*scraped, *dropped]:
        changed |= _merge_value(target, key, scraped.get(key), owned, label, report)
    return changed


def find_course(catalogue: Catalogue, match: dict[str, str]) -> str | None:
    """The course a scraped record is about: by its AMU number, or a page it names as source."""
    wanted = normal_url(match["source"]) if "source" in match else None
    for course in catalogue.courses.values():
        if "amu_number" in match and course.amu_number == match["amu_number"]:
            return course.id
        if wanted is not None and wanted in {normal_url(s.url) for s in course.sources}:
            return course.id
    return None


def provider_id(catalogue: Catalogue, name: str) -> str | None:
    """The provider of that name, case and spacing aside."""

    def key(text: str) -> str:
        return " ".join(text.casefold().split())

    for provider in catalogue.providers.values():
        if key(provider.name) == key(name):
            return provider.id
    return None


def matched(
    catalogue: Catalogue, records: list[Scraped], today: date, report: Report
) -> dict[str, list[Scraped]]:
    """Course id → the records about it, in order; a record about a course the catalogue
    lacks is proposed in `report` as a draft instead."""
    found: dict[str, list[Scraped]] = {}
    for record in records:
        course_id = find_course(catalogue, record.match)
        if course_id is None:
            _propose_course(catalogue, record, today, report)
        else:
            found.setdefault(course_id, []).append(record)
    return found


def merge(
    course: dict[str, Any],
    course_id: str,
    records: list[Scraped],
    catalogue: Catalogue,
    state: State,
    today: date,
    report: Report,
) -> bool:
    """Merge `records` into `course` (the course file's data, edited in place) and `state`;
    True when the course changed."""
    changed = False
    for record in records:
        changed |= _update_course(course, course_id, record, catalogue, state, today, report)
    return changed


def _source(record: Scraped, today: date) -> dict[str, Any]:
    return {"url": record.url, "retrieved": today}


def _resolve_providers(
    catalogue: Catalogue, record: Scraped, report: Report
) -> list[dict[str, Any]]:
    resolved = []
    for offering in record.offerings:
        offering = dict(offering)
        if "provider_name" in offering:
            name = offering.pop("provider_name") or ""
            provider = provider_id(catalogue, name)
            if provider is None:
                report.error(
                    record.url,
                    f"class by '{name}' skipped: no provider of that name in lists/providers.yaml",
                )
                continue
            offering["provider"] = provider
        if not offering.get("provider"):
            report.error(
                record.url, f"class starting {plain(offering.get('start'))} skipped: no provider"
            )
            continue
        resolved.append(offering)
    return resolved


def _propose_course(catalogue: Catalogue, record: Scraped, today: date, report: Report) -> None:
    """A course the catalogue lacks is proposed in the report, not written: only a maintainer
    can say whom it is for (professions or a broad audience), which the catalogue requires."""
    from catalogue.yamlfmt import dumps

    if record.new_course is None:
        if record.offerings or record.fields.get("title"):
            report.error(
                record.url,
                "no course in the catalogue names this page as a source; add the course first",
            )
        return
    title = str(record.fields.get("title", ""))
    amu = record.fields.get("amu_number")
    course_id = slug(f"amu-{amu}-{title}" if amu else title)
    offerings = _resolve_providers(catalogue, record, report)
    providers = list(record.new_course.get("providers", []))
    for offering in offerings:
        offering["source"] = _source(record, today)
        if offering["provider"] not in providers:
            providers.append(offering["provider"])
    draft: dict[str, Any] = {
        "id": course_id,
        **record.new_course,
        **record.fields,
        **({"providers": providers} if providers else {}),
        "sources": [_source(record, today)],
        "last_verified": today,
    }
    if offerings:
        draft["offerings"] = offerings
    taken = (
        f" (the id '{course_id}' is taken: choose another)"
        if course_id in catalogue.courses
        else ""
    )
    report.proposed(course_id, title, record.url, record.lead, dumps(draft, "course"), taken)


def _update_course(
    course: dict[str, Any],
    course_id: str,
    record: Scraped,
    catalogue: Catalogue,
    state: State,
    today: date,
    report: Report,
) -> bool:
    owned = state.of(course_id)
    changed = False
    changed |= _merge_fields(course, record.fields, owned["fields"], course_id, report, False)
    offerings = course.setdefault("offerings", [])
    by_key = {offering_key(o): o for o in offerings}
    seen = set()
    for scraped in _resolve_providers(catalogue, record, report):
        key = offering_key(scraped)
        if key in seen:
            continue  # listed twice at the source
        seen.add(key)
        label = f"{course_id}: class {describe(scraped)}"
        if key in by_key:
            target = by_key[key]
            last = owned["offerings"].setdefault(key, {})
            changed |= _merge_fields(target, scraped, last, label, report, True)
            continue
        if key in owned["offerings"]:
            report.kept(label, "class", "removed or moved by hand", "listed at the source")
            continue
        scraped["source"] = _source(record, today)
        offerings.append(scraped)
        owned["offerings"][key] = plain(scraped)
        report.class_added(course_id, describe(scraped))
        changed = True
        providers = course.setdefault("providers", [])
        if scraped["provider"] not in providers:
            providers.append(scraped["provider"])
    if record.complete_offerings:
        for key, last in owned["offerings"].items():
            if key in seen or key not in by_key:
                continue
            target = by_key[key]
            if target.get("status") in (ENDED, "cancelled"):
                continue
            if plain(target.get("status")) != last.get("status"):
                report.kept(
                    f"{course_id}: class {describe(target)}", "status", target.get("status"), ENDED
                )
                continue
            target["status"] = ENDED
            last["status"] = ENDED
            report.gone(course_id, describe(target))
            changed = True
    if not course["offerings"]:
        del course["offerings"]
    if changed:
        _note_retrieved(course, record, today)
    return changed


def _note_retrieved(course: dict[str, Any], record: Scraped, today: date) -> None:
    """The course names the page it was just updated from, with today's date."""
    sources = course.setdefault("sources", [])
    for source in sources:
        if normal_url(str(source.get("url", ""))) == normal_url(record.url):
            source["retrieved"] = today
            return
    sources.append(_source(record, today))
