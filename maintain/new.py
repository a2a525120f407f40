"""`evu new`: a new course, class (offering), provider, profession or career path, written
through the canonical YAML writer with its schema line, and checked before anything is written.

The required facts come as options (for scripts) or, on a terminal, are asked for. Nothing is
filled in that the maintainer did not give, except the dates a maintainer vouches for today
(`retrieved`, `last_verified`, default today) and an id made from the title. The new entry is
validated together with the whole catalogue in memory; a problem it would bring means nothing
is written. Existing entries are never overwritten.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from catalogue import ids
from catalogue.diagnostics import Diagnostic, Severity, shown
from catalogue.files import write_atomic
from catalogue.load import Loaded, load
from catalogue.model import SLUG, Kind, Mode, ProviderKind, Scope
from catalogue.pipeline import check_change
from catalogue.yamlfmt import dumps, update_text


class NewError(Exception):
    """Bad arguments or a new entry that would not validate; nothing was written."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass(frozen=True)
class Question:
    """One fact to give as `--<key>` or to answer on a terminal."""

    key: str
    prompt: str
    required: bool = True
    choices: tuple[str, ...] = ()
    form: str = "text"  # text, id, date, bool, list (comma-separated ids) or steps
    default: Callable[[dict[str, Any]], Any] | None = None
    default_note: str = ""  # what the default is, for --help

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")


def _today(answers: dict[str, Any]) -> date:
    return answers["_today"]


def _choices(enum: type) -> tuple[str, ...]:
    return tuple(m.value for m in enum)  # type: ignore[attr-defined]


SOURCE = (
    Question("source", "Address (URL) of the page the facts were read from"),
    Question(
        "retrieved",
        "Date you read that page",
        form="date",
        default=_today,
        default_note="default: today",
    ),
    Question(
        "last_verified",
        "Date you checked the entry against its sources",
        form="date",
        default=_today,
        default_note="default: today",
    ),
)


def _id_from(source: str, prompt: str) -> Question:
    """The id question, defaulting to the `source` answer (title or name) written as an id."""
    return Question(
        "id",
        prompt,
        form="id",
        default=lambda answers: ids.slug(answers.get(source) or "") or None,
        default_note=f"default: the {source} as an id",
    )


QUESTIONS: dict[str, tuple[Question, ...]] = {
    "course": (
        Question("title", "Official title in Danish"),
        _id_from("title", "Id (the file name)"),
        Question("kind", "Kind", choices=_choices(Kind)),
        Question(
            "scope",
            "A whole education or a module of one",
            choices=_choices(Scope),
            default=lambda a: "module" if a.get("part_of") else None,
            default_note="required; module when --part-of is given",
        ),
        Question("part_of", "For a module: id of the whole education", required=False, form="id"),
        Question("providers", "Ids of providers offering it", required=False, form="list"),
        Question(
            "professions",
            "Ids of the professions it is aimed at",
            required=False,
            form="list",
            default_note="these, or --audience-broad true",
        ),
        Question(
            "audience_broad",
            "Aimed at a broad group, e.g. all health staff",
            required=False,
            form="bool",
        ),
        Question("topics", "Ids of topics", required=False, form="list"),
        *SOURCE,
    ),
    "offering": (
        Question("course", "Id of the course the class belongs to", form="id"),
        Question("provider", "Id of the provider running the class", form="id"),
        Question("mode", "onsite, online or blended, if it differs", False, _choices(Mode)),
        Question(
            "postnummer",
            "Postnummer of the place (left out only for online classes)",
            default=lambda a: "" if a.get("mode") == "online" else None,
            default_note="required unless --mode online",
        ),
        Question("place", "Place name or address as published", required=False),
        Question("start", "First day", form="date"),
        Question("end", "Last day", required=False, form="date"),
        Question("application_deadline", "Last day to apply", required=False, form="date"),
        Question("signup_url", "Where to sign up", required=False),
        Question(
            "source",
            "Page the class was published on, if not the course's source",
            required=False,
        ),
        Question(
            "retrieved",
            "Date you read that page",
            form="date",
            default=lambda a: a["_today"] if a.get("source") else "",
            default_note="with --source; default: today",
        ),
    ),
    "provider": (
        Question("name", "Name as the provider writes it"),
        _id_from("name", "Id"),
        Question("kind", "Kind of provider", choices=_choices(ProviderKind)),
        Question("url", "Home page", required=False),
        Question("postnummer", "Postnummer of the main address", required=False),
        *SOURCE,
    ),
    "profession": (
        Question("name", "Danish name"),
        _id_from("name", "Id"),
        Question("plural", "Danish name in the plural, e.g. Sygeplejersker"),
        Question("name_en", "English name"),
        Question("disco", "DISCO-08 code (Danmarks Statistik), 4 or 6 digits"),
        Question("abbreviations", "Short names, e.g. SSA", required=False, form="list"),
        *SOURCE,
    ),
    "path": (
        Question("title", "Title in Danish"),
        _id_from("title", "Id (the file name)"),
        Question("from", "Id of the profession the path starts from", form="id"),
        Question("to", "Id of the profession it leads to, if any", required=False, form="id"),
        Question("goal", "The role or title the path leads to, in Danish"),
        Question("step", "Steps in order", form="steps"),
        *SOURCE,
    ),
}

