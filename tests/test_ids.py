"""Ids made from Danish titles."""

from __future__ import annotations

import re

from catalogue.ids import slug
from catalogue.model import SLUG


def test_danish_letters_and_accents_become_ascii() -> None:
    assert slug("Kræftsygepleje i Århus – ø-niveau") == "kraeftsygepleje-i-aarhus-oe-niveau"
    assert slug("Café Noël") == "cafe-noel"
    assert slug("  SOSU (AMU) 40823 ") == "sosu-amu-40823"
    assert slug("!!!") == ""


def test_every_slug_is_a_valid_id() -> None:
    for text in ["Æ Ø Å", "a--b", "-x-", "Ledelse/faglig", "Ünïcödé ∑ 10"]:
        assert re.match(SLUG, slug(text)), text
