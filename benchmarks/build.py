"""Benchmark `evu build` on a synthetic catalogue, beside Hugo building the same number of pages.

    python -m benchmarks.build [--courses 20000] [--offerings 100000]

Measures, each in its own process (wall time, peak memory of that process): a full build into
an empty folder, a rebuild with nothing changed, a rebuild after one course's price changed
(which search does not read) and one after another course's description changed (which
search reads: related courses and the Pagefind bundle are made again).
The peer is Hugo (Debian package `hugo`) building one page per course with the same facts
(title, description, classes) through a comparable template, measured the same way.
Figures go in docs/speed.md; they are never asserted by tests.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
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
        first.write_text(
            first.read_text(encoding="utf-8").replace("price: ", "price: 1", 1), encoding="utf-8"
        )
        report("evu build, one course changed (price)", measure(build, 1))
        second.write_text(
            second.read_text(encoding="utf-8").replace('description: "', 'description: "Ny. ', 1),
            encoding="utf-8",
        )
        report("evu build, one course changed (description)", measure(build, 1))
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
