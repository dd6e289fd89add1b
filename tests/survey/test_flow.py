"""The survey state machine, without any UI. The form (see conftest): ratings 0-3, the
check of ml-modelling at 4, ratings 5-8, the check of monitoring at 9, ratings 10-13."""

from __future__ import annotations

import pytest

from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.model.response import Answer, Respondent, Response
from assess.survey.flow import Survey
from tests.conftest import STAMP

MR, MC = "ml-modelling-rating", "ml-modelling-imbalance"
"""A rating (question 4) and its skill's check (question 5)."""


def survey_of(
    q: Questionnaire, answers: dict[str, Answer] | None = None, saves: list[Response] | None = None
) -> Survey:
    saves = [] if saves is None else saves
    response = Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=Respondent(name="Ada"),
        answers=answers or {},
        started_at=STAMP,
        updated_at=STAMP,
    )
    return Survey(q, response, save=saves.append)


def test_a_check_cannot_be_skipped(quick: Questionnaire) -> None:
    survey = survey_of(quick)
    survey.go_to(4)  # ml-modelling-imbalance, a check
    assert survey.skip() is False
    assert survey.response.answers == {}
    with pytest.raises(ValueError, match="cannot be skipped"):
        survey.set_answer("skip")


def test_skipping_a_rating_skips_and_hides_its_checks(quick: Questionnaire) -> None:
    survey = survey_of(quick)
    survey.go_to(3)
    assert survey.skip() is True
    assert survey.response.answers == {MR: "skip", MC: "skip"}
    assert survey.is_hidden(4)
    assert survey.advance() and survey.index == 5  # over the hidden check
    assert survey.back() and survey.index == 3
    assert survey.counts().skipped == 2


def test_a_level_after_a_skip_reopens_the_checks(quick: Questionnaire) -> None:
    survey = survey_of(quick, {MR: "skip", MC: "skip", "sql-rating": 2})
    survey.go_to(3)
    assert survey.set_answer(3) == [4]  # the check to visit next
    assert survey.response.answers == {MR: 3, "sql-rating": 2}
    assert not survey.is_hidden(4)
    assert survey.first_unanswered() == 1
    rows = survey.review_rows()
    assert (rows[4].state, rows[4].shown) == ("not answered", "not answered")


def test_a_level_after_a_level_keeps_the_checks(quick: Questionnaire) -> None:
    survey = survey_of(quick, {MR: 1, MC: 2})
    survey.go_to(3)
    assert survey.set_answer(3) == []
    assert survey.response.answers == {MR: 3, MC: 2}


def test_settle_skips_the_checks_of_a_skipped_rating(quick: Questionnaire) -> None:
    """Files written before the rule: the check of a skipped rating was left open."""
    saves: list[Response] = []
    survey = survey_of(quick, {MR: "skip", "sql-rating": 1}, saves)
    assert survey.settle() is True
    assert survey.response.answers[MC] == "skip"
    assert saves[-1] == survey.response
    assert survey.settle() is False


def test_seed_given_to_a_response_without_one(quick: Questionnaire) -> None:
    saves: list[Response] = []
    survey = survey_of(quick, {MR: 1, MC: 2}, saves)
    assert survey.response.option_seed is None
    assert survey.ensure_seed() is True
    seed = survey.response.option_seed
    assert seed is not None and saves[-1].option_seed == seed
    assert survey.response.answers == {MR: 1, MC: 2}  # still canonical
    assert survey.ensure_seed() is False and survey.response.option_seed == seed


def test_counts_match_scoring(quick: Questionnaire) -> None:
    from assess.scoring import score_responses

    survey = survey_of(quick, {MR: "skip", MC: "skip", "sql-rating": 2})
    survey.go_to(9)
    survey.set_answer("dont_know")
    result = score_responses(quick, [survey.response])[0]
    counts = survey.counts()
    assert (counts.answered, counts.skipped, counts.not_answered) == (
        result.answered,
        result.skipped,
        result.unanswered,
    )
    assert str(counts) == f"2 answered, 2 skipped, {len(quick.questions) - 4} not answered"


def test_open_checks_are_those_of_rated_skills(quick: Questionnaire) -> None:
    survey = survey_of(quick, {MR: 3, "monitoring-rating": "skip"})
    assert survey.open_checks() == [4]  # not monitoring's (its rating is skipped)
    survey.record_dont_know(survey.open_checks())
    assert survey.response.answers[MC] == "dont_know"
    assert survey_of(quick, {}).open_checks() == []  # nor those of skills not rated yet


def test_review_rows_show_the_key_as_displayed(quick: Questionnaire) -> None:
    from assess.answers import option_order

    survey = survey_of(quick)
    survey.response = survey.response.model_copy(update={"option_seed": 5})
    authored = option_order(5, MC, 4)[2]  # shown third
    survey.go_to(4)
    survey.set_answer(authored)
    row = survey.review_rows()[4]
    question = quick.question(MC)
    assert isinstance(question, ChoiceQuestion)
    text = question.options[authored].text
    assert (row.state, row.shown) == ("answered", f"3 {text}")
