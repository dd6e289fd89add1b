"""The survey in a real terminal (tmux): a burst of keys with no delay between them, and
``kill -9`` mid-survey. Pilot waits between key presses; real typing does not."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assess.loading import builtin_dir, load_questionnaire, load_response
from tests.tui.helpers import expected_values, value_of

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
ASSESS = str(Path(sys.executable).parent / "assess")
QUICK = load_questionnaire(builtin_dir() / "quick.yaml")
FIRST = f"1 / {len(QUICK.questions)}"
"""On screen once question 1 is."""


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


@pytest.fixture(scope="module", autouse=True)
def _tmux_server() -> Iterator[None]:
    tmux("new-session", "-d", "-s", "keepalive", "sleep 3600")
    yield
    tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    opened: list[Terminal] = []

    def open_terminal(*command: str) -> Terminal:
        opened.append(Terminal(tmp_path, *command))
        return opened[-1]

    yield open_terminal
    for term in opened:
        term.close()


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


def answers_for(keys: str, path: Path) -> dict[str, object]:
    """What pressing one digit per question from question 1 stores in ``path``."""
    return dict(expected_values(QUICK, keys, seed_in(path)))


def test_burst_of_keys_saves_exactly_the_keys_sent(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    keys = "321401234012340123401234"
    term = terminal(ASSESS, "take", "quick")
    term.wait_for("Your name (required)")
    term.send("Grace Hopper", "Enter", keys)  # one write: no delay between the keys
    term.wait_for("Review ·")
    saved = load_response(tmp_path / "responses" / "grace-hopper.json")
    assert saved.answers == expected_values(QUICK, keys, saved.option_seed)
    assert saved.respondent.name == "Grace Hopper"


def test_burst_through_the_welcome_form_fills_each_field(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    """Tab used to move focus only after the keys behind it had gone to the old field:
    "Lin Wei<Tab>Platform" typed in one go made the name "Lin WeiPlatform"."""
    term = terminal(ASSESS, "take", "quick")
    term.wait_for("Your name (required)")
    term.send("Lin Wei", "Tab", "Platform", "Enter", "3")
    path = tmp_path / "responses" / "lin-wei.json"
    wait_until(lambda: answers_in(path) == {"sql-rating": 3}, 20, term.screen)
    saved = load_response(path)
    assert (saved.respondent.name, saved.respondent.team) == ("Lin Wei", "Platform")


@pytest.mark.parametrize(("choice", "before"), [("r", {"sql-rating": 3}), ("n", {})])
def test_burst_through_the_resume_dialog(
    terminal: Callable[..., Terminal], tmp_path: Path, choice: str, before: dict[str, int]
) -> None:
    """The first key after the dialog's choice reached the question screen before it
    showed a question, and was dropped ("No option 4 here")."""
    first = terminal(ASSESS, "take", "quick", "--name", "Kim Ode")
    first.wait_for(FIRST)
    first.send("3", "q")
    path = tmp_path / "responses" / "kim-ode.json"
    wait_until(lambda: answers_in(path) == {"sql-rating": 3}, 20, first.screen)
    term = terminal(ASSESS, "take", "quick", "--name", "Kim Ode")
    term.wait_for("[q] Quit")
    term.send(choice, "432q")  # one write: the choice and the answers behind it
    keys = "432" if choice == "n" else "3432"  # (resume: question 1 was answered with 3)
    wait_until(lambda: answers_in(path) == before | answers_for(keys, path), 20, term.screen)


def test_burst_through_review_change_and_finish(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    """Review keys once went to the list after the app had handed the next key to the
    old screen: "r", "up", "enter", "4" changed nothing."""
    term = terminal(ASSESS, "take", "quick", "--name", "Kim Ode")
    term.wait_for(FIRST)
    # answer 3 questions; review (on question 4); up to 3; change it to 4; finish anyway
    term.send("321", "r", "Up", "Enter", "4", "f", "f", "q")
    path = tmp_path / "responses" / "kim-ode.json"
    wait_until(lambda: '"complete"' in (path.read_text() if path.exists() else ""), 20, term.screen)
    saved = load_response(path)
    assert saved.answers == {
        "sql-rating": 3,
        "sql-left-join": value_of(QUICK, "sql-left-join", "2", saved.option_seed),
        "etl-rating": 4,
        "etl-rerun": "dont_know",  # the check of a rated skill, left open: "I don't know"
    }
    assert saved.status == "complete"


def test_burst_the_moment_the_first_question_shows(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    """With --name, question 1 is drawn before the models load: a burst typed as soon as
    it shows must still land, in order, once the survey starts."""
    keys = "401234012340123401234012"
    term = terminal(ASSESS, "take", "quick", "--name", "Alan Turing")
    term.wait_for(FIRST)
    term.send(keys)
    term.wait_for("Review ·")
    saved = load_response(tmp_path / "responses" / "alan-turing.json")
    assert saved.answers == expected_values(QUICK, keys, saved.option_seed)


def test_kill_9_mid_survey_leaves_a_valid_resumable_file(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    path = tmp_path / "responses" / "linus.json"
    term = terminal(ASSESS, "take", "quick")
    term.wait_for("Your name (required)")
    term.send("Linus", "Enter", "12301")
    wait_until(lambda: len(answers_in(path)) == 5, 20, term.screen)
    os.killpg(os.getpgid(term.pid()), signal.SIGKILL)
    saved = load_response(path)  # valid JSON and a valid response
    assert saved.answers == expected_values(QUICK, "12301", saved.option_seed)
    assert not list(path.parent.glob(".*.tmp")), "a temporary file was left behind"

    again = terminal(ASSESS, "take", "quick")
    again.wait_for("Your name (required)")
    again.send("Linus", "Enter")
    again.wait_for("Resume your answers?")
    again.send("r")
    again.wait_for(f"6 / {len(QUICK.questions)}")
    again.send("4", "q")
    wait_until(lambda: len(answers_in(path)) == 6, 20, again.screen)
    assert load_response(path).answers == answers_for("123014", path)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_and_exit(
    terminal: Callable[..., Terminal], tmp_path: Path, sig: signal.Signals
) -> None:
    path = tmp_path / "responses" / "ken.json"
    term = terminal(ASSESS, "take", "quick", "--name", "Ken")
    term.wait_for(FIRST)
    term.send("2", "3")
    wait_until(lambda: len(answers_in(path)) == 2, 20, term.screen)
    pid = term.pid()
    os.kill(pid, sig)
    wait_until(lambda: not _alive(pid), 20, term.screen)
    assert load_response(path).answers == answers_for("23", path)


def test_closing_the_terminal_saves_and_exits(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    """Closing the window (tmux kill-session: the pty goes, then SIGHUP) must not leave a
    process behind, blocked writing to a terminal that no longer exists."""
    path = tmp_path / "responses" / "rob.json"
    term = terminal(ASSESS, "take", "quick", "--name", "Rob")
    term.wait_for(FIRST)
    term.send("4", "0")
    wait_until(lambda: len(answers_in(path)) == 2, 20, term.screen)
    pid = term.pid()
    term.close()
    wait_until(lambda: not _alive(pid), 20, lambda: f"pid {pid} still running")
    assert load_response(path).answers == {"sql-rating": 4, "sql-left-join": "dont_know"}
    # closing it while the screen is still being drawn: Textual's output queue is busy then
    pids = []
    for attempt in range(5):
        term = terminal(ASSESS, "take", "quick", "--name", f"Rob {attempt}")
        term.wait_for(FIRST)
        pids.append(term.pid())
        term.close()
    for pid in pids:
        wait_until(lambda pid=pid: not _alive(pid), 20, lambda pid=pid: f"pid {pid} hangs")


def _alive(pid: int) -> bool:
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
