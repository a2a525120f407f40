"""The synthetic catalogue used by the benchmarks is valid and deterministic."""

from __future__ import annotations

from pathlib import Path

from catalogue.pipeline import read_catalogue
from catalogue.stats import stats
from catalogue.synthetic import write_synthetic
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
