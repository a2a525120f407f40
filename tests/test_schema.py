"""The JSON Schemas are generated from the model, committed, named by every file, and agree
with the loader on real files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from catalogue import schema
from catalogue.files import outdated
from catalogue.load import catalogue_files, file_kind
from conftest import BUNDLED, KRAEFT, SMALL, evu, write_catalogue


def test_committed_schemas_are_up_to_date() -> None:
    assert outdated(schema.generated()) == []


def test_outdated_schema_is_detected_and_written_again(tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    assert evu("schema", "--out", str(tmp_path)).returncode == 0
    assert sorted(tmp_path.iterdir()) == sorted(schema.generated(tmp_path))
    (tmp_path / "course.schema.json").write_text("{}", encoding="utf-8")
    check = evu("schema", "--out", "out", "--check", cwd=tmp_path.parent)
    assert check.returncode == 1
    assert check.stdout == "out/course.schema.json: out of date; run 'evu schema'\n"
    assert evu("schema", "--out", str(tmp_path)).returncode == 0
    assert evu("schema", "--out", str(tmp_path), "--check").returncode == 0


def _validator(kind: str) -> jsonschema.Draft7Validator:
    text = (schema.SCHEMA_DIR / schema.SCHEMA_OF_KIND[kind]).read_text(encoding="utf-8")
    return jsonschema.Draft7Validator(
        json.loads(text), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def _as_json(path: Path) -> object:
    # JSON Schema sees what an editor sees: dates and numbers as YAML types, made JSON-like.
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_every_bundled_file_names_its_schema_and_satisfies_it() -> None:
    files = catalogue_files(BUNDLED)
    assert files
    for path in files:
        kind = file_kind(path, BUNDLED)
        assert kind is not None, path
        depth = len(path.relative_to(BUNDLED.parent).parts) - 1
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema.schema_line(kind, depth), path
        errors = list(_validator(kind).iter_errors(_as_json(path)))
        assert errors == [], f"{path}: {errors[0].message if errors else ''}"


def test_schema_rejects_what_the_validator_rejects(tmp_path: Path) -> None:
    root = write_catalogue(
        tmp_path,
        {**SMALL, "kraeft.yaml": KRAEFT.replace("kind: specialuddannelse", "kind: kurser")},
    )
    errors = list(_validator("course").iter_errors(_as_json(root / "kraeft.yaml")))
    assert [e.path[-1] for e in errors] == ["kind"]


def test_schema_documents_every_field() -> None:
    course = json.loads((schema.SCHEMA_DIR / "course.schema.json").read_text(encoding="utf-8"))
    properties = course["$defs"]["Course"]["properties"]
    assert "merit" in properties and "offerings" in properties
    assert all(prop["description"] for prop in properties.values())
    assert course["$defs"]["Merit"]["properties"]["in"]["anyOf"][0] == {"type": "boolean"}
