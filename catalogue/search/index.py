"""The whoosh index of the catalogue, for `evu search`.

Built in memory from a validated catalogue (a few seconds for thousands of courses), or kept
in a folder (`evu search` keeps it in `.evu-cache/` beside the catalogue) and brought up to
date there: a course whose search text or facets changed is indexed again
(`update_document`), a deleted one is removed, the others are left as they are; a change to
the search code or vocabulary indexes everything again. Every
text field is analysed by `catalogue.search.danish` (folding, Snowball stemming, compound parts and
synonyms at the word's own position), so "hjælper" finds "social- og sundhedshjælper" and the
highlighted snippet marks the word the reader typed into.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from whoosh import fields, highlight, index, query
from whoosh.analysis import Analyzer, Token
from whoosh.filedb.filestore import RamStorage
from whoosh.index import LockError

from catalogue.codelists import regions
from catalogue.derive import is_past_event
from catalogue.diagnostics import did_you_mean
from catalogue.model import Catalogue, Kind, Mode
from catalogue.search import danish
from catalogue.search.document import (
    EXTRA_WEIGHT,
    FIELDS,
    PAST_FACTOR,
    SearchDocument,
    document,
)

MAX_QUERY_WORDS = 32  # longer queries are cut (a pasted paragraph still searches)
# whoosh sorts postings in memory up to this size, and in pickled runs on disk above it (its
# default, 128, made a 20,000-course index pickle and unpickle every posting).
POSTINGS_MB = 1024
FEW = 3  # fewer hits than this, and a better spelled query finds more: "mente du …?"


def _version() -> str:
    """The search code and vocabulary an index on disk was made with."""
    digest = hashlib.sha256()
    for path in [*sorted(Path(__file__).parent.glob("*.py")), danish.SYNONYMS]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


VERSION = _version()


class DanishAnalyzer(Analyzer):
    """whoosh's view of `danish.analyse`: a stem per word, compound parts and synonyms at the
    same position and character offsets."""

    def __init__(self, vocabulary: danish.Vocabulary) -> None:
        self.vocabulary = vocabulary
        # whoosh analyses a field with term vectors twice (postings, then vector): the terms
        # of the last text are kept so the second pass reuses them.
        self._last: tuple[str, list[danish.Term]] = ("", [])

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if self._last[0] is not value:
            self._last = (value, list(danish.analyse(value, self.vocabulary)))
        for term in self._last[1]:
            token.text = term.text
            token.boost = EXTRA_WEIGHT if term.extra else 1.0
            token.stopped = False
            if keeporiginal:
                token.original = term.text
            if positions:
                token.pos = start_pos + term.position
            if chars:
                token.startchar = start_char + term.start
                token.endchar = start_char + term.end
            yield token


def schema(vocabulary: danish.Vocabulary) -> fields.Schema:
    """The searchable fields and facets."""
    analyzer = DanishAnalyzer(vocabulary)
    text = {
        name: fields.TEXT(analyzer=analyzer, stored=True, field_boost=boost, phrase=False)
        for name, boost in FIELDS.items()
    }
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        key=fields.STORED,  # a hash of what is indexed of the course (`_indexed`)
        region=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        kind=fields.ID(stored=True),
        profession=fields.KEYWORD(stored=True, commas=True),
        topic=fields.KEYWORD(stored=True, commas=True),
        mode=fields.KEYWORD(stored=True, commas=True),
        **text,
    )


def search_cache(root: Path) -> Path:
    """Where `evu search` keeps the index of the catalogue in `root`: in `.evu-cache/` beside
    it (the build keeps its state there too), never inside the catalogue."""
    root = root.resolve()
    return root.parent / ".evu-cache" / f"search-{root.name}"


def _indexed(doc: SearchDocument) -> tuple[str, dict[str, str]]:
    """What the index holds of a course (its facets and texts), with a hash of it."""
    values = {
        "region": ",".join(doc.regions),
        "kind": doc.kind,
        "profession": ",".join(doc.professions),
        "topic": ",".join(doc.topics),
        "mode": ",".join(doc.modes),
        **doc.text,
    }
    key = hashlib.sha256(repr(sorted(values.items())).encode("utf-8")).hexdigest()
    return key, values


@dataclass(frozen=True)
class Filters:
    """Facet filters of a search; None means "any"."""

    region: str | None = None  # region name, e.g. "Region Syddanmark"
    kind: str | None = None
    profession: str | None = None
    topic: str | None = None
    mode: str | None = None
    starts_within: int | None = None  # days from today


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    kind: str
    score: float
    snippet: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Results:
    query: str
    hits: list[Hit]
    total: int
    searched_for: str  # the query actually run (typos corrected when nothing matched)
    suggestion: str | None = None  # "mente du …?"
    notes: list[str] = field(default_factory=list)


class Marks(highlight.Formatter):
    """Snippet fragments with each matched word in **bold** (Markdown-like, plain text)."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{highlight.get_text(text, token, replace)}**"


