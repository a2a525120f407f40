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
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import jinja2

from catalogue.files import write_atomic
from catalogue.load import file_digests
from catalogue.model import Catalogue, Course
from catalogue.parallel import map_chunks
from catalogue.pipeline import assemble, read_valid
from site_build import favicon, opendata, search, urls
from site_build.facts import Facts, facts, related_courses
from site_build.fingerprint import code_fingerprint, fingerprint
from site_build.keys import Keys
from site_build.opendata import CourseData
from site_build.output import MANIFEST, Content, SiteWriter, manifest
from site_build.pages import Page, feeds_of, plan
from site_build.render import TEMPLATES, FilterLinks, render_page, site_environment
from site_build.state import SEARCH, State, read_state, write_state

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
    """The site rendered: `files` (path → bytes; empty when they went to `emit` instead);
    `outputs`, each output's key and files (output name → (key, file names)); `kept`, files
    unchanged since the last build and not made again (path → sha256); each course's open
    data and the related courses (with their key), to keep for the next build; `search`: the
    search bundle's key when it is still to be made (`render_site`'s `search_later`)."""

    files: dict[str, bytes]
    outputs: dict[str, tuple[str, tuple[str, ...]]]
    kept: dict[str, str]
    data: dict[str, CourseData]
    related: dict[str, list[str]]
    related_key: str
    search: str | None = None
    rendered: int = 0  # HTML pages rendered (the others were kept)


def render_site(
    catalogue: Catalogue,
    today: date,
    base_url: str = DEFAULT_BASE_URL,
    done: Callable[[int, int], None] | None = None,
    keys: Keys | None = None,
    last: State | None = None,
    emit: Callable[[str, Content], None] | None = None,
    known: Facts | None = None,
    search_later: bool = False,
    env: jinja2.Environment | None = None,
) -> Site:
    """Render the site. With `keys` and the `last` build's state (its files still on disk),
    an output (a page, a list's calendar, feed and spreadsheet, the search bundle) whose key
    is unchanged is kept rather than made again, a course's open data is reused while its
    file is unchanged, and related courses while no course's text changed. With `emit`, each
    file goes there as soon as it is made instead of being collected (so a large site is
    never all in memory). `known`: each course's facts, when already made. With
    `search_later`, a search bundle that must be made again is left to `search_files` (the
    last one stays meanwhile), so that the pages are there first. `env`: the templates'
    environment of an earlier build with the same code, lists and day (with its `row_html`)."""
    known = facts(catalogue, today) if known is None else known
    salt = keys.salt if keys is not None else ""
    related_key = fingerprint([], salt, *(f"{c}:{r.terms}" for c, r in known.search.items()))
    if last is not None and last.related_key == related_key:
        related = last.related
    else:
        related = related_courses(known)
    env = env or site_environment(catalogue, base_url)
    env.globals["filter_links"] = FilterLinks()  # a region's filters change with its courses
    pages = plan(catalogue, today, related, known)
    reuse = Reuse(last)
    outputs: dict[str, tuple[str, tuple[str, ...]]] = {}
    if keys is not None:

        def key_part(part: Sequence[Page]) -> list[tuple[str, str]]:
            return [(urls.file_of(page.address), keys(page)) for page in part]

        for part in map_chunks(key_part, pages):  # on several cores when large
            outputs.update((target, (key, (target,))) for target, key in part)
    todo = [p for p in pages if not reuse.kept(urls.file_of(p.address), outputs)]

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
        # What they show: the list, and the classes of its courses (by their files).
        shown = (repr(feeds), *(keys.digests[c] for c in feeds.courses)) if keys else None
        names = (feeds.calendar, feeds.feed, *((feeds.csv,) if feeds.csv else ()))
        if shown is not None:
            outputs[feeds.feed] = (fingerprint([], salt, *shown), names)
            if reuse.kept(feeds.feed, outputs):
                continue
        texts.append((feeds.calendar, partial(opendata.calendar_ics_of, data, feeds)))
        texts.append((feeds.feed, partial(opendata.class_feed_of, data, feeds, base_url)))
        if feeds.csv:
            emit(feeds.csv, opendata.excel_csv_of(data, feeds))
    for name, make in texts:
        emit(name, (piece.encode("utf-8") for piece in make()))
    search_key = fingerprint([], salt, *(f"{c}:{r.html}" for c, r in known.search.items()))
    outputs[SEARCH] = (search_key, ())
    waiting = None
    if not reuse.kept(SEARCH, outputs):
        if search_later:  # the last bundle stays until `search_files` has made the new one
            waiting = search_key
            previous = last.outputs.get(SEARCH, ("", {})) if last is not None else ("", {})
            reuse.keep(previous[1])
            outputs[SEARCH] = (previous[0], tuple(previous[1]))
        else:
            bundle = search_files(known)
            outputs[SEARCH] = (search_key, tuple(sorted(bundle)))
            for name, content in bundle.items():
                emit(name, content)
    for asset in sorted((TEMPLATES / "assets").iterdir()):
        emit(f"assets/{asset.name}", asset.read_bytes())
    emit(urls.FAVICON, favicon.ico())
    rendered = len(_html_addresses(todo))
    return Site(files, outputs, reuse.files, data, related, related_key, waiting, rendered)


