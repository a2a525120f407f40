"""Related courses: which courses read most alike, for every course at once.

Each course becomes a TF-IDF vector over the terms search indexes (`catalogue.search.danish`:
stems, compound parts and synonyms) in every field, each weighted as search weighs it
(the square root of a term's weighted count, as Lucene's classic similarity takes it, times
log(courses / courses with the term)). Each course's nearest courses
by cosine similarity are found with one sparse matrix product over all courses that keeps
only each row's best scores (`sparse_dot_topn`, compiled and on every core), so memory stays
flat. Deterministic: ties are broken by id (among the MARGIN courses kept past the limit), and
the same catalogue gives the same lists on any machine and any number of cores. Used by the
site ("Relaterede uddannelser") and by the duplicate report (its candidates are each course's
neighbours).

Terms found in a single course relate nothing and are left out; terms in most courses weigh
little and a term in every course nothing (inverse document frequency), so "sygeplejerske" in
a nurses' catalogue does not make every nursing course alike, and two courses sharing only
such words are not related at all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

import numpy as np
from scipy import sparse
from sparse_dot_topn import sp_matmul_topn

from catalogue.model import Catalogue
from catalogue.parallel import workers
from catalogue.search import danish
from catalogue.search.document import EXTRA_WEIGHT, FIELDS, document

MARGIN = 8  # candidates kept per course beyond the limit, so ties at the cut are decided by id


def term_weights(texts: dict[str, str], vocabulary: danish.Vocabulary) -> dict[str, float]:
    """A course's terms with their weighted counts: each field's weight in search (`FIELDS`),
    a compound part or synonym counting `EXTRA_WEIGHT` of the word itself."""
    counts: Counter[str] = Counter()
    for name, weight in FIELDS.items():
        for term in danish.analyse(texts[name], vocabulary):
            counts[term.text] += weight * (EXTRA_WEIGHT if term.extra else 1.0)
    return dict(counts)


def catalogue_terms(catalogue: Catalogue) -> dict[str, dict[str, float]]:
    """Course id → its term weights (`term_weights`), for every course of `catalogue`."""
    vocabulary = danish.vocabulary()
    return {
        course_id: term_weights(document(course, catalogue).text, vocabulary)
        for course_id, course in catalogue.courses.items()
    }


class Similarity:
    """Courses as unit TF-IDF vectors (rows in id order), from each course's term weights
    (course id → term → weighted count; `term_weights`)."""

    def __init__(self, terms: Mapping[str, Mapping[str, float]]) -> None:
        self.ids = sorted(terms)
        counts = [terms[i] for i in self.ids]
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
        self.matrix = (sparse.diags(1.0 / norms) @ matrix).tocsr()
        self.position = {course_id: n for n, course_id in enumerate(self.ids)}

    @classmethod
    def of(cls, catalogue: Catalogue) -> Similarity:
        return cls(catalogue_terms(catalogue))

    def neighbours(self, limit: int) -> dict[str, list[str]]:
        """Course id → the ids of the `limit` courses most like it (similarity above 0),
        most alike first, ties in id order."""
        if not self.ids:
            return {}
        # One sparse product keeping each row's best scores (compiled, on every core); each
        # row is summed the same way on one core or several.
        best = sp_matmul_topn(
            self.matrix,
            self.matrix.T.tocsr(),
            top_n=min(len(self.ids), limit + 1 + MARGIN),
            threshold=1e-9,
            n_threads=workers(),
        )
        found: dict[str, list[str]] = {}
        for row, course_id in enumerate(self.ids):
            begin, end = best.indptr[row], best.indptr[row + 1]
            found[course_id] = self._best(row, best.indices[begin:end], best.data[begin:end], limit)
        return found

    def _best(self, row: int, columns: np.ndarray, scores: np.ndarray, limit: int) -> list[str]:
        # Rounded so that sums of the same terms in another order compare equal.
        pairs = sorted(
            (-round(float(score), 9), int(column))
            for column, score in zip(columns, scores, strict=True)
            if column != row  # not related to itself
        )
        return [self.ids[column] for _, column in pairs[:limit]]

    def term_set(self, course_id: str) -> set[str]:
        """The distinct terms (stems, parts, synonyms) of a course's text."""
        return self.terms[self.position[course_id]]


def related_ids(catalogue: Catalogue, limit: int = 5) -> dict[str, list[str]]:
    """Course id → the ids of its related courses, most alike first."""
    return Similarity.of(catalogue).neighbours(limit)
