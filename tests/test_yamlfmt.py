"""Canonical YAML: the writer keeps every value and its YAML type, keys in model order, the
schema line on top, comments kept; formatting twice changes nothing."""

from __future__ import annotations

import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from catalogue import schema
from catalogue.diagnostics import CatalogueError
from catalogue.load import catalogue_files, file_kind
from catalogue.pipeline import check, read_catalogue
from catalogue.yamlfmt import dumps, format_text, to_data, update_text
from conftest import BUNDLED, KRAEFT, SMALL, TODAY, write_catalogue

TRICKY = [
    "8000",
    "0800",
    "12345",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "null",
    "~",
    "",
    "none",
    "true",
    "2026-11-22",
    "2026-11-22 10:00",
    "12:30",
    "1e3",
    "1.5",
    ".5",
    "0o17",
    "0x1F",
    "1_000",
    ".inf",
    "-.Inf",
    ".NaN",
    "46.000",
    " leading space",
    "trailing space ",
    "a: b",
    "key:",
    "- item",
    "-",
    "#hash",
    "text #not a comment?",
    "https://example.dk/side#anker",
    "[list]",
    "{map}",
    "a, b",
    "@at",
    "`tick",
    "%percent",
    "!tag",
    "&anchor",
    "*alias",
    "|",
    ">",
    "? q",
    '"double"',
    "'single'",
    "back\\slash",
    "tab\there",
    "Kræft – ÆØÅ æøå “citat” …",
    "line\u2028separator",
    "bom\ufeffinside",
    "bell\x07",
    "two\nlines",
    "ends with newline\n",
    "\nstarts with newline",
    "  indented\nsecond",
    "trailing  \nspaces",
    "many\n\n",
    "\n",
    "a\n\nb\n",
]


def test_the_schema_line_for_each_kind_of_file() -> None:
    course = {"id": "x"}
    assert dumps(course, "course").splitlines()[0] == schema.schema_line("course", 1)
    assert dumps(course, "course").startswith(
        "# yaml-language-server: $schema=../catalogue/schemas/course.schema.json\n"
    )
    assert dumps(course, "path").splitlines()[0] == schema.schema_line("path", 2)
    for name in ("providers", "professions", "topics"):
        assert dumps([course], name).splitlines()[0] == schema.schema_line(name, 2)
    # the entry kinds of catalogue.load name their list files
    assert dumps([course], "provider") == dumps([course], "providers")


def test_bad_kind_or_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind of catalogue file 'kursus'"):
        dumps({"id": "x"}, "kursus")
    with pytest.raises(ValueError, match="holds a list of entries"):
        dumps({"id": "x"}, "providers")
    with pytest.raises(ValueError, match="holds one mapping"):
        dumps([{"id": "x"}], "course")
    with pytest.raises(TypeError, match="cannot write a set"):
        dumps({"id": {1}}, "course")


def test_keys_follow_the_model_and_unknown_keys_come_last() -> None:
    data = {
        "zzz_unknown": 1,
        "last_verified": date(2026, 11, 1),
        "sources": [{"retrieved": date(2026, 11, 1), "url": "https://x.dk/"}],
        "title": "Kræft",
        "id": "kraeft",
        "aaa_unknown": "b",
        "offerings": [{"start": date(2027, 1, 1), "postnummer": "8000", "provider": "kp"}],
    }
    assert dumps(data, "course").split("\n", 1)[1] == textwrap.dedent("""\
        id: kraeft
        title: Kræft
        sources:
          - url: https://x.dk/
            retrieved: 2026-11-01
        last_verified: 2026-11-01
        offerings:
          - provider: kp
            postnummer: "8000"
            start: 2027-01-01
        zzz_unknown: 1
        aaa_unknown: b
        """)


@pytest.mark.parametrize("text", TRICKY)
def test_text_reads_back_as_the_same_text_everywhere(text: str) -> None:
    data = {
        "title": text,
        "content": [text, "x"],
        "topics": [text],  # a list that may be written in flow style
        "merit": {"notes": text},
        text or "empty": "key",
    }
    out = dumps(data, "course")
    assert yaml.safe_load(out) == data, out
    assert "\t" not in out  # the catalogue rejects tabs; they are written as \t


def test_values_keep_their_type() -> None:
    data = {
        "id": "x",
        "ects": 7.5,
        "ects_equivalent": 60,
        "price": 46000,
        "audience_broad": False,
        "protected_title": True,
        "last_verified": date(2026, 11, 22),
        "part_of": None,
        "providers": [],
        "merit": {},
        "amu_number": "40823",
    }
    out = dumps(data, "course")
    assert yaml.safe_load(out) == data
    assert 'amu_number: "40823"\n' in out
    assert "providers: []\n" in out


