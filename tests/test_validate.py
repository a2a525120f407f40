"""Validation of real files in tmp_path: every bad input gets its exact code, file, line, column."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.pipeline import check, check_change
from conftest import DEMENS, KRAEFT, PATH, PROFESSIONS, PROVIDERS, SMALL, TODAY, write_catalogue


def problems(root: Path) -> list[tuple[str, int, int, str]]:
    _, diagnostics = check(root, TODAY)
    return [
        (str(d.location.path.relative_to(root)), d.location.line, d.location.column, d.code)
        for d in diagnostics
    ]


def test_small_catalogue_is_valid(small: Path) -> None:
    assert problems(small) == []


# (file to write, its content, expected (file, line, column, code) problems)
BAD: list[tuple[str, str | bytes, list[tuple[str, int, int, str]]]] = [
    (
        "kraeft.yaml",
        KRAEFT.replace("kind: specialuddannelse\n", "kind: specialuddannelse\ntitle: Igen\n"),
        [("kraeft.yaml", 4, 1, "duplicate-key")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("scope: whole", "scope:\twhole"),
        [("kraeft.yaml", 4, 7, "tab")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace(
            "title: Specialuddannelsen i kræftsygepleje",
            "title: Specialuddannelsen i kræftsygepleje",
        ).encode("latin-1"),
        [("kraeft.yaml", 2, 31, "encoding")],
    ),
    ("kraeft.yaml", "", [("kraeft.yaml", 1, 1, "empty-file")]),
    ("kraeft.yaml", "# only a comment\n", [("kraeft.yaml", 1, 1, "empty-file")]),
    ("kraeft.yaml", "- id: kraeft\n- title: x\n", [("kraeft.yaml", 1, 1, "type")]),
    (
        "kraeft.yaml",
        KRAEFT.replace("title: Specialuddannelsen", "title: [Specialuddannelsen"),
        [("kraeft.yaml", 3, 5, "yaml-syntax")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("kind: specialuddannelse", "kind: specialuddanelse"),
        [("kraeft.yaml", 3, 7, "bad-value")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("scope: whole\n", "scope: whole\nprize: 100\n"),
        [("kraeft.yaml", 5, 1, "unknown-field")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("title: Specialuddannelsen i kræftsygepleje\n", ""),
        [("kraeft.yaml", 1, 1, "missing-field")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("price: 46000", "price: 46.000"),
        [("kraeft.yaml", 14, 8, "type")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("price: 46000", "price: -5"),
        [("kraeft.yaml", 14, 8, "out-of-range")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("ects_equivalent: 60", "ects_equivalent: 900"),
        [("kraeft.yaml", 6, 18, "out-of-range")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("protected_title: true", "protected_title: yes"),
        [("kraeft.yaml", 13, 18, "type")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("start: 2027-02-01", "start: 2027-02-30"),
        [("kraeft.yaml", 25, 12, "bad-format")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("start: 2027-02-01", "start: 1. februar 2027"),
        [("kraeft.yaml", 25, 12, "bad-format")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("end: 2028-06-30", "end: 2026-06-30"),
        [("kraeft.yaml", 26, 10, "date-order")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("application_deadline: 2026-12-01", "application_deadline: 2027-03-01"),
        [("kraeft.yaml", 27, 27, "date-order")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace('postnummer: "2200"', 'postnummer: "9999"'),
        [("kraeft.yaml", 24, 17, "unknown-postnummer")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace('postnummer: "2200"', "postnummer: 220"),
        [("kraeft.yaml", 24, 17, "bad-format")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("professions: [sygeplejerske]", "professions: [sygeplejeske]"),
        [("kraeft.yaml", 10, 15, "unknown-reference")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("  - provider: kp", "  - provider: kpp"),
        [("kraeft.yaml", 22, 15, "inconsistent"), ("kraeft.yaml", 22, 15, "unknown-reference")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("id: kraeft", "id: kraeft-kp"),
        [
            ("kraeft.yaml", 1, 5, "id-mismatch"),
            ("paths/ssa-til-special.yaml", 10, 15, "unknown-reference"),
        ],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("id: kraeft", "id: Kræft"),
        [("kraeft.yaml", 1, 5, "bad-format")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("retrieved: 2026-11-01", "retrieved: 2027-01-01"),
        [("kraeft.yaml", 19, 16, "future-date")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("duration:\n  amount: 1.5", "duration:\n  amount: 1,5"),
        [("kraeft.yaml", 8, 11, "type")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("merit:\n  in: false", "merit: false"),
        [("kraeft.yaml", 11, 8, "type")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("topics: [kraeft]", "topics: kraeft"),
        [("kraeft.yaml", 15, 9, "type")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("ects: none\nects_equivalent: 60", "ects: 60\nnqf_level: 7"),
        [],
    ),
    (
        "demens-amu.yaml",
        DEMENS.replace("ects: none", "ects: 5"),
        [("demens-amu.yaml", 6, 7, "inconsistent")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("kind: specialuddannelse", "kind: diplom\nnqf_level: 7"),
        [("kraeft.yaml", 4, 12, "inconsistent")],
    ),
    (
        "kraeft.yaml",
        KRAEFT.replace("scope: whole", "scope: whole\npart_of: demens-amu"),
        [("kraeft.yaml", 5, 10, "inconsistent")],
    ),
    (
        "demens-amu.yaml",
        DEMENS.replace('    postnummer: "8000"\n', ""),
        [("demens-amu.yaml", 18, 5, "missing-field")],
    ),
    (
        "lists/providers.yaml",
        PROVIDERS + PROVIDERS.split("- id: sosu-oj")[0].rstrip() + "\n",
        [("lists/providers.yaml", 17, 7, "duplicate-id")],
    ),
    (
        "lists/professions.yaml",
        PROFESSIONS.replace('disco: "532120"', 'disco: "532199"'),
        [("lists/professions.yaml", 12, 10, "unknown-disco")],
    ),
    (
        "lists/professions.yaml",
        PROFESSIONS.replace("  plural: Sygeplejersker\n", ""),
        [("lists/professions.yaml", 1, 3, "missing-field")],
    ),
    (
        "lists/professions.yaml",
        PROFESSIONS.replace(
            "plural: Social- og sundhedsassistenter", "plural: Social- og sundhedsassistent"
        ),
        [("lists/professions.yaml", 10, 11, "inconsistent")],
    ),
    (
        "lists/topics.yaml",
        "- id: demens\n  name: Demens\n  parent: udadreagerende-adfaerd\n"
        "- id: udadreagerende-adfaerd\n  name: U\n  parent: demens\n"
        "- id: kraeft\n  name: Kræft\n",
        [("lists/topics.yaml", 3, 11, "cycle")],
    ),
    ("lists/providers.yaml", "id: kp\nname: KP\n", [("lists/providers.yaml", 1, 1, "type")]),
    (
        "paths/ssa-til-special.yaml",
        PATH.replace("courses: [kraeft]", "courses: [demens-amu]"),
        [("paths/ssa-til-special.yaml", 10, 15, "inconsistent")],
    ),
    (
        "paths/ssa-til-special.yaml",
        PATH.replace("steps:\n", "next: [ssa-til-special]\nsteps:\n"),
        [("paths/ssa-til-special.yaml", 6, 7, "cycle")],
    ),
    (
        "paths/ssa-til-special.yaml",
        PATH.replace("courses: [kraeft]", "courses: []"),
        [("paths/ssa-til-special.yaml", 10, 14, "missing-field")],
    ),
    ("lists/extra.yaml", "- id: x\n", [("lists/extra.yaml", 1, 1, "unknown-file")]),
    ("kraeft.yaml", "---\nid: a\n---\nid: b\n", [("kraeft.yaml", 3, 1, "yaml-syntax")]),
]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    BAD,
    ids=[f"{i:02d}-{case[2][0][3] if case[2] else 'ok'}" for i, case in enumerate(BAD)],
)
def test_bad_input_is_located(
    tmp_path: Path, name: str, content: str | bytes, expected: list[tuple[str, int, int, str]]
) -> None:
    root = write_catalogue(tmp_path / "courses", {**SMALL, name: content})
    assert problems(root) == expected


def test_all_problems_reported_in_one_pass(tmp_path: Path) -> None:
    broken = KRAEFT.replace("kind: specialuddannelse", "kind: kurus").replace(
        "price: 46000", "price: lots"
    )
    root = write_catalogue(
        tmp_path / "courses",
        {
            **SMALL,
            "kraeft.yaml": broken,
            "demens-amu.yaml": DEMENS.replace("topics: [demens", "topics: [demenz"),
        },
    )
    codes = [p[3] for p in problems(root)]
    assert codes == ["unknown-reference", "bad-value", "type"]


def test_messages_suggest_near_misses(tmp_path: Path) -> None:
    root = write_catalogue(
        tmp_path / "courses",
        {**SMALL, "kraeft.yaml": KRAEFT.replace("topics: [kraeft]", "topics: [kreft]")},
    )
    _, diagnostics = check(root, TODAY)
    assert [d.message for d in diagnostics] == ["no topic with id 'kreft' (did you mean 'kraeft'?)"]


def test_stale_entry_is_a_warning_not_an_error(small: Path) -> None:
    _, diagnostics = check(small, TODAY.replace(year=2028))
    assert {d.code for d in diagnostics} == {"stale"}
    assert all(d.severity == "warning" for d in diagnostics)


def test_ects_message_names_the_word_none(tmp_path: Path) -> None:
    root = write_catalogue(
        tmp_path / "courses", {**SMALL, "kraeft.yaml": KRAEFT.replace("ects: none", "ects: ingen")}
    )
    _, diagnostics = check(root, TODAY)
    assert [d.message for d in diagnostics] == ["'ects' must be a number or 'none', not 'ingen'"]


def test_a_change_is_checked_in_memory_before_it_is_written(small: Path) -> None:
    """`evu new` and `evu scrape` check what they would write with the whole catalogue: a
    problem in the new text is placed at its line and column in that text, a problem it brings
    elsewhere (a course referring to a missing profession) is found too, and nothing on disk
    or in the loaded catalogue changes."""
    loaded, before = check(small, TODAY)
    entries = list(loaded.entries)
    files_before = sorted(p.read_bytes() for p in small.rglob("*.yaml"))
    new = small / "ny.yaml"
    broken = KRAEFT.replace("id: kraeft", "id: ny").replace(
        "professions: [sygeplejerske]", "professions: [jordemoder]"
    )
    changed = {new: broken, small / "kraeft.yaml": KRAEFT.replace("price: 46000", "price: -1")}
    found = {
        (d.location.path.name, d.location.line, d.location.column, d.code)
        for d in check_change(loaded, changed, TODAY)
    }
    assert ("ny.yaml", 10, 15, "unknown-reference") in found
    assert ("kraeft.yaml", 14, 8, "out-of-range") in found
    assert not new.exists()
    assert sorted(p.read_bytes() for p in small.rglob("*.yaml")) == files_before
    assert check(small, TODAY)[1] == before == []
    assert loaded.entries == entries and loaded.unreadable == set()
