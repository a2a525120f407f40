"""What a build keeps for the next one: parsed files, each output's key and files, and each
course's open data and search record.

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
from site_build.search import Record

log = logging.getLogger(__name__)
VERSION = 5
# An output: a page, a list's calendar, feed and spreadsheet, or the search bundle (named
# SEARCH), kept as its key (a hash of everything it shows) and its files (file → sha256).
Output = tuple[str, dict[str, str]]
SEARCH = "(search bundle)"


@dataclass
class State:
    code: str = ""  # fingerprint of the code and templates that made it
    salt: str = ""  # code, day, base URL, reference lists and paths: see `site_build.keys`
    parsed: ParseCache = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)  # output name → (key, files)
    # Each course's parts, by the sha256 of its file: its open data and its search record.
    data: dict[str, tuple[str, CourseData]] = field(default_factory=dict)
    records: dict[str, tuple[str, Record]] = field(default_factory=dict)
    # Related courses, and the key (over every course's terms) they were worked out for.
    related_key: str = ""
    related: dict[str, list[str]] = field(default_factory=dict)


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
