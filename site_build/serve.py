"""Serve a built site on localhost."""

from __future__ import annotations

import contextlib
import functools
import http.server
from pathlib import Path


def serve(folder: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(
            f"EVU-kataloget kører på http://{host}:{server.server_address[1]}/ (Ctrl+C stopper)",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
