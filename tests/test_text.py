"""Markdown: the shortcut for plain paragraphs gives exactly what the full way gives
(Python-Markdown, then nh3)."""

from __future__ import annotations

import random

import pytest

from catalogue.model import Kind
from conftest import BUNDLED
from site_build import text

WORDS = (
    "demens pleje (kursus) marts, \"citat\" 'x' æøå a-b – 100 % e-mail: a@b.dk "
    "http://x.dk/y?z=1 ; : ! ? / | ~ { } ^ $ ... ¶ © 1. *fed* _x_ [link](http://a.dk) <b> # & \\"
).split(" ")
GAPS = [" ", " ", " ", "\n", "\n\n", "\n\n\n", "\n \n", "  ", "\n  \n", "", "\t", "\r\n"]


def generated(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = (rng.choice(WORDS) + rng.choice(GAPS) for _ in range(rng.randint(0, 25)))
        texts.append(rng.choice(["", "\n", "\n\n"]) + "".join(words))
    return texts


def bundled_texts() -> list[str]:
    found = []
    for path in BUNDLED.glob("*.yaml"):
        source = path.read_text(encoding="utf-8")
        found += [source, *source.split("\n\n")]  # real prose, lists and punctuation
    return found


@pytest.mark.parametrize("seed", range(4))
def test_plain_paragraph_shortcut_equals_the_full_way(seed: int) -> None:
    shortcut = 0
    for source in generated(seed, 2500) + (bundled_texts() if seed == 0 else []):
        if not source:
            continue
        assert text.markdown(source) == text._full_markdown(source), repr(source)
        assert text.plain(source) == text._full_plain(source), repr(source)
        shortcut += text._paragraphs(source) is not None
    assert shortcut > 100  # the shortcut itself was exercised, not only the converter


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (1, "1 dag"),
        (4.6, "5 dage"),
        (15, "3 uger"),
        (65, "3 måneder"),
        (260, "1 år"),
        (650, "2 år og 6 måneder"),
        (910, "3 år og 6 måneder"),
        (270, "1 år"),  # 12.4 months: to the nearest month
        (282, "1 år og 1 måned"),
    ],
)
def test_full_time_is_said_in_the_units_people_use(days: float, said: str) -> None:
    assert text.full_time(days) == said


def test_counts_agree_in_number() -> None:
    assert text.count(1, "uddannelse", "uddannelser") == "1 uddannelse"
    assert text.count(0, "uddannelse", "uddannelser") == "0 uddannelser"
    assert text.count(1200, "hold", "hold") == "1.200 hold"


def test_kinds_have_a_singular_and_a_plural() -> None:
    assert text.KIND_NAME[Kind.AMU] == "AMU-kursus" and text.KIND_NAMES[Kind.AMU] == "AMU-kurser"
    assert text.KIND_NAME[Kind.OTHER] == "Anden uddannelse"
    assert set(text.KIND_NAME) == set(text.KIND_NAMES) == set(Kind)
