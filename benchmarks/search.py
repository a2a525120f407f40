"""Benchmark search on the built site, beside Pagefind indexing the same pages by default.

    python -m benchmarks.search [--courses 2000] [--offerings 10000]

(`--courses 0`: the bundled catalogue only.)

For the bundled catalogue and a synthetic one (`benchmarks.synthetic`), builds the site (which
writes our Pagefind index: Danish enrichment, facets, one record per course), then lets
Pagefind index the built course pages with its default settings into `pagefind-default/`
(the peer). In headless Chromium (Debian's, driven by Playwright), each engine answers a
list of queries through Pagefind's JavaScript API, loading the top 10 results as a result
list does, and we record:

- bytes transferred for the first query (engine, index chunks, top-10 fragments) and for each
  later query, counted as a static server sends them: Pagefind's index files are gzip'd
  already; its JavaScript and JSON are counted gzip'd (-9), as any web server serves them;
- query latency (median and 95th percentile over the later queries);
- recall@10 on the relevance set (tests/relevance.yaml; bundled catalogue only): ours through
  the real search page (with its widening and "mente du"), the peer through its API.

The queries are those of the relevance set, on the synthetic catalogue too (its texts are
drawn from the bundled catalogue's, so they match a realistic share of its courses).

Figures go in docs/speed.md; they are never asserted by tests.
"""

from __future__ import annotations

import asyncio
import gzip
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

import yaml

from benchmarks.browser import launch, served
from benchmarks.machine import arguments, machine
from benchmarks.synthetic import write_synthetic
from site_build.build import build

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parent.parent
RELEVANCE = REPO / "tests" / "relevance.yaml"
TODAY = date(2026, 11, 22)
HARNESS = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>bench</title></head>
<body><script type="module">
window.searchTop10 = async (bundle, query) => {
  const pagefind = await import("./" + bundle + "pagefind.js");
  const start = performance.now();
  const search = await pagefind.search(query);
  const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { ms: performance.now() - start, urls: top.map((d) => d.url) };
};
</script></body></html>
"""
HARNESS_FILE = "search-benchmark.html"


async def _default_index(site: Path) -> None:
    """The peer: Pagefind with its default settings on the built course pages."""
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(site / "pagefind-default"))
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site), glob="kurser/**/*.html")


def sent_bytes(site: Path, url: str) -> int:
    """Bytes a static server sends for `url`: gzip'd Pagefind data as is, text gzip'd."""
    data = (site / unquote(urlparse(url).path).lstrip("/")).read_bytes()
    if data[:2] == b"\x1f\x8b":
        return len(data)
    return len(gzip.compress(data, compresslevel=9))


def course_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def engine(page: Page, site: Path, base: str, bundle: str, queries: list[str]) -> dict:
    """First-query bytes, later-query bytes and latencies of one Pagefind bundle."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base + HARNESS_FILE)
    page.wait_for_function("window.searchTop10 !== undefined")
    sizes = []
    latencies = []
    answers: dict[str, list[str]] = {}
    for n, query in enumerate(queries):
        fetched.clear()
        result = page.evaluate("([b, q]) => window.searchTop10(b, q)", [bundle, query])
        sizes.append(sum(sent_bytes(site, url) for url in fetched if url.startswith(base)))
        if n:
            latencies.append(result["ms"])
        answers[query] = [course_id(u) for u in result["urls"]]
    later = sorted(latencies)
    return {
        "first_kb": sizes[0] / 1024,
        "later_kb": statistics.median(sizes[1:]) / 1024,
        "later_max_kb": max(sizes[1:]) / 1024,
        "median_ms": statistics.median(later),
        "p95_ms": later[max(0, round(0.95 * len(later)) - 1)],
        "answers": answers,
    }


def recall(cases: list[dict], answers: dict[str, list[str]]) -> float:
    wanted = sum(len(c["expect"]) for c in cases)
    found = sum(len(set(c["expect"]) & set(answers[c["query"]][:10])) for c in cases)
    return found / wanted


def ui_answers(page: Page, base: str, queries: list[str]) -> dict[str, list[str]]:
    """Top 10 of our real search page (widening and "mente du" included)."""
    page.goto(base + "sog/")
    page.wait_for_selector("#facetter:not([hidden])")
    box = page.locator("#q")
    answers = {}
    for query in queries:
        box.fill(query)
        box.press("Enter")
        page.wait_for_function(
            "q => (document.getElementById('resultater').dataset.soegning || '')"
            ".startsWith(q + '|')",
            arg=query,
        )
        hrefs = page.eval_on_selector_all("#resultater h2 a", "els => els.map(e => e.href)")
        answers[query] = [course_id(h) for h in hrefs[:10]]
    return answers


def run(label: str, root: Path, work: Path, queries: list[str], cases: list[dict]) -> None:
    from playwright.sync_api import sync_playwright

    site = work / "_site"
    started = time.perf_counter()
    build(root, site, today=TODAY)
    built = time.perf_counter() - started
    started = time.perf_counter()
    asyncio.run(_default_index(site))
    print(
        f"# {label}: site build {built:.1f} s (with both search indexes); "
        f"default Pagefind indexing {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    (site / HARNESS_FILE).write_text(HARNESS, encoding="utf-8")
    pages = sum(1 for _ in (site / "kurser").glob("*/index.html"))
    with served(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        figures = {}
        for name, bundle in (("ours", "pagefind/"), ("default", "pagefind-default/")):
            context = browser.new_context()
            figures[name] = engine(context.new_page(), site, base, bundle, queries)
            context.close()
        if cases:
            context = browser.new_context()
            figures["ours"]["recall"] = recall(cases, ui_answers(context.new_page(), base, queries))
            context.close()
            figures["default"]["recall"] = recall(cases, figures["default"]["answers"])
        browser.close()
    for name, f in figures.items():
        bundle = site / ("pagefind" if name == "ours" else "pagefind-default")
        size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        print(
            f"{label:<28} {name:<8} {pages:>6} {size / 1024 / 1024:>8.1f} "
            f"{f['first_kb']:>9.1f} {f['later_kb']:>9.1f} {f['later_max_kb']:>9.1f} "
            f"{f['median_ms']:>8.1f} {f['p95_ms']:>7.1f} "
            + (f"{f['recall']:>7.3f}" if "recall" in f else f"{'-':>7}"),
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__, courses=2_000, offerings=10_000)
    args = parser.parse_args(argv)
    cases = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))
    print(f"machine: {machine()}")
    print(
        f"{'catalogue':<28} {'engine':<8} {'pages':>6} {'index MB':>8} {'first KB':>9} "
        f"{'later KB':>9} {'max KB':>9} {'med ms':>8} {'p95 ms':>7} {'R@10':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        queries = [c["query"] for c in cases]
        run("bundled", REPO / "courses", Path(tmp) / "bundled", queries, cases)
        if args.courses == 0:  # the bundled catalogue only
            return 0
        root = Path(tmp) / "synthetic" / "courses"
        write_synthetic(root, args.courses, args.offerings)
        run(f"synthetic {args.courses} courses", root, Path(tmp) / "synthetic", queries, [])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
