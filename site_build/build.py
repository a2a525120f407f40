"""Build the site: read everything, render everything, then write only what changed.

    read_catalogue → plan pages → render pages and open data → write

Nothing is written unless the whole catalogue is valid. The first build (or a build into a
new folder) is written into a temporary sibling folder and swapped in whole; later builds
compare each output's content hash with the manifest of the previous build, write only the
files whose bytes changed (each through a temporary file and `os.replace`) and remove pages
that no longer exist. Content hashes, never modification times.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from catalogue.files import write_atomic
from catalogue.load import file_digests
from catalogue.model import Catalogue, Course
from catalogue.parallel import map_chunks
from catalogue.pipeline import assemble, read_valid
from catalogue.search.related import related_ids
from site_build import favicon, opendata, search, urls
from site_build.facts import Facts, facts
from site_build.fingerprint import code_fingerprint, fingerprint
from site_build.keys import Keys
from site_build.opendata import CourseData
from site_build.output import MANIFEST, Content, SiteWriter, manifest
from site_build.pages import Page, feeds_of, plan
from site_build.render import TEMPLATES, FilterLinks, RowHtml, environment, render_page
from site_build.state import State, read_state, write_state

log = logging.getLogger(__name__)
INPUTS = ".evu-inputs"
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    written: int
    removed: int
    rendered: int = 0  # pages rendered; the others were unchanged since the last build


@dataclass
class Site:
    """The site rendered: `files` (path → bytes; empty when they went to `emit` instead) and
    `kept`, unchanged since the last build and not rendered again (path → sha256); with the
    page keys and each course's open data, to keep for the next build."""

    files: dict[str, bytes]
    kept: dict[str, str]
    keys: dict[str, str]
    data: dict[str, CourseData]
    related: dict[str, list[str]] = field(default_factory=dict)
    search_files: dict[str, str] = field(default_factory=dict)  # file → sha256
    rendered: int = 0  # HTML pages rendered (the others were kept)


def render_site(
    catalogue: Catalogue,
    today: date,
    base_url: str = DEFAULT_BASE_URL,
    done: Callable[[int, int], None] | None = None,
    keys: Keys | None = None,
    last: State | None = None,
    emit: Callable[[str, Content], None] | None = None,
    search_key: str | None = None,
    records: dict[str, str] | None = None,
    known: Facts | None = None,
    related_key: str | None = None,
) -> Site:
    """Render the site. With `keys` and the `last` build's state (its pages still on disk),
    pages whose key is unchanged are kept rather than rendered, and a course's open data is
    reused while its file is unchanged. With `emit`, each file goes there as soon as it is
    rendered instead of being collected (so a large site is never all in memory). When
    `search_key` (a hash over every course's Pagefind record) equals the last build's, the
    Pagefind bundle is not made again, and when `related_key` (over the text related courses
    read) does, related courses are not worked out again; `records` are Pagefind records
    already made (course id → HTML), which that step then does not make again;
    `known`: each course's card and classes, when already made."""
    reuse = last is not None and search_key is not None and last.search_key == search_key
    same_text = last is not None and related_key is not None and last.related_key == related_key
    related = last.related if same_text and last is not None else related_ids(catalogue)
    known = facts(catalogue, today) if known is None else known
    env = environment(base_url)
    env.globals.update(row_html=RowHtml(catalogue), filter_links=FilterLinks())
    pages = plan(catalogue, today, related, known)
    page_keys: dict[str, str] = {}
    if keys is not None:

        def key_part(part: Sequence[Page]) -> list[tuple[str, str]]:
            return [(urls.file_of(page.address), keys(page)) for page in part]

        for part in map_chunks(key_part, pages):  # on several cores when large
            page_keys.update(part)
    kept: dict[str, str] = {}
    if last is not None:
        for target, key in page_keys.items():
            if target in last.pages and last.pages[target][0] == key:
                kept[target] = last.pages[target][1]
    todo = [p for p in pages if urls.file_of(p.address) not in kept]

    def render_part(part: Sequence[Page]) -> list[tuple[str, bytes]]:
        return [
            (urls.file_of(page.address), render_page(env, page, catalogue, base_url).encode())
            for page in part
        ]

    files: dict[str, bytes] = {}

    def collect(target: str, content: Content) -> None:
        if target in files:  # two pages must never write the same file
            raise ValueError(f"two pages write {target}")
        files[target] = content if isinstance(content, bytes) else b"".join(content)

    emit = emit or collect
    for part in map_chunks(render_part, todo, done=done):  # on several cores when large
        for target, content in part:
            emit(target, content)
    data = _course_data(catalogue, today, base_url, keys, last, known)
    # Open data, each file written as it is made and the large ones in pieces.
    texts: list[tuple[str, Callable[[], Iterable[str]]]] = [
        (urls.COURSES_JSON, lambda: opendata.courses_json_of(data)),
        (urls.OFFERINGS_CSV, lambda: opendata.offerings_csv_of(data)),
        (urls.FEED, lambda: [opendata.atom_feed(catalogue, base_url)]),
        (urls.SITEMAP, lambda: [opendata.sitemap_xml(_html_addresses(pages), base_url)]),
        (urls.ROBOTS, lambda: [opendata.robots_txt(base_url)]),
    ]
    for feeds in feeds_of(pages):  # each list's calendar, feed and spreadsheet
        texts.append((feeds.calendar, partial(opendata.calendar_ics_of, data, feeds)))
        texts.append((feeds.feed, partial(opendata.class_feed_of, data, feeds, base_url)))
        if feeds.csv:
            emit(feeds.csv, opendata.excel_csv_of(data, feeds))
    for name, make in texts:
        emit(name, (piece.encode("utf-8") for piece in make()))
    search_files: dict[str, str] = {}
    if reuse and last is not None:
        kept.update(last.search_files)
        search_files = last.search_files
    else:
        bundle = search.pagefind_files(catalogue, today, records, known.cards)
        for name, content in bundle.items():
            emit(name, content)
            search_files[name] = hashlib.sha256(content).hexdigest()
    for asset in sorted((TEMPLATES / "assets").iterdir()):
        emit(f"assets/{asset.name}", asset.read_bytes())
    emit(urls.FAVICON, favicon.ico())
    return Site(files, kept, page_keys, data, related, search_files, len(_html_addresses(todo)))


