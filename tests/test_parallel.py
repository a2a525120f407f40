"""Work spread over forked processes gives exactly what one process gives."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from benchmarks.synthetic import write_synthetic
from catalogue import parallel
from catalogue.pipeline import read_catalogue
from conftest import TODAY
from site_build.build import render_site
from site_build.keys import Keys


def squares(items: Sequence[int]) -> list[int]:
    return [i * i for i in items]


def test_chunks_come_back_in_order() -> None:
    finished: list[int] = []
    parts = parallel.map_chunks(
        squares, list(range(1000)), minimum=10, done=lambda n, total: finished.append(n)
    )
    assert [x for part in parts for x in part] == [i * i for i in range(1000)]
    assert finished[-1] == 1000 and finished == sorted(finished)


def test_parallel_render_equals_sequential_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_synthetic(tmp_path / "courses", courses=300, offerings=900, seed=4)
    catalogue, _ = read_catalogue(tmp_path / "courses", TODAY)
    digests = {course: f"hash-of-{course}" for course in catalogue.courses}
    assert parallel.workers() > 1  # the CI machine has two cores; otherwise this proves nothing
    together = render_site(catalogue, TODAY, keys=Keys("salt", digests, catalogue))
    keys = [key for name, (key, _) in together.outputs.items() if name.endswith(".html")]
    assert len(keys) == len(set(keys)) > 300  # a key per page
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    assert render_site(catalogue, TODAY, keys=Keys("salt", digests, catalogue)) == together