_BOOLS = {"true": True, "yes": True, "ja": True, "false": False, "no": False, "nej": False}
STEP_HELP = "a step as 'course-id[,course-id…]:Title' (repeat for each step, in order)"


def parser(kind: str) -> argparse.ArgumentParser:
    """The options of `evu new KIND`, one per question."""
    p = _Parser(prog=f"evu new {kind}", description=f"Write a new {kind}.")
    p.add_argument("--catalogue", type=Path, default=Path("courses"), help="default: courses")
    p.add_argument(
        "--today",
        default=None,
        metavar="YYYY-MM-DD",
        help="today's date, for the defaults and validation",
    )
    for q in QUESTIONS[kind]:
        if q.form == "steps":
            p.add_argument(q.option, dest=q.key, action="append", help=STEP_HELP)
            continue
        notes = [q.default_note or ("required" if q.required else "optional")]
        if q.choices:
            notes.append("one of " + ", ".join(q.choices))
        if q.form == "list":
            notes.append("comma-separated")
        if q.form == "bool":
            notes.append("true or false")
        metavar = "YYYY-MM-DD" if q.form == "date" else q.key.upper()
        help_ = f"{q.prompt} ({'; '.join(notes)})"
        p.add_argument(q.option, dest=q.key, default=None, metavar=metavar, help=help_)
    return p


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise NewError(f"{self.prog}: {message}")


@dataclass(frozen=True)
class Written:
    path: Path
    message: str
    warnings: list[Diagnostic]


# Asks one question on a terminal and returns the answer typed; the second argument says what
# was wrong with the last answer (None at first), for the asker to show before asking again.
Ask = Callable[[str, str | None], str]


def _no_terminal(question: str, problem: str | None) -> str:
    raise NewError(f"cannot ask '{question.strip()}' without a terminal")


def run(kind: str, argv: list[str], interactive: bool, ask: Ask = _no_terminal) -> Written:
    """Parse `argv`, ask for what is missing when `interactive`, check and write the entry."""
    if kind not in QUESTIONS:
        raise NewError(f"evu new: unknown kind '{kind}'; expected one of {', '.join(QUESTIONS)}")
    args = parser(kind).parse_args(argv)
    today = _parse_date("--today", args.today) if args.today else date.today()
    given = {q.key: getattr(args, q.key) for q in QUESTIONS[kind]}
    answers = answer(QUESTIONS[kind], given, today, interactive, ask)
    return create(kind, answers, args.catalogue, today)


def answer(
    questions: tuple[Question, ...],
    given: dict[str, Any],
    today: date,
    interactive: bool,
    ask: Ask = _no_terminal,
) -> dict[str, Any]:
    """Every question's value, from `given` options and defaults; when a required one is
    missing and `interactive`, every question not given is asked (optional ones can be
    skipped), so a script that gives all required options is never stopped by a question."""
    answers: dict[str, Any] = {"_today": today}
    missing: list[str] = []
    for q in questions:
        raw = given.get(q.key)
        if raw is not None:
            answers[q.key] = _parse(q, raw)
            continue
        default = q.default(answers) if q.default else None
        if default is not None:
            answers[q.key] = default if default != "" else None
        elif q.required:
            missing.append(q.option)
    if missing and interactive:
        answers = {"_today": today}
        for q in questions:
            raw = given.get(q.key)
            if raw is not None:
                answers[q.key] = _parse(q, raw)
            else:
                answers[q.key] = _ask(q, q.default(answers) if q.default else None, ask)
    elif missing:
        raise NewError(
            f"missing {', '.join(missing)}; give them as options, or run 'evu new' on a "
            "terminal to be asked"
        )
    return answers