class SearchIndex:
    """The catalogue's courses in a whoosh index, held in memory or (with `folder`) kept in
    that folder between runs and updated only where courses changed."""

    def __init__(
        self,
        catalogue: Catalogue,
        vocabulary: danish.Vocabulary | None = None,
        folder: Path | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.vocabulary = vocabulary or danish.vocabulary()
        self.documents = {c.id: document(c, catalogue) for c in catalogue.courses.values()}
        self.indexed = 0  # courses (re)indexed by this object
        found = {i: _indexed(doc) for i, doc in self.documents.items()}
        if folder is not None:
            try:
                self.index = self._update(folder, found)
            except (LockError, OSError):  # another `evu search` is writing it: index here
                folder = None
        if folder is None:
            self.index = RamStorage().create_index(schema(self.vocabulary))
            self._write(found, set())
        self.searcher = self.index.searcher()

    def _update(self, folder: Path, found: dict[str, tuple[str, dict[str, str]]]) -> Any:
        """The index kept in `folder`, brought up to date with the catalogue."""
        version = folder / "version"
        if version.is_file() and version.read_text() == VERSION and index.exists_in(folder):
            self.index = index.open_dir(str(folder))
        else:  # none yet, or made by other search code: start again
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            self.index = index.create_in(str(folder), schema(self.vocabulary))
            version.write_text(VERSION)
        with self.index.searcher() as searcher:
            kept = {s["id"]: s["key"] for s in searcher.all_stored_fields()}
        changed = {i: f for i, f in found.items() if kept.get(i) != f[0]}
        self._write(changed, set(kept) - set(found), replaced=bool(set(changed) & set(kept)))
        return self.index

    def _write(
        self, found: dict[str, tuple[str, dict[str, str]]], gone: set[str], replaced: bool = False
    ) -> None:
        """Index the courses `found` and remove those `gone`. When a course was removed or
        replaced, the segments are merged (without analysing any text again), so that no
        removed version counts in the statistics that rank results: they then rank exactly
        as in an index made afresh."""
        if not found and not gone:
            return
        writer = self.index.writer(limitmb=POSTINGS_MB)
        for course_id in sorted(gone):
            writer.delete_by_term("id", course_id)
        for course_id, (key, values) in found.items():
            writer.update_document(id=course_id, key=key, **values)
        writer.commit(optimize=bool(gone) or replaced)
        self.indexed += len(found)

    @cached_property
    def words(self) -> dict[str, int]:
        """The catalogue's words and how often they occur (to correct typos)."""
        return danish.word_counts(d.all_text() for d in self.documents.values())

    @cached_property
    def terms(self) -> set[str]:
        """Every term in the searchable fields."""
        return {t.decode() for name in FIELDS for t in self.searcher.lexicon(name)}

    # -- searching -----------------------------------------------------------------------

    def search(
        self, text: str, filters: Filters = Filters(), today: date | None = None, limit: int = 10
    ) -> Results:
        """Ranked courses for `text`: courses matching every word first, then those matching
        some (within each, a past one-off event scores PAST_FACTOR of its relevance); a
        misspelt word is corrected when it matches nothing."""
        wanted = query_words(text)
        known = [self._known(w) for w in wanted]
        fixed = [
            w if k else (danish.closest(w, self.words) or w)
            for w, k in zip(wanted, known, strict=True)
        ]
        notes = []
        if len(danish.words(text)) > MAX_QUERY_WORDS:
            notes.append(f"Kun de første {MAX_QUERY_WORDS} ord er brugt.")
        hits, total = self._run(wanted, filters, today, limit)
        searched_for = " ".join(wanted)
        suggestion = " ".join(fixed) if fixed != wanted else None
        if suggestion and total < FEW:
            better, better_total = self._run(fixed, filters, today, limit)
            if better_total > total and total == 0:
                hits, total, searched_for = better, better_total, suggestion
                notes.append(f"Ingen resultater for '{' '.join(wanted)}'; viser '{suggestion}'.")
            elif better_total <= total:
                suggestion = None
        elif total >= FEW:
            suggestion = None
        return Results(text, hits, total, searched_for, suggestion, notes)

    def _run(
        self, wanted: Sequence[str], filters: Filters, today: date | None, limit: int
    ) -> tuple[list[Hit], int]:
        allowed = self._allowed(filters, today or date.today())
        if not wanted:  # no words (only filters, or only punctuation): every allowed course
            ids = sorted(
                (i for i in self.documents if allowed is None or i in allowed),
                key=lambda i: (self.catalogue.courses[i].title.casefold(), i),
            )
            return [self._plain_hit(i) for i in ids[:limit]], len(ids)
        # Ranks: every word in the title, then every word anywhere, then some words. Only the
        # words the index knows count ("bliv sygeplejerske": "bliv" is in no course, so it
        # cannot narrow anything down).
        known = [w for w in wanted if self._known(w)] or list(wanted)
        ranks = (
            query.And([self._word_query(w, ("title",)) for w in known]),
            query.And([self._word_query(w) for w in known]),
            query.Or([self._word_query(w) for w in wanted]),
        )
        found: dict[str, tuple[int, float, Any]] = {}
        day = today or date.today()
        for rank, q in enumerate(ranks):
            results = self.searcher.search(q, limit=None, filter=self._filter_query(filters))
            results.formatter = Marks()
            results.fragmenter = highlight.ContextFragmenter(maxchars=160, surround=60)
            for hit in results:
                course_id = hit["id"]
                if course_id in found or (allowed is not None and course_id not in allowed):
                    continue
                past = is_past_event(self.catalogue.courses[course_id], day)
                found[course_id] = (rank, -hit.score * (PAST_FACTOR if past else 1.0), hit)
        ordered = sorted(found.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0]))
        return [self._hit(hit, -score) for _, (_, score, hit) in ordered[:limit]], len(ordered)

    def _known(self, word: str) -> bool:
        """The word, or every part of it, is in the index."""
        parts = self.vocabulary.split(word)
        if danish.stem(word) in self.terms:
            return True
        return bool(parts) and all(danish.stem(p) in self.terms for p in parts)

    def _word_query(self, word: str, names: Sequence[str] = tuple(FIELDS)) -> query.Query:
        """A word in any of the fields `names`: its stem, or all the parts of a compound
        ("kræftsygepleje" also finds "sygepleje ved kræft")."""

        def term(stem: str) -> query.Query:
            return query.Or([query.Term(name, stem, boost=FIELDS[name]) for name in names])

        parts = self.vocabulary.split(word)
        if not parts:
            return term(danish.stem(word))
        return query.Or([term(danish.stem(word)), query.And([term(danish.stem(p)) for p in parts])])

    def _filter_query(self, filters: Filters) -> query.Query | None:
        terms = []
        if filters.region:
            terms.append(query.Term("region", filters.region.lower()))
        for name in ("kind", "profession", "topic", "mode"):
            value = getattr(filters, name)
            if value:
                terms.append(query.Term(name, value))
        return query.And(terms) if terms else None

    def _allowed(self, filters: Filters, today: date) -> set[str] | None:
        """Course ids allowed by the filters whoosh cannot express (dates relative to today),
        or by any filter when there are no words to search."""
        if filters.starts_within is None and self._filter_query(filters) is None:
            return None
        allowed = set(self.documents)
        q = self._filter_query(filters)
        if q is not None:
            allowed = {hit["id"] for hit in self.searcher.search(q, limit=None)}
        if filters.starts_within is not None:
            allowed = {
                i for i in allowed if self.documents[i].starts_within(today, filters.starts_within)
            }
        return allowed

    def _hit(self, hit: Any, score: float) -> Hit:
        snippet = ""
        for name in ("description", "content", "competences", "other", "title"):
            snippet = hit.highlights(name, top=2)
            if snippet:
                break
        if not snippet:
            snippet = _first_words(self.documents[hit["id"]].text["description"])
        return self._plain_hit(hit["id"], score, _one_line(snippet))

    def _plain_hit(self, course_id: str, score: float = 0.0, snippet: str | None = None) -> Hit:
        course = self.catalogue.courses[course_id]
        doc = self.documents[course_id]
        return Hit(
            id=course_id,
            title=course.title,
            kind=course.kind.value,
            score=round(score, 3),
            snippet=snippet if snippet is not None else _first_words(doc.text["description"]),
            regions=doc.regions,
        )

    # -- relations -----------------------------------------------------------------------


