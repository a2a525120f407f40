"""Benchmark `evu build` on a synthetic catalogue, beside Hugo building the same number of pages.

    python -m benchmarks.build [--courses 20000] [--offerings 100000]

Measures, each in its own process (wall time, peak memory of that process): a full build into
an empty folder, a rebuild with nothing changed, a rebuild after one course's price changed
(which related courses do not read) and one after another course's description changed
(which they read: related courses and the Pagefind bundle are made again). Then `evu serve`
on the same catalogue: a course file is saved and the course's page polled over HTTP until
it shows the change (and the search word list until it does too), for a price and for a
description.
The peer is Hugo (Debian package `hugo`) building one page per course with the same facts
(title, description, classes) through a comparable template, measured the same way.
Figures go in docs/speed.md; they are never asserted by tests.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.machine import arguments, machine, measure
from benchmarks.synthetic import write_synthetic

HUGO_LAYOUT = """<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}
<table>{{ range .Params.hold }}<tr><td>{{ .start }}</td><td>{{ .postnummer }}</td>
<td>{{ .provider }}</td></tr>{{ end }}</table></main></body></html>
"""


def hugo_site(catalogue: Path, folder: Path) -> None:
    """A Hugo site with one content page per course of `catalogue`, facts in front matter."""
    import yaml

    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "layouts" / "_default" / "single.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    (folder / "layouts" / "_default" / "list.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    (folder / "hugo.toml").write_text(
        'baseURL = "http://127.0.0.1/"\ntitle = "EVU"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n',
        encoding="utf-8",
    )
    content = folder / "content" / "kurser"
    content.mkdir(parents=True)
    for path in sorted(catalogue.glob("*.yaml")):
        course = yaml.safe_load(path.read_text(encoding="utf-8"))
        front = {
            "title": course["title"],
            "hold": [
                {k: str(v) for k, v in o.items() if k in ("start", "postnummer", "provider")}
                for o in course.get("offerings", [])
            ],
        }
        (content / f"{course['id']}.md").write_text(
            "---\n"
            + yaml.safe_dump(front, allow_unicode=True)
            + "---\n"
            + course.get("description", ""),
            encoding="utf-8",
        )


def _dearer(text: str) -> str:
    """A course file with its price 100 kr. higher."""
    changed = re.sub(
        r"^price: (\d+)", lambda m: f"price: {int(m[1]) + 100}", text, count=1, flags=re.M
    )
    assert changed != text, "no price to change"
    return changed


def _new_word(text: str) -> tuple[str, str]:
    """A course file with a word no course has at the start of its description (and the
    word, folded: what the search word list then holds)."""
    word = "tastetestord" + "".join(chr(ord("a") + int(d)) for d in str(time.time_ns())[-9:])
    return text.replace('description: "', f'description: "{word.capitalize()}. ', 1), word


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def _until(url: str, changed: object, limit: float = 600.0) -> float:
    """Seconds until `changed(bytes)` holds for `url` (polled every 20 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = _get(url)
        if body is not None and changed(body):  # type: ignore[operator]
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(url)


def serve_loop(command: list[str], root: Path) -> list[tuple[str, float, float | None]]:
    """`evu serve` started on a free port: for a price and then a description change of one
    course, the seconds from saving its file to its page showing the change, and (for the
    description) to the search word list holding the new word."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _until(base, lambda body: True)
        results = []
        path = sorted(root.glob("*.yaml"))[3]
        page, words = base + f"kurser/{path.stem}/", base + "sog/ordliste.json"
        for label, change in [
            ("price", lambda text: (_dearer(text), "")),
            ("description", _new_word),
        ]:
            before = _get(page)
            time.sleep(1.5)  # a save in another second than the last poll saw
            saved = time.perf_counter()
            changed, word = change(path.read_text(encoding="utf-8"))
            path.write_text(changed, "utf-8")
            shown = _until(page, lambda body, before=before: body != before)
            found = None
            if label == "description":
                _until(words, lambda body, word=word: f'"{word}"'.encode() in body)
                found = time.perf_counter() - saved
            results.append((label, shown, found))
            time.sleep(3)  # the search bundle of this change is in before the next
        return results
    finally:
        server.terminate()
        server.wait(60)


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__, courses=20_000, offerings=100_000)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"{'measurement':<44} {'seconds':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "courses", Path(tmp) / "_site"
        write_synthetic(root, args.courses, args.offerings)
        build = [
            sys.executable,
            "-m",
            "evu.cli",
            "build",
            str(root),
            "--out",
            str(out),
            "--today",
            "2026-11-22",
        ]

        def report(label: str, result: tuple[float, float, int]) -> None:
            seconds, mib, code = result
            print(
                f"{label:<44} {seconds:>8.2f} {mib:>9.0f}"
                + ("" if code == 0 else f"  (exit {code})"),
                flush=True,
            )

        report(f"evu build, full ({args.courses} courses)", measure(build, 1))
        pages = len(list(out.rglob("*.html")))
        report("evu build, nothing changed", measure(build, 1))
        first, second = sorted(root.glob("*.yaml"))[:2]
        first.write_text(_dearer(first.read_text(encoding="utf-8")), encoding="utf-8")
        report("evu build, one course changed (price)", measure(build, 1))
        second.write_text(_new_word(second.read_text(encoding="utf-8"))[0], encoding="utf-8")
        report("evu build, one course changed (description)", measure(build, 1))
        serve = [*build[:3], "serve", *build[4:]]
        for label, shown, searched in serve_loop(serve, root):
            print(f"{'evu serve, save → page shows it (' + label + ')':<44} {shown:>8.2f}")
            if searched is not None:
                print(f"{'evu serve, save → search finds it':<44} {searched:>8.2f}", flush=True)
        hugo = shutil.which("hugo")
        if hugo is None:
            print("hugo: not installed (apt-get install hugo)")
            return 0
        site = Path(tmp) / "hugo"
        hugo_site(root, site)
        report(
            f"hugo, full ({args.courses} course pages; evu wrote {pages})",
            measure([hugo, "--quiet", "-s", str(site), "-d", str(site / "public")], 1),
        )
        report(
            "hugo, nothing changed",
            measure([hugo, "--quiet", "-s", str(site), "-d", str(site / "public")], 1),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
