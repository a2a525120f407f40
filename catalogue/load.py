"""Finding the catalogue's files and converting each into model entries with their locations.

Layout of a catalogue folder (the bundled one is `courses/`):

    <root>/<id>.yaml                 one course per file
    <root>/paths/<id>.yaml           one career path per file
    <root>/lists/providers.yaml      reference lists: a YAML list of entries each
    <root>/lists/professions.yaml
    <root>/lists/topics.yaml
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from catalogue.convert import INVALID, Converter, KeyPath
from catalogue.diagnostics import Diagnostic, Location
from catalogue.model import CareerPath, Course, Profession, Provider, Topic
from catalogue.parallel import map_chunks
from catalogue.yamlsource import parse_yaml, read_yaml

LISTS: dict[str, type] = {"providers": Provider, "professions": Profession, "topics": Topic}
KINDS: dict[str, type] = {
    "course": Course,
    "path": CareerPath,
    "provider": Provider,
    "profession": Profession,
    "topic": Topic,
}
KIND_OF_LIST = {"providers": "provider", "professions": "profession", "topics": "topic"}


# A parse cache: relative file path → (sha256 of its bytes, kind, converted value), for files
# that converted without any diagnostic. Only values are kept: locations are found again by
# re-reading the file on the rare occasion a diagnostic needs one.
ParseCache = dict[str, tuple[str, str, Any]]


@dataclass(frozen=True)
class Entry:
    """A converted entry with the file it came from and where each of its values stands."""

    kind: str
    value: Any
    path: Path
    index: int | None = None  # position in a list file
    digest: str = ""  # sha256 of the file's bytes (for one-entry files)
    # The file's bytes when they are checked before being written (else read from `path`).
    unsaved: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return str(self.value.id)

    @cached_property
    def locations(self) -> dict[KeyPath, Location]:
        """Where each value stands, read again from the file (only diagnostics need them)."""
        node, _ = (
            read_yaml(self.path) if self.unsaved is None else parse_yaml(self.path, self.unsaved)
        )
        if self.index is not None and isinstance(node, yaml.SequenceNode):
            node = node.value[self.index]
        converter = Converter(self.path)
        if node is not None:
            converter.dataclass(node, KINDS[self.kind])
        return converter.locations

    def at(self, *keys: str | int) -> Location:
        """Location of the value at `keys`, or of the nearest enclosing value."""
        while keys:
            if keys in self.locations:
                return self.locations[keys]
            keys = keys[:-1]
        return self.locations.get((), Location(self.path))


@dataclass
class Loaded:
    """Everything read from a catalogue folder, before cross-entry validation."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    # Entries that exist but could not be read, so references to them are not reported again:
    # (kind, id) pairs, and kinds whose whole list file could not be read.
    unreadable: set[tuple[str, str]] = field(default_factory=set)
    unreadable_kinds: set[str] = field(default_factory=set)
    parsed: ParseCache = field(default_factory=dict)  # the parse cache for the next load

    def merge(self, other: Loaded) -> None:
        self.entries += other.entries
        self.diagnostics += other.diagnostics
        self.files += other.files
        self.unreadable |= other.unreadable
        self.unreadable_kinds |= other.unreadable_kinds
        self.parsed.update(other.parsed)

    def of(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]


def catalogue_files(root: Path) -> list[Path]:
    """Every YAML file of a catalogue folder, sorted; non-YAML files are ignored."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def file_digests(root: Path) -> dict[str, str]:
    """Relative path → sha256 of the bytes, for every catalogue file under `root`."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in catalogue_files(root)
    }