def search_files(known: Facts) -> dict[str, bytes]:
    """The search bundle (Pagefind's files and the word list) of the courses' records."""
    return search.pagefind_files(known.search)


class Reuse:
    """The last build's outputs that this build keeps: an output is kept when its key is the
    same as the last build's (its files are then still on disk as written: `_reusable`)."""

    def __init__(self, last: State | None) -> None:
        self.last = last.outputs if last is not None else {}
        self.files: dict[str, str] = {}  # file → sha256, of the outputs kept

    def kept(self, name: str, outputs: dict[str, tuple[str, tuple[str, ...]]]) -> bool:
        """Whether output `name` (its key in `outputs`) is kept; if so, its files are, and
        `outputs` lists them."""
        found = self.last.get(name)
        if found is None or name not in outputs or outputs[name][0] != found[0]:
            return False
        self.keep(found[1])
        outputs[name] = (found[0], tuple(found[1]))
        return True

    def keep(self, files: dict[str, str]) -> None:
        self.files.update(files)


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
    return Builder(root, out, base_url, progress).update(today)


class Builder:
    """Keeps the site in `out` up to date with the catalogue in `root`. What an update made
    (the state) is kept for the next: in `.evu-cache/` between runs (`site_build.state`) and
    in memory between updates. `evu serve` keeps one builder (`resident`: its first update
    fills the memory even when the site is up to date) and has the search bundle made after
    the pages are in (`update(search_later=True)`), in a thread of its own."""

    def __init__(
        self,
        root: Path,
        out: Path,
        base_url: str = DEFAULT_BASE_URL,
        progress: Callable[[int, int], None] | None = None,
        resident: bool = False,
    ) -> None:
        self.root, self.out, self.base_url, self.progress = root, out, base_url, progress
        self.resident = resident
        self.state: State | None = None  # the last update's, once there was one
        # And, kept in memory only: its facts and templates' environment (for its salt).
        self.facts: Facts | None = None
        self.env: jinja2.Environment | None = None
        self.searching: threading.Thread | None = None

    def update(self, today: date | None = None, search_later: bool = False) -> BuildResult:
        """Validate the catalogue and bring the site up to date (raises `CatalogueError`
        before anything is written when the catalogue has errors)."""
        self.wait()
        today = today or date.today()
        code = code_fingerprint()
        root, out = self.root, self.out
        digests = file_digests(root) if root.is_dir() else {}  # each file read once
        inputs = fingerprint([], code, today.isoformat(), self.base_url, *map(str, digests.items()))
        stamp = out / INPUTS
        settled = (out / MANIFEST).is_file() and stamp.is_file() and stamp.read_text() == inputs
        if settled and (self.state is not None or not self.resident):
            pages = sum(name.endswith(".html") for name in manifest(out))
            return BuildResult(out, pages, 0, 0)  # same catalogue, templates, code and day
        old = manifest(out)
        state = self.state if self.state is not None and self.state.code == code else None
        earlier = (self.facts, self.env) if state is not None else (None, None)  # same code
        if state is None:
            state = read_state(out, code) if old else State()
        # Raises before anything is written; files parsed by the last build are not parsed again.
        loaded, _ = read_valid(root, today, cache=state.parsed, digests=digests)
        catalogue = assemble(loaded)
        salt = fingerprint([], code, today.isoformat(), self.base_url, _lists(catalogue))
        shas = {e.id: e.digest for e in loaded.of("course")}  # course id → its file's
        last = _reusable(state, salt, old, out)
        if last is None:
            earlier = (None, None)
        del state  # the rest (files parsed by the last build, now parsed anew) can go
        # What is loaded lives until the build ends: the collector need not scan it again.
        gc.freeze()
        try:
            valid = last.records if last is not None else {}
            known = facts(
                catalogue,
                today,
                {c: r for c, (sha, r) in valid.items() if shas.get(c) == sha},
                earlier[0],
            )
            keys = Keys(salt, shas, catalogue, known.cards)
            env = earlier[1] or site_environment(catalogue, self.base_url)
            writer = SiteWriter(out)
            try:
                site = render_site(
                    catalogue,
                    today,
                    self.base_url,
                    done=self.progress,
                    keys=keys,
                    last=last,
                    emit=writer.put,
                    known=known,
                    search_later=search_later,
                    env=env,
                )
                writer.keep_all(site.kept)
                hashes, written, removed = writer.finish()
            finally:
                writer.discard()
            self.facts, self.env = known, env
            self.state = State(
                code=code,
                salt=keys.salt,
                parsed=loaded.parsed,
                outputs={
                    name: (key, {file: hashes[file] for file in names})
                    for name, (key, names) in site.outputs.items()
                },
                data={c: (keys.digests[c], part) for c, part in site.data.items()},
                records={c: (keys.digests[c], r) for c, r in known.search.items()},
                related_key=site.related_key,
                related=site.related,
            )
        finally:
            gc.unfreeze()
        if site.search is None:
            self._save(inputs)
        else:
            search = (site.search, known, inputs)
            self.searching = threading.Thread(target=self._search, args=search, daemon=True)
            self.searching.start()
        pages = sum(name.endswith(".html") for name in hashes)
        log.info("built %d pages into %s (%d written, %d removed)", pages, out, written, removed)
        return BuildResult(out, pages, written, removed, site.rendered)

    def wait(self) -> None:
        """Until the search bundle of the last update is in (if it was being made)."""
        if self.searching is not None:
            self.searching.join()
            self.searching = None

    def _search(self, key: str, known: Facts, inputs: str) -> None:
        """Make the search bundle, then put it in place of the last one."""
        assert self.state is not None
        bundle = search_files(known)
        previous = self.state.outputs.get(SEARCH, ("", {}))[1]
        writer = SiteWriter(self.out)
        try:
            writer.keep_all({n: s for n, s in writer.previous.items() if n not in previous})
            for name, content in bundle.items():
                writer.put(name, content)
            hashes, _, _ = writer.finish()
        finally:
            writer.discard()
        self.state.outputs[SEARCH] = (key, {name: hashes[name] for name in bundle})
        self._save(inputs)

    def _save(self, inputs: str) -> None:
        """Keep the state for the next run, and the inputs the site is now complete for."""
        assert self.state is not None
        write_state(self.out, self.state)
        write_atomic(self.out / INPUTS, inputs)


def _reusable(state: State, salt: str, old: dict[str, str], out: Path) -> State | None:
    """What of the last build's state this build can use: nothing when the salt (code, day,
    base URL, lists) differs; else its outputs whose files are still on disk as it wrote
    them, each course's open data and search record (used while the course file is the
    same) and its related courses."""
    if state.salt != salt:
        return None

    present = set(_files_in(out))

    def there(files: dict[str, str]) -> bool:
        return all(old.get(name) == sha and name in present for name, sha in files.items())

    return State(
        outputs={name: output for name, output in state.outputs.items() if there(output[1])},
        data=state.data,
        records=state.records,
        related_key=state.related_key,
        related=state.related,
    )


def _files_in(folder: Path) -> Iterator[str]:
    """The paths of the files under `folder`, relative to it (one walk, no stat per file)."""
    cut = len(str(folder)) + 1
    for top, _, names in os.walk(folder):
        base = top[cut:].replace(os.sep, "/") + "/" if len(top) >= cut else ""
        for name in names:
            yield base + name


def _lists(catalogue: Catalogue) -> str:
    """The reference lists and career paths, which any page may show (part of every key)."""
    return repr((catalogue.providers, catalogue.professions, catalogue.topics, catalogue.paths))
