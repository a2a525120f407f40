"""Canonical YAML for catalogue files: one way to write every file, so diffs stay small.

Used by `evu fmt` (re-formatting existing files), `evu new` and the scrapers (writing new ones).

The canonical form:

- the file's schema line on top (`# yaml-language-server: $schema=…`, as `catalogue.schema`
  names it for the kind of file), then the header comments the file had;
- keys in the order the model declares its fields (`catalogue.model.fields_of`), unknown keys
  after the known ones in the order they were written;
- block style, indented by two spaces, list items indented under their key (`  - url: …`);
  a list of short values without spaces (ids, abbreviations) is written in flow style on the
  key's line (`topics: [demens, palliation]`) when that line fits in `WIDTH` columns;
- strings plain where YAML reads them back as the same text, otherwise double-quoted: text any
  YAML reader (1.1 or 1.2) would take for another type, such as postnumre (`"8000"`),
  dates-as-text, `yes`/`no`, numbers-as-text, is always quoted; text with line breaks is a
  literal block (`|`, `|-`); scalars are never folded across lines, so `WIDTH` only decides
  where flow lists break;
- no blank lines, one newline at the end.

Comments (by `format_text`): every comment is kept. A comment on a line of its own stays
directly above the key or list item that follows it, and moves with it when keys are
re-ordered; comments before the first key stay on top, under the schema line; comments after
the last key stay at the end. A comment at the end of a line (`key: value  # note`) is moved
onto its own line above its key. An existing schema line is replaced by the canonical one.

Values: every value the model reads is kept exactly (compare `read_catalogue` before and
after); a value the model would reject, or a key it does not know, is written back with its
text and its quoting, so `evu validate` reports the same problems afterwards.
"""

from __future__ import annotations

import dataclasses
import io
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from catalogue.convert import INVALID, Converter, KeyPath
from catalogue.diagnostics import CatalogueError, Diagnostic, Location, Severity
from catalogue.load import KIND_OF_LIST, KINDS, LISTS, file_kind
from catalogue.model import fields_of, plain
from catalogue.schema import schema_line
from catalogue.yamlsource import LOADER, parse_yaml

WIDTH = 100
INDENT = 2

# Kind of file (as `catalogue.load.file_kind` names it) → (model class, holds a list, depth of
# the file below the repository root, which the schema line's relative address depends on).
FILE_KINDS: dict[str, tuple[type, bool, int]] = {
    "course": (KINDS["course"], False, 1),
    "path": (KINDS["path"], False, 2),
    **{name: (cls, True, 2) for name, cls in LISTS.items()},
}
# The entry kinds of `catalogue.load.KINDS` name their list file too: "provider" → providers.
_ALIASES = {kind: name for name, kind in KIND_OF_LIST.items()}

_STR = "tag:yaml.org,2002:str"
# Plain scalars that YAML 1.2's core schema (used by editors' language servers) reads as
# something other than text; PyYAML's resolver covers YAML 1.1.
_CORE_12 = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$"
)
_ANALYZER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
_RESOLVER = yaml.resolver.Resolver()
_SCHEMA_COMMENT = "# yaml-language-server:"
# Characters a literal block cannot carry as they are (control characters but the line break).
_NOT_IN_LITERAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class _Plain(str):
    """The text of a plain scalar the model did not read (an unknown key, a bad value): written
    back plain, so YAML reads it as the same type as before."""


def kind_named(kind: str) -> str:
    """The kind of file for `kind`: course, path, providers, professions or topics.

    The singular entry kinds of `catalogue.load.KINDS` (provider, profession, topic) name the
    list file that holds them."""
    name = _ALIASES.get(kind, kind)
    if name not in FILE_KINDS:
        allowed = ", ".join([*FILE_KINDS, *_ALIASES])
        raise ValueError(f"unknown kind of catalogue file '{kind}'; expected one of {allowed}")
    return name


def dumps(data: Any, kind: str) -> str:
    """The canonical text of one catalogue file holding `data`.

    `data` is plain Python: dicts with the YAML keys, lists or tuples, str (enums by value),
    int, float, bool, date and None (written `null`; leave a key out to say "not published").
    A list file (providers, professions, topics) takes a list of entries."""
    name = kind_named(kind)
    is_list = FILE_KINDS[name][1]
    if is_list and not isinstance(data, list | tuple):
        raise ValueError(f"a {name} file holds a list of entries, not {type(data).__name__}")
    if not is_list and not isinstance(data, Mapping):
        raise ValueError(f"a {name} file holds one mapping, not {type(data).__name__}")
    return _write(data, name, {}, [], [])


