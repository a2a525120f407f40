"""Serve a built site on localhost, rebuilding when a catalogue file or template changes.

Changes are detected by content hashes polled once a second (mtimes lie on some file systems
and in CI). A rebuild that fails reports the problems and keeps serving the previous site.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from catalogue.diagnostics import CatalogueError, format_diagnostic
from site_build.build import fingerprint
from site_build.render import TEMPLATES


def watch(
    folders: list[Path],
    seen: str,
    rebuild: Callable[[], None],
    stop: threading.Event,
    interval: float = 1.0,
) -> None:
    """Call `rebuild` whenever `folders` differ from the fingerprint `seen`, until `stop` is
    set. The caller takes the first fingerprint, so no change made after start is missed."""
    while not stop.wait(interval):
        now = fingerprint(folders)
        if now == seen:
            continue
        seen = now
        try:
            rebuild()
            print("Genopbygget.", file=sys.stderr, flush=True)
        except CatalogueError as exc:
            for diagnostic in exc.diagnostics:
                print(format_diagnostic(diagnostic), file=sys.stderr)
            print("Fejl i kataloget; det forrige site vises stadig.", file=sys.stderr, flush=True)


def serve(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    rebuild: Callable[[], None] | None = None,
    root: Path | None = None,
) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    stop = threading.Event()
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        if rebuild is not None and root is not None:
            folders = [root, TEMPLATES]
            arguments = (folders, fingerprint(folders), rebuild, stop)
            threading.Thread(target=watch, args=arguments, daemon=True).start()
        print(
            f"EVU-kataloget kører på http://{host}:{server.server_address[1]}/ (Ctrl+C stopper)",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
        stop.set()
