"""Scoring against hand-computed numbers on tests/fixtures/tiny.yaml.

tiny: skill a has a rating (weight 1) and a check (weight 2; one right option); b, c, d
and e have one rating each. r1 needs a L3 I5 and b L2 I2 (sum I*L = 19); r2 needs c L4 I1
and a L1 I1 (sum I*L = 5); d and e are only typical levels (r1 = (3, 2, 0, 2, 0),
r2 = (1, 1, 4, 0, 3) over a..e). Proficiency of a = min(R, (R + C) / 2) with C = 4 if the
check is right, else 0. A match needs all five skills assessed (at least 5).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from assess.loading import parse_response
from assess.model.questionnaire import Questionnaire, RatingQuestion
from assess.model.response import DONT_KNOW, SKIP
from assess.scoring import AnswerMismatch, ScoringPlan, score_responses
from tests.conftest import make_response

WRONG, RIGHT, ALSO_WRONG = 0, 1, 2


def _result(q: Questionnaire, **answers: object):  # type: ignore[no-untyped-def]
    answers = {k.replace("_", "-"): v for k, v in answers.items()}
    return score_responses(q, [make_response(q, answers)])[0]  # type: ignore[arg-type]


def _role(result, role: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fit = next(r for r in result.roles if r.role == role)
    return fit.readiness, fit.coverage


def test_mixed_answers_with_weights_and_a_skip(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=3, a_check=RIGHT, b_rate=1, c_rate=SKIP)
    # P_a = min(3, (3 + 4) / 2) = 3: a right check confirms the rating, never raises it
    assert result.skills == {"a": 3.0, "b": 1.0, "c": None, "d": None, "e": None}
    # r1: shortfall = 5*0 + 2*(2-1) = 2 of 19
    assert _role(result, "r1") == (pytest.approx(100 * (1 - 2 / 19), abs=0.01), 1.0)
    # r2: c counts as 0: shortfall 1*4 of 5; coverage = a's 1*1 of 5
    assert _role(result, "r2") == (pytest.approx(20.0), pytest.approx(0.2))
    assert [r.role for r in result.roles] == ["r1", "r2"]  # by readiness: no match here
    assert result.best_role is None and "only 2 skill(s) assessed" in str(result.no_match_reason)
    assert all(r.match is None for r in result.roles)
    (gap,) = next(r for r in result.roles if r.role == "r1").gaps
    assert (gap.skill, gap.current, gap.required, gap.weighted_gap) == ("b", 1.0, 2, 2.0)
    assert (gap.next_level, gap.next_level_name, gap.next_descriptor) == (2, "working", "b2")
    (strength,) = next(r for r in result.roles if r.role == "r1").strengths
    assert (strength.skill, strength.current) == ("a", 3.0)
    (unassessed,) = next(r for r in result.roles if r.role == "r2").gaps
    assert unassessed.current is None and unassessed.next_level == 1
    assert (result.answered, result.skipped, result.unanswered) == (3, 1, 2)
    assert result.self_rated_only == ["b"]  # a has a check; c is not assessed


def test_a_wrong_check_pulls_the_rating_halfway_down(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=3, a_check=WRONG, b_rate=2, c_rate=2)
    assert result.skills["a"] == 1.5  # min(3, (3 + 0) / 2)
    # r1: 5*(3-1.5) + 0 = 7.5 of 19
    assert _role(result, "r1")[0] == pytest.approx(100 * (1 - 7.5 / 19), abs=0.01)


def test_all_zero(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=0, a_check=RIGHT, b_rate=0, c_rate=0)
    assert result.skills["a"] == 0.0  # a right answer never raises a rating of 0
    assert [(r.readiness, r.coverage) for r in result.roles] == [(0.0, 1.0), (0.0, 1.0)]
    gaps = result.roles[0].gaps
    assert [g.skill for g in gaps] == ["a", "b"]  # 5*3 = 15 before 2*2 = 4


def test_all_four_is_reachable(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=4, a_check=RIGHT, b_rate=4, c_rate=4)
    assert [(r.readiness, r.coverage) for r in result.roles] == [(100.0, 1.0), (100.0, 1.0)]
    assert all(not r.gaps for r in result.roles)
    assert {s.skill for s in result.roles[0].strengths} == {"a", "b"}


def test_nothing_answered_is_not_assessed_not_zero_proficiency(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=SKIP, a_check=SKIP, b_rate=SKIP)
    assert set(result.skills.values()) == {None}
    assert [(r.readiness, r.coverage) for r in result.roles] == [(0.0, 0.0), (0.0, 0.0)]
    assert (result.answered, result.skipped, result.unanswered) == (0, 3, 3)  # a, a-check, b
    assert result.calibration == []
    assert result.best_role is None and result.no_match_reason


def test_skipping_a_rating_skips_its_checks(tiny: Questionnaire) -> None:
    result = _result(tiny, a_rate=SKIP, a_check=RIGHT, b_rate=2)
    assert result.skills["a"] is None


@pytest.mark.parametrize("rating", [0, 1, 2, 3, 4])
def test_a_skipped_check_never_beats_i_dont_know(tiny: Questionnaire, rating: int) -> None:
    skipped = _result(tiny, a_rate=rating, a_check=SKIP)
    dont_know = _result(tiny, a_rate=rating, a_check=DONT_KNOW)
    wrong = _result(tiny, a_rate=rating, a_check=WRONG)
    assert skipped.skills["a"] == dont_know.skills["a"] == wrong.skills["a"] == rating / 2
    assert [c.checks for c in skipped.calibration] == [0.0]
    assert "a" not in skipped.self_rated_only


def test_a_check_never_answered_is_no_evidence(tiny: Questionnaire) -> None:
    """Not answered (not reached yet, or a form that did not ask it) is neither right nor
    wrong: the skill rests on the self-rating alone, and says so."""
    unanswered = _result(tiny, a_rate=3, b_rate=1)
    assert unanswered.skills["a"] == 3.0
    assert unanswered.self_rated_only == ["a", "b"]
    assert unanswered.calibration == []


def test_match_by_hand(tiny: Questionnaire) -> None:
    """P = (4, 2, 0, 2, 0): deviations from its mean 1.6 against r1's from 1.4 give
    r = 8.8 / sqrt(11.2 * 7.2) = 0.9806; r2's are opposite in sign."""
    result = _result(tiny, a_rate=4, a_check=RIGHT, b_rate=2, c_rate=0, d_rate=2, e_rate=0)
    assert result.best_role == "r1" and result.no_match_reason is None
    r1, r2 = result.roles
    assert r1.match == pytest.approx(98.0, abs=0.05)
    assert r2.match is not None and r2.match < 0
    flat = _result(tiny, a_rate=2, a_check=RIGHT, b_rate=2, c_rate=2, d_rate=2, e_rate=3)
    assert flat.best_role == "r2"  # one level of range is enough: e is r2's
    too_flat = _result(tiny, a_rate=3, a_check=WRONG, b_rate=1, c_rate=1, d_rate=1, e_rate=1)
    assert too_flat.best_role is None and "hardly differ" in str(too_flat.no_match_reason)


