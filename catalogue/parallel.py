"""Spreading independent work over the machine's cores with forked worker processes.

The work and its inputs are left in a module global before the workers are forked, so they
inherit them without pickling; only each chunk's results travel back. Results come back in
input order, so output stays deterministic. Small jobs, machines without `fork`, and calls
from any thread but the main one (forking a threaded process can deadlock) run in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable[[Sequence[Any]], Any], Sequence[Any]] | None = None


def _run(bounds: tuple[int, int]) -> Any:
    assert _TASK is not None
    function, items = _TASK
    return function(items[bounds[0] : bounds[1]])


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def map_chunks(
    function: Callable[[Sequence[T]], R],
    items: Sequence[T],
    minimum: int = 400,
    done: Callable[[int, int], None] | None = None,
) -> list[R]:
    """`function` applied to consecutive chunks of `items`; one result per chunk, in order.
    `done(finished_items, all_items)` is called as chunks finish (for a progress bar)."""
    count = workers()
    parallel = (
        count > 1
        and len(items) >= minimum
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
    )
    if not parallel:
        result = function(items)
        if done is not None:
            done(len(items), len(items))
        return [result]
    size = -(-len(items) // (count * 4))  # a few chunks per worker evens out uneven work
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    global _TASK
    _TASK = (function, items)
    try:
        results = []
        with multiprocessing.get_context("fork").Pool(count) as pool:
            for (_, end), result in zip(bounds, pool.imap(_run, bounds), strict=True):
                results.append(result)
                if done is not None:
                    done(end, len(items))
        return results
    finally:
        _TASK = None