def test_multi_line_text_is_a_literal_block_and_lists_break_at_the_width() -> None:
    ids = [f"kursus-nummer-{i}" for i in range(8)]
    out = dumps(
        {
            "id": "x",
            "description": "Første linje.\nAnden linje.\n",
            "topics": ["demens", "kraeft"],
            "providers": ids,
            "content": ["Kort punkt med mellemrum"],
        },
        "course",
    )
    assert out.split("\n", 1)[1] == textwrap.dedent("""\
        id: x
        description: |
          Første linje.
          Anden linje.
        content:
          - Kort punkt med mellemrum
        topics: [demens, kraeft]
        providers:
        """) + "".join(f"  - {i}\n" for i in ids)
    assert max(len(line) for line in out.splitlines()[1:]) <= 100


def test_text_that_must_be_quoted_is_double_quoted() -> None:
    out = dumps({"id": "x", "title": "yes", "place": "a: b", "note": '"hej", sagde hun'}, "course")
    assert 'title: "yes"\n' in out
    assert 'place: "a: b"\n' in out
    assert 'note: "\\"hej\\", sagde hun"\n' in out


def test_model_entries_become_data_without_defaults(small: Path) -> None:
    catalogue, _ = read_catalogue(small, TODAY)
    course = catalogue.courses["kraeft"]
    data = to_data(course)
    assert "audience_broad" not in data and "content" not in data
    assert data["merit"] == {"in": False}
    (small / "kraeft.yaml").write_text(dumps(data, "course"), encoding="utf-8")
    again, _ = read_catalogue(small, TODAY)
    assert again == catalogue


SCRAMBLED = """\
# a header comment
last_verified: 2026-11-01   # checked against ug.dk
id: kraeft
sources:
  # the first source
  - retrieved: 2026-11-01
    url: 'https://www.ug.dk/kraeftsygeplejerske'
title: 'Specialuddannelsen i kræftsygepleje'
kind: specialuddannelse
scope: whole
ects: none
ects_equivalent: 60
price: "46000"
duration: {unit: years, amount: 1.5}
professions:
  - sygeplejerske
merit:
  in: False
protected_title: true
# topics are reviewed yearly
topics: [kraeft]
providers: [kp]
offerings:
  - provider: kp
    place: København N
    postnummer: 2200
    start: 2027-02-01
    end: 2028-06-30
    application_deadline: 2026-12-01
# the end
"""

FORMATTED = """\
# yaml-language-server: $schema=../catalogue/schemas/course.schema.json
# a header comment
id: kraeft
title: Specialuddannelsen i kræftsygepleje
kind: specialuddannelse
scope: whole
ects: none
ects_equivalent: 60
duration:
  amount: 1.5
  unit: years
professions: [sygeplejerske]
merit:
  in: false
protected_title: true
price: 46000
# topics are reviewed yearly
topics: [kraeft]
providers: [kp]
sources:
  # the first source
  - url: https://www.ug.dk/kraeftsygeplejerske
    retrieved: 2026-11-01
# checked against ug.dk
last_verified: 2026-11-01
offerings:
  - provider: kp
    place: København N
    postnummer: "2200"
    start: 2027-02-01
    end: 2028-06-30
    application_deadline: 2026-12-01
# the end
"""


def test_format_text_is_canonical_and_keeps_comments_and_values(small: Path) -> None:
    before, _ = read_catalogue(small, TODAY)
    path = small / "kraeft.yaml"
    path.write_text(SCRAMBLED, encoding="utf-8")
    assert read_catalogue(small, TODAY)[0] == before
    formatted = format_text(SCRAMBLED, path)
    assert formatted == FORMATTED
    assert format_text(formatted, path) == formatted
    path.write_text(formatted, encoding="utf-8")
    assert read_catalogue(small, TODAY)[0] == before


def test_a_comment_on_the_first_key_of_a_list_item_goes_above_the_dash() -> None:
    text = "id: x\nsources:\n  - url: https://a.dk/  # the page\n    retrieved: 2026-11-01\n"
    out = format_text(text, Path("x.yaml"))
    assert "sources:\n  # the page\n  - url: https://a.dk/\n" in out


def test_hash_signs_inside_values_are_not_comments() -> None:
    text = textwrap.dedent("""\
        id: x
        description: |
          # Overskrift i Markdown
          Tekst.
        sources:
          - url: https://a.dk/side#anker
            note: "nr. #3"
        """)
    out = format_text(text, Path("x.yaml"))
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert out.count("#") == text.count("#") + 1  # + the schema line


