from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal, tmux


@pytest.fixture(scope="module")
def tmux_server() -> Iterator[None]:
    tmux("new-session", "-d", "-s", "keepalive", "sleep 3600")
    yield
    tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmux_server: None, tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Opens the survey (or any command) in a 100x30 terminal in ``tmp_path``."""
    opened: list[Terminal] = []

    def open_terminal(*command: str) -> Terminal:
        opened.append(Terminal(tmp_path, *command))
        return opened[-1]

    yield open_terminal
    for term in opened:
        term.close()
