"""The Danish text module on real words of the bundled catalogue: folding, stemming,
decompounding, synonyms and abbreviations, typo tolerance, and the vocabulary data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.diagnostics import CatalogueError
from catalogue.pipeline import read_catalogue
from catalogue.search import danish
from catalogue.search.document import document
from conftest import BUNDLED, TODAY


@pytest.fixture(scope="module")
def vocabulary() -> danish.Vocabulary:
    return danish.vocabulary()


@pytest.fixture(scope="module")
def catalogue_words() -> dict[str, int]:
    catalogue, _ = read_catalogue(BUNDLED, TODAY)
    return danish.word_counts(document(c, catalogue).all_text() for c in catalogue.courses.values())


def stems(text: str, vocabulary: danish.Vocabulary) -> set[str]:
    return {t.text for t in danish.analyse(text, vocabulary)}


def test_folding_keeps_ae_oe_aa_and_folds_foreign_accents() -> None:
    assert danish.fold("Ældre, Sønderjylland, Århus") == "ældre, sønderjylland, århus"
    assert danish.fold("Ä Ö é") == "æ ø e"
    # Decomposed å (a + ring) is the same letter as å.
    assert danish.fold("A\u030arhus") == "århus"


def test_words_keep_their_offsets_for_highlighting() -> None:
    text = "Social- og sundhedshjælpere"
    assert [(w, text[s:e]) for w, s, e in danish.words(text)] == [
        ("social", "Social"),
        ("og", "og"),
        ("sundhedshjælpere", "sundhedshjælpere"),
    ]


def test_snowball_stemming_joins_inflected_forms() -> None:
    assert danish.stem("sygeplejersker") == danish.stem("sygeplejerske")
    assert danish.stem("koordinatorer") == danish.stem("koordinator")
    assert danish.stem("uddannelsen") == danish.stem("uddannelser")


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("sundhedshjælper", "hjælper"),
        ("sundhedshjælpere", "hjælper"),  # "social- og sundhedshjælpere", many course files
        ("kræftsygepleje", "sygepleje"),  # kraeftsygepleje.yaml
        ("kræftsygepleje", "kræft"),
        ("demenskoordinatorer", "demens"),  # dkdk-aarskursus-for-demenskoordinatorer.yaml
        ("demenskoordinatorer", "koordinator"),
        ("akutsygeplejersker", "sygeplejerske"),  # efteruddannelse-akutsygeplejersker-midt-nord
        ("ældreplejen", "pleje"),
        ("sundhedsassistentuddannelsen", "assistent"),
        ("diplommodul", "modul"),
    ],
)
def test_health_care_compounds_are_split(
    vocabulary: danish.Vocabulary, compound: str, part: str
) -> None:
    assert part in vocabulary.split(compound)


def test_words_that_only_end_like_a_part_are_not_split(vocabulary: danish.Vocabulary) -> None:
    # diplomuddannelse-i-obstetrisk-ultralyd.yaml: "ultralydsbilleder" holds no "leder".
    assert vocabulary.split("ultralydsbilleder") == []
    assert vocabulary.split("sygeplejerske") == []  # a part itself: not syg + plejerske
    assert vocabulary.split("plejehjem") == []


def test_a_query_word_finds_the_compound_it_is_part_of(vocabulary: danish.Vocabulary) -> None:
    assert danish.stem("hjælper") in stems("social- og sundhedshjælper", vocabulary)
    assert danish.stem("hjælper") in stems("sundhedshjælper", vocabulary)
    assert danish.stem("sygepleje") in stems("Specialuddannelsen i kræftsygepleje", vocabulary)
    assert danish.stem("demens") in stems("Årskursus for demenskoordinatorer", vocabulary)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Social- og sundhedsassistent", "ssa"),
        ("Social- og sundhedsassistenter", "sosu"),
        ("SSA", "sundhedsassistent"),
        ("SOSU-assistent", "ssa"),
        ("social- og sundhedshjælpere", "ssh"),
        ("Arbejdsmarkedsuddannelse om patientsikkerhed", "amu"),
        ("Ledelse af medarbejdere (diplommodul, ledelse)", "diplommodul"),
        ("Specialuddannelsen i intensiv sygepleje", "specialsygeplejerske"),
    ],
)
def test_synonyms_and_abbreviations_find_each_other(
    vocabulary: danish.Vocabulary, text: str, query: str
) -> None:
    assert danish.stem(query) in stems(text, vocabulary)


def test_broader_terms_work_one_way_only(vocabulary: danish.Vocabulary) -> None:
    assert danish.stem("specialsygeplejerske") in stems(
        "Specialuddannelsen i kræftsygepleje", vocabulary
    )
    # "SOSU" is broader than SSA: a text about SSA is found by "sosu", not the other way.
    assert danish.stem("sosu") in stems("SSA", vocabulary)
    assert danish.stem("ssa") not in stems("SOSU", vocabulary)


def test_enrichment_lists_parts_and_synonyms_not_in_the_text(
    vocabulary: danish.Vocabulary,
) -> None:
    extra = vocabulary.enrich("Kursus for social- og sundhedshjælpere").split()
    assert {"hjælper", "ssh", "sosu"} <= set(extra)
    assert "kursus" not in extra  # already in the text
    assert len(extra) == len(set(extra))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("sygeplejeske", "sygeplejerske"), ("demes", "demens"), ("palliaton", "palliation")],
)
def test_common_misspellings_find_the_word_in_the_catalogue(
    catalogue_words: dict[str, int], typed: str, meant: str
) -> None:
    assert danish.closest(typed, catalogue_words) == meant


def test_short_words_and_far_misses_are_not_corrected(catalogue_words: dict[str, int]) -> None:
    assert danish.closest("ssb", catalogue_words) is None  # would become SSA or SSH
    assert danish.closest("xyzzyq", catalogue_words) is None
    assert danish.closest("demens", catalogue_words) == "demens"


def test_maintainers_extend_the_vocabulary_in_its_data_file(tmp_path: Path) -> None:
    data = tmp_path / "synonyms.yaml"
    data.write_text(
        "synonyms:\n  - [KOL, kronisk obstruktiv lungesygdom]\n"
        "broader:\n  lungesygdom: [KOL]\ncompounds: [lunge, sygdom]\n",
        encoding="utf-8",
    )
    custom = danish.vocabulary(data)
    assert danish.stem("kol") in stems("Kronisk obstruktiv lungesygdom", custom)
    assert "sygdom" in custom.split("lungesygdom")
    assert danish.stem("lungesygdom") in stems("Rehabilitering ved KOL", custom)


def test_a_broken_vocabulary_file_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    data = tmp_path / "synonyms.yaml"
    data.write_text("synonyms:\n  - [SSA, {a: b}]\nsynonymer: []\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        danish.vocabulary(data)
    found = {(d.location.line, d.location.column, d.code) for d in raised.value.diagnostics}
    assert found == {(2, 11, "type"), (3, 1, "unknown-field")}
