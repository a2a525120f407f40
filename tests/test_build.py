"""Builds into temporary folders: the site appears only when the catalogue is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.diagnostics import CatalogueError
from conftest import KRAEFT, SMALL, TODAY, write_catalogue
from site_build.build import build


def test_build_writes_home_page(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(small, out, today=TODAY)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert result.pages == 1
    assert '<html lang="da">' in html
    assert "Specialuddannelsen i kræftsygepleje" in html
    assert "2 uddannelser og kurser, 2 hold" in html


def test_failed_build_keeps_previous_site(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    before = (out / "index.html").read_bytes()
    (small / "kraeft.yaml").write_text(KRAEFT.replace("price: 46000", "price: x"), encoding="utf-8")
    with pytest.raises(CatalogueError) as failure:
        build(small, out, today=TODAY)
    assert [d.code for d in failure.value.diagnostics] == ["type"]
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["courses", "site"]


def test_two_builds_are_byte_identical(small: Path, tmp_path: Path) -> None:
    build(small, tmp_path / "a", today=TODAY)
    build(small, tmp_path / "b", today=TODAY)
    assert (tmp_path / "a/index.html").read_bytes() == (tmp_path / "b/index.html").read_bytes()


def test_contributed_text_is_escaped(tmp_path: Path) -> None:
    evil = KRAEFT.replace(
        "title: Specialuddannelsen i kræftsygepleje", 'title: "<script>alert(1)</script>"'
    )
    root = write_catalogue(tmp_path / "courses", {**SMALL, "kraeft.yaml": evil})
    build(root, tmp_path / "site", today=TODAY)
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
