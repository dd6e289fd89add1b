"""The survey in a real terminal (tmux): a burst of keys with no delay between them, and
``kill -9`` mid-survey. Pilot waits between key presses; real typing does not."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.loading import load_response
from tests.e2e.tmux import ASSESS, Form, Terminal, alive, answers_in, wait_until
from tests.tui.helpers import expected_values

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_burst_of_keys_saves_exactly_the_keys_sent(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    keys = "32140123401234"
    term = terminal(ASSESS, "take", form.path)
    term.wait_for("Your name (required)")
    term.send("Grace Hopper", "Enter", keys)  # one write: no delay between the keys
    term.wait_for("Review ·")
    saved = load_response(tmp_path / "responses" / "grace-hopper.json")
    assert saved.answers == expected_values(form.q, keys, saved.option_seed)
    assert saved.respondent.name == "Grace Hopper"


def test_burst_through_the_welcome_form_fills_each_field(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    """Tab used to move focus only after the keys behind it had gone to the old field:
    "Lin Wei<Tab>Platform" typed in one go made the name "Lin WeiPlatform"."""
    term = terminal(ASSESS, "take", form.path)
    term.wait_for("Your name (required)")
    term.send("Lin Wei", "Tab", "Platform", "Enter", "3")
    path = tmp_path / "responses" / "lin-wei.json"
    wait_until(lambda: answers_in(path) == {"sql-rating": 3}, 20, term.screen)
    saved = load_response(path)
    assert (saved.respondent.name, saved.respondent.team) == ("Lin Wei", "Platform")


@pytest.mark.parametrize(("choice", "before"), [("r", {"sql-rating": 3}), ("n", {})])
def test_burst_through_the_resume_dialog(
    terminal: Callable[..., Terminal],
    tmp_path: Path,
    form: Form,
    choice: str,
    before: dict[str, int],
) -> None:
    """The first key after the dialog's choice reached the question screen before it
    showed a question, and was dropped ("No option 4 here")."""
    first = terminal(ASSESS, "take", form.path, "--name", "Kim Ode")
    first.wait_for(form.first)
    first.send("3", "q")
    path = tmp_path / "responses" / "kim-ode.json"
    wait_until(lambda: answers_in(path) == {"sql-rating": 3}, 20, first.screen)
    term = terminal(ASSESS, "take", form.path, "--name", "Kim Ode")
    term.wait_for("[q] Quit")
    term.send(choice, "432q")  # one write: the choice and the answers behind it
    keys = "432" if choice == "n" else "3432"  # (resume: question 1 was answered with 3)
    wait_until(lambda: answers_in(path) == before | form.answers_for(keys, path), 20, term.screen)


def test_burst_through_review_change_and_finish(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    """Review keys once went to the list after the app had handed the next key to the
    old screen: "r", "up", "enter", "4" changed nothing."""
    term = terminal(ASSESS, "take", form.path, "--name", "Kim Ode")
    term.wait_for(form.first)
    # answer 3 questions; review (on question 4); up to 3; change it to 4; finish anyway
    term.send("321", "r", "Up", "Enter", "4", "f", "f", "q")
    path = tmp_path / "responses" / "kim-ode.json"
    wait_until(lambda: '"complete"' in (path.read_text() if path.exists() else ""), 20, term.screen)
    saved = load_response(path)
    assert saved.answers == {"sql-rating": 3, "etl-rating": 2, "statistics-rating": 4}
    assert saved.status == "complete"


def test_burst_the_moment_the_first_question_shows(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    """With --name, question 1 is drawn before the models load: a burst typed as soon as
    it shows must still land, in order, once the survey starts."""
    keys = "40123401234012"
    term = terminal(ASSESS, "take", form.path, "--name", "Alan Turing")
    term.wait_for(form.first)
    term.send(keys)
    term.wait_for("Review ·")
    saved = load_response(tmp_path / "responses" / "alan-turing.json")
    assert saved.answers == expected_values(form.q, keys, saved.option_seed)


def test_kill_9_mid_survey_leaves_a_valid_resumable_file(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    path = tmp_path / "responses" / "linus.json"
    term = terminal(ASSESS, "take", form.path)
    term.wait_for("Your name (required)")
    term.send("Linus", "Enter", "12301")
    wait_until(lambda: len(answers_in(path)) == 5, 20, term.screen)
    os.killpg(os.getpgid(term.pid()), signal.SIGKILL)
    saved = load_response(path)  # valid JSON and a valid response
    assert saved.answers == expected_values(form.q, "12301", saved.option_seed)
    assert not list(path.parent.glob(".*.tmp")), "a temporary file was left behind"

    again = terminal(ASSESS, "take", form.path)
    again.wait_for("Your name (required)")
    again.send("Linus", "Enter")
    again.wait_for("Resume your answers?")
    again.send("r")
    again.wait_for(f"6 / {len(form.q.questions)}")
    again.send("4", "q")
    wait_until(lambda: len(answers_in(path)) == 6, 20, again.screen)
    assert load_response(path).answers == form.answers_for("123014", path)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_and_exit(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form, sig: signal.Signals
) -> None:
    path = tmp_path / "responses" / "ken.json"
    term = terminal(ASSESS, "take", form.path, "--name", "Ken")
    term.wait_for(form.first)
    term.send("2", "3")
    wait_until(lambda: len(answers_in(path)) == 2, 20, term.screen)
    pid = term.pid()
    os.kill(pid, sig)
    wait_until(lambda: not alive(pid), 20, term.screen)
    assert load_response(path).answers == form.answers_for("23", path)


def test_closing_the_terminal_saves_and_exits(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    """Closing the window (tmux kill-session: the pty goes, then SIGHUP) must not leave a
    process behind, blocked writing to a terminal that no longer exists."""
    path = tmp_path / "responses" / "rob.json"
    term = terminal(ASSESS, "take", form.path, "--name", "Rob")
    term.wait_for(form.first)
    term.send("4", "0")
    wait_until(lambda: len(answers_in(path)) == 2, 20, term.screen)
    pid = term.pid()
    term.close()
    wait_until(lambda: not alive(pid), 20, lambda: f"pid {pid} still running")
    assert load_response(path).answers == {"sql-rating": 4, "etl-rating": 0}
    # closing it while the screen is still being drawn: Textual's output queue is busy then
    pids = []
    for attempt in range(5):
        term = terminal(ASSESS, "take", form.path, "--name", f"Rob {attempt}")
        term.wait_for(form.first)
        pids.append(term.pid())
        term.close()
    for pid in pids:
        wait_until(lambda pid=pid: not alive(pid), 20, lambda pid=pid: f"pid {pid} hangs")
