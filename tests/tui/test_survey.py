"""Pilot tests of the survey: answers, back, skip, review-and-change, resume, quit."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, Static

from assess.model.questionnaire import Questionnaire
from assess.model.response import Response, Status
from assess.storage import person_stem
from assess.tui.app import make_app
from assess.tui.screens.dialogs import ChoiceDialog
from assess.tui.screens.question import OptionRow, QuestionScreen
from assess.tui.screens.review import ReviewScreen
from tests.tui.helpers import SIZE, app_for, existing, expected_values, saved

ALL = 14
"""Questions in the survey form (``quick``: see conftest)."""


async def test_full_run_saves_exactly_the_answers(quick: Questionnaire, tmp_path: Path) -> None:
    keys = "12340123401234"
    app = app_for(quick, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Ada Lovelace", "enter")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press(*keys)
        assert isinstance(app.screen, ReviewScreen)
        assert saved(tmp_path).status == Status.in_progress
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
    response = saved(tmp_path)
    assert response.option_seed is not None
    assert response.answers == expected_values(quick, keys, response.option_seed)
    assert response.status == Status.complete and response.completed_at is not None
    assert response.respondent.name == "Ada Lovelace"


async def test_every_answer_is_saved_immediately(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        for count, key in enumerate("321", start=1):
            await pilot.press(key)
            assert len(saved(tmp_path).answers) == count


async def test_back_shows_earlier_answer_and_can_change_it(
    quick: Questionnaire, tmp_path: Path
) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "2")
        await pilot.press("b")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        survey = app.flow.survey
        assert survey is not None and survey.index == 1
        row = screen.query_one("#option-2", OptionRow).plain
        assert "[x]" in row and "selected" in row and row.startswith("›")
        assert "[x]" not in screen.query_one("#option-3", OptionRow).plain
        await pilot.press("left")
        assert survey.index == 0
        assert "[x]" in screen.query_one("#option-3", OptionRow).plain
        await pilot.press("right")
        assert survey.index == 1
        await pilot.press("right")  # question 3 is unanswered: cannot go past it
        await pilot.press("right")
        assert survey.index == 2
        await pilot.press("b", "4")
        assert saved(tmp_path).answers["etl-rating"] == 4


async def test_arrows_and_enter_answer_too(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        assert saved(tmp_path).answers == {"sql-rating": 2}
        assert app.flow.survey is not None and app.flow.survey.index == 1


async def test_skip_is_recorded_as_skip(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "2")
        assert saved(tmp_path).answers == {"sql-rating": "skip", "etl-rating": 2}


async def test_out_of_range_digit_is_ignored(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "2")
        survey = app.flow.survey
        assert survey is not None and survey.index == 1  # "9" did nothing, "2" answered 1
        assert saved(tmp_path).answers == {"sql-rating": 2}
        assert any("No option 9" in n.message for n in app._notifications)


async def test_review_and_change(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"1" * ALL)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down", "enter")  # highlighted starts on question 1; go to 2
        survey = app.flow.survey
        assert isinstance(app.screen, QuestionScreen) and survey is not None and survey.index == 1
        await pilot.press("4")
        assert isinstance(app.screen, ReviewScreen)
        assert saved(tmp_path).answers["etl-rating"] == 4
        await pilot.press("f")
        await pilot.pause()
    assert saved(tmp_path).status == Status.complete


async def test_review_rows_mark_in_text_and_wrap_under_their_text(
    quick: Questionnaire, tmp_path: Path
) -> None:
    from rich.console import Console

    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        # s: question 4 and its check, 5; 4 on question 10 is a long option (fixed seed)
        await pilot.press(*"111s", *"1111", "4", *"1111")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("down", "down", "down")  # to question 4
        await pilot.pause()
        console = Console(width=70, record=True, file=io.StringIO())
        rows = []
        for option in screen.query_one("#review-list", OptionList).options:
            if option.id:
                console.print(option.prompt)
                rows.append(console.export_text(clear=True).rstrip("\n").split("\n"))
        assert [row[0][:9] for row in rows[:6]] == [
            "  [x]  1.",
            "  [x]  2.",
            "  [x]  3.",
            "› [-]  4.",
            "  [-]  5.",
            "  [x]  6.",
        ]
        assert "skipped with its self-rating" in " ".join(" ".join(rows[4]).split())
        long = next(row for row in rows if len(row) > 1)
        assert all(line.startswith(" " * 9) and line.strip() for line in long[1:])


async def test_finishing_with_unanswered_asks_first(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "r")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert saved(tmp_path).status == Status.in_progress


async def test_resume_at_first_unanswered(quick: Questionnaire, tmp_path: Path) -> None:
    existing(quick, tmp_path, {"sql-rating": 1, "etl-rating": "skip", "statistics-rating": 3})
    app = app_for(quick, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Ada Lovelace", "enter")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("r")
        await pilot.pause()
        survey = app.flow.survey
        assert isinstance(app.screen, QuestionScreen) and survey is not None and survey.index == 3
        await pilot.press("2")
    answers = saved(tmp_path).answers
    assert answers == {
        "sql-rating": 1,
        "etl-rating": "skip",
        "statistics-rating": 3,
        "ml-modelling-rating": 2,
    }


async def test_complete_file_offers_results_or_start_over(
    quick: Questionnaire, tmp_path: Path
) -> None:
    path = existing(quick, tmp_path, {"sql-rating": 4}, Status.complete)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    backups = list(path.parent.glob("ada-lovelace.json.*.bak"))
    assert len(backups) == 1 and json.loads(backups[0].read_text())["answers"] == {"sql-rating": 4}
    assert saved(tmp_path).answers == {}


async def test_dialog_choices_show_their_keys_and_focus_in_text(
    quick: Questionnaire, tmp_path: Path
) -> None:
    """The keys were once swallowed as markup ("[v]") and the choice Enter would take
    showed only by colour; three choices also overflowed a 70-column dialog."""
    existing(quick, tmp_path, {"sql-rating": 4}, Status.complete)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)

        def labels() -> list[str]:
            return [str(button.label) for button in dialog.query(Button)]

        assert labels() == [
            "› [v] View results",
            "  [e] Edit answers",
            "  [t] Retake (keep these answers in your history)",
            "  [n] Start over (keep a backup)",
            "  [q] Quit",
        ]
        assert all(
            button.region.right <= dialog.query_one("#dialog").region.right
            for button in dialog.query(Button)
        )
        await pilot.press("down", "down")
        assert [label[0] for label in labels()] == [" ", " ", "›", " ", " "]
        await pilot.press("down", "down", "down")  # wraps round
        assert labels()[0].startswith("›")
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)  # started over


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps(
            {"questionnaire_id": "other", "questionnaire_version": "9", "respondent": {"name": "A"}}
        ),
    ],
)
async def test_foreign_or_corrupt_file_is_not_overwritten(
    quick: Questionnaire, tmp_path: Path, content: str
) -> None:
    path = tmp_path / "responses" / "ada-lovelace.json"
    path.parent.mkdir(parents=True)
    path.write_text(content)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        message = str(app.screen.query_one("#dialog-message").render())
        assert "will not be overwritten" in message
        await pilot.press("q")
        await pilot.pause()
    assert path.read_text() == content
    assert "unchanged" in app.exit_message


async def test_quit_saves_and_reports(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2", "q")
        await pilot.pause()
    assert not app.is_running
    path = tmp_path / "responses" / "ada-lovelace.json"
    assert app.exit_message == (
        f"Saved to {path}: 2 answered, 0 skipped, {ALL - 2} not answered (in progress). "
        "Run the same command again to resume."
    )
    assert "resume" in app.exit_message  # (the path once read "None" after a fast start)
    assert saved(tmp_path).answers == {"sql-rating": 1, "etl-rating": 2}


async def test_results_name_the_file_the_answers_are_in(
    quick: Questionnaire, tmp_path: Path
) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"1" * ALL, "f")
        await pilot.pause()
        saved_line = str(app.screen.query_one("#results-saved", Static).content)
        assert f"Answers saved to {tmp_path / 'responses' / 'ada-lovelace.json'}" in saved_line


async def test_ctrl_c_saves_and_exits(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "ctrl+c")
        await pilot.pause()
    assert not app.is_running and saved(tmp_path).answers == {"sql-rating": 3}


async def test_welcome_requires_a_name(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert "Please type your name" in str(app.screen.query_one("#welcome-error").render())
        assert not (tmp_path / "responses").exists()


async def test_name_cannot_escape_the_responses_folder(
    quick: Questionnaire, tmp_path: Path
) -> None:
    app = app_for(quick, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"../../evil", "enter", "1")
    files = list((tmp_path / "responses").iterdir())
    # (not kept whole: "evil" plus a hash of the name, so no other name shares the file)
    assert [f.name for f in files] == [f"{person_stem('../../evil')}.json"]
    assert files[0].name.startswith("evil--")
    assert not (tmp_path.parent / "evil.json").exists()


async def test_results_key_writes_the_html_report(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"12341234123412", "f")
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
    report = tmp_path / "reports" / "ada-lovelace.html"
    assert report.is_file() and "Skills report: Ada Lovelace" in report.read_text()


async def test_welcome_target_role_can_be_chosen(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Ada Lovelace", "tab", *"Platform", "tab", "space")
        await pilot.pause()
        await pilot.press("down", "enter")  # first role in the open list: Business Analyst
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    who = saved(tmp_path).respondent
    assert (who.team, who.target_role) == ("Platform", "business-analyst")


async def test_first_question_from_the_brief_loads_the_models_once(
    quick: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast start: question 1 drawn from the brief; keys typed before the models
    load start the survey on the spot, in order; the file is created after first paint."""
    from assess.brief import brief_of
    from assess.tui import app as app_module

    monkeypatch.setattr(app_module, "MODELS_AFTER_SECONDS", 30.0)  # keys come first

    loads: list[int] = []

    def load() -> Questionnaire:
        loads.append(1)
        return quick

    app = make_app(
        brief=brief_of(quick),
        load=load,
        name="Ada Lovelace",
        responses_dir=tmp_path / "responses",
        handle_signals=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, QuestionScreen)
        assert f"1 / {ALL}" in str(app.screen.query_one("#progress-label").render())
        assert loads == [] and not (tmp_path / "responses").exists()  # not yet
        await pilot.press("down", "3", "s")
        assert loads == [1]
        assert saved(tmp_path).answers == {quick.questions[0].id: 3, quick.questions[1].id: "skip"}
        await pilot.press("4")
        assert loads == [1] and len(saved(tmp_path).answers) == 3


