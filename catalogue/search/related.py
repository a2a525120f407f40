"""Related courses: which courses read most alike, for every course at once.

Each course becomes a TF-IDF vector over the terms search indexes (`catalogue.search.danish`:
stems, compound parts and synonyms) in every field, each weighted as search weighs it
(the square root of a term's weighted count, as Lucene's classic similarity takes it, times
log(courses / courses with the term)). Each course's nearest courses
by cosine similarity are found with one sparse matrix product over all courses, in blocks so
that memory stays flat. Deterministic: ties are broken by id, and the same catalogue gives the
same lists on any machine. Used by the site ("Relaterede uddannelser") and by the duplicate
report (its candidates are each course's neighbours).

Terms found in a single course relate nothing and are left out; terms in most courses weigh
little and a term in every course nothing (inverse document frequency), so "sygeplejerske" in
a nurses' catalogue does not make every nursing course alike, and two courses sharing only
such words are not related at all.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from scipy import sparse

from catalogue.model import Catalogue
from catalogue.search import danish
from catalogue.search.document import EXTRA_WEIGHT, FIELDS, document

BLOCK = 512  # courses compared with all others at a time (a block × courses dense matrix)


def term_weights(texts: dict[str, str], vocabulary: danish.Vocabulary) -> Counter[str]:
    """A course's terms with their weighted counts: each field's weight in search (`FIELDS`),
    a compound part or synonym counting `EXTRA_WEIGHT` of the word itself."""
    counts: Counter[str] = Counter()
    for name, weight in FIELDS.items():
        for term in danish.analyse(texts[name], vocabulary):
            counts[term.text] += weight * (EXTRA_WEIGHT if term.extra else 1.0)
    return counts


class Similarity:
    """The courses of a catalogue as unit TF-IDF vectors (rows in id order)."""

    def __init__(self, catalogue: Catalogue, vocabulary: danish.Vocabulary | None = None):
        vocabulary = vocabulary or danish.vocabulary()
        self.ids = sorted(catalogue.courses)
        counts = [
            term_weights(document(catalogue.courses[i], catalogue).text, vocabulary)
            for i in self.ids
        ]
        self.terms = [set(c) for c in counts]
        frequency = Counter(term for c in counts for term in c)
        shared = sorted(t for t, n in frequency.items() if n > 1)
        column = {term: n for n, term in enumerate(shared)}
        total = len(self.ids)
        idf = {t: math.log(total / frequency[t]) for t in shared}
        rows, cols, values = [], [], []
        for row, weights in enumerate(counts):
            for term, weight in weights.items():
                if term in column:
                    rows.append(row)
                    cols.append(column[term])
                    values.append(math.sqrt(weight) * idf[term])
        matrix = sparse.csr_matrix(
            (np.array(values, dtype=np.float64), (rows, cols)), shape=(total, len(shared))
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sparse.diags(1.0 / norms) @ matrix
        self.position = {course_id: n for n, course_id in enumerate(self.ids)}

    def neighbours(self, limit: int) -> dict[str, list[str]]:
        """Course id → the ids of the `limit` courses most like it (similarity above 0),
        most alike first, ties in id order."""
        found: dict[str, list[str]] = {}
        transposed = self.matrix.T.tocsc()
        for start in range(0, len(self.ids), BLOCK):
            scores = (self.matrix[start : start + BLOCK] @ transposed).toarray()
            for offset, row in enumerate(scores):
                row[start + offset] = 0.0  # not related to itself
                found[self.ids[start + offset]] = self._best(row, limit)
        return found

    def _best(self, row: np.ndarray, limit: int) -> list[str]:
        candidates = np.flatnonzero(row > 1e-9)
        if len(candidates) > limit:
            # Keep every course scoring at least the `limit`th best, so that ties at the cut
            # are decided by id below, not by where argpartition happened to put them.
            cut = np.partition(row[candidates], -limit)[-limit]
            candidates = candidates[row[candidates] >= cut - 1e-12]
        # Rounded so that sums of the same terms in another order compare equal.
        order = sorted(candidates, key=lambda n: (-round(float(row[n]), 9), n))
        return [self.ids[n] for n in order[:limit]]

    def term_set(self, course_id: str) -> set[str]:
        """The distinct terms (stems, parts, synonyms) of a course's text."""
        return self.terms[self.position[course_id]]


def related_ids(catalogue: Catalogue, limit: int = 5) -> dict[str, list[str]]:
    """For the site build: course id → the ids of its related courses, most alike first."""
    return Similarity(catalogue).neighbours(limit)
