"""Search on the static site: a Pagefind index of every course, built through Pagefind's
Python API (its binary comes from PyPI; no npm), and the search page's facets.

Each course is given to Pagefind as a small HTML record made from the same
`SearchDocument` that whoosh indexes, with the same Danish enrichment (compound parts and
synonyms from `catalogue.search.danish`) as a hidden, low-weight field, so the site and `evu search`
find the same courses. Pagefind writes its bundle into a temporary folder; its files are
read back into the build's file map, so the manifest tracks them like every other output:
same catalogue, same bytes (Pagefind's output is deterministic), nothing rewritten.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import escape

from catalogue.collation import sort_key
from catalogue.model import Catalogue, Course, Kind, Mode
from catalogue.parallel import map_chunks
from catalogue.search import danish
from catalogue.search.document import (
    EXTRA_WEIGHT,
    FIELDS,
    PAST_FACTOR,
    SearchDocument,
    document,
)
from catalogue.search.related import term_weights
from site_build import text, urls
from site_build.cards import Card
from site_build.pagefind_canonical import canonical

SOON_LABEL = "Starter inden for 3 måneder"
FREE_LABEL = "Gratis for målgruppen"
# Facets in the order the search page shows them: URL key → legend.
FACETS = {
    "region": "Region",
    "type": "Type",
    "niveau": "Niveau (NQF)",
    "erhverv": "Erhverv",
    "emne": "Emne",
    "form": "Undervisningsform",
    "start": "Start",
    "pris": "Pris",
}
# The filter that names past one-off events, which the search page ranks lower
# (`catalogue.search.document.PAST_FACTOR`); the page does not show it as a facet.
PAST_FILTER = ("tilstand", "afholdt")
SNIPPET_SOURCE = 2000  # characters of a course's visible text kept for result snippets
# Pagefind's files the site needs (its prebuilt UI widgets are left out: the page has its own).
KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
KEEP_SUFFIXES = (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
# The engine for pages without a language: never loaded (every record is Danish and
# pagefind-entry.json names the Danish engine), and its bytes were seen to differ between
# two builds of the same input, so it is left out.
UNUSED = ("wasm.unknown.pagefind",)


def facets(doc: SearchDocument, catalogue: Catalogue, today: date) -> dict[str, list[str]]:
    """A course's facet values as the search page shows them."""
    found = {
        "region": list(doc.regions),
        "type": [text.KIND_NAMES[Kind(doc.kind)]],
        "niveau": [f"Niveau {doc.nqf_level}"] if doc.nqf_level else [],
        "erhverv": [catalogue.professions[p].name for p in doc.professions],
        "emne": [catalogue.topics[t].name for t in doc.topics],
        "form": [text.MODE_NAMES[Mode(m)] for m in doc.modes],
        "start": [SOON_LABEL] if doc.starts_within(today) else [],
        "pris": [FREE_LABEL] if doc.free else [],
    }
    return {key: values for key, values in found.items() if values}


def visible_text(course: Course) -> str:
    """What a course page shows of the course in running text (description, content and
    competences), as one line: the only words a result snippet may show."""
    found = [text.plain(course.description), *course.content, *course.competences]
    joined = " ".join(" ".join(part.split()) for part in found if part)
    return joined[:SNIPPET_SOURCE].rsplit(" ", 1)[0] if len(joined) > SNIPPET_SOURCE else joined


def record(
    course: Course,
    catalogue: Catalogue,
    today: date,
    vocabulary: danish.Vocabulary,
    card: Card,
    doc: SearchDocument | None = None,
) -> str:
    """The HTML Pagefind indexes for one course: its searchable fields with their weights,
    each followed by its Danish enrichment (compound parts, synonyms) as a hidden field at
    the weight whoosh gives those terms, then its facets, and as metadata what a result
    shows: its card's texts and its visible text (the snippet is made from that alone, never
    from the hidden enrichment). A past one-off event carries the filter PAST_FILTER.
    `doc`: the course's search document, when already made."""
    doc = doc or document(course, catalogue)
    parts = []
    for name, weight in FIELDS.items():
        field = doc.text[name]
        if not field:
            continue
        tag, meta = ("h1", ' data-pagefind-meta="title"') if name == "title" else ("p", "")
        parts.append(f'<{tag} data-pagefind-weight="{weight}"{meta}>{escape(field)}</{tag}>')
        extra = vocabulary.enrich(field)  # weighted as whoosh weighs a field's extra terms
        if extra:
            weighed = weight * EXTRA_WEIGHT
            parts.append(f'<p data-pagefind-weight="{weighed}" hidden>{escape(extra)}</p>')
    found = facets(doc, catalogue, today)
    if card.past:
        found[PAST_FILTER[0]] = [PAST_FILTER[1]]
    for key, values in found.items():
        parts.extend(f'<span data-pagefind-filter="{key}">{escape(v)}</span>' for v in values)
    shown = {
        "type": card.kind,
        "start": card.start,
        "sted": card.where,
        "pris": card.price_text,
        "omfang": card.size,
        "tekst": visible_text(course),
        "afholdt": card.past or "",
    }
    # Inline metadata ("key:value", captured to the end of the attribute) is not indexed.
    parts.extend(
        f'<span data-pagefind-meta="{key}:{escape(v)}"></span>' for key, v in shown.items()
    )
    body = "\n".join(parts)
    return f'<html lang="da"><body><main data-pagefind-body>\n{body}\n</main></body></html>'


