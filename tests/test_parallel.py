"""Work spread over forked processes gives exactly what one process gives."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from catalogue import parallel
from catalogue.load import load
from catalogue.synthetic import write_synthetic
from conftest import KRAEFT


def squares(items: Sequence[int]) -> list[int]:
    return [i * i for i in items]


def test_chunks_come_back_in_order() -> None:
    finished: list[int] = []
    parts = parallel.map_chunks(
        squares, list(range(1000)), minimum=10, done=lambda n, total: finished.append(n)
    )
    assert [x for part in parts for x in part] == [i * i for i in range(1000)]
    assert finished[-1] == 1000 and finished == sorted(finished)


def test_parallel_load_equals_sequential_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "courses"
    write_synthetic(root, courses=450, offerings=900, seed=2)
    (root / "broken.yaml").write_text(KRAEFT.replace("price: 46000", "price: x"), encoding="utf-8")
    assert parallel.workers() > 1  # the CI machine has two cores; otherwise this proves nothing
    together = load(root)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    alone = load(root)
    assert [e.value for e in together.entries] == [e.value for e in alone.entries]
    assert together.diagnostics == alone.diagnostics
    assert together.files == alone.files == 454
    assert together.unreadable == alone.unreadable == {("course", "broken")}
