"""The screens of a retake and of a rating by someone else (Pilot)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Input, Static

from assess.brief import AboutInfo
from assess.loading import load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Status
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen, render_result
from assess.tui.screens.welcome import WelcomeScreen
from tests.tui.helpers import SIZE, app_for, existing, saved


def static_text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def results_text(screen: ResultsScreen) -> str:
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(render_result(screen.result, screen.questionnaire, notes=screen.notes))
    return " ".join(console.export_text().split())


async def test_t_on_the_results_screen_retakes(quick: Questionnaire, tmp_path: Path) -> None:
    answers = {q.id: 2 if q.kind == "rating" else 0 for q in quick.questions}
    existing(quick, tmp_path, answers, Status.complete)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        body = results_text(app.screen)
        assert "What to learn next for" in body and "Practise:" in body
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert not any(isinstance(s, ResultsScreen) for s in app.screen_stack)
        await pilot.press("4")
    assert saved(tmp_path).answers == {"sql-rating": 4}
    history = tmp_path / "responses" / "ada-lovelace" / "history"
    (kept,) = history.iterdir()
    assert load_response(kept).answers == answers


async def test_a_rating_asks_only_the_raters_name(quick: Questionnaire, tmp_path: Path) -> None:
    about = AboutInfo("Ada Lovelace", None, "manager")
    app = app_for(quick, tmp_path, about=about)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WelcomeScreen)
        assert [i.id for i in form.query(Input)] == ["name"]
        assert "Rating Ada Lovelace as their manager" in static_text(form, "#welcome-summary")
        await pilot.press(*"Grace Hopper", "enter")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, QuestionScreen)
        heading = static_text(question, "#skill-heading")
        assert heading.endswith("Rating of Ada Lovelace")
        assert static_text(question, "#question-text").startswith("Which best describes their")
        ratings = [q for q in quick.questions if q.kind == "rating"]
        await pilot.press(*("3" * len(ratings)), "f")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert "Your rating of Ada Lovelace (as their manager)" in results_text(results)
        assert results.check_action("report", ()) is False  # no report of a rating
        await pilot.press("r")
        await pilot.pause()
    path = tmp_path / "responses" / "ada-lovelace" / "ratings" / "manager--grace-hopper.json"
    rating = load_response(path)
    assert rating.rater is not None and rating.rater.name == "Grace Hopper"
    assert rating.status == Status.complete and len(rating.answers) == len(ratings)
    assert not (tmp_path / "reports").exists()


async def test_the_report_from_the_results_screen_has_the_history(
    quick: Questionnaire, tmp_path: Path
) -> None:
    answers = {q.id: 1 if q.kind == "rating" else 0 for q in quick.questions}
    existing(quick, tmp_path, answers, Status.complete)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", *("3" * len(quick.questions)), "f")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        record = results._record()
        assert record is not None and len(record.assessments) == 2


async def test_a_rater_named_on_the_command_line_is_told_what_is_shown(
    quick: Questionnaire, tmp_path: Path
) -> None:
    """With --name the welcome form (which says what the rated person will see) is
    skipped: the first question comes with the same words."""
    for relation, words in (
        ("manager", "A manager's rating may be shown to them on its own."),
        ("peer", "only as the mean of at least three peers"),
    ):
        about = AboutInfo("Ada Lovelace", None, relation)  # type: ignore[arg-type]
        app = app_for(quick, tmp_path / relation, about=about, name="Grace Hopper")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            told = [str(n.message) for n in app._notifications]
            assert any("Rating Ada Lovelace" in t and words in t for t in told), told
