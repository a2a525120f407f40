"""JSON Schema for every kind of catalogue file, generated from the model (never by hand).

The schemas are committed in `catalogue/schemas/` and every YAML file names its schema on
its first line (`# yaml-language-server: $schema=…`), so editors complete and underline.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from catalogue.model import CareerPath, Course, Profession, Provider, Topic, fields_of

SCHEMA_DIR = Path(__file__).parent / "schemas"
DIALECT = "http://json-schema.org/draft-07/schema#"

# File name → (title, top-level model class, whether the file holds a list of entries).
SCHEMAS: dict[str, tuple[str, type, bool]] = {
    "course.schema.json": ("EVU-kataloget: course", Course, False),
    "career-path.schema.json": ("EVU-kataloget: career path", CareerPath, False),
    "providers.schema.json": ("EVU-kataloget: providers", Provider, True),
    "professions.schema.json": ("EVU-kataloget: professions", Profession, True),
    "topics.schema.json": ("EVU-kataloget: topics", Topic, True),
}

# Which schema a catalogue file uses, by where it stands (see catalogue.load).
SCHEMA_OF_KIND = {
    "course": "course.schema.json",
    "path": "career-path.schema.json",
    "providers": "providers.schema.json",
    "professions": "professions.schema.json",
    "topics": "topics.schema.json",
}


def _type_schema(tp: Any, meta: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        options = [_type_schema(a, meta, defs) for a in typing.get_args(tp)]
        return {"anyOf": options}
    if tp is type(None):
        return {"type": "null"}
    if origin is Literal:
        return {"enum": list(typing.get_args(tp))}
    if origin is tuple:
        schema: dict[str, Any] = {
            "type": "array",
            "items": _type_schema(typing.get_args(tp)[0], meta, defs),
        }
        if meta.get("min_items"):
            schema["minItems"] = meta["min_items"]
        return schema
    if dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if tp in (int, float):
        schema = {"type": "integer" if tp is int else "number"}
        if meta.get("minimum") is not None:
            schema["minimum"] = meta["minimum"]
        if meta.get("maximum") is not None:
            schema["maximum"] = meta["maximum"]
        return schema
    if tp is str:
        schema = {"type": "string", "minLength": 1}
        if meta.get("pattern"):
            schema["pattern"] = meta["pattern"]
        return schema
    raise TypeError(f"no JSON Schema for {tp}")


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    properties: dict[str, Any] = {}
    for f in fields_of(cls):
        prop = _type_schema(f.type, f.meta, defs)
        properties[f.key] = {"description": f.meta.get("doc", ""), **prop}
    required = [f.key for f in fields_of(cls) if f.required]
    definition: dict[str, Any] = {"type": "object"}
    doc = inspect.getdoc(cls)
    if doc and not doc.startswith(f"{cls.__name__}("):
        definition["description"] = doc
    definition.update(
        {"properties": properties, "required": required, "additionalProperties": False}
    )
    defs[cls.__name__] = definition


def schema_for(title: str, cls: type, is_list: bool) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    _define(cls, defs)
    top: dict[str, Any] = (
        {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}
        if is_list
        else {"$ref": f"#/$defs/{cls.__name__}"}
    )
    return {"$schema": DIALECT, "title": title, **top, "$defs": dict(sorted(defs.items()))}


def generated(out: Path = SCHEMA_DIR) -> dict[Path, str]:
    """Each schema file in `out` → the exact text the model generates for it."""
    return {
        out / name: json.dumps(schema_for(*spec), ensure_ascii=False, indent=2) + "\n"
        for name, spec in SCHEMAS.items()
    }


def schema_line(kind: str, depth: int) -> str:
    """The first line of a catalogue file of `kind`, `depth` folders below the repo root."""
    relative = "../" * depth + "catalogue/schemas/" + SCHEMA_OF_KIND[kind]
    return f"# yaml-language-server: $schema={relative}"
