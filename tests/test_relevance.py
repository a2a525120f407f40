"""The relevance test set (tests/relevance.yaml) against whoosh: every expected course of every
query is among the first 10 results of `evu search`. The same set runs against the built
Pagefind index in Chromium in tests/test_search_browser.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from catalogue.pipeline import read_catalogue
from catalogue.search.index import SearchIndex
from conftest import BUNDLED, TODAY

RELEVANCE = Path(__file__).resolve().parent / "relevance.yaml"
CASES = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    catalogue, _ = read_catalogue(BUNDLED, TODAY)
    return SearchIndex(catalogue)


def test_the_set_is_large_and_names_real_courses(index: SearchIndex) -> None:
    assert len(CASES) >= 40
    assert len({c["query"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert case["expect"], case["query"]
        for course_id in case["expect"]:
            assert course_id in index.catalogue.courses, course_id


@pytest.mark.parametrize("case", CASES, ids=[c["query"] for c in CASES])
def test_expected_courses_are_in_the_first_ten(index: SearchIndex, case: dict) -> None:
    top = [hit.id for hit in index.search(case["query"], today=TODAY, limit=10).hits]
    missing = [course_id for course_id in case["expect"] if course_id not in top]
    assert missing == [], f"{case['query']!r}: got {top}"
