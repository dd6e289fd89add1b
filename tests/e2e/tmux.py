"""A real terminal for the survey's end-to-end tests: tmux, on a private server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.model.questionnaire import Questionnaire
from tests.tui.helpers import expected_values

ASSESS = str(Path(sys.executable).parent / "assess")


@dataclass(frozen=True)
class Form:
    """The questionnaire the survey runs on (``assess take PATH``): the frozen 14-question
    form of the survey tests (``tests.tui.helpers.copy_survey_form``), cached already."""

    path: str
    q: Questionnaire

    @property
    def first(self) -> str:
        """On screen once question 1 is."""
        return f"1 / {len(self.q.questions)}"

    def answers_for(self, keys: str, response: Path) -> dict[str, object]:
        """What pressing one digit per question from question 1 stores in ``response``."""
        return dict(expected_values(self.q, keys, seed_in(response)))


# A private tmux server per test run, kept alive by an idle session: otherwise the server
# exits when a killed survey was its last session, racing the next `new-session`.
SOCKET = f"assess-tests-{os.getpid()}"


def tmux(*args: str, check: bool = True, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, **kwargs
    )


class Terminal:
    def __init__(self, cwd: Path, *command: str, size: tuple[int, int] = (100, 30)) -> None:
        self.name = f"assess-test-{time.monotonic_ns()}"
        env = {**os.environ, "TERM": "xterm-256color"}
        tmux(
            "new-session",
            "-d",
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            "-s",
            self.name,
            "-c",
            str(cwd),
            *command,
            env=env,
        )

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name, check=False).stdout

    def send(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def pid(self) -> int:
        return int(tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").stdout.split()[0])

    def wait_for(self, text: str, timeout: float = 20) -> str:
        return wait_until(lambda: text in self.screen(), timeout, lambda: self.screen())

    def close(self) -> None:
        tmux("kill-session", "-t", self.name, check=False)


def wait_until(check: Callable[[], bool], timeout: float, show: Callable[[], str]) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return show()
        time.sleep(0.05)
    raise AssertionError(f"timed out; last screen:\n{show()}")


def answers_in(path: Path) -> dict[str, object]:
    try:
        return dict(json.loads(path.read_text())["answers"])
    except (OSError, ValueError):
        return {}


def seed_in(path: Path) -> int | None:
    """The option seed of the response at ``path`` (what digit picks which option)."""
    try:
        seed = json.loads(path.read_text())["option_seed"]
    except (OSError, ValueError, KeyError):
        return None
    return seed if isinstance(seed, int) else None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by tmux) counts as gone
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
