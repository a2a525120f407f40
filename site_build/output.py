"""The site folder: files go in one at a time; the folder changes only when all are in.

The first build (or a build into a new folder) is written into a temporary sibling folder and
swapped in whole. Later builds compare each file's content hash with the manifest of the
previous build, stage only the files whose bytes changed, and on `finish` move them in (each
with `os.replace`) and remove files that no longer exist. Content hashes, never modification
times. Until `finish`, the previous site is untouched, so a failed build leaves it intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from catalogue.files import write_atomic

MANIFEST = ".evu-manifest.json"
# A file's bytes, whole or in pieces (a large file is written as its pieces come).
Content = bytes | Iterable[bytes]


def manifest(out: Path) -> dict[str, str]:
    """File path → sha256 of the site in `out`, as its last build wrote it ({} if none)."""
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class SiteWriter:
    """Brings `out` to exactly the files `put` (and `keep`) into it, on `finish`."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.fresh = not (self.out / MANIFEST).is_file()
        self.previous = {} if self.fresh else manifest(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-", dir=self.out.parent))
        self.hashes: dict[str, str] = {}
        self.changed: list[str] = []

    def put(self, name: str, content: Content) -> None:
        if name in self.hashes:  # two pages must never write the same file
            raise ValueError(f"two pages write {name}")
        target = self.staging / name
        if isinstance(content, bytes):
            sha = hashlib.sha256(content).hexdigest()
            if self._changed(name, sha):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        else:  # staged as it comes; dropped again when it turns out unchanged
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with target.open("wb") as stream:
                for piece in content:
                    digest.update(piece)
                    stream.write(piece)
            sha = digest.hexdigest()
            if not self._changed(name, sha):
                target.unlink()
        self.hashes[name] = sha

    def _changed(self, name: str, sha: str) -> bool:
        """`name` must be written (and is counted so): new, different or missing on disk."""
        if self.fresh or self.previous.get(name) != sha or not (self.out / name).is_file():
            self.changed.append(name)
            return True
        return False

    def keep(self, name: str, sha: str) -> None:
        """A file of the previous site that stays as it is (its sha256 from the manifest)."""
        if name in self.hashes:
            raise ValueError(f"two pages write {name}")
        self.hashes[name] = sha

    def keep_all(self, files: dict[str, str]) -> None:
        for name, sha in files.items():
            self.keep(name, sha)

    def finish(self) -> tuple[dict[str, str], int, int]:
        """Move everything in; returns the manifest, the files written and the files removed."""
        hashes = dict(sorted(self.hashes.items()))
        manifest_text = (json.dumps(hashes, indent=0, sort_keys=True) + "\n").encode("utf-8")
        if self.fresh:
            (self.staging / MANIFEST).write_bytes(manifest_text)
            old = self.out.with_name(f".{self.out.name}-old")
            if old.exists():
                shutil.rmtree(old)
            if self.out.exists():
                self.out.rename(old)
            self.staging.rename(self.out)
            shutil.rmtree(old, ignore_errors=True)
            return hashes, len(self.changed), 0
        stale = sorted(set(self.previous) - set(hashes))
        for name in self.changed:
            (self.out / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / name, self.out / name)
        for name in stale:
            (self.out / name).unlink(missing_ok=True)
            _prune_empty(self.out / name, self.out)
        if self.changed or stale:
            write_atomic(self.out / MANIFEST, manifest_text)
        self.discard()
        return hashes, len(self.changed), len(stale)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _prune_empty(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
