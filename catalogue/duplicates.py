"""Candidates for one course listed twice: the national study found 705 listings but only 530
distinct courses, because providers and regions list the same course again.

A simple detector, meant to be replaced by the search index's more-like-this (the search
issue) behind the same interface: `candidates(catalogue)` → pairs with a score and reasons,
best first (the same shape as the search branch's `duplicate_search.candidates`).

A pair is a candidate when both courses have the same AMU number, or when they are of the
same kind and their titles say the same thing: the same words once the words every title uses
are set aside, or nearly the same text with no word about something else. A module and the
whole education it belongs to (`part_of`) are never candidates.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from catalogue import ids
from catalogue.model import Catalogue, Course

SIMILAR_TITLES = 0.9  # difflib ratio of the normalised titles
SAME_WORDS = 0.8  # share of the distinctive title words the two titles have in common
# Words that say what kind of course it is, not what it is about (written as in ids).
COMMON_WORDS = frozenset(
    """
    af og i for til med om paa en et den det de ved fra efter
    kursus kurset kurser uddannelse uddannelsen uddannelser modul modulet temadag konference
    efteruddannelse videreuddannelse diplomuddannelse diplomuddannelsen akademiuddannelse
    akademiuddannelsen masteruddannelse master specialuddannelse specialuddannelsen amu
    """.split()
)


@dataclass(frozen=True)
class Candidate:
    """Two courses that may be one course listed twice."""

    first: Course  # the pair in id order
    second: Course
    score: float  # 0-1, higher is more likely
    reasons: tuple[str, ...]


def _words(title: str) -> list[str]:
    """Lowercase words with æ/ø/å written ae/oe/aa, as titles are spelt both ways."""
    return ids.slug(title).split("-")


def _distinctive(title: str) -> frozenset[str]:
    return frozenset(w for w in _words(title) if w not in COMMON_WORDS and len(w) > 2)


def _close(words: frozenset[str], others: frozenset[str]) -> bool:
    """Every word has a near twin among `others` (a typo, an inflection), so titles that differ
    in what they are about ('demens' against 'psykiatri') are not alike."""
    pool = sorted(others)
    return all(difflib.get_close_matches(w, pool, n=1, cutoff=0.8) for w in words)


def _pair(a: Course, b: Course) -> Candidate | None:
    if a.part_of == b.id or b.part_of == a.id:
        return None
    reasons: list[str] = []
    scores: list[float] = []
    if a.amu_number is not None and a.amu_number == b.amu_number:
        reasons.append(f"same AMU number {a.amu_number}")
        scores.append(1.0)
    if a.kind is not b.kind:  # an akademi and a diplom in ledelse are two courses
        return Candidate(a, b, 1.0, tuple(reasons)) if reasons else None
    words_a, words_b = _distinctive(a.title), _distinctive(b.title)
    ratio = difflib.SequenceMatcher(None, " ".join(_words(a.title)), " ".join(_words(b.title)))
    similar = ratio.ratio()
    if similar >= SIMILAR_TITLES and _close(words_a, words_b) and _close(words_b, words_a):
        reasons.append(f"titles {similar:.0%} alike")
        scores.append(similar)
    if words_a and words_b:
        common = len(words_a & words_b) / len(words_a | words_b)
        if common >= SAME_WORDS:
            reasons.append("same words in the titles: " + ", ".join(sorted(words_a & words_b)))
            scores.append(common * 0.95)
    if not reasons:
        return None
    return Candidate(a, b, round(max(scores), 3), tuple(reasons))


def candidates(catalogue: Catalogue) -> list[Candidate]:
    """Pairs of courses that may be the same course, most likely first."""
    courses = sorted(catalogue.courses.values(), key=lambda c: c.id)
    # Only pairs sharing a distinctive word or an AMU number are compared, so a large
    # catalogue is not compared pairwise.
    groups: dict[str, list[Course]] = defaultdict(list)
    for course in courses:
        keys = set(_distinctive(course.title)) or set(_words(course.title))
        if course.amu_number:
            keys.add(f"amu:{course.amu_number}")
        for key in keys:
            groups[key].append(course)
    seen: set[tuple[str, str]] = set()
    found: list[Candidate] = []
    for group in groups.values():
        for a, b in combinations(group, 2):
            if (a.id, b.id) in seen:
                continue
            seen.add((a.id, b.id))
            if (candidate := _pair(a, b)) is not None:
                found.append(candidate)
    return sorted(found, key=lambda c: (-c.score, c.first.id, c.second.id))
