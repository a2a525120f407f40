"""Benchmark `evu validate` on the bundled and on synthetic catalogues, beside a peer.

    python -m benchmarks.validate [--courses 20000] [--offerings 100000] [--runs 3]

Each command runs in its own process; the script reports the median wall time and the peak
resident memory of the runs. The peer is `check-jsonschema` (a general JSON Schema validator,
`pip install check-jsonschema`) checking the same YAML files against the same generated
schemas: it checks types and fields only — no positions for duplicate keys, no cross-entry
references — so it is a lower bound on what a validator must spend. Figures go in the README;
they are never asserted by tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_synthetic
from catalogue.schema import SCHEMA_DIR

REPO = Path(__file__).resolve().parent.parent


def measure(command: list[str], runs: int) -> tuple[float, float, int]:
    """Median seconds, peak MiB (of that process alone) and exit code over `runs` runs."""
    times: list[float] = []
    peak = 0.0
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code  # reaped by wait4 above; tell Popen so it does not wait
    return statistics.median(times), peak, code


def peer_command(root: Path) -> list[str] | None:
    """check-jsonschema on the course files (the bulk of a catalogue), or None if absent."""
    executable = shutil.which("check-jsonschema")
    if executable is None:
        return None
    courses = sorted(str(p) for p in root.glob("*.yaml"))
    return [executable, "--schemafile", str(SCHEMA_DIR / "course.schema.json"), *courses]


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    cpu = names[0] if names else platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=20_000)
    parser.add_argument("--offerings", type=int, default=100_000)
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
