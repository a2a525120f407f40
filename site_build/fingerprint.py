"""Fingerprints: one hash over files, and the fingerprint of the code a build runs.

The build keeps what it made for the next build (`site_build.state`) under the fingerprint of
its code, so an edit to that code throws the cache away. Which code that is, is found by
reading imports: `site_build.build` and every first-party module it imports, directly or not,
with the templates and the catalogue's data files. Editing the command line (`evu`), the
maintainer tools (`maintain`), the scrapers or the benchmarks keeps the cache.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from catalogue.codelists import DATA
from site_build.render import TEMPLATES

REPO = Path(__file__).resolve().parent.parent
ENTRY = "site_build.build"
FIRST_PARTY = ("catalogue", "site_build", "scrapers", "evu", "maintain")


def source_files(folder: Path) -> list[Path]:
    """The files under `folder` a build reads, sorted (compiled Python left out)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(folders: list[Path], *extra: str) -> str:
    """One hash over the names and bytes of every file in `folders` (and `extra` values)."""
    digest = hashlib.sha256("\0".join(extra).encode())
    for folder in folders:
        for path in source_files(folder):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def module_file(name: str) -> Path | None:
    """The source file of the first-party module `name` ('catalogue.model'), or None."""
    if name.split(".")[0] not in FIRST_PARTY:
        return None
    base = REPO.joinpath(*name.split("."))
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


# An import statement at the start of a line: `import a.b, c` or `from .a import (b, c)`.
# Read with a pattern rather than a parser, which takes most of a build that has nothing to
# do; text that only looks like an import (in a docstring) can add a module, never miss one.
IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)|import[ \t]+([^\n#]*))",
    re.MULTILINE,
)
NAME = re.compile(r"[\w.]+(?:[ \t]+as[ \t]+\w+)?")


def imports_of(path: Path, name: str) -> set[str]:
    """The modules the module `name` in `path` imports, anywhere in it (lazy imports too);
    `from package import part` counts `package.part` too, which is kept when it is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for match in IMPORT.finditer(path.read_text(encoding="utf-8")):
        base, names, plain = match.groups()
        if plain is not None:
            found.update(n.split()[0] for n in NAME.findall(plain))
            continue
        level = len(base) - len(base.lstrip("."))
        if level:
            parent = package.rsplit(".", level - 1)[0]
            base = f"{parent}.{base[level:]}".rstrip(".")
        found.add(base)
        found.update(f"{base}.{n.split()[0]}" for n in NAME.findall(names))
    return found


def modules(entry: str = ENTRY) -> dict[str, Path]:
    """`entry` and every first-party module it reaches by importing, with their packages'
    `__init__.py` (which importing runs too): module name → source file."""
    reached: dict[str, Path] = {}
    todo = [entry]
    while todo:
        name = todo.pop()
        path = module_file(name)
        if name in reached or path is None:
            continue
        reached[name] = path
        parts = name.split(".")
        todo += [".".join(parts[:n]) for n in range(1, len(parts))]
        todo += sorted(imports_of(path, name))
    return dict(sorted(reached.items()))


def code_fingerprint() -> str:
    """The fingerprint of the code, templates and data a build runs on."""
    code = [f"{path.relative_to(REPO)}:{_sha(path)}" for path in modules().values()]
    return fingerprint([TEMPLATES, DATA], *code)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
