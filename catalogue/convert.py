"""Turning YAML nodes into model dataclasses, guided only by the model's type hints.

Every value is read from the node's source text, not from PyYAML's implicit typing, so
`postnummer: 8000` is the text "8000", `yes` is never a boolean and `46.000` is never 46.
Each problem becomes a located diagnostic; conversion goes on to find the rest.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from catalogue.diagnostics import Diagnostic, Location, did_you_mean
from catalogue.model import fields_of
from catalogue.yamlsource import location

KeyPath = tuple[str | int, ...]


class _Invalid:
    """Marks a value that could not be converted (its diagnostic is already recorded)."""


INVALID: Any = _Invalid()
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_BOOLS = {"true": True, "false": False}


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "nothing" if _is_null(node) else f"'{node.value}'"


def describe(tp: Any) -> str:
    """A reader's name for a type, used in messages."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(describe(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is Literal:
        return " or ".join(f"'{a}'" for a in typing.get_args(tp))
    if origin is tuple:
        return "a list"
    if dataclasses.is_dataclass(tp):
        return "a mapping"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of " + ", ".join(m.value for m in tp)
    names = {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        date: "a date (YYYY-MM-DD)",
    }
    return names.get(tp, getattr(tp, "__name__", str(tp)))


@cache
def _shape(tp: Any) -> tuple[str, Any]:
    """How a model type is converted, worked out once per type."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        return "union", tp
    if origin is tuple:
        return "list", typing.get_args(tp)[0]
    if dataclasses.is_dataclass(tp):
        return "dataclass", tp
    return "scalar", tp


@cache
def _fields_by_key(cls: type) -> dict[str, Any]:
    return {f.key: f for f in fields_of(cls)}


class Converter:
    """Converts the nodes of one file; collects diagnostics and, with `locate`, the location of
    every value (else `Entry.locations` finds them again when a diagnostic needs one)."""

    def __init__(self, path: Path, locate: bool = True) -> None:
        self.path = path
        self.locate = locate
        self.diagnostics: list[Diagnostic] = []
        self.locations: dict[KeyPath, Location] = {}

    def error(self, node: yaml.Node, code: str, message: str) -> Any:
        self.diagnostics.append(Diagnostic(location(self.path, node), code, message))
        return INVALID

    def convert(
        self,
        node: yaml.Node,
        tp: Any,
        at: KeyPath,
        meta: dict[str, Any] | None = None,
    ) -> Any:
        if self.locate:
            self.locations[at] = location(self.path, node)
        meta = meta or {}
        shape, inner = _shape(tp)
        if shape == "union":
            return self._union(node, tp, at, meta)
        if shape == "list":
            return self._list(node, inner, at, meta)
        if shape == "dataclass":
            return self.dataclass(node, tp, at)
        name = str(at[-1]) if at else "entry"
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            return self.error(
                node, "type", f"'{name}' must be {describe(tp)}, not {_kind_of(node)}"
            )
        return self._scalar(node, tp, name, meta)

    def _union(self, node: yaml.Node, tp: Any, at: KeyPath, meta: dict[str, Any]) -> Any:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if _is_null(node) and len(args) < len(typing.get_args(tp)):
            return None
        literals = [a for a in args if typing.get_origin(a) is Literal]
        for lit in literals:
            if isinstance(node, yaml.ScalarNode) and node.value in typing.get_args(lit):
                return node.value
        rest = [a for a in args if a not in literals]
        if len(rest) == 1:
            if literals:  # e.g. `ects: none`: name the word in messages about the number
                meta = {**meta, "alternative": describe(literals[0])}
            return self.convert(node, rest[0], at, meta)
        raise TypeError(f"unsupported union in the model: {tp}")  # a bug in model.py, not input

    def _list(self, node: yaml.Node, item_tp: Any, at: KeyPath, meta: dict[str, Any]) -> Any:
        name = str(at[-1])
        if not isinstance(node, yaml.SequenceNode):
            return self.error(node, "type", f"'{name}' must be a list, not {_kind_of(node)}")
        items = [self.convert(item, item_tp, (*at, i), meta) for i, item in enumerate(node.value)]
        minimum = meta.get("min_items")
        if minimum and len(items) < minimum:
            return self.error(node, "missing-field", f"'{name}' needs at least {minimum} item(s)")
        if any(item is INVALID for item in items):
            return INVALID
        return tuple(items)

    def dataclass(self, node: yaml.Node, cls: type, at: KeyPath = ()) -> Any:
        if self.locate:
            self.locations[at] = location(self.path, node)
        if not isinstance(node, yaml.MappingNode):
            what = f"'{at[-1]}'" if at else "the entry"
            return self.error(node, "type", f"{what} must be a mapping, not {_kind_of(node)}")
        fields = _fields_by_key(cls)
        given: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in fields:
                shown = name if name is not None else _kind_of(key)
                self.error(
                    key,
                    "unknown-field",
                    f"unknown field '{shown}'{did_you_mean(str(shown), fields)}",
                )
                continue
            given.setdefault(name, value)
        values: dict[str, Any] = {}
        ok = True
        for key, f in fields.items():
            if key not in given:
                if f.required:
                    self.error(node, "missing-field", f"missing required field '{key}'")
                    ok = False
                continue
            value_node = given[key]
            if _is_null(value_node) and typing.get_origin(f.type) is tuple:
                values[f.name] = ()  # `topics:` with nothing after it is an empty list
                continue
            value = self.convert(value_node, f.type, (*at, key), f.meta)
            if value is INVALID:
                ok = False
            else:
                values[f.name] = value
        if not ok:
            return INVALID
        return cls(**values)

    def _scalar(self, node: yaml.ScalarNode, tp: Any, name: str, meta: dict[str, Any]) -> Any:
        text = node.value.strip()
        if isinstance(tp, type) and issubclass(tp, Enum):
            allowed = [m.value for m in tp]
            if text not in allowed:
                return self.error(
                    node,
                    "bad-value",
                    f"'{name}' is '{text}'{did_you_mean(text, allowed)}; "
                    f"allowed: {', '.join(allowed)}",
                )
            return tp(text)
        if tp is bool:
            if text.lower() not in _BOOLS:
                return self.error(node, "type", f"'{name}' must be true or false, not '{text}'")
            return _BOOLS[text.lower()]
        if tp is date:
            return self._date(node, text, name)
        if tp is int or tp is float:
            return self._number(node, text, tp, name, meta)
        if tp is str:
            return self._text(node, name, meta)
        raise TypeError(f"unsupported type in the model: {tp}")

    def _date(self, node: yaml.ScalarNode, text: str, name: str) -> Any:
        if not _DATE.match(text):
            return self.error(
                node, "bad-format", f"'{name}' must be a date YYYY-MM-DD, not '{text}'"
            )
        try:
            return date.fromisoformat(text)
        except ValueError:
            return self.error(node, "bad-format", f"'{name}' is not a real date: '{text}'")

    def _number(
        self, node: yaml.ScalarNode, text: str, tp: type, name: str, meta: dict[str, Any]
    ) -> Any:
        pattern = _INT if tp is int else _FLOAT
        if len(text) > 20 and pattern.match(text):
            return self.error(node, "out-of-range", f"'{name}' is far too large: {text[:20]}…")
        if not pattern.match(text):
            hint = ""
            if re.match(r"^\d{1,3}([.,]\d{3})+$", text) and tp is int:
                hint = f"; write {text.replace('.', '').replace(',', '')} without separators"
            elif "," in text:
                hint = "; use a decimal point"
            expected = describe(tp)
            if meta.get("alternative"):
                expected += f" or {meta['alternative']}"
            return self.error(node, "type", f"'{name}' must be {expected}, not '{text}'{hint}")
        value = tp(text)
        low, high = meta.get("minimum"), meta.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            return self.error(
                node, "out-of-range", f"'{name}' is {text}; expected {low:g} to {high:g}"
            )
        return value

    def _text(self, node: yaml.ScalarNode, name: str, meta: dict[str, Any]) -> Any:
        value = node.value
        if not value.strip():
            return self.error(node, "missing-field", f"'{name}' is empty")
        pattern = meta.get("pattern")
        if pattern and not re.match(pattern, value):
            return self.error(
                node,
                "bad-format",
                f"'{name}' has the wrong form: '{value}' "
                f"(expected {_PATTERN_NAMES.get(pattern, pattern)})",
            )
        return value


_PATTERN_NAMES = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "lowercase letters a-z, digits and single hyphens",
    r"^[0-9]{4}$": "4 digits",
    r"^[0-9]{5}$": "5 digits",
    r"^https?://\S+$": "an http(s) address",
    r"^[0-9]{4}([0-9]{2})?$": "4 or 6 digits",
}