def _course_data(
    catalogue: Catalogue,
    today: date,
    base_url: str,
    keys: Keys | None,
    last: State | None,
    known: Facts,
) -> dict[str, CourseData]:
    """Each course's share of the open data, reused from the last build for unchanged files
    and made on all cores for the others."""
    data: dict[str, CourseData] = {}
    todo = []
    for course in catalogue.courses.values():
        previous = last.data.get(course.id) if last is not None and keys is not None else None
        if previous is not None and keys is not None and previous[0] == keys.digests[course.id]:
            data[course.id] = previous[1]
        else:
            todo.append(course)

    def make(part: Sequence[Course]) -> list[tuple[str, CourseData]]:
        return [
            (c.id, opendata.course_part(c, catalogue, today, base_url, known.classes[c.id]))
            for c in part
        ]

    for part in map_chunks(make, todo):
        data.update(part)
    return {course_id: data[course_id] for course_id in catalogue.courses}


def _html_addresses(pages: Sequence[Page]) -> list[str]:
    """The addresses of the HTML pages (not the data files some pages' scripts fetch)."""
    return [p.address for p in pages if p.template.endswith(".html")]


def build(
    root: Path,
    out: Path,
    today: date | None = None,
    base_url: str = DEFAULT_BASE_URL,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Validate the catalogue in `root` and bring the site in `out` up to date; `progress`
    is told how many of the pages to render are done."""
    today = today or date.today()
    code = code_fingerprint()
    digests = file_digests(root) if root.is_dir() else {}  # each file read once when unchanged
    inputs = fingerprint([], code, today.isoformat(), base_url, *map(str, digests.items()))
    stamp = out / INPUTS
    if (out / MANIFEST).is_file() and stamp.is_file() and stamp.read_text() == inputs:
        pages = sum(name.endswith(".html") for name in manifest(out))
        return BuildResult(out, pages, 0, 0)  # same catalogue, templates, code and day
    old = manifest(out)
    state = read_state(out, code) if old else State()
    # Raises before anything is written; files parsed by the last build are not parsed again.
    loaded, _ = read_valid(root, today, cache=state.parsed, digests=digests)
    catalogue = assemble(loaded)
    salt = fingerprint([], code, today.isoformat(), base_url, _lists(catalogue))
    keys = Keys(salt, {e.id: e.digest for e in loaded.of("course")}, catalogue)
    last = _reusable(state, salt, old, out)
    del state  # the rest (files parsed by the last build, now parsed anew) can go
    # What is loaded lives until the build ends: the collector need not scan it again.
    gc.freeze()
    try:
        known = facts(catalogue, today)
        records, made = _search_records(catalogue, today, keys, last, known)
        key_of_search = fingerprint([], code, *(f"{c}:{h}" for c, (_, h, _) in records.items()))
        key_of_text = fingerprint([], code, *(f"{c}:{t}" for c, (_, _, t) in records.items()))
        writer = SiteWriter(out)
        try:
            site = render_site(
                catalogue,
                today,
                base_url,
                done=progress,
                keys=keys,
                last=last,
                emit=writer.put,
                search_key=key_of_search,
                records=made,
                known=known,
                related_key=key_of_text,
            )
            for name, sha in site.kept.items():
                writer.keep(name, sha)
            hashes, written, removed = writer.finish()
        finally:
            writer.discard()
        write_state(
            out,
            State(
                code=code,
                salt=keys.salt,
                parsed=loaded.parsed,
                pages={name: (key, hashes[name]) for name, key in site.keys.items()},
                data={c: (keys.digests[c], part) for c, part in site.data.items()},
                records=records,
                search_key=key_of_search,
                related_key=key_of_text,
                related=site.related,
                search_files=site.search_files,
            ),
        )
        write_atomic(stamp, inputs)
        pages = sum(name.endswith(".html") for name in hashes)
        log.info("built %d pages into %s (%d written, %d removed)", pages, out, written, removed)
        return BuildResult(out, pages, written, removed, site.rendered)
    finally:
        gc.unfreeze()


def _reusable(state: State, salt: str, old: dict[str, str], out: Path) -> State | None:
    """What of the last build's state this build can use: nothing when the salt (code, day,
    base URL, lists) differs; else its pages and search files still on disk as it wrote them,
    and each course's open data and search record (used while the course file is the same)."""
    if state.salt != salt:
        return None

    def there(name: str, sha: str) -> bool:
        return old.get(name) == sha and (out / name).is_file()

    return State(
        pages={name: (key, sha) for name, (key, sha) in state.pages.items() if there(name, sha)},
        data=state.data,
        records=state.records,
        search_key=state.search_key,
        related_key=state.related_key,
        related=state.related,
        search_files=state.search_files
        if all(there(name, sha) for name, sha in state.search_files.items())
        else {},
    )


