"""The code is ruff-clean (lint); a failure names each offending line."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_lint_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
