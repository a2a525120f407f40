"""A one-line progress bar on stderr, shown only on a terminal (never in logs or pipes)."""

from __future__ import annotations

import sys


def progress_bar(finished: int, total: int, unit: str) -> None:
    """Draw `finished` of `total` `unit`s; the last call ends the line."""
    if not sys.stderr.isatty():
        return
    filled = finished * 30 // max(total, 1)
    end = "\n" if finished == total else ""
    print(
        f"\r[{'#' * filled}{'.' * (30 - filled)}] {finished}/{total} {unit}",
        end=end,
        file=sys.stderr,
        flush=True,
    )
