"""The progress bar appears on a terminal only."""

from __future__ import annotations

import io

import pytest

from evu.progress import progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress_bar(1, 2, "sider")
    progress_bar(2, 2, "sider")
    assert terminal.getvalue() == (
        "\r[###############...............] 1/2 sider\r[##############################] 2/2 sider\n"
    )


def test_no_progress_bar_in_a_pipe_or_log(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    progress_bar(1, 2, "sider")
    assert pipe.getvalue() == ""
