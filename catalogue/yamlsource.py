"""Reading one YAML file into a node tree that remembers where every value stands.

PyYAML accepts several things silently that are mistakes in a catalogue file: duplicate keys
(the last one wins), tabs, and more than one way to spell a value. This module reports them
with their line and column, and never raises for bad input.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from catalogue.diagnostics import Diagnostic, Location

BOM = b"\xef\xbb\xbf"
# libyaml's composer is about ten times faster and reports the same marks; PyYAML's pure-Python
# loader stands in where libyaml is not compiled in.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def location(path: Path, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def _offset_location(path: Path, data: bytes, offset: int) -> Location:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return Location(path, line, column)


def read_yaml(path: Path) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Parse `path` into a composed node tree; problems come back as diagnostics."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(Location(path), "unreadable", f"cannot read file: {exc.strerror}")]
    return parse_yaml(path, data)


def parse_yaml(path: Path, data: bytes) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Parse bytes that were read from `path` (the path is only used in messages)."""
    diagnostics: list[Diagnostic] = []
    body = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        bad = data[offset : offset + 1].hex().upper()
        return None, [
            Diagnostic(
                _offset_location(path, data, offset),
                "encoding",
                f"file is not UTF-8 (byte 0x{bad}); save it as UTF-8",
            )
        ]
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column >= 0:
            diagnostics.append(
                Diagnostic(
                    Location(path, number, column + 1),
                    "tab",
                    "tab character; indent and separate with spaces",
                )
            )
    # A tab replaced by one space keeps every line and column, so the rest can still be checked.
    text = text.replace("\t", " ")
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        diagnostics.append(Diagnostic(where, "yaml-syntax", problem))
        return None, diagnostics
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        where = _offset_location(path, text.encode("utf-8"), len(text[: exc.position].encode()))
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        diagnostics.append(
            Diagnostic(where, "yaml-syntax", f"control character U+{code:04X} is not allowed")
        )
        return None, diagnostics
    except RecursionError:
        diagnostics.append(Diagnostic(Location(path), "yaml-syntax", "nesting is too deep"))
        return None, diagnostics
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        diagnostics.append(Diagnostic(Location(path), "empty-file", "file has no content"))
        return None, diagnostics
    diagnostics.extend(_duplicate_keys(path, node))
    return node, diagnostics


def _duplicate_keys(path: Path, root: yaml.Node) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # aliases may share nodes
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name is not None and name in first:
                    earlier = first[name].start_mark.line + 1
                    found.append(
                        Diagnostic(
                            location(path, key),
                            "duplicate-key",
                            f"duplicate key '{name}' (first at line {earlier}); "
                            "YAML would silently keep only the last one",
                        )
                    )
                elif name is not None:
                    first[name] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found