def test_ties_keep_file_order(tiny: Questionnaire) -> None:
    tie = _result(tiny, a_rate=SKIP, a_check=SKIP, b_rate=SKIP, c_rate=SKIP)
    assert [r.role for r in tie.roles] == ["r1", "r2"]


def _two_checks(tiny: Questionnaire) -> Questionnaire:
    """tiny with a second check on a (a copy of a-check): calibration needs two."""
    check = tiny.question("a-check")
    at = tiny.questions.index(check) + 1
    second = check.model_copy(update={"id": "a-check-2"})
    return tiny.model_copy(
        update={"questions": [*tiny.questions[:at], second, *tiny.questions[at:]]}
    )


def test_calibration_flags(tiny: Questionnaire) -> None:
    q = _two_checks(tiny)

    def cal(**answers: object):  # type: ignore[no-untyped-def]
        return _result(q, **answers).calibration

    over = cal(a_rate=4, a_check=WRONG, a_check_2=DONT_KNOW)
    assert [(c.skill, c.self_rating, c.checks, c.delta, c.flag) for c in over] == [
        ("a", 4.0, 0.0, 4.0, "over")
    ]
    assert over[0].checks_answered == 2
    under = cal(a_rate=1, a_check=RIGHT, a_check_2=RIGHT)
    assert [(c.delta, c.flag) for c in under] == [(-3.0, "under")]
    fine = cal(a_rate=4, a_check=RIGHT, a_check_2=RIGHT)
    assert [(c.delta, c.flag) for c in fine] == [(0.0, None)]
    edge = cal(a_rate=1, a_check=WRONG, a_check_2=WRONG)  # 1 - 0 = 1 < 1.5
    assert edge[0].flag is None


def test_one_check_is_too_little_to_flag(tiny: Questionnaire) -> None:
    """A slip or a lucky guess on a single item calls nobody over- or under-confident;
    the comparison is still shown, with what it rests on."""
    (cal,) = _result(tiny, a_rate=4, a_check=WRONG).calibration
    assert (cal.delta, cal.checks_answered, cal.flag) == (4.0, 1, None)


