"""Scoring against hand-computed numbers on tests/fixtures/tiny.yaml.

tiny: skill a has a rating (weight 1) and a check (weight 2: wrong 0, right 4, partly 1);
b and c have one rating each. r1 needs a L3 I5 and b L2 I2 (sum I*L = 19);
r2 needs c L4 I1 and a L1 I1 (sum I*L = 5).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from assess.model.questionnaire import Questionnaire
from assess.model.response import DONT_KNOW, SKIP
from assess.scoring import AnswerMismatch, ScoringPlan, score_responses
from tests.conftest import make_response

WRONG, RIGHT, PARTLY = 0, 1, 2


def _result(q: Questionnaire, **answers: object):  # type: ignore[no-untyped-def]
    answers = {k.replace("_", "-"): v for k, v in answers.items()}
    return score_responses(q, [make_response(q, answers)])[0]  # type: ignore[arg-type]


def _fit(result, role: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fit = next(r for r in result.roles if r.role == role)
    return fit.fit, fit.coverage


def test_mixed_answers_with_weights_and_a_skip(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=3, a_check=RIGHT, b_rate=1, c_rate=SKIP)
    # P_a = (1*3 + 2*4) / 3 = 11/3; P_b = 1; c not assessed
    assert result.skills == {"a": pytest.approx(3.667, abs=1e-3), "b": 1.0, "c": None}
    # r1: shortfall = 5*0 + 2*(2-1) = 2 of 19
    assert _fit(result, "r1") == (pytest.approx(100 * (1 - 2 / 19), abs=0.01), 1.0)
    # r2: c counts as 0: shortfall 1*4 of 5; coverage = a's 1*1 of 5
    assert _fit(result, "r2") == (pytest.approx(20.0), pytest.approx(0.2))
    assert [r.role for r in result.roles] == ["r1", "r2"] and result.best_role == "r1"
    (gap,) = next(r for r in result.roles if r.role == "r1").gaps
    assert (gap.skill, gap.current, gap.required, gap.weighted_gap) == ("b", 1.0, 2, 2.0)
    assert (gap.next_level, gap.next_level_name, gap.next_descriptor) == (2, "working", "b2")
    (unassessed,) = next(r for r in result.roles if r.role == "r2").gaps
    assert unassessed.current is None and unassessed.next_level == 1
    assert (result.answered, result.skipped, result.unanswered) == (3, 1, 0)


def test_all_zero(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=0, a_check=WRONG, b_rate=0, c_rate=0)
    assert result.skills == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert [(r.fit, r.coverage) for r in result.roles] == [(0.0, 1.0), (0.0, 1.0)]
    gaps = result.roles[0].gaps
    assert [g.skill for g in gaps] == ["a", "b"]  # 5*3 = 15 before 2*2 = 4


def test_all_four(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=4, a_check=RIGHT, b_rate=4, c_rate=4)
    assert [(r.fit, r.coverage) for r in result.roles] == [(100.0, 1.0), (100.0, 1.0)]
    assert all(not r.gaps for r in result.roles)
    assert {s.skill for s in result.roles[0].strengths} == {"a", "b"}


def test_nothing_answered_is_not_assessed_not_zero_proficiency(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=SKIP, a_check=SKIP, b_rate=SKIP)
    assert result.skills == {"a": None, "b": None, "c": None}
    assert [(r.fit, r.coverage) for r in result.roles] == [(0.0, 0.0), (0.0, 0.0)]
    assert (result.answered, result.skipped, result.unanswered) == (0, 3, 1)
    assert result.calibration == []


def test_skip_is_missing_but_dont_know_scores_zero(tiny: Questionnaire) -> None:
    skipped = _result(tiny, a_rate=4, a_check=SKIP)
    dont_know = _result(tiny, a_rate=4, a_check=DONT_KNOW)
    assert skipped.skills["a"] == 4.0
    assert dont_know.skills["a"] == pytest.approx(4 / 3, abs=1e-3)  # (4 + 2*0) / 3


def test_partial_credit_and_ties_keep_file_order(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=1, a_check=PARTLY, b_rate=SKIP, c_rate=SKIP)
    assert result.skills["a"] == 1.0
    # r1: (5*2 + 2*2) / 19 short; r2: (1*4 + 0) / 5 short
    assert _fit(result, "r1")[0] == pytest.approx(100 * (1 - 14 / 19), abs=0.01)
    assert _fit(result, "r2")[0] == pytest.approx(20.0)
    tie = _result(tiny, a_rate=SKIP, a_check=SKIP, b_rate=SKIP, c_rate=SKIP)
    assert [r.role for r in tie.roles] == ["r1", "r2"]


def test_calibration_flags(tiny: Questionnaire) -> None:
    over = _result(tiny, a_rate=4, a_check=WRONG).calibration
    assert [(c.skill, c.self_rating, c.checks, c.delta, c.flag) for c in over] == [
        ("a", 4.0, 0.0, 4.0, "over")
    ]
    under = _result(tiny, a_rate=1, a_check=RIGHT).calibration
    assert [(c.delta, c.flag) for c in under] == [(-3.0, "under")]
    fine = _result(tiny, a_rate=3, a_check=RIGHT).calibration
    assert [(c.delta, c.flag) for c in fine] == [(-1.0, None)]
    edge = _result(tiny, a_rate=2, a_check=PARTLY).calibration  # 2 - 1 = 1 < 1.5
    assert edge[0].flag is None


def test_bad_answers_are_all_reported(tiny: Questionnaire) -> None:
    plan = ScoringPlan.from_questionnaire(tiny)
    with pytest.raises(AnswerMismatch) as caught:
        plan.encode({"a-rate": 5, "a-chek": 1, "b-rate": DONT_KNOW, "a-check": 3})
    reasons = caught.value.reasons
    assert len(reasons) == 4
    assert any("did you mean 'a-check'" in r for r in reasons)
    assert any("'dont_know' only answers knowledge checks" in r for r in reasons)


def test_wrong_questionnaire_version_is_refused(tiny: Questionnaire) -> None:
    response = make_response(tiny, {}).model_copy(update={"questionnaire_version": "2"})
    with pytest.raises(AnswerMismatch, match="version 2"):
        score_responses(tiny, [response])


def test_vectorised_scores_match_per_respondent_results(ml_team: Questionnaire) -> None:
    from assess.scoring import score

    plan = ScoringPlan.from_questionnaire(ml_team)
    rng = np.random.default_rng(7)
    codes = np.array(
        [
            [
                rng.integers(0, plan.option_count[i] + 1)
                if rng.random() > 0.2
                else plan.missing_code
                for i in range(len(plan.question_ids))
            ]
            for _ in range(30)
        ],
        dtype=np.int16,
    )
    codes[codes == plan.option_count] = plan.missing_code
    scores = score(plan, codes)
    assert scores.fit.shape == (30, len(ml_team.roles))
    for row in range(30):
        answers = {
            qid: int(c)
            for qid, c in zip(plan.question_ids, codes[row], strict=True)
            if c != plan.missing_code
        }
        one = score_responses(ml_team, [make_response(ml_team, answers)])[0]
        for fit in one.roles:
            k = plan.role_ids.index(fit.role)
            assert fit.fit == pytest.approx(scores.fit[row, k], abs=0.006)
        for s, sid in enumerate(plan.skill_ids):
            value = one.skills[sid]
            assert (value is None) == math.isnan(scores.proficiency[row, s])
