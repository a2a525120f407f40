"""Incremental builds: after each kind of change, a rebuild of the old site must equal a fresh
build byte for byte, while rendering only the pages the change reaches."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

from conftest import BUNDLED, TODAY, unreferenced_course
from site_build.build import Builder, build
from site_build.state import SEARCH, State, read_state


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def search_key(out: Path) -> str:
    return read_state(out).outputs[SEARCH][0]


def test_incremental_rebuilds_equal_fresh_builds(tmp_path: Path) -> None:
    root = tmp_path / "courses"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    first = build(root, out, today=TODAY)
    assert first.rendered == first.pages
    step = next(iter(sorted((root / "paths").glob("*.yaml"))))
    in_path = re.search(r"courses: \[([^,\]]+)", step.read_text(encoding="utf-8"))
    assert in_path is not None
    with_class = next(p for p in sorted(root.glob("*.yaml")) if "  - provider:" in p.read_text())
    gone = unreferenced_course(root)
    changes_search = ["a course is verified again"]  # the one change search does not read
    changes = {
        "a course is verified again": lambda: edit(
            with_class, r"^last_verified: .*$", "last_verified: 2026-11-21"
        ),
        "a course in a career path gets a new title": lambda: edit(
            root / f"{in_path[1].strip()}.yaml", r"^title: .*$", 'title: "Helt ny titel"'
        ),
        "a class moves to another region": lambda: edit(
            with_class, r'postnummer: "?\d{4}"?', 'postnummer: "9000"'
        ),
        "a new course": lambda: (root / "ny-test-kursus.yaml").write_text(
            re.sub(r"^id: .*$", "id: ny-test-kursus", gone.read_text(), count=1, flags=re.M),
            encoding="utf-8",
        ),
        "a course is deleted": gone.unlink,
        "a provider is renamed": lambda: edit(
            root / "lists" / "providers.yaml", r"^  name: .*$", "  name: Omdøbt udbyder"
        ),
    }
    for number, (change, make) in enumerate(changes.items()):
        before = search_key(out)
        make()
        again = build(root, out, today=TODAY)
        # Search reads title, texts and facets, not the date of verification.
        assert (search_key(out) == before) == (change == changes_search[0])
        fresh = build(root, tmp_path / f"fresh-{number}", today=TODAY)
        assert files(out) == files(fresh.out), change
        if change == "a provider is renamed":  # a reference list reaches every page
            assert again.rendered == again.pages, change
        else:  # the pages the change reaches (a broad course is on every profession's lists)
            assert 0 < again.rendered < again.pages / 3, change
    next_day = build(root, out, today=TODAY + timedelta(days=1))
    assert files(out) == files(build(root, tmp_path / "fresh-day", TODAY + timedelta(days=1)).out)
    assert next_day.rendered == next_day.pages  # "soon" and statuses depend on the day


def test_damaged_build_cache_means_a_full_build(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    (tmp_path / ".evu-cache" / "site.pickle").write_bytes(b"not a pickle")
    (small / "kraeft.yaml").write_text(
        (small / "kraeft.yaml").read_text(encoding="utf-8").replace("46000", "47000"),
        encoding="utf-8",
    )
    again = build(small, out, today=TODAY)
    assert again.rendered == again.pages
    assert files(out) == files(build(small, tmp_path / "fresh", today=TODAY).out)


def test_a_page_deleted_by_hand_is_rendered_again(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    page = out / "kurser" / "kraeft" / "index.html"
    expected = page.read_bytes()
    page.unlink()
    (small / "demens-amu.yaml").write_text(
        (small / "demens-amu.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    build(small, out, today=TODAY)
    assert page.read_bytes() == expected


def test_a_cache_made_by_other_code_is_not_read(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    state = read_state(out)
    assert state.outputs and read_state(out, state.code).outputs == state.outputs
    assert read_state(out, "other code") == State()  # templates or code changed: full build


def test_a_price_change_remakes_the_search_bundle_not_related_courses(
    small: Path, tmp_path: Path
) -> None:
    """Search results show the price, so the Pagefind bundle is made again; related courses
    are worked out from the courses' texts alone, so they are kept."""
    out = tmp_path / "site"
    build(small, out, today=TODAY)
    before = read_state(out)
    edit(small / "kraeft.yaml", r"^price: 46000$", "price: 47000")
    build(small, out, today=TODAY)
    after = read_state(out)
    assert after.outputs[SEARCH] != before.outputs[SEARCH]
    assert after.related_key == before.related_key and after.related == before.related
    assert files(out) == files(build(small, tmp_path / "fresh", today=TODAY).out)
    edit(small / "kraeft.yaml", r"^title: .*$", "title: Kræftsygepleje for specialister")
    build(small, out, today=TODAY)
    assert read_state(out).related_key != after.related_key  # a text change: related again


def test_a_text_change_reaches_the_related_courses_of_other_courses(tmp_path: Path) -> None:
    """When a course's text changes so that it reads less like another course, that course's
    page lists its related courses anew, and the site equals a fresh build."""
    root = tmp_path / "courses"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    build(root, out, today=TODAY)
    related = read_state(out).related
    course, other = next((c, others[0]) for c, others in sorted(related.items()) if others)
    page = out / "kurser" / course / "index.html"
    before = page.read_bytes()
    edit(root / f"{other}.yaml", r"^title: .*$", 'title: "Regnskab for vognmænd"')
    edit(root / f"{other}.yaml", r"^description: .*\n(  .*\n|\n)*", 'description: "Moms."\n')
    build(root, out, today=TODAY)
    assert read_state(out).related[course] != related[course]
    assert page.read_bytes() != before
    assert files(out) == files(build(root, tmp_path / "fresh", today=TODAY).out)


def test_serve_updates_show_pages_first_and_then_equal_a_fresh_build(tmp_path: Path) -> None:
    """`evu serve` keeps one Builder: after an edit the changed pages are in before the search
    bundle is made again (in a thread of its own), and once it is, the site is byte for byte
    a fresh build; the next edit is built from what the last one kept in memory."""
    root = tmp_path / "courses"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "site"
    builder = Builder(root, out)
    builder.update(TODAY)
    course = sorted(root.glob("*.yaml"))[0]
    for number, title in enumerate(["Første nye titel", "Anden nye titel"]):
        edit(course, r"^title: .*$", f'title: "{title}"')
        result = builder.update(TODAY, search_later=True)
        assert 0 < result.rendered < result.pages / 3
        assert title in (out / "kurser" / course.stem / "index.html").read_text(encoding="utf-8")
        builder.wait()
        fresh = build(root, tmp_path / f"fresh-{number}", today=TODAY)
        assert files(out) == files(fresh.out)
        assert read_state(out) == read_state(fresh.out)  # and a later `evu build` reuses it
