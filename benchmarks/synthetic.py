"""A synthetic catalogue of any size, for benchmarks (never for the site).

Values are random but valid: real postnumre and DISCO-08 codes from the code lists, ids and
references that resolve, dates in order. Texts are real Danish course language: each course's
title, description sentences and content items are drawn from those of the bundled catalogue
(`courses/`), so words occur about as often, relative to each other, as in real course texts
and a query matches a realistic share of the courses. The same seed gives byte-identical files.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from catalogue.codelists import disco_codes, place
from catalogue.model import Kind, ProviderKind
from catalogue.pipeline import read_catalogue
from catalogue.schema import schema_line

WORDS = (
    "demens palliation sårpleje medicinhåndtering rehabilitering psykiatri forflytning "
    "velfærdsteknologi ernæring akut geriatri koordinering ledelse hygiejne kræft intensiv "
    "sundhedspædagogik dokumentation supervision pårørende"
).split()
BUNDLED = Path(__file__).resolve().parent.parent / "courses"
TEXTS_DAY = date(2026, 11, 22)  # texts do not depend on the day; any fixed day will do
SENTENCE = re.compile(r"(?<=[.!?])\s+")
SOURCE = "  - url: https://example.org/{0}\n    retrieved: 2026-01-05\nlast_verified: 2026-01-05\n"


@dataclass(frozen=True)
class Texts:
    """The bundled catalogue's course texts, to draw synthetic ones from."""

    titles: list[str]
    sentences: list[str]  # of all descriptions
    per_description: list[int]  # how many sentences each description has
    items: list[str]  # content items
    per_course: list[int]  # how many content items each course has


def bundled_texts(folder: Path = BUNDLED) -> Texts:
    """The titles, description sentences and content items of the courses in `folder`."""
    catalogue, _ = read_catalogue(folder, TEXTS_DAY)
    texts = Texts([], [], [], [], [])
    for course_id in sorted(catalogue.courses):
        course = catalogue.courses[course_id]
        texts.titles.append(" ".join(course.title.split()))
        sentences = [s for s in SENTENCE.split(" ".join(course.description.split())) if s]
        texts.sentences.extend(sentences)
        texts.per_description.append(len(sentences))
        items = [" ".join(item.split()) for item in course.content]
        texts.items.extend(items)
        texts.per_course.append(len(items))
    return texts


def _list_file(kind: str, entries: list[str]) -> str:
    return schema_line(kind, 2) + "\n" + "".join(entries)


def write_synthetic(root: Path, courses: int, offerings: int, seed: int = 0) -> None:
    """Write a valid catalogue of `courses` course files holding `offerings` classes in all."""
    rng = random.Random(seed)
    postnumre = [p for p in (f"{n:04d}" for n in range(1000, 10000)) if place(p)]
    disco = sorted(c for c in disco_codes() if len(c) == 6)[:40]
    providers = [f"udbyder-{i:04d}" for i in range(max(20, courses // 100))]
    professions = [f"profession-{i:02d}" for i in range(len(disco))]
    topics = {w: f"emne-{i:02d}" for i, w in enumerate(WORDS)}
    (root / "lists").mkdir(parents=True, exist_ok=True)
    kinds_of_provider = list(ProviderKind)
    (root / "lists" / "providers.yaml").write_text(
        _list_file(
            "providers",
            [
                f"- id: {p}\n  name: Udbyder {i}\n  kind: {kinds_of_provider[i % 8]}\n"
                f'  postnummer: "{rng.choice(postnumre)}"\n  sources:\n' + _indent(SOURCE.format(p))
                for i, p in enumerate(providers)
            ],
        ),
        encoding="utf-8",
    )
    (root / "lists" / "professions.yaml").write_text(
        _list_file(
            "professions",
            [
                f"- id: {p}\n  name: Profession {i}\n  plural: Professioner {i}\n"
                f'  name_en: Profession {i}\n  disco: "{code}"\n'
                "  sources:\n" + _indent(SOURCE.format(p))
                for i, (p, code) in enumerate(zip(professions, disco, strict=True))
            ],
        ),
        encoding="utf-8",
    )
    (root / "lists" / "topics.yaml").write_text(
        _list_file(
            "topics",
            [f"- id: {topic}\n  name: {word.capitalize()}\n" for word, topic in topics.items()],
        ),
        encoding="utf-8",
    )
    per_course = [
        offerings // courses + (1 if i < offerings % courses else 0) for i in range(courses)
    ]
    kinds = [k for k in Kind if k is not Kind.AMU]
    texts = bundled_texts()
    for i in range(courses):
        course_id = f"kursus-{i:06d}"
        provider = rng.choice(providers)
        words = rng.sample(WORDS, 3)
        description = " ".join(rng.sample(texts.sentences, rng.choice(texts.per_description)))
        content = rng.sample(texts.items, rng.choice(texts.per_course))
        lines = [
            schema_line("course", 1),
            f"id: {course_id}",
            f"title: {_string(rng.choice(texts.titles))}",
            f"kind: {kinds[i % len(kinds)]}",
            "scope: whole",
            f"ects: {rng.choice([5, 10, 15, 60])}",
            f"price: {rng.randrange(0, 60000, 500)}",
            "duration:\n  amount: " + str(rng.randint(1, 20)) + "\n  unit: days",
            f"description: {_string(description)}",
            *(["content:", *(f"  - {_string(item)}" for item in content)] if content else []),
            f"professions: [{', '.join(rng.sample(professions, rng.randint(1, 3)))}]",
            f"topics: [{', '.join(topics[w] for w in words)}]",
            f"providers: [{provider}]",
            "sources:\n" + SOURCE.format(course_id).rstrip("\n"),
        ]
        start = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 700))
        holds = []
        for _ in range(per_course[i]):
            start += timedelta(days=rng.randrange(7, 60))
            holds.append(
                f'  - provider: {provider}\n    postnummer: "{rng.choice(postnumre)}"\n'
                f"    start: {start}\n    end: {start + timedelta(days=rng.randrange(0, 30))}"
            )
        if holds:
            lines.append("offerings:\n" + "\n".join(holds))
        (root / f"{course_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _string(text: str) -> str:
    """`text` as a YAML scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _indent(text: str) -> str:
    return "".join("  " + line + "\n" for line in text.splitlines())