def test_calibration_threshold_survives_float_error(tiny: Questionnaire) -> None:
    """Two ratings weighted 0.1 and 0.3 average (0*0.1 + 2*0.3) / 0.4, which in floats is
    1.4999999999999998, not 1.5: still flagged."""
    q = _two_checks(tiny)
    rate = q.questions[0]
    assert isinstance(rate, RatingQuestion)
    q = q.model_copy(
        update={
            "questions": [
                rate.model_copy(update={"weight": 0.1}),
                rate.model_copy(update={"id": "a-rate-2", "weight": 0.3}),
                *q.questions[1:],
            ]
        }
    )
    answers = {"a-rate": 0, "a-rate-2": 2, "a-check": 0, "a-check-2": 0}
    (result,) = score_responses(q, [make_response(q, answers)])
    (cal,) = result.calibration
    assert cal.delta == 1.5 and cal.flag == "over"


def test_gaps_use_unrounded_proficiency(ml_team: Questionnaire) -> None:
    """Two checks on sql, one right: C = 2; rating 4 -> P = min(4, 3) = 3; a third of a
    level more or less must not reorder gaps by the printed rounding."""
    from assess.scoring.engine import score

    plan = ScoringPlan.from_questionnaire(ml_team)
    codes = np.full((1, len(plan.question_ids)), plan.missing_code, dtype=np.int16)
    scores = score(plan, codes)
    assert np.isnan(scores.proficiency).all()
    # a gap's weighted_gap is importance x (required - exact P), rounded only for display
    answers = {q.id: 3 for q in ml_team.questions if q.kind == "rating"}
    result = score_responses(ml_team, [make_response(ml_team, answers)])[0]
    for role in result.roles:
        for gap in role.gaps:
            exact = gap.importance * (gap.required - (gap.current or 0.0))
            assert gap.weighted_gap == pytest.approx(exact, abs=1e-3)


def test_bad_answers_are_all_reported(tiny: Questionnaire) -> None:
    plan = ScoringPlan.from_questionnaire(tiny)
    with pytest.raises(AnswerMismatch) as caught:
        plan.encode({"a-rate": 5, "a-chek": 1, "b-rate": DONT_KNOW, "a-check": 3})
    reasons = caught.value.reasons
    assert len(reasons) == 4
    assert any("did you mean 'a-check'" in r for r in reasons)
    assert any("'dont_know' only answers knowledge checks" in r for r in reasons)


def test_a_json_boolean_is_not_a_rating(tiny: Questionnaire) -> None:
    text = (
        '{"questionnaire_id": "tiny", "questionnaire_version": "1", "respondent": '
        '{"name": "A"}, "answers": {"a-rate": true}, "started_at": "2026-01-01T00:00:00Z", '
        '"updated_at": "2026-01-01T00:00:00Z"}'
    )
    from assess.errors import ResponseError

    with pytest.raises(ResponseError, match="true is not an answer"):
        parse_response(text)


def test_started_at_is_required() -> None:
    from assess.errors import ResponseError

    text = (
        '{"questionnaire_id": "tiny", "questionnaire_version": "1", "respondent": '
        '{"name": "A"}, "answers": {}, "updated_at": "2026-01-01T00:00:00Z"}'
    )
    with pytest.raises(ResponseError, match="started_at"):
        parse_response(text)


def test_unknown_target_role_is_refused_with_a_suggestion(tiny: Questionnaire) -> None:
    plan = ScoringPlan.from_questionnaire(tiny)
    response = make_response(tiny, {}, target_role="r3")
    reasons = plan.check_identity(response)
    assert reasons and "unknown target role 'r3'" in reasons[0] and "r1" in reasons[0]
    with pytest.raises(AnswerMismatch, match="target role"):
        score_responses(tiny, [response])


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
    assert scores.readiness.shape == (30, len(ml_team.roles))
    for row in range(30):
        answers = {
            qid: int(c)
            for qid, c in zip(plan.question_ids, codes[row], strict=True)
            if c != plan.missing_code
        }
        one = score_responses(ml_team, [make_response(ml_team, answers)])[0]
        for fit in one.roles:
            k = plan.role_ids.index(fit.role)
            assert fit.readiness == pytest.approx(scores.readiness[row, k], abs=0.006)
            if fit.match is None:
                assert math.isnan(scores.match[row, k])
            else:
                assert fit.match == pytest.approx(scores.match[row, k], abs=0.06)
        for s, sid in enumerate(plan.skill_ids):
            value = one.skills[sid]
            assert (value is None) == math.isnan(scores.proficiency[row, s])