def to_data(entry: Any) -> dict[str, Any]:
    """Plain data for `dumps` from a model entry (a `Course`, `Provider`, …): YAML keys, fields
    left at their default (unpublished, empty, false by default) left out."""
    if not dataclasses.is_dataclass(entry) or isinstance(entry, type):
        raise TypeError(f"not a model entry: {entry!r}")
    return plain(entry, defaults=False)


def format_text(text: str, path: Path, kind: str | None = None) -> str:
    """`text` of the catalogue file at `path` in canonical form (see the module's docstring).

    `kind` defaults to the kind of file standing at `path` (`catalogue.load.file_kind`; a
    course where no catalogue file stands, which `evu validate` reports); `path` is also named
    in errors. Raises
    `CatalogueError` when the text is not YAML the catalogue can read (syntax, tabs, duplicate
    keys, empty): formatting would have to guess, so it does not."""
    return update_text(text, path, lambda data: data, kind)


def update_text(text: str, path: Path, edit: Callable[[Any], Any], kind: str | None = None) -> str:
    """Like `format_text`, after `edit` changed the file's data: `edit` gets the plain data (the
    mapping of a course or path, the list of a list file), may change it in place, and returns
    the data to write. Comments stay with their keys and list items, so append to a list rather
    than insert into it."""
    name = kind_named(kind) if kind else kind_named(file_kind(path) or "course")
    text = text.removeprefix("\ufeff")
    node, problems = parse_yaml(path, text.encode("utf-8"))
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if node is None or errors:
        raise CatalogueError(errors or [Diagnostic(Location(path), "yaml-syntax", "no content")])
    cls, is_list, _ = FILE_KINDS[name]
    expected = yaml.SequenceNode if is_list else yaml.MappingNode
    if not isinstance(node, expected):
        shape = "a list of entries ('- id: …')" if is_list else "a mapping ('id: …')"
        raise CatalogueError([_unformattable(path, node, f"a {name} file must hold {shape}")])
    converter = Converter(path)
    data = _node_data(node, list[cls] if is_list else cls, converter)
    comments, header, trailer = _comments(text, node)
    return _write(edit(data), name, comments, header, trailer)


# --- reading: nodes → plain data, guided by the model ---------------------------------------


@cache
def _unwrap(tp: Any) -> Any:
    """The collection or dataclass type inside an optional type, or None."""
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        rest = [
            a
            for a in typing.get_args(tp)
            if a is not type(None) and typing.get_origin(a) is not Literal
        ]
        return _unwrap(rest[0]) if len(rest) == 1 else None
    return tp


@cache
def _item_type(tp: Any) -> Any:
    tp = _unwrap(tp)
    if typing.get_origin(tp) in (tuple, list):
        return typing.get_args(tp)[0]
    return None


@cache
def _field_types(tp: Any) -> dict[str, Any]:
    tp = _unwrap(tp)
    if dataclasses.is_dataclass(tp):
        return {f.key: f.type for f in fields_of(tp)}
    return {}


@cache
def _field_meta(tp: Any) -> dict[str, dict[str, Any]]:
    tp = _unwrap(tp)
    if dataclasses.is_dataclass(tp):
        return {f.key: f.meta for f in fields_of(tp)}
    return {}


def _node_data(
    node: yaml.Node, tp: Any, converter: Converter, meta: dict[str, Any] | None = None
) -> Any:
    if isinstance(node, yaml.MappingNode):
        types_, metas = _field_types(tp), _field_meta(tp)
        result: dict[Any, Any] = {}
        for key, value in node.value:
            name = _scalar_data(key, None, converter) if isinstance(key, yaml.ScalarNode) else None
            if name is None or not isinstance(name, str):
                raise CatalogueError([_unformattable(converter.path, key, "a key must be text")])
            result[name] = _node_data(value, types_.get(name), converter, metas.get(name))
        return result
    if isinstance(node, yaml.SequenceNode):
        item = _item_type(tp)
        return [_node_data(v, item, converter, meta) for v in node.value]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar_data(node, tp, converter, meta)


def _unformattable(path: Path, node: yaml.Node, why: str) -> Diagnostic:
    mark = node.start_mark
    return Diagnostic(Location(path, mark.line + 1, mark.column + 1), "type", why)


def _scalar_data(
    node: yaml.ScalarNode, tp: Any, converter: Converter, meta: dict[str, Any] | None = None
) -> Any:
    if node.tag.endswith(":null"):
        return None
    scalar_type = tp is not None and _unwrap(tp) is not None
    if scalar_type and _item_type(tp) is None and not _field_types(tp):
        value = converter.convert(node, tp, (), meta)
        if value is not INVALID and value is not None:
            if isinstance(value, float) and re.fullmatch(r"[-+]?\d+", node.value.strip()):
                return int(value)  # `ects: 60` stays 60, not 60.0 (the model reads both)
            return value.value if isinstance(value, Enum) else value
    # Not read by the model: keep the text, and its type for YAML (plain or quoted).
    return _Plain(node.value) if not node.style and node.value else str(node.value)