@dataclass(frozen=True)
class Record:
    """A course as the search step reads it, made once per build and course (and kept for
    the next build while its file is unchanged): the HTML Pagefind indexes (`record`); the
    term weights related courses are worked out from (`related.term_weights`, over the text
    alone: a price change does not make related courses again); its words for the word list,
    and its facets for the search page. Terms and words are kept as "key\tnumber" lines,
    which take a fraction of the memory of dictionaries."""

    html: str
    terms: str
    words: str
    facets: tuple[tuple[str, tuple[str, ...]], ...]

    def term_weights(self) -> dict[str, float]:
        return {t: float(n) for t, n in (line.split("\t") for line in self.terms.splitlines())}

    def word_counts(self) -> dict[str, int]:
        return {w: int(n) for w, n in (line.split("\t") for line in self.words.splitlines())}


def _lines(counts: Mapping[str, float]) -> str:
    return "".join(f"{key}\t{counts[key]!r}\n" for key in sorted(counts))


def records(
    courses: Sequence[Course], catalogue: Catalogue, today: date, cards: Mapping[str, Card]
) -> dict[str, Record]:
    """Course id → its search record, made on all cores when there are many, from the
    courses' `cards`."""
    vocabulary = danish.vocabulary()

    def make(part: Sequence[Course]) -> list[tuple[str, Record]]:
        found = []
        for c in part:
            doc = document(c, catalogue)
            made = Record(
                record(c, catalogue, today, vocabulary, cards[c.id], doc),
                _lines(term_weights(doc.text, vocabulary)),
                _lines(danish.word_counts([doc.all_text()])),
                tuple((k, tuple(v)) for k, v in facets(doc, catalogue, today).items()),
            )
            found.append((c.id, made))
        return found

    return {course_id: made for part in map_chunks(make, courses) for course_id, made in part}


def pagefind_files(found: Mapping[str, Record]) -> dict[str, bytes]:
    """Path in the site → bytes, for Pagefind's bundle of the courses' records `found`
    (course id → record) and the search page's word list."""
    with tempfile.TemporaryDirectory(prefix="evu-pagefind-") as folder:
        pages, bundle = Path(folder) / "pages", Path(folder) / "bundle"
        for course_id, made in found.items():
            address, html = urls.course(course_id), made.html
            target = pages / urls.file_of(address)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        _index(pages, bundle)
        files = {
            urls.PAGEFIND + str(path.relative_to(bundle)): path.read_bytes()
            for path in sorted(bundle.rglob("*"))
            if path.is_file()
            and (path.name in KEEP or path.name.endswith(KEEP_SUFFIXES))
            and path.name not in UNUSED
        }
    files = canonical(files, urls.PAGEFIND)  # same catalogue, same bytes
    files[urls.SEARCH_WORDS] = word_list(found.values()).encode("utf-8")
    return files


def _index(pages: Path, out: Path) -> None:
    """Pagefind's bundle for the records in the folder `pages`, written into `out`, by the
    binary that comes with the `pagefind` package, run to completion. (Its Python API stops
    its indexing service as soon as the write request is acknowledged, which was seen to
    leave files half written: an empty pagefind-entry.json, a truncated engine.)"""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise RuntimeError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
    command = [str(executable), "--site", str(pages), "--output-path", str(out)]
    subprocess.run([*command, "--force-language", "da", "--quiet"], check=True)


def word_list(found: Iterable[Record]) -> str:
    """The catalogue's words, most frequent first (for "mente du …?"), and the parts of its
    compounds as `catalogue.search.danish` splits them (so a query "akutsygeplejerske" can
    be searched as "akut sygeplejerske"). Fetched only when a search finds little."""
    counts: dict[str, int] = {}
    for made in found:
        for word, count in made.word_counts().items():
            counts[word] = counts.get(word, 0) + count
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    vocabulary = danish.vocabulary()
    parts = {w: split for w in ranked if (split := vocabulary.split(w))}
    return json.dumps(
        {"ord": ranked, "dele": parts}, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


def page_context(found: Iterable[Record]) -> dict[str, Any]:
    """The search page's facets with every value that occurs in the records `found`, for
    the page to list (the script fills in the counts)."""
    values: dict[str, set[str]] = {key: set() for key in FACETS}
    for made in found:
        for key, present in made.facets:
            values[key].update(present)
    order = {
        "type": [text.KIND_NAMES[k] for k in Kind],
        "niveau": [f"Niveau {n}" for n in range(1, 9)],
        "form": list(text.MODE_NAMES.values()),
    }

    def ordered(key: str) -> list[str]:
        known = order.get(key)
        if known:
            return [v for v in known if v in values[key]]
        return sorted(values[key], key=sort_key)

    return {
        "facets": [(key, legend, ordered(key)) for key, legend in FACETS.items() if values[key]],
        # Left out of highlighting in result snippets ("og", "for"), as `evu search` leaves
        # them out of a query.
        "stopwords": " ".join(sorted(danish.STOPWORDS)),
        "past": {"filter": PAST_FILTER, "factor": PAST_FACTOR},
    }
