"""Ids: lowercase letters a-z, digits and single hyphens, with æ/ø/å written ae/oe/aa."""

from __future__ import annotations

import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def slug(text: str) -> str:
    """`text` as an id ('Kræft i Århus' → 'kraeft-i-aarhus'); '' when nothing is left."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_DANISH))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
