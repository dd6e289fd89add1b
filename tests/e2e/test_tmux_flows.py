"""The survey's ways in and back, in a real terminal (tmux): type-ahead at launch, --out on
a file already there, back to the welcome form, editing a finished survey, and a check
that cannot be skipped. Keys are sent in one write, as a fast typist would."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.loading import load_response
from assess.model.response import Status
from tests.conftest import STAMP
from tests.e2e.tmux import ASSESS, Form, Terminal, answers_in, wait_until
from tests.tui.helpers import existing

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def _field(path: Path, *keys: str) -> object:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


@pytest.mark.parametrize("attempt", range(3))
def test_type_ahead_at_launch_is_kept(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form, attempt: int
) -> None:
    """A name and Enter typed the moment the command starts (before the first frame) lost
    the name and kept the Enter: "Please type your name to start", 4 times in 4."""
    path = tmp_path / "responses" / "ada-lovelace.json"
    term = terminal(ASSESS, "take", form.path)
    term.send("Ada Lovelace", "Enter", "3")  # at once: nothing is on screen yet
    wait_until(lambda: answers_in(path) == {"sql-rating": 3}, 20, term.screen)
    assert _field(path, "respondent", "name") == "Ada Lovelace"


def test_type_ahead_with_a_name_answers_in_order(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    path = tmp_path / "responses" / "ada-lovelace.json"
    term = terminal(ASSESS, "take", form.path, "--name", "Ada Lovelace")
    term.send("3021")  # before question 1 is drawn
    wait_until(lambda: len(answers_in(path)) == 4, 20, term.screen)
    assert answers_in(path) == form.answers_for("3021", path)


def test_out_on_an_unfinished_file_offers_resume_at_once(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    """--out on an unfinished file showed an empty welcome form; the offer to resume came
    only after typing the same name again."""
    out = existing(form.q, tmp_path, {"sql-rating": 2}, path=tmp_path / "mine.json")
    term = terminal(ASSESS, "take", form.path, "-o", str(out))
    term.wait_for("Resume your answers?")
    assert "Your name" not in term.screen()
    term.send("r", "0", "4")  # one write: resume, then answer questions 2 and 3
    wait_until(lambda: len(answers_in(out)) == 3, 20, term.screen)
    assert answers_in(out) == {"sql-rating": 2, "etl-rating": 0, "statistics-rating": 4}


def test_back_from_question_1_to_the_form(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    path = tmp_path / "responses" / "ada-lovelace.json"
    term = terminal(ASSESS, "take", form.path)
    term.wait_for("Your name (required)")
    term.send("Ada Lovelace", "Tab", "Core", "Enter", "b")
    wait_until(lambda: "Ada Lovelace" in term.screen() and "Core" in term.screen(), 20, term.screen)
    term.wait_for("Your name (required)")
    term.send("Tab", "BSpace", "BSpace", "BSpace", "BSpace", "Platform", "Enter", "3")
    wait_until(lambda: answers_in(path) == {"sql-rating": 3}, 20, term.screen)
    assert _field(path, "respondent", "team") == "Platform"
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.startswith(".")) == [
        path.name
    ]


def test_edit_the_answers_of_a_finished_survey(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    answers = {q.id: 1 if q.kind == "rating" else 0 for q in form.q.questions}
    path = existing(form.q, tmp_path, answers, Status.complete)
    term = terminal(ASSESS, "take", form.path, "--name", "Ada Lovelace")
    term.wait_for("[e] Edit answers")
    term.send("e", "Down", "Down", "Enter", "4", "f")  # question 3 to 4; finish
    wait_until(lambda: answers_in(path).get("statistics-rating") == 4, 20, term.screen)
    term.wait_for("Results for Ada Lovelace")
    saved = load_response(path)
    assert saved.answers == answers | {"statistics-rating": 4}
    assert saved.status == Status.complete
    assert saved.completed_at is not None and saved.completed_at > STAMP


def test_s_on_a_check_says_press_0(
    terminal: Callable[..., Terminal], tmp_path: Path, form: Form
) -> None:
    path = tmp_path / "responses" / "ada-lovelace.json"
    term = terminal(ASSESS, "take", form.path, "--name", "Ada Lovelace")
    term.wait_for(form.first)
    term.send("2", "2", "2", "3", "s")  # s on question 5, a check
    term.wait_for("cannot be skipped")
    assert f"5 / {len(form.q.questions)}" in term.screen()
    assert len(answers_in(path)) == 4
    term.send("0")
    wait_until(lambda: len(answers_in(path)) == 5, 20, term.screen)
    assert answers_in(path)["ml-modelling-imbalance"] == "dont_know"
