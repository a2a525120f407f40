"""The `evu` command: a thin layer that maps library results and errors to text and exit codes.

Exit status: 0 success, 1 invalid catalogue or bad arguments. Commands import their modules
lazily so `evu --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from catalogue.diagnostics import (
    CatalogueError,
    Diagnostic,
    Severity,
    did_you_mean,
    format_diagnostic,
    shown,
)

DEFAULT_ROOT = Path("courses")
NEW_KINDS = ("course", "offering", "provider", "profession", "path")  # see maintain.new
REPORT_NAMES = ("stale", "gaps", "duplicates", "links")  # see maintain.report


Commands = argparse._SubParsersAction  # what `add_<command>` adds its command to


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments with exit status 1 instead of 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: '{text}'") from None


def _with_root(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_ROOT,
        help="catalogue folder (default: courses)",
    )
    p.add_argument(
        "--today", type=_date, default=None, help="date to validate against (default: today)"
    )


def _pages_done(finished: int, total: int) -> None:
    from evu.progress import progress_bar

    progress_bar(finished, total, "sider")


def _report(diagnostics: Sequence[Diagnostic], style: str, file: TextIO | None = None) -> None:
    for d in diagnostics:
        print(format_diagnostic(d, style), file=file)


def add_validate(sub: Commands) -> None:
    p = sub.add_parser("validate", help="check every file; print file:line:col: code: message")
    _with_root(p)
    p.add_argument("--format", choices=["text", "github"], default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.set_defaults(run=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    from catalogue.pipeline import check

    loaded, diagnostics = check(args.path, args.today)
    _report(diagnostics, args.format)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = errors > 0 or (args.strict and warnings > 0)
    summary = (
        f"{errors} error(s), {warnings} warning(s) in {loaded.files} file(s)"
        if diagnostics
        else f"ok: {len(loaded.entries)} entries in {loaded.files} file(s)"
    )
    print(summary, file=sys.stderr)
    return 1 if failed else 0


def add_stats(sub: Commands) -> None:
    p = sub.add_parser("stats", help="counts of courses, offerings, professions, …")
    _with_root(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_stats)


def cmd_stats(args: argparse.Namespace) -> int:
    from catalogue.pipeline import read_catalogue
    from catalogue.stats import stats, stats_text

    catalogue, _ = read_catalogue(args.path, args.today)
    figures = stats(catalogue)
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else stats_text(figures))
    return 0


def add_schema(sub: Commands) -> None:
    p = sub.add_parser("schema", help="write the JSON Schemas generated from the model")
    p.add_argument("--out", type=Path, default=None, help="folder (default: catalogue/schemas)")
    p.add_argument("--check", action="store_true", help="exit 1 if the schemas are out of date")
    p.set_defaults(run=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    from catalogue import schema

    return _generate(schema.generated(args.out or schema.SCHEMA_DIR), args.check, "schema")


def _generate(files: dict[Path, str], check: bool, command: str) -> int:
    """Write the generated `files` (path → text) that are out of date, or with `check` list
    them and fail."""
    from catalogue.files import outdated, write_atomic

    stale = outdated(files)
    for path in stale:
        if check:
            print(f"{shown(path)}: out of date; run 'evu {command}'")
        else:
            write_atomic(path, files[path])
            print(f"wrote {shown(path)}")
    if not stale:
        print("up to date: " + ", ".join(shown(path) for path in files), file=sys.stderr)
    return 1 if check and stale else 0


def add_build(sub: Commands) -> None:
    p = sub.add_parser("build", help="validate and build the static site")
    _with_root(p)
    p.add_argument("--out", type=Path, default=Path("_site"))
    p.add_argument(
        "--base-url",
        default="http://127.0.0.1:8000/",
        help="public address of the site, for the sitemap, feed and calendars",
    )
    p.set_defaults(run=cmd_build)


def cmd_build(args: argparse.Namespace) -> int:
    from site_build.build import build

    result = build(
        args.path, args.out, today=args.today, base_url=args.base_url, progress=_pages_done
    )
    print(
        f"built {result.pages} page(s) into {shown(result.out)}: {result.rendered} rendered, "
        f"{result.written} file(s) written, {result.removed} removed"
    )
    return 0


def add_serve(sub: Commands) -> None:
    p = sub.add_parser("serve", help="build, then serve the site on localhost")
    _with_root(p)
    p.add_argument("--out", type=Path, default=Path("_site"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(run=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from site_build.build import Builder
    from site_build.serve import serve

    builder = Builder(args.path, args.out, progress=_pages_done, resident=True)
    builder.update(args.today)
    builder.progress = None

    def rebuild() -> None:
        """After an edit: the changed pages at once, the search bundle after them (the
        catalogue and the last build stay in memory); or the last site stays, with the
        errors."""
        started = time.perf_counter()
        try:
            result = builder.update(args.today, search_later=True)
        except CatalogueError as exc:
            _report(exc.diagnostics, "text", sys.stderr)
            print("Fejl i kataloget; det forrige site vises stadig.", file=sys.stderr, flush=True)
            return
        took = f"{time.perf_counter() - started:.2f}".replace(".", ",")
        print(f"Genopbygget ({result.rendered} sider, {took} s).", file=sys.stderr, flush=True)

    def ready(url: str) -> None:
        print(f"EVU-kataloget kører på {url} (Ctrl+C stopper)", flush=True)

    try:
        serve(args.out, args.host, args.port, rebuild=rebuild, root=args.path, ready=ready)
    finally:
        builder.wait()  # the search bundle of the last change is in before the program ends
    return 0


def add_scrape(sub: Commands) -> None:
    p = sub.add_parser(
        "scrape", help="read a source and merge what it publishes into the catalogue"
    )
    p.add_argument("source", help="amu, jsonld, kp, plan2learn, ugdk or via")
    _with_root(p)
    p.add_argument("--url", action="append", help="read this page instead (repeatable)")
    p.add_argument("--dry-run", action="store_true", help="print the YAML; change nothing")
    p.add_argument("--limit", type=int, default=None, help="read at most N pages")
    p.add_argument(
        "--report", type=Path, default=None, help="also write the report here (Markdown)"
    )
    p.add_argument("--cache", type=Path, default=Path(".evu-cache/http"), help="HTTP cache folder")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to a host")
    p.set_defaults(run=cmd_scrape)


def cmd_scrape(args: argparse.Namespace) -> int:
    from scrapers.adapters import ADAPTERS
    from scrapers.fetch import CONTACT_URL, Fetcher, Politeness, user_agent
    from scrapers.run import scrape

    if args.source not in ADAPTERS:
        names = ", ".join(sorted(ADAPTERS))
        raise UsageError(f"evu scrape: unknown source '{args.source}' (choose from {names})")
    if args.limit is not None and args.limit < 1:
        raise UsageError("evu scrape: --limit must be 1 or more")
    if args.delay < 0:
        raise UsageError("evu scrape: --delay cannot be negative")
    fetcher = Fetcher(
        Politeness(delay=args.delay),
        None if args.dry_run else args.cache,
        user_agent=user_agent(os.environ.get("EVU_SCRAPER_CONTACT", CONTACT_URL)),
    )
    outcome = scrape(
        args.source,
        args.path,
        fetcher,
        urls=args.url,
        limit=args.limit,
        dry_run=args.dry_run,
        today=args.today,
        progress=_pages_done,
    )
    report = outcome.report
    if args.dry_run:
        for path, text in outcome.files.items():
            if path.suffix != ".yaml":
                continue  # the scraper's own state file is not catalogue YAML
            print(f"# --- {shown(path)} (dry run: not written)")
            print(text, end="")
    print(report.markdown())
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report.markdown(), encoding="utf-8")
    written = f"{len(outcome.files)} file(s) written" if outcome.written else "nothing written"
    print(f"{report.summary()}; {written}", file=sys.stderr)
    return 1 if outcome.failed else 0


def add_fmt(sub: Commands) -> None:
    p = sub.add_parser("fmt", help="write catalogue files in canonical form")
    p.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_ROOT,
        help="catalogue folder or one file (default: courses)",
    )
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if any would")
    p.add_argument("--diff", action="store_true", help="with --check: show what would change")
    p.set_defaults(run=cmd_fmt)


def cmd_fmt(args: argparse.Namespace) -> int:
    from maintain.fmt import format_all, write

    results = format_all(args.path)
    problems = [d for r in results for d in r.problems]
    _report(problems, "text")
    changed = [r for r in results if r.changed]
    for result in changed:
        if args.check:
            print(f"{shown(result.path)}: would be reformatted")
            if args.diff:
                print(result.diff(), end="")
        else:
            write(result)
            print(f"formatted {shown(result.path)}")
    unreadable = sum(bool(r.problems) for r in results)
    verb = "would be reformatted" if args.check else "reformatted"
    summary = f"{len(changed)} file(s) {verb}, {len(results) - len(changed) - unreadable} unchanged"
    if unreadable:
        summary += f", {unreadable} not readable (see above; nothing written to them)"
    print(summary, file=sys.stderr)
    return 1 if problems or (args.check and changed) else 0


def add_new(sub: Commands) -> None:
    p = sub.add_parser("new", help="write a new course, offering, provider, profession or path")
    p.add_argument("kind", choices=NEW_KINDS)
    p.add_argument("options", nargs=argparse.REMAINDER, help="see 'evu new KIND --help'")
    p.set_defaults(run=cmd_new)


def _ask(question: str, problem: str | None) -> str:
    """One question of `evu new` on the terminal, after what was wrong with the last answer."""
    if problem:
        print(f"  {problem}")
    return input(question)


def cmd_new(args: argparse.Namespace) -> int:
    from maintain.new import NewError, run

    try:
        written = run(args.kind, args.options, interactive=sys.stdin.isatty(), ask=_ask)
    except NewError as exc:
        _report(exc.diagnostics, "text")
        print(exc, file=sys.stderr)
        return 1
    _report(written.warnings, "text")
    print(written.message)
    return 0


def add_report(sub: Commands) -> None:
    p = sub.add_parser("report", help="stale entries, unpublished facts, duplicates, links")
    p.add_argument(
        "what",
        nargs="*",
        metavar="[REPORT] [PATH]",
        help=f"one of {', '.join(REPORT_NAMES)} (default: all), then the catalogue folder",
    )
    p.add_argument("--today", type=_date, default=None, help="date to report on (default: today)")
    p.add_argument("--markdown", action="store_true", help="Markdown instead of plain text")
    p.set_defaults(run=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from maintain import report

    words = list(args.what)
    named = bool(words) and words[0] in REPORT_NAMES
    names = [words.pop(0)] if named else list(REPORT_NAMES)
    if len(words) > 1:
        raise UsageError(f"evu report: too many arguments: {' '.join(args.what)}")
    path = Path(words[0]) if words else DEFAULT_ROOT
    if words and not named and not path.exists():
        raise UsageError(
            f"evu report: '{words[0]}' is neither a report ({', '.join(REPORT_NAMES)})"
            f"{did_you_mean(words[0], REPORT_NAMES)} nor a catalogue folder"
        )
    inputs = report.read(path, args.today or date.today())
    render = report.as_markdown if args.markdown else report.as_text
    print("\n".join(render(report.REPORTS[name](inputs)) for name in names), end="")
    if errors := report.errors_in(inputs):
        print(
            f"note: {errors} error(s) in the catalogue (see 'evu validate'); "
            "the reports cover the entries that could be read",
            file=sys.stderr,
        )
    return 0


def add_docs(sub: Commands) -> None:
    p = sub.add_parser("docs", help="write the field reference in CONTRIBUTING.md")
    p.add_argument("--file", type=Path, default=None, help="default: the repository's")
    p.add_argument("--check", action="store_true", help="exit 1 if it is out of date")
    p.set_defaults(run=cmd_docs)


def cmd_docs(args: argparse.Namespace) -> int:
    from maintain import docs

    path = args.file or docs.CONTRIBUTING
    try:
        files = docs.generated(path)
    except (OSError, ValueError) as exc:
        raise UsageError(f"evu docs: {shown(path)}: {exc}") from None
    return _generate(files, args.check, "docs")


def add_codelists(sub: Commands) -> None:
    p = sub.add_parser(
        "codelists", help="make the code lists in catalogue/data from reference files"
    )
    p.add_argument(
        "reference", nargs="?", type=Path, default=None, help="default: shared/reference"
    )
    p.add_argument("--check", action="store_true", help="exit 1 if they are out of date")
    p.set_defaults(run=cmd_codelists)


def cmd_codelists(args: argparse.Namespace) -> int:
    from maintain import codelists

    reference = args.reference or codelists.DEFAULT_REFERENCE
    try:
        files = codelists.generated(reference)
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(
            f"evu codelists: {shown(reference)}: cannot read the reference files: {exc}"
        ) from None
    return _generate(files, args.check, "codelists")


def add_search(sub: Commands) -> None:
    p = sub.add_parser("search", help="search the catalogue (Danish, typo-tolerant)")
    p.add_argument("query", help="words to search for, e.g. 'demens sosu-assistent'")
    _with_root(p)
    p.add_argument("--region", help="region name, e.g. Syddanmark")
    p.add_argument("--kind", help="amu, kursus, akademi, diplom, master, …")
    p.add_argument("--profession", help="profession id, name or abbreviation (SSA)")
    p.add_argument("--topic", help="topic id or name")
    p.add_argument("--mode", choices=["online", "onsite", "blended"])
    p.add_argument("--starts-within", type=int, metavar="DAYS", help="a class starts within")
    p.add_argument("--limit", type=int, default=10, help="hits to show (default 10)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from catalogue.pipeline import read_catalogue
    from catalogue.search.index import (
        FilterError,
        SearchIndex,
        filters_from,
        hit_json,
        search_cache,
    )

    catalogue, _ = read_catalogue(args.path, args.today)
    try:
        filters = filters_from(
            catalogue,
            region=args.region,
            kind=args.kind,
            profession=args.profession,
            topic=args.topic,
            mode=args.mode,
            starts_within=args.starts_within,
        )
    except FilterError as exc:
        raise UsageError(f"evu search: {exc}") from None
    index = SearchIndex(catalogue, folder=search_cache(args.path))
    results = index.search(args.query, filters, args.today, args.limit)
    if args.json:
        print(
            json.dumps(
                {
                    "query": results.query,
                    "searched_for": results.searched_for,
                    "total": results.total,
                    "suggestion": results.suggestion,
                    "notes": results.notes,
                    "hits": [hit_json(h) for h in results.hits],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for note in results.notes:
        print(note)
    print(f"{results.total} uddannelse(r) fundet for '{results.searched_for}'")
    for n, hit in enumerate(results.hits, start=1):
        print(f"\n{n:2}. {hit.title} ({hit.kind}) – kurser/{hit.id}/")
        if hit.snippet:
            print(f"    {hit.snippet}")
    if results.suggestion:
        print(f"\nMente du: {results.suggestion}?")
    return 0


COMMANDS = (
    add_validate,
    add_stats,
    add_schema,
    add_build,
    add_fmt,
    add_new,
    add_report,
    add_docs,
    add_codelists,
    add_search,
    add_serve,
    add_scrape,
)


def parser() -> Parser:
    p = Parser(prog="evu", description="EVU-kataloget: validate, describe and build the catalogue.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    for add in COMMANDS:
        add(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        return int(args.run(args))
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 1
    except CatalogueError as exc:
        _report(exc.diagnostics, "text")
        print(f"{exc}; nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
