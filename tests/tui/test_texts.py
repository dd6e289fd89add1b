"""What the survey says: one vocabulary for counts everywhere, the welcome text, the
command palette, and a results table that fits an 80-column terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from assess.model.questionnaire import Questionnaire
from assess.result_text import render_table
from assess.scoring import score_responses
from assess.tui.app import make_app
from assess.tui.screens.results import ResultsScreen, render_result
from assess.tui.screens.review import ReviewScreen
from tests.tui.helpers import SIZE, app_for, saved


async def test_one_vocabulary_for_counts(quick: Questionnaire, tmp_path: Path) -> None:
    """The exit message once said "Saved 52 of 52 answers" (skips counted as answers)
    where the results said "49 answered, 3 skipped", and `assess score` "not reached"."""
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "2", "2", "s", "r", "f", "f")  # 3 answers, 4 skipped with its check
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        console = Console(width=200, file=io.StringIO(), record=True)
        console.print(render_result(screen.result, quick))
        shown = console.export_text()
        await pilot.press("q")
        await pilot.pause()
    words = f"3 answered, 2 skipped, {len(quick.questions) - 5} not answered"
    assert words in " ".join(shown.split())
    assert words in app.exit_message
    console = Console(width=200, file=io.StringIO(), record=True)
    render_table(score_responses(quick, [saved(tmp_path)]), console)
    assert words in console.export_text()


async def test_welcome_names_the_areas_once(ml_team: Questionnaire, tmp_path: Path) -> None:
    app = app_for(ml_team, tmp_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        text = " ".join(
            str(app.screen.query_one(f"#{ident}").render()).lower()
            for ident in ("welcome-summary", "welcome-text")
        )
    text = " ".join(text.split())
    for area in ml_team.areas:
        assert text.count(area.name.lower()) <= 1, area.name


async def test_the_palette_offers_the_survey_actions(quick: Questionnaire, tmp_path: Path) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Review answers", "Finish and see results", "Skip this question"):
            assert title in titles
        assert "Light/dark" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Review answers")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f", "f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Write the HTML report" in titles and "Review answers" not in titles


async def test_results_table_fits_80_columns(quick: Questionnaire, tmp_path: Path) -> None:
    """The "(weak evidence)" mark wrapped the role column at 80 columns."""
    for target in [role.id for role in quick.roles]:
        app = make_app(
            quick,
            name="Ada",
            target_role=target,
            responses_dir=tmp_path / target,
            handle_signals=False,
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"4", "0", "0", "0", "3", "0", "r", "f", "f")  # little evidence
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ResultsScreen)
            width = screen.query_one("#results-body").content_region.width
            console = Console(width=width, file=io.StringIO(), record=True)
            console.print(render_result(screen.result, quick))
            lines = console.export_text().split("\n")
            header = next(i for i, line in enumerate(lines) if re.match(r"\s*#\s+role", line))
            rows = lines[header + 1 : header + 1 + len(quick.roles)]
            assert all(re.search(r"\d+%\s*$", row) for row in rows), "\n".join(rows)
            assert any(" *" in row for row in rows) and "weak evidence" in lines[header + 11]


def _calibration_text(q: Questionnaire, levels: dict[str, int], right: bool) -> str:
    from tests.person.helpers import DAY0, response

    answered = response(q, levels, DAY0, default=4)
    if not right:  # every check "I don't know": a self-rating far above the checks
        answers = dict(answered.answers)
        for question in q.questions:
            if question.kind != "rating":
                answers[question.id] = "dont_know"
        answered = answered.model_copy(update={"answers": answers})
    result = score_responses(q, [answered])[0]
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(render_result(result, q))
    text = " ".join(console.export_text().split())
    return text[text.index("Calibration") :]


def test_calibration_says_when_it_cannot_judge(
    quick: Questionnaire, ml_team: Questionnaire
) -> None:
    """The quick form asks one check per skill: one item is too little to flag anyone, so
    the results screen must not claim the self-ratings "agree with the checks"."""
    text = _calibration_text(quick, {}, right=False)
    assert "Not judged: no skill had 2 or more knowledge checks answered" in text
    assert "agree" not in text
    text = _calibration_text(ml_team, {}, right=True)  # level 4, every check right
    assert re.search(r"No flags: on the \d+ skill\(s\) with 2 or more checks answered", text)
    assert "higher than the checks" in _calibration_text(ml_team, {}, right=False)


def test_not_assessed_says_skipped_or_not_asked(quick: Questionnaire) -> None:
    """A skill asked and skipped was once told to "take the full questionnaire"."""
    from tests.person.helpers import DAY0, response

    answered = response(quick, {"sql": 1, "etl": 1}, DAY0, default=3, target="data-engineer")
    answers = {**answered.answers, "sql-rating": "skip"}
    answers = {k: v for k, v in answers.items() if not (k.startswith("sql-") and k != "sql-rating")}
    result = score_responses(quick, [answered.model_copy(update={"answers": answers})])[0]
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(render_result(result, quick))
    text = " ".join(console.export_text().split())
    assert "SQL and relational databases (skipped or not answered" in text
    assert re.search(r"Data cleaning and transformation[^;]*\(not asked by quick\)", text)
