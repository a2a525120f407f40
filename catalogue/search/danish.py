"""Danish text for search: one module used by every index, so they all find the same courses.

- `fold` (from `catalogue.collation`): lower case and accents folded, keeping æ, ø, å.
- `words`: the words of a text with their character offsets (for highlighting).
- `stem`: Snowball's Danish stemmer. We use the one inside whoosh (`whoosh.lang`): whoosh is
  a dependency anyway, it is the same Snowball algorithm Pagefind runs in the browser, and a
  second stemming package (PyStemmer, snowballstemmer) would add nothing but a dependency.
- `Vocabulary`: synonyms, abbreviations and compound parts, kept as data in
  `catalogue/data/synonyms.yaml` that maintainers extend.
- `Vocabulary.split`: decompounding, so "hjælper" finds "sundhedshjælper".
- `Vocabulary.extra_words`: the decompounded parts and synonym expansions of a text; whoosh
  indexes them beside each word, Pagefind as a hidden field of each course.
- `closest`: typo tolerance ("sygeplejeske" → "sygeplejerske", "demes" → "demens").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from whoosh.lang import stemmer_for_language, stopwords_for_language

from catalogue.collation import fold
from catalogue.diagnostics import CatalogueError, Diagnostic
from catalogue.yamlsource import location, read_yaml

SYNONYMS = Path(__file__).resolve().parents[1] / "data" / "synonyms.yaml"
WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset(stopwords_for_language("da"))
# Endings of inflected forms a compound part may carry: hjælper-e, uddannelse-n, pleje-n, …
ENDINGS = ("", "e", "n", "r", "s", "en", "er", "es", "et", "ne", "ns", "re", "ere", "erne", "ens")
LINKS = ("s", "e")  # Danish linking letters: sundhed-s-hjælper, ældr-e-pleje
SHORT_PART = 7  # parts shorter than this split a compound only after another known part


def words(text: str) -> list[tuple[str, int, int]]:
    """Each word of `text`, folded, with its start and end offsets in `text`."""
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    if len(folded) == len(text):  # nearly always: fold once, offsets are the same
        return [(m.group(), m.start(), m.end()) for m in WORD.finditer(folded)]
    return [(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


_STEM = stemmer_for_language("da")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Danish stem of a folded word ("sygeplejersker" → "sygeplejersk")."""
    return _STEM(word)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as folded words: "Social- og sundhedsassistent" → (social, og, …)."""
    return tuple(w for w, _, _ in words(phrase))


@dataclass(frozen=True)
class Vocabulary:
    """Synonym groups, one-way broader terms and compound parts (see synonyms.yaml)."""

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    broader: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...] = ()
    parts: frozenset[str] = frozenset()
    # Derived lookups, filled in __post_init__.
    _forms: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _rules: dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _splits: dict[str, list[str]] = field(default_factory=dict, compare=False, repr=False)
    _own: dict[str, tuple[str | None, tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for part in sorted(self.parts):
            for ending in ENDINGS:
                self._forms.setdefault(part + ending, part)
                if part.endswith("e"):  # pleje + r → plejer; uddannelse + r → uddannelser
                    self._forms.setdefault(part[:-1] + ending, part)
        for group in self.groups:
            for variant in group:
                others = tuple(v for v in group if v != variant)
                self._add_rule(variant, others)
        for word, phrases in self.broader:
            for phrase in phrases:
                self._add_rule(phrase, (word,))

    def _add_rule(self, variant: tuple[str, ...], adds: tuple[tuple[str, ...], ...]) -> None:
        stems = tuple(stem(w) for w in variant)
        self._rules.setdefault(stems[0], []).append((stems, adds))

    def split(self, word: str) -> list[str]:
        """The parts of a folded compound ("kræftsygeplejersker" → kræft, sygeplejerske), or []
        when it is not a compound of known parts."""
        found = self._splits.get(word)
        if found is None:
            found = self._splits[word] = self._split(word)
        return found

    def _split(self, word: str) -> list[str]:
        if len(word) < 6 or word in self._forms:  # short, or a known part itself
            return []
        for cut in range(3, len(word) - 2):  # longest known head first
            head = self._forms.get(word[cut:])
            if head is None:
                continue
            front = self._front(word[:cut])
            if front is not None and (len(head) >= SHORT_PART or front[-1] in self.parts):
                return [*front, head]
        return []

    def _front(self, modifier: str) -> list[str] | None:
        """The parts of what precedes a compound's head, linking letter dropped."""
        candidates = [modifier]
        if modifier[-1] in LINKS and len(modifier) > 3:
            candidates.insert(0, modifier[:-1])
        for candidate in candidates:
            if candidate in self.parts:
                return [candidate]
            inner = self.split(candidate)
            if inner:
                return inner
        if len(modifier) >= 3 and modifier not in STOPWORDS:
            return [modifier]
        return None

    def own_terms(self, word: str) -> tuple[str | None, tuple[str, ...]]:
        """A folded word's stem (None for a stopword) and the stems of its compound parts
        (stopwords and the word's own stem left out, each once)."""
        found = self._own.get(word)
        if found is None:
            own = None if word in STOPWORDS else stem(word)
            parts: dict[str, None] = {}
            for part in self.split(word):
                if part != word and part not in STOPWORDS and stem(part) != own:
                    parts.setdefault(stem(part), None)
            found = self._own[word] = (own, tuple(parts))
        return found

    def rules_at(self, stems: list[str], i: int) -> list[list[str]]:
        """The words added at position `i` by each synonym rule whose phrase starts there:
        the synonyms' words, then their compound parts."""
        added = []
        for variant, adds in self._rules.get(stems[i], ()):
            if tuple(stems[i : i + len(variant)]) == variant:
                synonyms = [w for add in adds for w in add]
                added.append([*synonyms, *(p for w in synonyms for p in self.split(w))])
        return added

    def extra_words(self, folded: list[str]) -> list[tuple[int, str]]:
        """Words to index beside the words of a text (by position): the parts of its
        compounds and the synonyms of its words and phrases."""
        extra: list[tuple[int, str]] = []
        stems = [stem(w) for w in folded]
        for i, word in enumerate(folded):
            extra.extend((i, p) for p in self.split(word) if p != word)
            extra.extend((i, w) for rule in self.rules_at(stems, i) for w in rule)
        return extra

    def enrich(self, text: str) -> str:
        """The extra words of `text` (compound parts, synonyms) as one line of text, each
        word once, for an index that analyses text itself (Pagefind's hidden field)."""
        folded = [w for w, _, _ in words(text)]
        present = set(folded)
        seen: dict[str, None] = {}
        for _, word in self.extra_words(folded):
            if word not in present and word not in STOPWORDS:
                seen.setdefault(word, None)
        return " ".join(seen)