async def test_welcome_loads_the_models_while_waiting(quick: Questionnaire, tmp_path: Path) -> None:
    from assess.brief import brief_of

    loads: list[int] = []
    app = make_app(
        brief=brief_of(quick),
        load=lambda: loads.append(1) or quick,  # type: ignore[func-returns-value]
        responses_dir=tmp_path / "responses",
        handle_signals=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):  # (a slow machine may take a while to fire the timer)
            if loads:
                break
            await pilot.pause(0.1)
        assert loads == [1]  # loaded while the name is typed
        await pilot.press(*"Ada Lovelace", "enter", "2")
        assert saved(tmp_path).answers == {quick.questions[0].id: 2}
        assert loads == [1]


async def test_questionnaire_edited_after_the_brief_shows_as_loaded(
    quick: Questionnaire, tmp_path: Path
) -> None:
    from assess.brief import brief_of

    first = quick.questions[0].model_copy(update={"text": "Edited question text?"})
    edited = quick.model_copy(update={"questions": [first, *quick.questions[1:]]})
    app = make_app(
        brief=brief_of(quick),
        load=lambda: edited,
        name="Ada Lovelace",
        responses_dir=tmp_path / "responses",
        handle_signals=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            if app.flow.survey is not None:
                break
            await pilot.pause(0.1)
        await pilot.pause()
        assert "Edited question text?" in str(app.screen.query_one("#question-text").render())


async def test_unwritable_output_stops_before_the_first_answer(
    quick: Questionnaire, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    app = app_for(quick, tmp_path, name="Ada Lovelace", out=tmp_path / "a-file" / "ada.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
    assert app.return_code == 2
    assert app.exit_message.startswith("error: cannot write") and "a-file" in app.exit_message


async def test_a_failed_save_is_shown_and_the_next_one_writes_everything(
    quick: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assess.storage

    real_save = assess.storage.save_response
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")

        def disk_full(path: Path, response: Response) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(assess.storage, "save_response", disk_full)
        await pilot.press("2")
        assert app.flow.save_error is not None and "No space left" in app.flow.save_error
        assert len(saved(tmp_path).answers) == 1  # the file still holds the earlier state
        assert isinstance(app.screen, QuestionScreen)  # the survey goes on
        monkeypatch.setattr(assess.storage, "save_response", real_save)
        await pilot.press("3")
        assert app.flow.save_error is None
        assert len(saved(tmp_path).answers) == 3  # the next save wrote everything


async def test_quit_while_saving_fails_says_so(
    quick: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assess.storage

    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")

        def read_only(path: Path, response: Response) -> None:
            raise OSError(30, "Read-only file system")

        monkeypatch.setattr(assess.storage, "save_response", read_only)
        await pilot.press("2", "q")
        await pilot.pause()
    assert app.return_code == 1
    assert "NOT saved" in app.exit_message and "Read-only" in app.exit_message


async def test_names_that_look_like_markup_are_shown_as_written(tmp_path: Path) -> None:
    """Questionnaire texts and people's names are data: "[/]" once raised MarkupError."""
    from assess.loading import load_questionnaire
    from tests.conftest import FIXTURES

    text = (FIXTURES / "tiny.yaml").read_text()
    for plain, odd in [
        ("Area X", "Area [b]X"),
        ("Skill A", "Skill [/] A"),
        ("Role One", "Role [/]"),
    ]:
        text = text.replace(f"name: {plain}", f"name: '{odd}'")
    (tmp_path / "odd.yaml").write_text(text)
    odd = load_questionnaire(tmp_path / "odd.yaml")
    app = app_for(odd, tmp_path, name="Ada [/] Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Area [b]X" in shown and "Skill [/] A" in shown
        await pilot.press(*"111111")  # tiny has six questions
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Skill [/] A" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("f")
        await pilot.pause()
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Role [/]" in shown and "Ada [/] Lovelace" in shown


async def test_the_footer_offers_skip_on_self_ratings_only(
    quick: Questionnaire, tmp_path: Path
) -> None:
    """A check cannot be skipped: its footer once still said "s Skip (n/a)"."""
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.view.kind == "rating"
        shown = {b.binding.action for b in screen.active_bindings.values() if b.enabled}
        assert "skip" in shown
        while screen.view.kind == "rating":  # on to the first knowledge check
            await pilot.press("3")
            await pilot.pause()
        shown = {
            b.binding.action
            for b in screen.active_bindings.values()
            if b.enabled and b.binding.show
        }
        assert "skip" not in shown
        await pilot.press("s")  # says to press 0; nothing recorded
        await pilot.pause()
        assert screen.view.current is None
        assert any("press 0" in str(n.message) for n in app._notifications)