def _ask(q: Question, default: Any, ask: Ask) -> Any:
    if q.form == "steps":
        return _ask_steps(ask)
    shown_default = default.isoformat() if isinstance(default, date) else default
    hint = f" ({'/'.join(q.choices)})" if q.choices else ""
    hint += f" [{shown_default}]" if shown_default else ""
    hint += "" if q.required or shown_default else " (optional, Enter to skip)"
    problem = None
    while True:
        text = ask(f"{q.prompt}{hint}: ", problem).strip()
        if not text:
            if shown_default:
                return default
            if default == "" or not q.required:
                return None
            problem = "required"
            continue
        try:
            return _parse(q, text)
        except NewError as exc:
            problem = str(exc)


def _ask_steps(ask: Ask) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    problem = None
    while True:
        number = len(steps) + 1
        title = ask(f"Step {number}: title{' (Enter when done)' if steps else ''}: ", problem)
        problem = None
        if not title.strip():
            if steps:
                return steps
            problem = "a path needs at least one step"
            continue
        while not (courses := _ids(ask(f"Step {number}: course ids, comma-separated: ", problem))):
            problem = "a step needs at least one course"
        problem = None
        steps.append({"title": title.strip(), "courses": courses})


def _parse(q: Question, raw: Any) -> Any:
    if q.form == "steps":
        return [_step(text) for text in raw]
    text = str(raw).strip()
    if q.form == "date":
        return _parse_date(q.option, text)
    if q.form == "list":
        return _ids(text)
    if q.form == "bool":
        if text.lower() not in _BOOLS:
            raise NewError(f"{q.option}: '{text}' is not true or false")
        return _BOOLS[text.lower()]
    if q.choices and text not in q.choices:
        raise NewError(f"{q.option}: '{text}' is not one of {', '.join(q.choices)}")
    if q.form == "id" and not re.match(SLUG, text):
        suggestion = ids.slug(text)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise NewError(f"{q.option}: '{text}' is not an id (lowercase a-z, 0-9, hyphens){hint}")
    if not text:
        raise NewError(f"{q.option} is empty")
    return text


def _parse_date(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise NewError(f"{option}: not a date YYYY-MM-DD: '{text}'") from None


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _step(text: str) -> dict[str, Any]:
    courses, sep, title = text.partition(":")
    if not sep or not title.strip() or not _ids(courses):
        raise NewError(f"--step: '{text}' is not {STEP_HELP.split(' (')[0]}")
    return {"title": title.strip(), "courses": _ids(courses)}


# --- building and writing -----------------------------------------------------------------


def _sources(a: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"url": a["source"], "retrieved": a["retrieved"]}]


def _set(data: dict[str, Any], a: dict[str, Any], *keys: str) -> dict[str, Any]:
    """Copy the answers that were given (optional ones left out) into `data`."""
    for key in keys:
        if a.get(key) not in (None, [], ""):
            data[key] = a[key]
    return data


def _course(a: dict[str, Any]) -> dict[str, Any]:
    data = _set({}, a, "id", "title", "kind", "scope", "part_of")
    _set(data, a, "professions", "audience_broad", "topics", "providers")
    return {**data, "sources": _sources(a), "last_verified": a["last_verified"]}


def _offering(a: dict[str, Any]) -> dict[str, Any]:
    data = _set({}, a, "provider", "place", "postnummer", "start", "end")
    _set(data, a, "application_deadline", "signup_url", "mode")
    if a.get("source"):
        data["source"] = {"url": a["source"], "retrieved": a["retrieved"]}
    return data


def _provider(a: dict[str, Any]) -> dict[str, Any]:
    data = _set({}, a, "id", "name", "kind", "url", "postnummer")
    return {**data, "sources": _sources(a), "last_verified": a["last_verified"]}