def load(
    root: Path, cache: ParseCache | None = None, digests: dict[str, str] | None = None
) -> Loaded:
    """Read and convert every file under `root`; never raises for bad content. Files whose
    bytes are in `cache` are not parsed again (with `digests` from `file_digests`, not even
    read again); the others are parsed on all cores."""
    loaded = Loaded(root)
    if not root.is_dir():
        loaded.diagnostics.append(
            Diagnostic(Location(root), "not-found", "catalogue folder does not exist")
        )
        return loaded
    cache = cache or {}
    digests = digests or {}
    todo: list[tuple[Path, bytes, str]] = []
    for path in catalogue_files(root):
        name = path.relative_to(root).as_posix()
        hit = cache.get(name)
        if hit is not None and hit[0] == digests.get(name):
            loaded.files += 1
            loaded.entries.append(Entry(hit[1], hit[2], path, digest=hit[0]))
            loaded.parsed[name] = hit
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if hit is not None and hit[0] == digest:
            loaded.files += 1
            loaded.entries.append(Entry(hit[1], hit[2], path, digest=digest))
            loaded.parsed[name] = hit
        else:
            todo.append((path, data, digest))

    def load_part(part: Sequence[tuple[Path, bytes, str]]) -> Loaded:
        found = Loaded(root)
        for path, data, digest in part:
            load_file(found, path, data, digest)
        return found

    for part in map_chunks(load_part, todo):
        loaded.merge(part)
    loaded.entries.sort(key=lambda e: (e.path, e.index or 0))  # the order of the files
    return loaded


def file_kind(path: Path, root: Path | None = None) -> str | None:
    """'course', 'path' or a list name ('providers', …) by where the file stands in the
    catalogue folder `root` (None: not a catalogue file). Without `root`, for one file given
    on its own, the catalogue folder is the file's, or its parent's for paths/ and lists/."""
    if root is None:
        root = path.parent.parent if path.parent.name in ("paths", "lists") else path.parent
    parts = path.relative_to(root).parts
    if len(parts) == 1:
        return "course"
    if len(parts) == 2 and parts[0] == "paths":
        return "path"
    if len(parts) == 2 and parts[0] == "lists" and path.stem in LISTS:
        return path.stem
    return None


def load_file(loaded: Loaded, path: Path, data: bytes, digest: str, unsaved: bool = False) -> None:
    """Read the bytes `data` of the file at `path` into `loaded`; `unsaved`: they are not
    (yet) the file's on disk, so locations are found in them."""
    loaded.files += 1
    kind = file_kind(path, loaded.root)
    if kind is None:
        loaded.diagnostics.append(
            Diagnostic(
                Location(path),
                "unknown-file",
                "not a catalogue file: courses go in the top folder, career paths in paths/, "
                "and lists/ holds only " + ", ".join(f"{name}.yaml" for name in LISTS),
            )
        )
        return
    node, problems = parse_yaml(path, data)
    loaded.diagnostics.extend(problems)
    if node is None:
        if kind in LISTS:
            loaded.unreadable_kinds.add(KIND_OF_LIST[kind])
        else:
            loaded.unreadable.add((kind, path.stem))
        return
    # Locations are not recorded while loading: recording them costs more than reading the
    # file again on the rare occasion a diagnostic needs one (`Entry.locations`).
    converter = Converter(path, locate=False)
    if kind in LISTS:
        _load_list(loaded, converter, node, kind, data if unsaved else None)
    else:
        value = converter.dataclass(node, KINDS[kind])
        if value is INVALID:
            loaded.unreadable.add((kind, path.stem))
        else:
            loaded.entries.append(
                Entry(kind, value, path, digest=digest, unsaved=data if unsaved else None)
            )
            if not problems and not converter.diagnostics:
                loaded.parsed[path.relative_to(loaded.root).as_posix()] = (digest, kind, value)
    loaded.diagnostics.extend(converter.diagnostics)


def _id_of(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None


def _load_list(
    loaded: Loaded, converter: Converter, node: yaml.Node, list_name: str, unsaved: bytes | None
) -> None:
    kind = KIND_OF_LIST[list_name]
    if not isinstance(node, yaml.SequenceNode):
        converter.error(node, "type", f"{list_name}.yaml must be a list of entries ('- id: …')")
        loaded.unreadable_kinds.add(kind)
        return
    for index, item in enumerate(node.value):
        item_converter = Converter(converter.path, locate=False)
        value = item_converter.dataclass(item, LISTS[list_name])
        converter.diagnostics.extend(item_converter.diagnostics)
        if value is INVALID:
            if (id_ := _id_of(item)) is not None:
                loaded.unreadable.add((kind, id_))
        else:
            loaded.entries.append(Entry(kind, value, converter.path, index, unsaved=unsaved))
