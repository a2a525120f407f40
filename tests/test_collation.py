"""Danish alphabetical order, as every list on the site is sorted."""

from __future__ import annotations

from catalogue.collation import sort_key


def test_danish_alphabetical_order() -> None:
    """Æ, ø and å come after z, in that order; "aa" is å; accents and case do not count;
    a space comes before a letter."""
    shuffled = [
        "Østjylland", "Århus", "Aalborg", "Zoneterapi", "ældrepleje", "Pårørende",
        "Palliation", "Érgoterapi", "akut", "Social- og sundhedsassistent", "Socialpsykiatri",
    ]  # fmt: skip
    assert sorted(shuffled, key=sort_key) == [
        "akut", "Érgoterapi", "Palliation", "Pårørende", "Social- og sundhedsassistent",
        "Socialpsykiatri", "Zoneterapi", "ældrepleje", "Østjylland", "Aalborg", "Århus",
    ]  # fmt: skip
    assert sorted(["b", "B", "a"], key=sort_key) == ["a", "B", "b"]  # a total order
