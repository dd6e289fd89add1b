"""Retakes and ratings of someone else, in a real terminal (tmux), keys sent in fast
bursts as a quick typist would."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.loading import load_response
from assess.model.response import Status
from tests.e2e.tmux import ASSESS, Form, Terminal, answers_in, wait_until
from tests.tui.helpers import existing

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def finished(form: Form, tmp_path: Path) -> Path:
    answers = {q.id: 1 if q.kind == "rating" else 0 for q in form.q.questions}
    return existing(form.q, tmp_path, answers, Status.complete)


def test_retake_keeps_the_earlier_answers(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    path = finished(form, tmp_path)
    history = tmp_path / "responses" / "ada-lovelace" / "history"
    term = terminal(ASSESS, "take", form.path, "--name", "Ada Lovelace")
    term.wait_for("You have already finished this survey")
    assert "[t] Retake (keep these answers in your history)" in term.screen()
    term.send("t", "3", "2", "1")  # one write: retake, then answer questions 1-3
    wait_until(lambda: len(answers_in(path)) == 3, 20, term.screen)
    assert answers_in(path) == form.answers_for("321", path)
    (kept,) = history.iterdir()
    assert kept.name == "2026-11-02.json"
    assert load_response(kept).status == Status.complete
    assert len(answers_in(kept)) == len(form.q.questions)
    term.send("q")
    wait_until(lambda: "Saved to" in term.screen(), 20, term.screen)


@pytest.mark.parametrize("attempt", range(2))
def test_keys_typed_before_the_dialog_retake_and_answer(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form, attempt: int
) -> None:
    """ "t3132" typed the moment the command starts (before the finished-survey dialog is
    drawn) retook and then lost the answers: the dialog's choice reaches the flow a moment
    after its key, and the keys behind it went to the closing dialog."""
    path = finished(form, tmp_path)
    term = terminal(ASSESS, "take", form.path, "--name", "Ada Lovelace")
    term.send("t3132")  # at once: nothing is on screen yet
    wait_until(lambda: len(answers_in(path)) == 4, 20, term.screen)
    assert answers_in(path) == form.answers_for("3132", path)
    assert len(list((tmp_path / "responses" / "ada-lovelace" / "history").iterdir())) == 1


def test_retake_from_the_results_screen(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    path = finished(form, tmp_path)
    term = terminal(ASSESS, "take", form.path, "--name", "Ada Lovelace")
    term.wait_for("You have already finished this survey")
    term.send("v")
    term.wait_for("Results for Ada Lovelace")
    term.wait_for("t Retake")  # (in the footer)
    term.send("t", "4")
    wait_until(lambda: answers_in(path) == {"sql-rating": 4}, 20, term.screen)
    assert len(list((tmp_path / "responses" / "ada-lovelace" / "history").iterdir())) == 1


def test_rate_a_colleague_as_a_peer(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    path = tmp_path / "responses" / "ada-lovelace" / "ratings" / "peer--sam-lee.json"
    term = terminal(ASSESS, "take", form.path, "--about", "Ada Lovelace", "--as", "peer")
    screen = term.wait_for("Rating Ada Lovelace as their peer")
    assert "Team" not in screen and "Role you are aiming for" not in screen
    assert "shown to them only as the mean of at least three" in screen
    term.send("Sam Lee", "Enter", "3", "2")  # one write: the name, then two answers
    wait_until(lambda: len(answers_in(path)) == 2, 20, term.screen)
    screen = term.screen()
    assert "Rating of Ada Lovelace" in screen and "their work" in screen
    saved = json.loads(path.read_text())
    assert saved["respondent"]["name"] == "Ada Lovelace"
    assert saved["rater"] == {"name": "Sam Lee", "email": None, "relation": "peer"}
    ratings = [q.id for q in form.q.questions if q.kind == "rating"]
    assert list(saved["answers"]) == ratings[:2]  # no knowledge check among them
    term.send("q")
    screen = wait_until(lambda: "Saved to" in term.screen(), 20, term.screen)
    assert "no self-assessment" in screen.replace("\n", "")


def test_a_second_rater_of_the_same_name(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    first = tmp_path / "responses" / "ada-lovelace" / "ratings" / "peer--sam-lee.json"
    term = terminal(
        ASSESS, "take", form.path, "--about", "Ada Lovelace", "--as", "peer", "--name", "Sam Lee"
    )
    term.send("2")
    wait_until(lambda: len(answers_in(first)) == 1, 20, term.screen)
    term.send("q")
    wait_until(lambda: "Saved to" in term.screen(), 20, term.screen)
    again = terminal(
        ASSESS, "take", form.path, "--about", "Ada Lovelace", "--as", "peer", "--name", "Sam Lee"
    )
    again.wait_for("Resume your rating?")
    assert "I am another Sam Lee" in again.screen()
    again.send("a", "4", "4")
    second = first.with_name("peer--sam-lee--2.json")
    wait_until(lambda: len(answers_in(second)) == 2, 20, again.screen)
    assert len(answers_in(first)) == 1  # the first Sam's rating is untouched
