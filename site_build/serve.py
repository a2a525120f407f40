"""Serve a built site on localhost, rebuilding when a catalogue file or template changes.

Changes are detected by content hashes (mtimes lie on some file systems and in CI), worked
out when a poll (four times a second) sees names, sizes or modification times move, and every
ten seconds in any case. The rebuild reports its own outcome (`evu serve` keeps serving the
previous site when the catalogue has errors).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from site_build import urls
from site_build.fingerprint import fingerprint
from site_build.render import TEMPLATES

INTERVAL = 0.25  # seconds between polls, at least
CHECK_CONTENT_EVERY = 40  # polls; the contents are compared at least this often (10 s)


def signature(folders: list[Path]) -> int:
    """A cheap hash of the names, sizes and modification times of the files in `folders`
    (0 when a file vanished while looking, so that the contents are compared)."""
    found = []
    waiting = [str(folder) for folder in folders]
    try:
        while waiting:
            with os.scandir(waiting.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            waiting.append(entry.path)
                    elif entry.is_file():
                        stat = entry.stat()
                        found.append((entry.path, stat.st_size, stat.st_mtime_ns))
    except OSError:
        return 0
    return hash(tuple(sorted(found)))


def watch(
    folders: list[Path],
    seen: str,
    rebuild: Callable[[], None],
    stop: threading.Event,
    interval: float = INTERVAL,
    every: int = CHECK_CONTENT_EVERY,
) -> None:
    """Call `rebuild` whenever `folders` differ from the fingerprint `seen`, until `stop` is
    set. The caller takes the first fingerprint, so no change made after start is missed.
    Each poll compares names, sizes and modification times, and the contents only when these
    moved, or on every `every`th poll (a change that kept size and time is still seen), so
    watching a large catalogue costs little: polls are at least `interval` seconds apart, and
    farther when a poll takes long (a large catalogue), so that watching uses a fifth of a core
    at most."""
    stamp = signature(folders)
    polls = 0
    wait = interval
    while not stop.wait(wait):
        polls += 1
        started = time.perf_counter()
        now_stamp = signature(folders)
        wait = max(interval, 5 * (time.perf_counter() - started))
        if now_stamp == stamp and polls % every:
            continue
        stamp = now_stamp
        now = fingerprint(folders)
        if now == seen:
            continue
        seen = now
        rebuild()


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files; an address that does not exist gets the site's own Danish
    page (404.html, as GitHub Pages serves it) with status 404, never Python's English one."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / urls.NOT_FOUND
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    rebuild: Callable[[], None] | None = None,
    root: Path | None = None,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve `folder` until Ctrl+C; with `rebuild` and `root`, call `rebuild` whenever the
    catalogue in `root` or the templates change (it reports its own outcome). `ready` is told
    the address once the server listens."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    stop = threading.Event()
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        if rebuild is not None and root is not None:
            folders = [root, TEMPLATES]
            arguments = (folders, fingerprint(folders), rebuild, stop)
            threading.Thread(target=watch, args=arguments, daemon=True).start()
        if ready is not None:
            ready(f"http://{host}:{server.server_address[1]}/")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
        stop.set()