def test_the_schema_line_is_replaced_by_the_canonical_one(tmp_path: Path) -> None:
    text = "# yaml-language-server: $schema=wrong.json\n- id: demens\n  name: Demens\n"
    out = format_text(text, tmp_path / "lists" / "topics.yaml")
    assert out == schema.schema_line("topics", 2) + "\n- id: demens\n  name: Demens\n"


def test_the_kind_of_a_file_follows_its_folder() -> None:
    assert file_kind(Path("courses/kraeft.yaml")) == "course"
    assert file_kind(Path("courses/paths/a.yaml")) == "path"
    assert file_kind(Path("courses/lists/providers.yaml")) == "providers"
    assert file_kind(Path("courses/lists/udbydere.yaml")) is None  # not a catalogue file
    root = Path("courses")
    assert file_kind(root / "paths" / "a.yaml", root) == "path"
    assert file_kind(root / "paths" / "x" / "a.yaml", root) is None


def test_values_the_model_rejects_are_kept_as_written(small: Path) -> None:
    path = small / "kraeft.yaml"
    bad = (
        KRAEFT.replace("price: 46000", "price: 46.000")
        .replace('postnummer: "2200"', "postnummer: 22000")
        .replace("protected_title: true", "protected_title: yes\nfarve: 'blå'")
    )
    path.write_text(bad, encoding="utf-8")
    _, problems = check(small, TODAY)
    out = format_text(bad, path)
    assert "price: 46.000\n" in out
    assert "postnummer: 22000\n" in out
    assert "protected_title: yes\n" in out
    assert out.endswith("farve: blå\n")
    path.write_text(out, encoding="utf-8")
    _, again = check(small, TODAY)
    assert sorted((d.code, d.message) for d in again) == sorted(
        (d.code, d.message) for d in problems
    )
    assert {d.code for d in problems} == {"type", "bad-format", "unknown-field"}


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("id: x\ntitle: [unclosed\n", "yaml-syntax", 3),
        ("id: x\nid: y\n", "duplicate-key", 2),
        ("id: x\ntitle:\tTab\n", "tab", 2),
        ("", "empty-file", 1),
        ("just text\n", "type", 1),
        ("- id: x\n", "type", 1),
    ],
)
def test_unreadable_text_is_refused_with_its_location(text: str, code: str, line: int) -> None:
    with pytest.raises(CatalogueError) as caught:
        format_text(text, Path("courses/x.yaml"))
    first = caught.value.diagnostics[0]
    assert (first.code, first.location.line, first.location.path) == (
        code,
        line,
        Path("courses/x.yaml"),
    )


def test_every_bundled_file_formats_to_the_same_model_and_is_stable(tmp_path: Path) -> None:
    copy = tmp_path / "courses"
    shutil.copytree(BUNDLED, copy)
    for path in catalogue_files(copy):
        kind = file_kind(path, copy)
        assert kind is not None
        once = format_text(path.read_text(encoding="utf-8"), path, kind)
        assert format_text(once, path, kind) == once, path
        assert once.count("\n#") + 1 >= path.read_text(encoding="utf-8").count("\n#"), path
        path.write_text(once, encoding="utf-8")
    assert read_catalogue(copy, TODAY)[0] == read_catalogue(BUNDLED, TODAY)[0]


def test_a_written_small_catalogue_validates(tmp_path: Path) -> None:
    root = write_catalogue(tmp_path / "courses", SMALL)
    for path in catalogue_files(root):
        kind = file_kind(path, root)
        assert kind is not None
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(dumps(data, kind), encoding="utf-8")
    loaded, problems = check(root, TODAY)
    assert problems == [] and len(loaded.entries) == 11


def test_update_text_changes_the_data_and_keeps_the_comments() -> None:
    text = "# about kp\n- id: kp\n  name: KP  # short name\n"

    def add(items: list) -> list:
        return [*items, {"name": "VIA", "id": "via"}]

    out = update_text(text, Path("courses/lists/providers.yaml"), add)
    assert out.split("\n", 1)[1] == (
        "# about kp\n- id: kp\n  # short name\n  name: KP\n- id: via\n  name: VIA\n"
    )


def test_bundled_files_round_trip_byte_for_byte_through_plain_data() -> None:
    """Reading a formatted file as plain YAML and writing it again gives the same bytes (for
    files without comments, which plain data cannot carry)."""
    checked = 0
    for path in catalogue_files(BUNDLED):
        text = path.read_text(encoding="utf-8")
        if "\n#" in text:
            continue
        kind = file_kind(path, BUNDLED)
        assert kind is not None
        assert dumps(yaml.safe_load(text), kind) == text, path
        checked += 1
    assert checked > 150