def _search_records(
    catalogue: Catalogue, today: date, keys: Keys, last: State | None, known: Facts
) -> tuple[dict[str, tuple[str, str, str]], dict[str, str]]:
    """Course id → (its file's sha256, the hash of its Pagefind record, the hash of the text
    related courses read): everything the search step reads of a course, with the lists and
    the day. Reused from the last build (same lists and day) for unchanged files; the others'
    records are made (on all cores) and returned too (course id → HTML), for Pagefind."""
    found: dict[str, tuple[str, str, str]] = {}
    todo = []
    for course in catalogue.courses.values():
        previous = last.records.get(course.id) if last is not None else None
        if previous is not None and previous[0] == keys.digests[course.id]:
            found[course.id] = previous
        else:
            todo.append(course)
    made = search.records(todo, catalogue, today, known.cards)
    for course_id, made_record in made.items():
        found[course_id] = (
            keys.digests[course_id],
            _digest(made_record.html),
            _digest(made_record.text),
        )
    html = {course_id: r.html for course_id, r in made.items()}
    return {course_id: found[course_id] for course_id in catalogue.courses}, html


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lists(catalogue: Catalogue) -> str:
    """The reference lists and career paths, which any page may show (part of every key)."""
    return repr((catalogue.providers, catalogue.professions, catalogue.topics, catalogue.paths))