class Term(NamedTuple):
    """One indexed term: the stem, the word's position and its offsets in the text."""

    text: str
    position: int
    start: int
    end: int
    extra: bool = False  # a compound part or synonym, not the word itself


def analyse(text: str, vocabulary: Vocabulary) -> Iterator[Term]:
    """The terms whoosh indexes for `text`: each word's stem, with the stems of its compound
    parts and synonyms at the same position (so highlighting marks the word itself)."""
    found = words(text)
    folded = [w for w, _, _ in found]
    stems = [stem(w) for w in folded]
    for i, (word, start, end) in enumerate(found):
        own, parts = vocabulary.own_terms(word)
        if own is not None:
            yield Term(own, i, start, end)
        for s in parts:  # the word's own compound parts, worked out once per word
            yield Term(s, i, start, end, True)
        seen = {own, *parts}
        for other in (added for rule in vocabulary.rules_at(stems, i) for added in rule):
            s = stem(other)
            if other not in STOPWORDS and s not in seen:
                seen.add(s)
                yield Term(s, i, start, end, True)


def distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), or limit + 1 when above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    """How many typing mistakes a word of this length may hold: none in short words, where a
    change makes another real word (SSA, SSH), one from 4 letters, two from 8."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def closest(word: str, vocabulary: Mapping[str, int]) -> str | None:
    """The known word nearest to a folded `word` within its allowed typos (most frequent on a
    tie), or None. `vocabulary` maps known words to how often they occur."""
    if word in vocabulary:
        return word
    limit = allowed_typos(word)
    best: tuple[int, int, str] | None = None
    for known, count in vocabulary.items():
        if abs(len(known) - len(word)) > limit or (known[:1] != word[:1] and limit < 2):
            continue
        d = distance(word, known, limit)
        if d <= limit and (best is None or (d, -count, known) < best):
            best = (d, -count, known)
    return best[2] if best else None


@cache
def vocabulary(path: Path = SYNONYMS) -> Vocabulary:
    """The search vocabulary in `path`; raises CatalogueError naming file, line and column."""
    node, problems = read_yaml(path)
    if problems or node is None:
        raise CatalogueError(problems or [Diagnostic(location(path, node), "empty-file", "empty")])
    problems = []

    def strings(items: yaml.Node) -> list[str]:
        if not isinstance(items, yaml.SequenceNode):
            problems.append(Diagnostic(location(path, items), "type", "expected a list"))
            return []
        found = []
        for item in items.value:
            if isinstance(item, yaml.ScalarNode) and phrase_words(str(item.value)):
                found.append(str(item.value))
            else:
                problems.append(Diagnostic(location(path, item), "type", "expected a word"))
        return found

    sections: dict[str, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in ("synonyms", "broader", "compounds"):
                sections[key.value] = value
            else:
                problems.append(
                    Diagnostic(
                        location(path, key),
                        "unknown-field",
                        f"unknown section '{key.value}': expected synonyms, broader or compounds",
                    )
                )
    else:
        problems.append(Diagnostic(location(path, node), "type", "expected a mapping"))
    groups = []
    if "synonyms" in sections:
        lines = sections["synonyms"]
        for line in lines.value if isinstance(lines, yaml.SequenceNode) else [lines]:
            groups.append(tuple(phrase_words(s) for s in strings(line)))
    broader = []
    if "broader" in sections:
        rules = sections["broader"]
        if isinstance(rules, yaml.MappingNode):
            for key, value in rules.value:
                narrower = tuple(phrase_words(s) for s in strings(value))
                broader.append((phrase_words(str(key.value)), narrower))
        else:
            problems.append(Diagnostic(location(path, rules), "type", "expected a mapping"))
    parts = strings(sections["compounds"]) if "compounds" in sections else []
    if problems:
        raise CatalogueError(problems)
    return Vocabulary(
        groups=tuple(groups),
        broader=tuple(broader),
        parts=frozenset(fold(p) for p in parts),
    )


def word_counts(texts: Iterable[str]) -> dict[str, int]:
    """How often each folded word occurs in `texts` (the known words for `closest`)."""
    counts: dict[str, int] = {}
    for text in texts:
        for word, _, _ in words(text):
            if not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    return counts