# --- comments -----------------------------------------------------------------------------


def _covered(text: str) -> dict[int, list[tuple[int, int]]]:
    """Per line, the column ranges taken by YAML tokens (so a '#' there is not a comment)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for token in yaml.scan(text, Loader=LOADER):
        start, end = token.start_mark, token.end_mark
        for line in range(start.line, end.line + 1):
            first = start.column if line == start.line else 0
            last = end.column if line == end.line else 1 << 30
            if last > first:
                spans.setdefault(line, []).append((first, last))
    return spans


def _anchors(node: yaml.Node, at: KeyPath, found: list[tuple[int, KeyPath]]) -> None:
    """(line, key path) of every key and list item, where comments can be attached."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*at, str(key.value))
            found.append((key.start_mark.line, path))
            _anchors(value, path, found)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found.append((item.start_mark.line, (*at, i)))
            _anchors(item, (*at, i), found)


def _comments(text: str, root: yaml.Node) -> tuple[dict[KeyPath, list[str]], list[str], list[str]]:
    """Comments attached to key paths, the header comments and the trailing comments."""
    first, _, rest = text.partition("\n")
    if "#" not in rest and ("#" not in first or first.startswith(_SCHEMA_COMMENT)):
        return {}, [], []  # no comment but the schema line (the usual case): no need to scan
    spans = _covered(text)
    anchors: list[tuple[int, KeyPath]] = []
    _anchors(root, (), anchors)
    attached: dict[KeyPath, list[str]] = {}
    header: list[str] = []
    trailer: list[str] = []
    for number, line in enumerate(text.splitlines()):
        column = _comment_column(line, spans.get(number, []))
        if column is None:
            continue
        comment = line[column:].rstrip()
        if comment.startswith(_SCHEMA_COMMENT):
            continue
        if line[:column].strip():  # at the end of a line: above the innermost key there
            before = [a for a in anchors if a[0] <= number]
            if not before:
                header.append(comment)
                continue
            last_line = max(a[0] for a in before)
            target = max((a for a in before if a[0] == last_line), key=lambda a: len(a[1]))[1]
        else:  # on its own line: above the outermost key or item that follows
            after = [a for a in anchors if a[0] > number]
            if not after:
                trailer.append(comment)
                continue
            if all(a[0] > number for a in anchors):
                header.append(comment)
                continue
            next_line = min(a[0] for a in after)
            target = min((a for a in after if a[0] == next_line), key=lambda a: len(a[1]))[1]
        attached.setdefault(target, []).append(comment)
    return attached, header, trailer


def _comment_column(line: str, spans: list[tuple[int, int]]) -> int | None:
    start = 0
    while (column := line.find("#", start)) >= 0:
        if not any(first <= column < last for first, last in spans):
            return column
        start = column + 1
    return None


# --- writing -----------------------------------------------------------------------------


def _write(
    data: Any,
    kind: str,
    comments: dict[KeyPath, list[str]],
    header: list[str],
    trailer: list[str],
) -> str:
    cls, is_list, depth = FILE_KINDS[kind]
    writer = _Writer(comments)
    body = writer.block(data, list[cls] if is_list else cls, 0, ())
    lines = [schema_line(kind, depth), *header, *body, *trailer, *writer.leftover()]
    return "\n".join(lines) + "\n"


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or "\n" in text:
        return False
    return _plain_allowed(str(text), flow, isinstance(text, _Plain))


