"""The field reference in CONTRIBUTING.md is generated from the model and kept up to date."""

from __future__ import annotations

import shutil
from pathlib import Path

from catalogue.files import outdated
from catalogue.model import CareerPath, Course, Kind, Profession, Provider, Topic, fields_of
from conftest import BUNDLED, REPO, evu
from maintain import docs


def test_the_committed_reference_is_up_to_date() -> None:
    assert not outdated(docs.generated()), "run 'evu docs'"


def test_every_field_of_every_file_is_described_with_its_model_documentation() -> None:
    text = docs.reference()
    for cls in (Course, CareerPath, Provider, Profession, Topic):
        for f in fields_of(cls):
            assert f"| `{f.key}` |" in text, (cls.__name__, f.key)
            assert f.meta["doc"] in text, (cls.__name__, f.key)
    assert "| `postnummer` | text (4 digits) | ja |" in text  # a venue's
    assert "| `price` | a whole number (0 to 1000000) |  |" in text


def test_one_real_example_for_each_kind_of_course_is_linked() -> None:
    found = docs.examples()
    assert list(found) == [k.value for k in Kind]
    text = docs.reference()
    for kind, path in found.items():
        assert f"\nkind: {kind}\n" in path.read_text(encoding="utf-8")
        shown = path.relative_to(REPO).as_posix()
        assert f"- `{kind}`: [{shown}]({shown})" in text
        assert (REPO / "CONTRIBUTING.md").parent.joinpath(shown).is_file()  # the link resolves


def test_a_missing_example_is_replaced_by_another_of_its_kind(tmp_path: Path) -> None:
    copy = tmp_path / "courses"
    shutil.copytree(BUNDLED, copy)
    (copy / f"{docs.EXAMPLES['master']}.yaml").unlink()
    found = docs.examples(copy)
    assert list(found) == [k.value for k in Kind]
    assert found["master"].stem != docs.EXAMPLES["master"]
    assert "\nkind: master\n" in found["master"].read_text(encoding="utf-8")
    assert found["amu"] == copy / f"{docs.EXAMPLES['amu']}.yaml"


def test_docs_check_and_write(tmp_path: Path) -> None:
    copy = tmp_path / "CONTRIBUTING.md"
    original = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    copy.write_text(original.replace("Official title in Danish.", "Old text."), encoding="utf-8")
    check = evu("docs", "--file", str(copy), "--check")
    assert check.returncode == 1 and "CONTRIBUTING.md: out of date; run 'evu docs'" in check.stdout
    assert evu("docs", "--file", str(copy)).returncode == 0
    assert copy.read_text(encoding="utf-8") == original
    assert evu("docs", "--file", str(copy), "--check").returncode == 0


def test_a_file_without_markers_is_an_error(tmp_path: Path) -> None:
    plain = tmp_path / "CONTRIBUTING.md"
    plain.write_text("# Bidrag\n", encoding="utf-8")
    result = evu("docs", "--file", str(plain))
    assert result.returncode == 1
    assert "the marker lines are missing" in result.stderr
    assert plain.read_text(encoding="utf-8") == "# Bidrag\n"
    assert "Traceback" not in result.stderr