def query_words(text: str) -> list[str]:
    """The folded words of a query, stopwords left out unless the query is only stopwords,
    at most MAX_QUERY_WORDS of them."""
    found = [w for w, _, _ in danish.words(text)]
    kept = [w for w in found if w not in danish.STOPWORDS] or found
    return list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]  # each word once


def _first_words(text: str, limit: int = 160) -> str:
    flat = _one_line(text)
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "kind": hit.kind,
        "score": hit.score,
        "snippet": hit.snippet,
        "regions": list(hit.regions),
    }


class FilterError(ValueError):
    """A filter value that names no region, kind, profession, topic or mode."""


def filters_from(
    catalogue: Catalogue,
    region: str | None = None,
    kind: str | None = None,
    profession: str | None = None,
    topic: str | None = None,
    mode: str | None = None,
    starts_within: int | None = None,
) -> Filters:
    """Filters from what a user typed: a region by name with or without "Region"; a
    profession by id, name or abbreviation (SSA); a topic by id or name."""

    def pick(option: str, value: str | None, names: dict[str, str]) -> str | None:
        if value is None:
            return None
        key = danish.fold(value).strip()
        found = names.get(key) or names.get(key.removeprefix("region ").strip())
        if found is None:
            shown = sorted({v for v in names.values()})
            raise FilterError(
                f"--{option}: unknown value '{value}'{did_you_mean(key, names)}; "
                f"choose from: {', '.join(shown)}"
            )
        return found

    region_names = {}
    for name in regions().values():
        region_names[danish.fold(name)] = name
        short = danish.fold(name).removeprefix("region ")
        region_names[short] = name
        region_names[short.replace("æ", "ae")] = name
    profession_names = {}
    for p in catalogue.professions.values():
        for label in (p.id, p.name, *p.abbreviations):
            profession_names[danish.fold(label)] = p.id
    topic_names = {}
    for t in catalogue.topics.values():
        topic_names[danish.fold(t.id)] = t.id
        topic_names[danish.fold(t.name)] = t.id
    if starts_within is not None and not 0 <= starts_within <= 3650:
        raise FilterError("--starts-within: give a number of days from 0 to 3650")
    return Filters(
        region=pick("region", region, region_names),
        kind=pick("kind", kind, {k.value: k.value for k in Kind}),
        profession=pick("profession", profession, profession_names),
        topic=pick("topic", topic, topic_names),
        mode=pick("mode", mode, {m.value: m.value for m in Mode}),
        starts_within=starts_within,
    )
