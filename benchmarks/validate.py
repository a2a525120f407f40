"""Benchmark `evu validate` on the bundled and on synthetic catalogues, beside a peer.

    python -m benchmarks.validate [--courses 20000] [--offerings 100000] [--runs 3]

Each command runs in its own process; the script reports the median wall time and the peak
resident memory of the runs. The peer is `check-jsonschema` (a general JSON Schema validator,
`pip install check-jsonschema`) checking the same YAML files against the same generated
schemas: it checks types and fields only — no positions for duplicate keys, no cross-entry
references — so it is a lower bound on what a validator must spend. Figures go in docs/speed.md;
they are never asserted by tests.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.machine import arguments, machine, measure
from benchmarks.synthetic import write_synthetic
from catalogue.schema import SCHEMA_DIR

REPO = Path(__file__).resolve().parent.parent


def peer_command(root: Path) -> list[str] | None:
    """check-jsonschema on the course files (the bulk of a catalogue), or None if absent."""
    executable = shutil.which("check-jsonschema")
    if executable is None:
        return None
    courses = sorted(str(p) for p in root.glob("*.yaml"))
    return [executable, "--schemafile", str(SCHEMA_DIR / "course.schema.json"), *courses]


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__, courses=20_000, offerings=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    evu = [sys.executable, "-m", "evu.cli", "validate"]
    print(f"machine: {machine()}")
    print(f"{'catalogue':<38} {'tool':<18} {'median s':>9} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "courses"
        write_synthetic(synthetic, args.courses, args.offerings)
        cases = [
            ("bundled (courses/)", REPO / "courses"),
            (f"synthetic {args.courses} courses, {args.offerings} offerings", synthetic),
        ]
        for label, root in cases:
            seconds, mib, code = measure([*evu, str(root)], args.runs)
            print(
                f"{label:<38} {'evu validate':<18} {seconds:>9.2f} {mib:>9.0f}"
                + ("" if code == 0 else f"  (exit {code})")
            )
            peer = peer_command(root)
            if peer is None:
                print(f"{label:<38} {'check-jsonschema':<18} {'not installed':>19}")
                continue
            seconds, mib, code = measure(peer, args.runs)
            print(
                f"{label:<38} {'check-jsonschema':<18} {seconds:>9.2f} {mib:>9.0f}"
                + ("" if code == 0 else f"  (exit {code})")
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
