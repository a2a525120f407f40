"""Turning the bytes of a fetched page into text.

Danish provider sites serve UTF-8 (with or without a byte-order mark), ISO-8859-1 and
Windows-1252, and their declarations are often wrong: a server that says ISO-8859-1 in its
header while the page is UTF-8, or a page that declares nothing. The order used here:

1. a byte-order mark decides;
2. bytes that are valid UTF-8 and contain non-ASCII sequences are UTF-8, whatever is declared
   (text in a single-byte encoding practically never forms valid multi-byte UTF-8);
3. otherwise the charset of the Content-Type header, then of a `<meta>` tag, if it decodes;
4. otherwise Windows-1252, the superset of ISO-8859-1 that browsers use for both
   (WHATWG Encoding Standard), with the five bytes it leaves undefined taken as ISO-8859-1.
"""

from __future__ import annotations

import codecs
import re

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: these labels all mean windows-1252.
WINDOWS_1252_LABELS = {"iso-8859-1", "latin-1", "latin1", "l1", "iso8859-1", "us-ascii", "ascii"}


def _table() -> str:
    chars = []
    for value in range(256):
        try:
            chars.append(bytes([value]).decode("cp1252"))
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
            chars.append(chr(value))
    return "".join(chars)


WINDOWS_1252 = _table()


def _windows_1252(body: bytes) -> str:
    return "".join(WINDOWS_1252[b] for b in body)


def _normalise(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in WINDOWS_1252_LABELS:
        return "windows-1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charsets named by the Content-Type header, then by the page's `<meta>` tags."""
    found = []
    if content_type and (match := HEADER_CHARSET.search(content_type)):
        found.append(match.group(1))
    found += [m.group(1).decode("ascii", "replace") for m in META_CHARSET.finditer(body[:4096])]
    return [name for label in found if (name := _normalise(label))]


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The text of `body` and the name of the encoding used."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), encoding
    if not body.isascii():
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    for encoding in declared_charsets(body, content_type):
        if encoding == "windows-1252":
            return _windows_1252(body), encoding
        try:
            return body.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    if body.isascii():
        return body.decode("ascii"), "ascii"
    return _windows_1252(body), "windows-1252"
