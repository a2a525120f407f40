"""The README's set-up commands are the ones CI and users actually run."""

from __future__ import annotations

import re

from conftest import REPO


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "evu serve" in commands[0]
    assert "apt-get install -y -qq chromium" in commands[1] and "pytest" in commands[1]
    for command in commands:  # each in a virtual environment (Debian refuses system-wide pip)
        assert "python3 -m venv .venv && . .venv/bin/activate && pip install" in command


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci
