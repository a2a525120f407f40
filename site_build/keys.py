"""Content keys of pages: a hash of everything a page can show, so a rebuild renders only the
pages whose key changed.

A page shows its own context and the reference lists (providers, professions, topics) and
career paths, which templates may look up by id. The lists, the paths, the templates, the
code, the day and the base URL make up the `salt` shared by every key. Everything else reaches
a template only through the page's context or `Page.courses` (the renderer hides all other
courses), and is encoded here: a course by its id and the hash of its file, any other value by
its contents. A missed dependency would leave a stale page; `tests/test_incremental.py` builds
changed catalogues incrementally and compares every byte with a fresh build.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

from catalogue.model import CareerPath, Catalogue, Course, Profession, Provider, Topic
from site_build.cards import Card
from site_build.pages import Lazy, Page
from site_build.rows import Row

_LISTED = (Provider, Profession, Topic, CareerPath)  # part of the salt
SHARED = 256  # lists and dicts with longer encodings are named by their hash


class Keys:
    """Computes page keys; `digests` maps course id → hash of the course's file. A course's
    card (`cards`, made from the course, the lists and the day alone) is named by its course."""

    def __init__(
        self,
        salt: str,
        digests: dict[str, str],
        catalogue: Catalogue,
        cards: Mapping[str, Card] | None = None,
    ) -> None:
        self.salt = salt
        self.digests = digests
        self.ways: dict[type, str] = {}  # how each type is encoded
        # id(value) → (value, encoding), for values shared by pages (the filters of a region,
        # a row on several filter pages …); holding the value keeps its id from being reused.
        # A course's classes and places are named by their course's hash and position.
        self.memo: dict[int, tuple[Any, str]] = {}
        for course in catalogue.courses.values():
            digest = digests[course.id]
            self.memo[id(course)] = (course, f"C({course.id},{digest})")
            for i, offering in enumerate(course.offerings):
                self.memo[id(offering)] = (offering, f"O({course.id},{digest},{i})")
            for i, venue in enumerate(course.venues):
                self.memo[id(venue)] = (venue, f"V({course.id},{digest},{i})")
        for course_id, made in (cards or {}).items():
            self.memo[id(made)] = (made, f"K({course_id},{digests[course_id]})")

    def __call__(self, page: Page) -> str:
        text = self.encode(
            (page.address, page.template, page.title, page.crumbs, page.context, page.courses)
        )
        return hashlib.blake2b((self.salt + text).encode(), digest_size=16).hexdigest()

    def encode(self, value: Any) -> str:
        kind = type(value)
        if kind is str:  # most values: first, without a look-up
            return repr(value)
        known = self.memo.get(id(value))
        if known is not None:
            return known[1]
        way = self.ways.get(kind) or self.ways.setdefault(kind, _way(kind))
        if way == "repr":
            return repr(value)
        if way in ("list", "dict"):
            if way == "list":
                found = "[" + ",".join(map(self.encode, value)) + "]"
            else:
                pairs = (f"{self.encode(k)}:{self.encode(v)}" for k, v in value.items())
                found = "{" + ",".join(pairs) + "}"
            if len(found) > SHARED:  # kept short: a long list may be on thousands of pages
                found = "#" + hashlib.blake2b(found.encode(), digest_size=16).hexdigest()
            self.memo[id(value)] = (value, found)
            return found
        if way == "listed":
            found = f"{kind.__name__}({value.id})"
        elif way == "row":  # derived from its classes or places alone (and the day, in the salt)
            found = f"R({self.encode(value.items)})"
        elif way == "lazy":
            found = f"L({value.function.__qualname__},{self.encode(value.arguments)})"
        elif way == "data":
            fields = (self.encode(getattr(value, f.name)) for f in dataclasses.fields(value))
            found = f"{kind.__name__}(" + ",".join(fields) + ")"
        else:
            raise TypeError(f"cannot key a {kind.__name__} in a page")
        self.memo[id(value)] = (value, found)
        return found


def _way(kind: type) -> str:
    if kind in (str, int, float, bool, type(None)) or issubclass(kind, Enum | date):
        return "repr"
    if kind in (list, tuple):
        return "list"
    if issubclass(kind, dict):
        return "dict"
    if issubclass(kind, _LISTED):
        return "listed"
    if issubclass(kind, Lazy):
        return "lazy"
    if kind is Row:
        return "row"
    if issubclass(kind, Catalogue | Course):  # courses are all in the memo
        return "refuse"
    return "data" if dataclasses.is_dataclass(kind) else "refuse"
