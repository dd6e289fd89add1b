"""The tmux fixtures (a terminal, one tmux server for the run, the survey form), registered
for every test folder by tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assess.loading import load_questionnaire
from tests.e2e.tmux import Form, Terminal, tmux
from tests.tui.helpers import copy_survey_form


@pytest.fixture(scope="session")
def form(tmp_path_factory: pytest.TempPathFactory) -> Form:
    """The survey form, loaded once here so every `assess take` finds it cached (the fast
    start, first screen before pydantic, is what runs)."""
    path = copy_survey_form(tmp_path_factory.mktemp("form"))
    return Form(str(path), load_questionnaire(path))


@pytest.fixture(scope="session")
def tmux_server() -> Iterator[None]:
    """One tmux server for the whole run: a server per module raced its predecessor's
    shutdown on the same socket ("new-session" failed now and then)."""
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
