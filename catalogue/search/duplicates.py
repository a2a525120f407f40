"""Duplicate candidates found with the search index: the same course listed twice, under
another name or by another provider (the national study found 705 listings of 530 courses).

Each course is compared only with the courses that read most like it
(`catalogue.search.related`), so a large catalogue is not compared pairwise. A pair is a
candidate when it shares an AMU number, or when titles and texts (stemmed, compounds split,
synonyms joined by `catalogue.search.danish`) overlap enough. A module and the education
it belongs to are never candidates. For `evu report duplicates`: `candidates(catalogue)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.model import Catalogue, Course
from catalogue.search import danish
from catalogue.search.related import Similarity

NEIGHBOURS = 8  # the courses most like a course that it is compared with
THRESHOLD = 0.55  # combined similarity from which a pair is reported


@dataclass(frozen=True)
class DuplicateCandidate:
    first: Course  # the pair in id order
    second: Course
    score: float  # 0..1, higher is more alike
    reasons: tuple[str, ...]  # in Danish, for the report


def _title_words(course: Course) -> set[str]:
    """Stemmed title words, with æ/ø/å and their spellings ae/oe/aa made alike (titles copied
    into systems without Danish letters are the commonest duplicates)."""
    stems = {danish.stem(w) for w, _, _ in danish.words(course.title)} - danish.STOPWORDS
    return {w.replace("æ", "ae").replace("ø", "oe").replace("å", "aa") for w in stems}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _related_by_parts(a: Course, b: Course) -> bool:
    return (
        a.part_of == b.id or b.part_of == a.id or (a.part_of is not None and a.part_of == b.part_of)
    )


def candidates(catalogue: Catalogue) -> list[DuplicateCandidate]:
    """Pairs of courses that may be the same course, most alike first."""
    similarity = Similarity.of(catalogue)
    nearest = similarity.neighbours(NEIGHBOURS)
    found: dict[tuple[str, str], DuplicateCandidate] = {}
    for course in catalogue.courses.values():
        neighbours = [catalogue.courses[i] for i in nearest[course.id]]
        if course.amu_number:
            neighbours += [
                c
                for c in catalogue.courses.values()
                if c.amu_number == course.amu_number and c.id != course.id
            ]
        for other in neighbours:
            first, second = sorted((course, other), key=lambda c: c.id)
            key = (first.id, second.id)
            if key in found or _related_by_parts(first, second):
                continue
            terms = similarity.term_set(first.id), similarity.term_set(second.id)
            pair = _compare(first, second, *terms)
            if pair is not None:
                found[key] = pair
    return sorted(found.values(), key=lambda p: (-p.score, p.first.id, p.second.id))


def _compare(
    a: Course, b: Course, terms_a: set[str], terms_b: set[str]
) -> DuplicateCandidate | None:
    reasons = []
    title = _jaccard(_title_words(a), _title_words(b))
    text = _jaccard(terms_a, terms_b)
    score = 0.5 * title + 0.5 * text
    if a.amu_number and a.amu_number == b.amu_number:
        score = max(score, 0.95)
        reasons.append(f"samme AMU-nummer ({a.amu_number})")
    if score < THRESHOLD or (a.kind is not b.kind and not reasons):
        return None
    reasons.append(f"titlerne ligner hinanden ({round(title * 100)} %)")
    reasons.append(f"teksterne ligner hinanden ({round(text * 100)} %)")
    if set(a.providers) != set(b.providers):
        reasons.append("forskellige udbydere")
    return DuplicateCandidate(a, b, round(min(score, 1.0), 3), tuple(reasons))
