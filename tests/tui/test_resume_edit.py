"""Ways back into a survey: --out on a file already there, back from question 1 to the
welcome form, editing the answers of a finished survey."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from assess.loading import load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Status
from assess.tui.screens.dialogs import ChoiceDialog
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.review import ReviewScreen
from assess.tui.screens.welcome import WelcomeScreen
from tests.conftest import STAMP
from tests.tui.helpers import SIZE, app_for, existing, saved


async def test_out_on_an_unfinished_file_offers_resume_at_once(
    quick: Questionnaire, tmp_path: Path
) -> None:
    out = existing(quick, tmp_path, {"sql-rating": 2}, path=tmp_path / "mine.json")
    app = app_for(quick, tmp_path, out=out)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # no empty welcome form first
        assert not any(isinstance(s, WelcomeScreen) for s in app.screen_stack)
        await pilot.press("r", "4")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert load_response(out).answers == {"sql-rating": 2, "etl-rating": 4}


async def test_out_on_a_finished_file_offers_view_and_edit(
    quick: Questionnaire, tmp_path: Path
) -> None:
    out = existing(quick, tmp_path, {"sql-rating": 2}, Status.complete, path=tmp_path / "m.json")
    app = app_for(quick, tmp_path, out=out)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert [ident for _, ident, _ in app.screen.choices] == [
            "view",
            "edit",
            "retake",
            "new",
            "quit",
        ]


async def test_b_on_question_1_goes_back_to_the_filled_in_form(
    quick: Questionnaire, tmp_path: Path
) -> None:
    app = app_for(quick, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Ada Lovelace", "tab", *"Core", "enter", "2", "b", "b")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WelcomeScreen)
        assert form.query_one("#name", Input).value == "Ada Lovelace"
        assert form.query_one("#team", Input).value == "Core"
        assert form.query_one("#target", Select).value == "__not_sure__"
        await pilot.press("tab", *["backspace"] * 4, *"Platform", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        survey = app.flow.survey
        assert survey is not None and survey.index == 0
        await pilot.press("3")
    response = saved(tmp_path)  # the same file, the new details, the answers kept
    assert response.respondent.team == "Platform"
    assert response.answers == {"sql-rating": 3}
    assert len(list((tmp_path / "responses").iterdir())) == 1


async def test_edit_the_answers_of_a_finished_survey(quick: Questionnaire, tmp_path: Path) -> None:
    answers = {q.id: 1 if q.kind == "rating" else 0 for q in quick.questions}
    existing(quick, tmp_path, answers, Status.complete)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down", "down", "enter", "4")  # question 3: statistics-rating
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
    response = saved(tmp_path)
    assert response.answers == answers | {"statistics-rating": 4}
    assert response.status == Status.complete
    assert response.completed_at is not None and response.completed_at > STAMP
