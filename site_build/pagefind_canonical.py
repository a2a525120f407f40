"""Make Pagefind's bundle byte-identical for the same input.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata file, in the
order of a Rust hash map, which changes from run to run; the file names are content hashes, so
they change too. The build promises that the same catalogue gives the same bytes (and that an
unchanged site rewrites nothing), so this module rewrites those two kinds of file with their
entries sorted, renames them after the new content, and points the metadata and the entry
file at the new names. Pages, word index and fragments are already deterministic.

The files are gzip'd "pagefind_dcd" + CBOR (definite-length arrays, text and unsigned
integers); the small CBOR subset needed is read and written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
from typing import Any

SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes, i: int = 0) -> tuple[Any, int]:
    head = data[i]
    major, extra = head >> 5, head & 31
    i += 1
    if extra < 24:
        n = extra
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[extra]
        n = int.from_bytes(data[i : i + size], "big")
        i += size
    if major == 0:
        return n, i
    if major == 3:
        return data[i : i + n].decode("utf-8"), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    raise ValueError(f"unexpected CBOR major type {major} in a Pagefind file")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise ValueError("integer too large")


def _encode(value: Any) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise TypeError(type(value))


def _read(content: bytes) -> Any:
    data = gzip.decompress(content)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind data file")
    value, _ = _decode(data, len(SIGNATURE))
    return value


def _write(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


def _name(content: bytes, length: int) -> str:
    return hashlib.sha256(content).hexdigest()[:length]


def canonical(files: dict[str, bytes], folder: str) -> dict[str, bytes]:
    """Pagefind's files (path under the site → bytes, all under `folder`) with the filter
    files and the metadata file in a stable order and named after their new content."""
    result = dict(files)
    entry_path = folder + "pagefind-entry.json"
    entry = json.loads(files[entry_path])
    renamed: dict[str, str] = {}
    for path in sorted(p for p in files if p.endswith(".pf_filter")):
        name, values = _read(files[path])
        content = _write([name, sorted(values, key=lambda v: v[0])])
        old = path.rsplit("/", 1)[1].removesuffix(".pf_filter")
        new = old.split("_", 1)[0] + "_" + _name(content, 7)
        renamed[old] = new
        del result[path]
        result[f"{folder}filter/{new}.pf_filter"] = content
    for language in entry["languages"].values():
        old_meta = f"{folder}pagefind.{language['hash']}.pf_meta"
        meta = _read(files[old_meta])
        meta[3] = sorted(([name, renamed.get(h, h)] for name, h in meta[3]), key=lambda f: f[0])
        content = _write(meta)
        language["hash"] = re.sub(r"_[0-9a-f]+$", "", language["hash"]) + "_" + _name(content, 10)
        del result[old_meta]
        result[f"{folder}pagefind.{language['hash']}.pf_meta"] = content
    result[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return result