@lru_cache(maxsize=1 << 16)  # ids, places and titles recur across files
def _plain_allowed(text: str, flow: bool, was_plain: bool) -> bool:
    analysis = _ANALYZER.analyze_scalar(text)
    if not (analysis.allow_flow_plain if flow else analysis.allow_block_plain):
        return False
    if was_plain:
        return True
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR and not (
        _CORE_12.match(text)
    )


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _double_quoted(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif (
            code < 0x20
            or 0x7F <= code < 0xA0
            or 0xD800 <= code <= 0xDFFF
            or ch in "\u2028\u2029\ufeff\ufffe\uffff"
        ):
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _literal_ok(text: str) -> bool:
    """Text with line breaks that a literal block (`|`, `|-`) carries unchanged."""
    if "\n" not in text or text.endswith("\n\n") or not text.strip():
        return False
    lines = text.split("\n")
    first = next(line for line in lines if line)
    if first.startswith(" "):
        return False  # would need an indentation indicator
    if any(line.endswith((" ", "\t")) for line in lines):
        return False
    return not _NOT_IN_LITERAL.search(text)


def _scalar_text(value: Any, flow: bool = False) -> str:
    """A single-line scalar, or '' when `value` must be a literal block."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if _plain_ok(value, flow):
            return str(value)
        if not flow and _literal_ok(value):
            return ""
        return _double_quoted(value)
    raise TypeError(f"cannot write a {type(value).__name__} to a catalogue file: {value!r}")


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, Mapping | list | tuple)


class _Writer:
    def __init__(self, comments: dict[KeyPath, list[str]]) -> None:
        self.comments = dict(comments)

    def leftover(self) -> list[str]:
        """Comments whose place no longer exists (none when the data came from the text)."""
        return [c for path in sorted(self.comments, key=str) for c in self.comments[path]]

    def take(self, at: KeyPath, indent: int) -> list[str]:
        return [" " * indent + c for c in self.comments.pop(at, [])]

    def block(self, value: Any, tp: Any, indent: int, at: KeyPath) -> list[str]:
        """Lines of a mapping or list written as a block at `indent`."""
        if isinstance(value, Mapping):
            return self.mapping(value, tp, indent, at)
        return self.sequence(value, _item_type(tp), indent, at)

    def mapping(self, value: Mapping[Any, Any], tp: Any, indent: int, at: KeyPath) -> list[str]:
        types_ = _field_types(tp)
        known = [k for k in types_ if k in value]
        keys = known + [k for k in value if k not in types_]
        lines: list[str] = []
        for key in keys:
            if not isinstance(key, str):
                raise TypeError(f"keys must be text, not {key!r}")
            path = (*at, key)
            lines += self.take(path, indent)
            lines += self.entry(
                _scalar_text(key) or _double_quoted(key), value[key], types_.get(key), indent, path
            )
        return lines

    def entry(self, head: str, value: Any, tp: Any, indent: int, at: KeyPath) -> list[str]:
        """`head: value` at `indent`, the value on the same line or below it."""
        pad = " " * indent
        if _is_scalar(value):
            text = _scalar_text(value)
            if text:
                return [f"{pad}{head}: {text}"]
            return [f"{pad}{head}: {self.literal_head(value)}", *self.literal(value, indent)]
        if not value:
            return [f"{pad}{head}: {{}}" if isinstance(value, Mapping) else f"{pad}{head}: []"]
        if isinstance(value, list | tuple):
            flow = self.flow(value, f"{pad}{head}: ", at)
            if flow is not None:
                return flow
        return [f"{pad}{head}:", *self.block(value, tp, indent + INDENT, at)]

    def flow(
        self, items: list[Any] | tuple[Any, ...], prefix: str, at: KeyPath
    ) -> list[str] | None:
        """`prefix[a, b]` for short values without spaces that fit in WIDTH, else None."""
        if not all(_is_scalar(v) and v is not None for v in items):
            return None
        texts = [_scalar_text(v, flow=True) for v in items]
        if any(" " in t or t.startswith('"') for t in texts):
            return None
        line = prefix + "[" + ", ".join(texts) + "]"
        if len(line) > WIDTH:
            return None
        indent = len(prefix) - len(prefix.lstrip())
        above = [c for i in range(len(items)) for c in self.take((*at, i), indent)]
        return [*above, line]

    def sequence(self, items: Any, tp: Any, indent: int, at: KeyPath) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        for i, item in enumerate(items):
            path = (*at, i)
            lines += self.take(path, indent)
            if _is_scalar(item):
                text = _scalar_text(item)
                if text:
                    lines.append(f"{pad}- {text}")
                else:
                    lines.append(f"{pad}- {self.literal_head(item)}")
                    lines += self.literal(item, indent)
                continue
            if not item:
                lines.append(f"{pad}- {{}}" if isinstance(item, Mapping) else f"{pad}- []")
                continue
            inner = self.block(item, tp, indent + INDENT, path)
            # The dash goes on the first key's line; comments above that key go above the dash.
            first = next(j for j, line in enumerate(inner) if not line.lstrip().startswith("#"))
            lines += [pad + line.lstrip() for line in inner[:first]]
            lines.append(pad + "- " + inner[first][indent + INDENT :])
            lines += inner[first + 1 :]
        return lines

    @staticmethod
    def literal_head(text: str) -> str:
        return "|" if text.endswith("\n") else "|-"

    @staticmethod
    def literal(text: str, indent: int) -> list[str]:
        pad = " " * (indent + INDENT)
        body = text[:-1] if text.endswith("\n") else text
        return [pad + line if line else "" for line in body.split("\n")]
