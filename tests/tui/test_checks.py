"""Knowledge checks that cannot be gamed, on screen: options in the response's shuffled
order, digits by position shown, no skipping a check, a skipped rating takes its checks."""

from __future__ import annotations

from pathlib import Path

from assess.answers import option_order
from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.tui.screens.question import OptionRow, QuestionScreen
from assess.tui.screens.review import ReviewScreen
from tests.tui.helpers import SEED, SIZE, app_for, existing, saved


def _rows(screen: QuestionScreen) -> list[str]:
    return [row.plain for row in screen.query(OptionRow) if row.display]


async def test_options_in_the_response_order(quick: Questionnaire, tmp_path: Path) -> None:
    ratings = {"sql-rating": 2, "etl-rating": 2, "statistics-rating": 2, "ml-modelling-rating": 2}
    existing(quick, tmp_path, ratings)
    check = quick.question("ml-modelling-imbalance")
    assert isinstance(check, ChoiceQuestion)
    order = option_order(SEED, check.id, len(check.options))
    assert order != sorted(order)  # (this seed does shuffle this check)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")  # resume: on the check
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        rows = _rows(screen)
        for position, index in enumerate(order):
            assert rows[position].endswith(f"{position + 1} {check.options[index].text}")
        assert rows[-1].endswith("0 I don't know")
        await pilot.press("1")  # the option shown first
        assert saved(tmp_path).answers[check.id] == order[0]  # its authored index
        await pilot.press("b")
        assert "[x]" in _rows(screen)[0]  # shown where it was chosen
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.rows[4].shown == f"1 {check.options[order[0]].text}"


async def test_a_resumed_response_without_a_seed_gets_one(
    quick: Questionnaire, tmp_path: Path
) -> None:
    existing(quick, tmp_path, {"ml-modelling-rating": 2, "ml-modelling-imbalance": 1}, seed=None)
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        response = saved(tmp_path)  # saved at once, before any answer
        assert response.option_seed is not None
        assert response.answers == {"ml-modelling-rating": 2, "ml-modelling-imbalance": 1}


async def test_s_on_a_check_says_press_0_and_does_not_skip(
    quick: Questionnaire, tmp_path: Path
) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "2", "2", "3", "s")  # s on question 5, a check
        await pilot.pause()
        survey = app.flow.survey
        assert survey is not None and survey.index == 4
        assert "ml-modelling-imbalance" not in saved(tmp_path).answers
        messages = [n.message for n in app._notifications]
        assert any("cannot be skipped" in m and "press 0" in m for m in messages)
        await pilot.press("0")
        assert saved(tmp_path).answers["ml-modelling-imbalance"] == "dont_know"


async def test_a_skipped_rating_takes_its_checks_and_a_level_brings_them_back(
    quick: Questionnaire, tmp_path: Path
) -> None:
    app = app_for(quick, tmp_path, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "2", "2", "s")  # question 4 skipped: its check, 5, too
        survey = app.flow.survey
        assert survey is not None and survey.index == 5  # the check is not shown
        answers = saved(tmp_path).answers
        assert answers["ml-modelling-rating"] == answers["ml-modelling-imbalance"] == "skip"
        await pilot.press("b")
        assert survey.index == 3  # back over the hidden check
        await pilot.press("3")
        assert survey.index == 4  # the check, now open again, comes next
        assert "ml-modelling-imbalance" not in saved(tmp_path).answers
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert (review.rows[4].state, review.rows[4].shown) == ("not answered", "not answered")
        assert "0 skipped" in str(review.query_one("#review-summary").render())
