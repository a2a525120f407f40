"""The synthetic catalogue used by the benchmarks is valid and deterministic."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import SENTENCE, bundled_texts, write_synthetic
from catalogue.pipeline import read_catalogue
from catalogue.stats import stats
from conftest import TODAY


def test_synthetic_catalogue_is_valid_and_sized(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "a", courses=50, offerings=130, seed=3)
    catalogue, diagnostics = read_catalogue(tmp_path / "a", TODAY)
    figures = stats(catalogue)
    assert diagnostics == []
    assert (figures["courses"], figures["offerings"]) == (50, 130)


def test_same_seed_same_files(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "a", courses=20, offerings=40, seed=7)
    write_synthetic(tmp_path / "b", courses=20, offerings=40, seed=7)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files_a == sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml")
    )
    assert all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a
    )


def test_texts_are_drawn_from_the_bundled_catalogue(tmp_path: Path) -> None:
    """Synthetic texts reuse real course language (so a benchmark query matches a realistic
    share of courses), never words made up for the benchmark."""
    write_synthetic(tmp_path / "a", courses=200, offerings=200, seed=1)
    catalogue, _ = read_catalogue(tmp_path / "a", TODAY)
    real = bundled_texts()
    assert len(real.titles) > 100 and len(real.sentences) > 200
    sentences = set(real.sentences)
    words: set[str] = set()
    for course in catalogue.courses.values():
        assert course.title in real.titles
        assert all(s in sentences for s in SENTENCE.split(course.description))
        assert set(course.content) <= set(real.items)
        words.update(course.description.lower().split())
    assert len(words) > 1000  # a real vocabulary, not a handful of topic words
