"""The house's rooms: what may import what, and what ships in the wheel.

The library (`catalogue`) never reaches up into the build, the scrapers, the command line or
the maintainer tools; the build never reaches into the scrapers, the command line or the
maintainer tools; nothing that ships imports the benchmarks. Read from the source with
Python's own parser, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from conftest import REPO

ROOMS = ("evu", "catalogue", "maintain", "site_build", "scrapers", "benchmarks")
# Room → the rooms it must never import.
FORBIDDEN = {
    "catalogue": {"site_build", "scrapers", "evu", "maintain", "benchmarks"},
    "site_build": {"scrapers", "evu", "maintain", "benchmarks"},
    "scrapers": {"site_build", "evu", "maintain", "benchmarks"},
    "maintain": {"site_build", "scrapers", "evu", "benchmarks"},
    "evu": {"benchmarks"},
}


def imported_rooms(path: Path) -> dict[str, int]:
    """First-party room → the first line importing it, for every import in the module."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            room = name.split(".")[0]
            if room in ROOMS:
                found.setdefault(room, node.lineno)
    return found


def test_no_room_imports_a_room_it_must_not() -> None:
    wrong = [
        f"{path.relative_to(REPO)}:{line}: {room} imports {other}"
        for room, forbidden in FORBIDDEN.items()
        for path in sorted((REPO / room).rglob("*.py"))
        for other, line in imported_rooms(path).items()
        if other in forbidden
    ]
    assert not wrong, "\n".join(wrong)


def test_the_import_check_sees_lazy_and_nested_imports(tmp_path: Path) -> None:
    """The check above can fail: an import inside a function is found with its line."""
    module = tmp_path / "m.py"
    module.write_text(
        "import json\nfrom catalogue import model\n\ndef f():\n    from site_build import urls\n",
        encoding="utf-8",
    )
    assert imported_rooms(module) == {"catalogue": 2, "site_build": 5}


def test_the_wheel_holds_the_packages_and_no_benchmark_or_test() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["setuptools"]["packages"]
    shipped = {p.split(".")[0] for p in packages}
    assert shipped == {"evu", "catalogue", "maintain", "site_build", "scrapers"}
    for package in packages:  # every package listed exists, and every one on disk is listed
        assert (REPO.joinpath(*package.split(".")) / "__init__.py").is_file(), package
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for room in shipped
        for init in (REPO / room).rglob("__init__.py")
    }
    assert on_disk == set(packages)
    assert config["project"]["scripts"]["evu"] == "evu.cli:main"
