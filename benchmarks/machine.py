"""What every benchmark shares: the machine it ran on, timing a command, the catalogue size."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    cpu = names[0] if names else platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


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


def arguments(doc: str | None, courses: int, offerings: int) -> argparse.ArgumentParser:
    """The options of a benchmark: the size of the synthetic catalogue it makes."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--courses", type=int, default=courses, help=f"default {courses}")
    parser.add_argument("--offerings", type=int, default=offerings, help=f"default {offerings}")
    return parser