def _profession(a: dict[str, Any]) -> dict[str, Any]:
    data = _set({}, a, "id", "name", "plural", "name_en", "disco", "abbreviations")
    return {**data, "sources": _sources(a), "last_verified": a["last_verified"]}


def _path(a: dict[str, Any]) -> dict[str, Any]:
    data = _set({}, a, "id", "title", "from", "to", "goal")
    return {**data, "steps": a["step"], "sources": _sources(a), "last_verified": a["last_verified"]}


@dataclass(frozen=True)
class Change:
    """The file a new entry goes into, its whole new text, and what to tell the user."""

    path: Path
    text: str
    message: str


def _own_file(kind: str, folder: str) -> Callable[..., Change]:
    """A course or career path: a new file named after its id."""

    def place(data: dict[str, Any], a: dict[str, Any], root: Path, loaded: Loaded) -> Change:
        target = root / folder / f"{data['id']}.yaml"
        if target.exists():
            raise NewError(f"{shown(target)} already exists; edit it instead")
        return Change(target, dumps(data, kind), f"wrote {shown(target)}")

    return place


def _into_course(data: dict[str, Any], a: dict[str, Any], root: Path, loaded: Loaded) -> Change:
    """A class: appended to the offerings of an existing course file, comments kept."""
    target = root / f"{a['course']}.yaml"
    if not target.is_file():
        raise NewError(f"no course file {shown(target)}; add the course first (evu new course)")
    _readable(loaded, target)

    def append(course: dict[str, Any]) -> dict[str, Any]:
        offerings = course.setdefault("offerings", [])
        if not isinstance(offerings, list):
            raise NewError(f"{shown(target)}: 'offerings' is not a list")
        offerings.append(data)
        return course

    text = update_text(target.read_text(encoding="utf-8"), target, append, "course")
    return Change(target, text, f"added a class to {shown(target)}")


def _into_list(kind: str) -> Callable[..., Change]:
    """A provider or profession: appended to its list file (created when missing)."""
    list_name = f"{kind}s"

    def place(data: dict[str, Any], a: dict[str, Any], root: Path, loaded: Loaded) -> Change:
        target = root / "lists" / f"{list_name}.yaml"
        if any(e.kind == kind and e.id == data["id"] for e in loaded.entries):
            raise NewError(f"a {kind} with id '{data['id']}' already exists in {shown(target)}")
        if target.exists():
            _readable(loaded, target)
            old = target.read_text(encoding="utf-8")
            text = update_text(old, target, lambda items: [*items, data], list_name)
        else:
            text = dumps([data], list_name)
        return Change(target, text, f"added {kind} '{data['id']}' to {shown(target)}")

    return place


# Kind → (the entry's data from the answers, where and how it is written).
BUILD: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], Callable[..., Change]]] = {
    "course": (_course, _own_file("course", ".")),
    "offering": (_offering, _into_course),
    "provider": (_provider, _into_list("provider")),
    "profession": (_profession, _into_list("profession")),
    "path": (_path, _own_file("path", "paths")),
}


def entry_data(kind: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The plain data of the new entry (for `catalogue.yamlfmt.dumps`)."""
    return BUILD[kind][0](answers)


def create(kind: str, answers: dict[str, Any], root: Path, today: date) -> Written:
    """Check the new entry with the whole catalogue in memory, then write it; raises
    `NewError` (and writes nothing) when it already exists or would bring a problem."""
    if not root.is_dir():
        raise NewError(f"{shown(root)}: catalogue folder does not exist")
    data = entry_data(kind, answers)
    loaded = load(root)
    change = BUILD[kind][1](data, answers, root, loaded)
    problems = check_change(loaded, {change.path: change.text}, today)
    if any(d.severity is Severity.ERROR for d in problems):
        raise NewError(f"the new {kind} would not validate; nothing was written", problems)
    write_atomic(change.path, change.text)
    return Written(change.path, change.message, problems)


def _readable(loaded: Loaded, path: Path) -> None:
    bad = [d for d in loaded.diagnostics if d.location.path == path]
    if bad or not any(e.path == path for e in loaded.entries):
        raise NewError(f"{shown(path)} has problems; fix them first (evu validate)", bad)
