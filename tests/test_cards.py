"""Course cards: what every list says about a course, and the way on from its page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from catalogue.model import Catalogue, Funding, Merit, Mode, Source
from catalogue.pipeline import read_catalogue
from conftest import TODAY
from site_build.cards import NO_PLACE, NO_PRICE, NO_SIZE, NO_START, card


def load(small: Path) -> Catalogue:
    catalogue, _ = read_catalogue(small, TODAY)
    return catalogue


def test_a_card_says_when_where_what_it_costs_and_how_big(small: Path) -> None:
    catalogue = load(small)
    kraeft = card(catalogue.courses["kraeft"], catalogue, TODAY)
    assert (kraeft.kind, kraeft.start, kraeft.where) == (
        "Specialuddannelse",
        "1. februar 2027",
        "Hovedstaden",
    )
    assert (kraeft.price_text, kraeft.size, kraeft.merit) == (
        "46.000 kr.",
        "1,5 år",
        "Merit: nej",  # published: no merit on admission
    )
    demens = card(catalogue.courses["demens-amu"], catalogue, TODAY)  # its class has ended
    assert (demens.kind, demens.start, demens.price_text) == ("AMU-kursus", NO_START, NO_PRICE)
    assert demens.merit == "Merit: ikke oplyst"
    assert demens.past == "Afholdt – sidst 16. januar 2026"  # when it was last held


def test_unpublished_facts_are_said_plainly(small: Path) -> None:
    catalogue = load(small)
    bare = replace(
        catalogue.courses["kraeft"],
        offerings=(),
        venues=(),
        price=None,
        ects=None,
        ects_equivalent=None,
        duration=None,
        merit=None,
    )
    shown = card(bare, catalogue, TODAY)
    assert (shown.start, shown.where, shown.price_text, shown.size) == (
        NO_START,
        NO_PLACE,
        NO_PRICE,
        NO_SIZE,
    )
    free = replace(bare, funding=Funding(free_for_target_group=True))
    assert card(free, catalogue, TODAY).price_text == "Gratis for målgruppen"
    online = replace(bare, mode=Mode.ONLINE)
    assert card(online, catalogue, TODAY).where == "Online"
    notes = replace(bare, merit=Merit(notes="Giver merit på diplomuddannelsen."))
    assert card(notes, catalogue, TODAY).merit == "Merit: se kursussiden"


def test_the_way_on_is_sign_up_then_the_providers_page_then_the_source(small: Path) -> None:
    catalogue = load(small)
    kraeft = catalogue.courses["kraeft"]
    signup = replace(kraeft.offerings[0], signup_url="https://www.kp.dk/tilmeld")
    action = card(replace(kraeft, offerings=(signup,)), catalogue, TODAY).action
    assert (action.label, action.url, action.signup) == (
        "Tilmeld dig holdet 1. februar 2027",
        "https://www.kp.dk/tilmeld",
        True,
    )
    own = Source(url="https://www.kp.dk/kraeft", retrieved=TODAY)
    at_kp = replace(kraeft, sources=(*kraeft.sources, own))
    assert card(at_kp, catalogue, TODAY).action.label == "Gå til udbyderens side"
    assert card(at_kp, catalogue, TODAY).action.url == own.url
    elsewhere = card(kraeft, catalogue, TODAY).action  # only ug.dk: said where it goes
    assert (elsewhere.label, elsewhere.url) == ("Læs mere på ug.dk", kraeft.sources[0].url)
