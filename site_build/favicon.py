"""The site's icon, drawn here so that no binary file is kept in the repository: a white "E"
on the site's blue, as a 32×32 PNG inside an ICO file (browsers ask for /favicon.ico)."""

from __future__ import annotations

import struct
import zlib

SIZE = 32
BLUE = (0x00, 0x49, 0x93)
WHITE = (0xFF, 0xFF, 0xFF)
# The letter's bars as (left, top, right, bottom) in pixels, right and bottom excluded.
LETTER = ((9, 7, 13, 25), (9, 7, 23, 11), (9, 14, 21, 18), (9, 21, 23, 25))


def _pixel(x: int, y: int) -> tuple[int, int, int]:
    inside = any(left <= x < right and top <= y < bottom for left, top, right, bottom in LETTER)
    return WHITE if inside else BLUE


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    """The icon as a PNG (8-bit RGB)."""
    rows = b"".join(
        b"\x00" + bytes(c for x in range(SIZE) for c in _pixel(x, y)) for y in range(SIZE)
    )
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def ico() -> bytes:
    """The icon as an ICO file holding the one PNG image."""
    image = png()
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 24, len(image), 6 + 16)
    return directory + entry + image
