"""Hostile and odd input: always a located message and exit 1, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.pipeline import check
from conftest import SMALL, TODAY, evu, write_catalogue

GARBAGE: dict[str, bytes] = {
    "deep-nesting": b"id: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep-mapping": ("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 3000))).encode(),
    "recursive-alias": b"id: &x [*x]\n",
    "python-tag": b"id: !!python/object/apply:os.system ['echo hi']\n",
    "nul-byte": b"id: a\x00b\n",
    "utf16": "id: x\n".encode("utf-16"),
    "complex-key": b"? [a, b]\n: 1\n",
    "huge-number": b"price: " + b"9" * 5000 + b"\n",
    "alias-bomb": b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    b"content: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
    "binary": bytes(range(256)),
    "only-a-string": b"hello\n",
    "merge-key": b"base: &b {title: x}\n<<: *b\n",
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_gets_a_located_error(tmp_path: Path, name: str) -> None:
    root = write_catalogue(tmp_path / "courses", {**SMALL, f"{name}.yaml": GARBAGE[name]})
    _, diagnostics = check(root, TODAY)
    mine = [d for d in diagnostics if d.location.path.name == f"{name}.yaml"]
    assert mine, diagnostics
    assert all(d.location.line >= 1 and d.location.column >= 1 for d in mine)


def test_cli_on_all_garbage_exits_1_without_traceback(tmp_path: Path) -> None:
    files = {**SMALL, **{f"{name}.yaml": data for name, data in GARBAGE.items()}}
    write_catalogue(tmp_path / "courses", files)
    result = evu("validate", "courses", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    named = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert named == {f"courses/{name}.yaml" for name in GARBAGE}
