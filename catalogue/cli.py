"""The `evu` command: a thin layer that maps library results and errors to text and exit codes.

Exit status: 0 success, 1 invalid catalogue or bad arguments. Commands import their modules
lazily so `evu --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from catalogue.diagnostics import CatalogueError, Diagnostic, Severity, format_diagnostic, shown

DEFAULT_ROOT = Path("courses")


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


def _report(diagnostics: Sequence[Diagnostic], style: str) -> None:
    for d in diagnostics:
        print(format_diagnostic(d, style))


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


def cmd_stats(args: argparse.Namespace) -> int:
    from catalogue.pipeline import read_catalogue
    from catalogue.stats import stats, stats_text

    catalogue, _ = read_catalogue(args.path, args.today)
    figures = stats(catalogue)
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else stats_text(figures))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from catalogue import schema

    if args.check:
        stale = schema.outdated(args.out)
        for path in stale:
            print(f"{shown(path)}: out of date; run 'evu schema'")
        return 1 if stale else 0
    for path in schema.write(args.out):
        print(f"wrote {shown(path)}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from site_build.build import build

    result = build(args.path, args.out, today=args.today, base_url=args.base_url)
    print(
        f"built {result.pages} page(s) into {shown(result.out)}: "
        f"{result.written} file(s) written, {result.removed} removed"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from site_build.build import build
    from site_build.serve import serve

    def rebuild() -> None:
        build(args.path, args.out, today=args.today)

    rebuild()
    serve(args.out, args.host, args.port, rebuild=rebuild, root=args.path)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from catalogue.pipeline import read_catalogue
    from catalogue.search_index import FilterError, SearchIndex, filters_from, hit_json

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
    results = SearchIndex(catalogue).search(args.query, filters, args.today, args.limit)
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


def parser() -> Parser:
    p = Parser(prog="evu", description="EVU-kataloget: validate, describe and build the catalogue.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)

    def with_root(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=DEFAULT_ROOT,
            help="catalogue folder (default: courses)",
        )
        sp.add_argument(
            "--today", type=_date, default=None, help="date to validate against (default: today)"
        )

    v = sub.add_parser("validate", help="check every file; print file:line:col: code: message")
    with_root(v)
    v.add_argument("--format", choices=["text", "github"], default="text")
    v.add_argument("--strict", action="store_true", help="warnings fail too")
    v.set_defaults(run=cmd_validate)

    s = sub.add_parser("stats", help="counts of courses, offerings, professions, …")
    with_root(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=cmd_stats)

    sc = sub.add_parser("schema", help="write the JSON Schemas generated from the model")
    sc.add_argument("--out", type=Path, default=None, help="folder (default: catalogue/schemas)")
    sc.add_argument("--check", action="store_true", help="exit 1 if the schemas are out of date")
    sc.set_defaults(run=cmd_schema)

    b = sub.add_parser("build", help="validate and build the static site")
    with_root(b)
    b.add_argument("--out", type=Path, default=Path("_site"))
    b.add_argument(
        "--base-url",
        default="http://127.0.0.1:8000/",
        help="public address of the site, for the sitemap, feed and calendars",
    )
    b.set_defaults(run=cmd_build)

    se = sub.add_parser("search", help="search the catalogue (Danish, typo-tolerant)")
    se.add_argument("query", help="words to search for, e.g. 'demens sosu-assistent'")
    with_root(se)
    se.add_argument("--region", help="region name, e.g. Syddanmark")
    se.add_argument("--kind", help="amu, kursus, akademi, diplom, master, …")
    se.add_argument("--profession", help="profession id, name or abbreviation (SSA)")
    se.add_argument("--topic", help="topic id or name")
    se.add_argument("--mode", choices=["online", "onsite", "blended"])
    se.add_argument("--starts-within", type=int, metavar="DAYS", help="a class starts within")
    se.add_argument("--limit", type=int, default=10, help="hits to show (default 10)")
    se.add_argument("--json", action="store_true")
    se.set_defaults(run=cmd_search)

    sv = sub.add_parser("serve", help="build, then serve the site on localhost")
    with_root(sv)
    sv.add_argument("--out", type=Path, default=Path("_site"))
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.set_defaults(run=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        if getattr(args, "out", None) is None and args.command == "schema":
            from catalogue.schema import SCHEMA_DIR

            args.out = SCHEMA_DIR
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
