"""One way to show a question: the brief the first screen is drawn from (read from the
questionnaire cache, before pydantic) and the survey flow (from the models) must show
every question of every built-in questionnaire the same, shuffled options included."""

from __future__ import annotations

import pytest

from assess.answers import DONT_KNOW, option_order
from assess.brief import brief_of
from assess.loading import builtin_dir, load_questionnaire
from assess.model.response import Respondent, Response
from assess.questionnaire_cache import read_brief
from assess.survey.flow import Survey
from tests.conftest import STAMP

BUILT_IN = sorted(p.name for p in builtin_dir().glob("*.yaml"))
SEEDS = [None, 0, 1, 20261102, 2**32 - 1]


@pytest.mark.parametrize("name", BUILT_IN)
@pytest.mark.parametrize("seed", SEEDS)
def test_brief_and_survey_show_every_question_alike(name: str, seed: int | None) -> None:
    path = builtin_dir() / name
    q = load_questionnaire(path)  # (writes the cache entry the brief is read from)
    brief = read_brief(path)
    assert brief is not None, "no current cache entry"
    response = Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=Respondent(name="Ada"),
        option_seed=seed,
        started_at=STAMP,
        updated_at=STAMP,
    )
    survey = Survey(q, response, save=lambda _: None)
    assert brief.total == survey.total == len(q.questions)
    for index in range(survey.total):
        assert brief.view(index, seed) == survey.view(index), q.questions[index].id


@pytest.mark.parametrize("name", BUILT_IN)
def test_check_options_follow_the_response_order(name: str) -> None:
    """Digits pick by position shown; the stored value is the authored index; "I don't
    know" is 0 and last."""
    q = load_questionnaire(builtin_dir() / name)
    brief = brief_of(q)
    for index, question in enumerate(q.questions):
        if question.kind != "choice":
            continue
        shown = brief.view(index, 7).choices
        order = option_order(7, question.id, len(question.options))
        assert [c.key for c in shown] == [*(str(i) for i in range(1, len(order) + 1)), "0"]
        assert [c.value for c in shown] == [*order, DONT_KNOW]
        assert [c.label for c in shown[:-1]] == [question.options[i].text for i in order]
        assert shown[-1].label == "I don't know"


def test_seeds_shuffle() -> None:
    """Not every seed shows the authored order (the shuffle is real)."""
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    checks = [x for x in q.questions if x.kind == "choice"]
    moved = sum(
        option_order(seed, x.id, len(x.options)) != list(range(len(x.options)))
        for seed in range(5)
        for x in checks
    )
    assert moved > len(checks) * 5 * 0.8
