"""Danish letters: case and accents folded, and Danish alphabetical order.

Used to sort every list the catalogue shows and by search (`catalogue.search.danish`), so
"Ærø" and "Aabenraa" are found and ordered the way a Danish reader expects.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters folded onto their Danish (or plain) form; æ, ø and å themselves are kept.
FOLD = str.maketrans(
    {
        "ä": "æ",
        "ö": "ø",
        "ǿ": "ø",
        "ü": "y",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "á": "a",
        "à": "a",
        "â": "a",
        "í": "i",
        "ì": "i",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "ú": "u",
        "ù": "u",
        "ç": "c",
        "ñ": "n",
    }
)


def fold(text: str) -> str:
    """Lower case with accents folded, keeping æ, ø and å."""
    return unicodedata.normalize("NFC", text).lower().translate(FOLD)


# Danish alphabetical order (Dansk Sprognævn; DS 377): a-z, then æ, ø, å; "aa" sorts as å
# (Aabenraa, Aalborg); accents and case do not count (é as e, ü as y, ä as æ, ö as ø); spaces
# come before letters; other punctuation is left out ("Social- og" as "Social og").
_AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # the three code points after "z"
_UNSORTED = re.compile(r"[^\w ]|_")


@lru_cache(maxsize=1 << 17)  # a build sorts the same titles into many lists
def sort_key(text: str) -> tuple[str, str]:
    """A key that puts texts in Danish alphabetical order (Python's own order puts å before
    æ and ø, and "Aalborg" first); ties are broken by the text itself, so the order is total."""
    folded = _UNSORTED.sub("", fold(text)).replace("aa", "å")
    return (" ".join(folded.split()).translate(_AFTER_Z), text)
