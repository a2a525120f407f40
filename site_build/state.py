"""What a build keeps for the next one: parsed files, page keys and each course's open data.

Kept in `.evu-cache/<site folder name>.pickle` beside the site folder (never inside it, so it
is not published). It only saves work: a missing, unreadable or outdated state means a full
build, never a wrong one. The file is written by this program alone; do not put one from
elsewhere in its place (it is a pickle). It holds two pickles: a small head (version, code
fingerprint), then the state, which is read only when the head matches the running code.
"""

from __future__ import annotations

import gc
import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.files import atomic_file
from catalogue.load import ParseCache
from site_build.opendata import CourseData

log = logging.getLogger(__name__)
VERSION = 4


@dataclass
class State:
    code: str = ""  # fingerprint of the code and templates that made it
    salt: str = ""  # code, day, base URL, reference lists and paths: see `site_build.keys`
    parsed: ParseCache = field(default_factory=dict)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # file → (key, sha256)
    data: dict[str, tuple[str, CourseData]] = field(default_factory=dict)  # course → (sha, data)
    # The search step: each course's search record hashes (by its file's sha): of what Pagefind
    # indexes and of what related courses read; a key over all of each, and what the step
    # made from them: the Pagefind files and related courses.
    records: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # (sha, html, text)
    search_key: str = ""
    related_key: str = ""
    related: dict[str, list[str]] = field(default_factory=dict)
    search_files: dict[str, str] = field(default_factory=dict)  # file → sha256


def state_file(out: Path) -> Path:
    out = out.resolve()
    return out.parent / ".evu-cache" / f"{out.name}.pickle"


def read_state(out: Path, code: str | None = None) -> State:
    """The last build's state, or an empty one when there is none or (with `code`) when it
    was made by other code (then the rest of the file is not even read)."""
    try:
        with state_file(out).open("rb") as stream:
            version, made_by = pickle.load(stream)
            if version != VERSION or (code is not None and made_by != code):
                return State()
            gc.disable()  # loading makes millions of objects and no garbage: nothing to collect
            try:
                state = pickle.load(stream)
            finally:
                gc.enable()
        if isinstance(state, State):
            return state
    except FileNotFoundError:
        pass
    except Exception as exc:  # any damage to a cache only costs a full build
        log.warning("ignoring the build cache %s: %s", state_file(out), exc)
    return State()


def write_state(out: Path, state: State) -> None:
    with atomic_file(state_file(out)) as stream:  # written as pickled, never whole in memory
        pickle.dump((VERSION, state.code), stream, pickle.HIGHEST_PROTOCOL)
        pickle.dump(state, stream, pickle.HIGHEST_PROTOCOL)
