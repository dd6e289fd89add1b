"""Hypothesis properties of the scoring engine on the built-in questionnaire."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import ChoiceQuestion
from assess.scoring import ScoringPlan, score

PLAN = ScoringPlan.from_questionnaire(load_questionnaire(builtin_dir() / "ml-team.yaml"))
Q = len(PLAN.question_ids)


@st.composite
def answer_rows(draw: st.DrawFn, max_rows: int = 8) -> np.ndarray:
    n = draw(st.integers(1, max_rows))
    rows = []
    for _ in range(n):
        row = []
        for q in range(Q):
            choices = [*range(int(PLAN.option_count[q])), PLAN.missing_code, PLAN.skip_code]
            if not PLAN.is_rating[q]:
                choices.append(PLAN.dont_know_code)
            row.append(draw(st.sampled_from(choices)))
        rows.append(row)
    return np.array(rows, dtype=np.int16)


@settings(max_examples=60, deadline=None)
@given(answer_rows())
def test_scores_stay_in_range(codes: np.ndarray) -> None:
    scores = score(PLAN, codes)
    assert np.all((scores.readiness >= 0) & (scores.readiness <= 100))
    match = scores.match[~np.isnan(scores.match)]
    assert np.all((match >= -100) & (match <= 100))
    assert np.all((scores.coverage >= 0) & (scores.coverage <= 1 + 1e-12))
    prof = scores.proficiency[~np.isnan(scores.proficiency)]
    assert np.all((prof >= 0) & (prof <= 4))


@settings(max_examples=80, deadline=None)
@given(answer_rows(max_rows=1), st.data())
def test_raising_any_answer_never_lowers_any_readiness(
    codes: np.ndarray, data: st.DataObject
) -> None:
    values = PLAN.item_values(codes)[0]
    answered = [q for q in range(Q) if not np.isnan(values[q])]
    if not answered:
        return
    q = data.draw(st.sampled_from(answered))
    valid = list(range(int(PLAN.option_count[q])))
    if not PLAN.is_rating[q]:
        valid.append(PLAN.dont_know_code)
    higher = [c for c in valid if PLAN.value_table[q, c] > values[q]]
    if not higher:
        return
    raised = codes.copy()
    raised[0, q] = data.draw(st.sampled_from(higher))
    before, after = score(PLAN, codes), score(PLAN, raised)
    assert np.all(after.readiness >= before.readiness - 1e-9)
    assert np.all(after.coverage == before.coverage)


@settings(max_examples=40, deadline=None)
@given(answer_rows(), st.randoms(use_true_random=False))
def test_permuting_respondents_permutes_results(codes: np.ndarray, rnd) -> None:  # type: ignore[no-untyped-def]
    order = list(range(len(codes)))
    rnd.shuffle(order)
    plain, permuted = score(PLAN, codes), score(PLAN, codes[order])
    # BLAS may sum in another order for another row layout: equal to rounding error
    np.testing.assert_allclose(permuted.readiness, plain.readiness[order], rtol=0, atol=1e-9)
    np.testing.assert_allclose(permuted.match, plain.match[order], rtol=0, atol=1e-9)
    np.testing.assert_allclose(permuted.coverage, plain.coverage[order], rtol=0, atol=1e-12)
    np.testing.assert_allclose(permuted.proficiency, plain.proficiency[order], atol=1e-12)


@settings(max_examples=80, deadline=None)
@given(answer_rows())
def test_checks_never_raise_a_skill_above_its_self_rating(codes: np.ndarray) -> None:
    scores = score(PLAN, codes)
    rated = ~np.isnan(scores.self_rating)
    assert np.all(scores.proficiency[rated] <= scores.self_rating[rated] + 1e-12)
    assert np.all(
        np.isnan(scores.proficiency[~rated & PLAN_HAS_RATING[None, :].repeat(len(codes), 0)])
    )


@settings(max_examples=80, deadline=None)
@given(answer_rows())
def test_a_skipped_check_scores_exactly_as_i_dont_know(codes: np.ndarray) -> None:
    """Skipping a check can never beat answering "I don't know" (nor lose to it)."""
    is_check = ~PLAN.is_rating[None, :]
    as_dont_know = np.where(is_check & (codes == PLAN.skip_code), PLAN.dont_know_code, codes)
    as_skipped = np.where(is_check & (codes == PLAN.dont_know_code), PLAN.skip_code, codes)
    plain = score(PLAN, codes)
    for other in (as_dont_know, as_skipped):
        changed = score(PLAN, other.astype(np.int16))
        np.testing.assert_array_equal(changed.proficiency, plain.proficiency)
        np.testing.assert_array_equal(changed.readiness, plain.readiness)


PLAN_HAS_RATING = np.array(
    [bool(PLAN.is_rating[PLAN.item_skill == s].any()) for s in range(len(PLAN.skill_ids))]
)


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_a_perfect_respondent_is_ready_for_every_role(path: Path) -> None:
    """Every rating 4 and every check right: readiness 100 for every role of every built-in
    questionnaire (a requirement nobody can meet would advise hiring the impossible)."""
    q = load_questionnaire(path)
    plan = ScoringPlan.from_questionnaire(q)
    right = [
        next(i for i, o in enumerate(x.options) if o.correct)
        if isinstance(x, ChoiceQuestion)
        else 4
        for x in q.questions
    ]
    scores = score(plan, np.array([right], dtype=np.int16))
    asked = [plan.skill_ids.index(s) for s in q.asked_skill_ids]
    assert np.all(scores.proficiency[0, asked] == 4)
    required_asked = plan.required[:, asked].sum(axis=1) == plan.required.sum(axis=1)
    # every role whose requirements this questionnaire asks about is fully reachable
    assert np.all(scores.readiness[0, required_asked] == 100), scores.readiness
    # and nothing else stops it: readiness falls short only by the not-asked requirements
    not_asked = [i for i in range(len(plan.skill_ids)) if i not in asked]
    short = (plan.importance[:, not_asked] * plan.required[:, not_asked]).sum(axis=1)
    total = (plan.importance * plan.required).sum(axis=1)
    np.testing.assert_allclose(scores.readiness[0], 100 * (1 - short / total))


def test_rating_zero_and_one_key_on_every_check_earns_nothing() -> None:
    """The attack that once gave SQL 2.7: never-used ratings, the same key on every check."""
    for key in range(4):
        codes = np.array(
            [
                [
                    0 if PLAN.is_rating[q] else min(key, int(PLAN.option_count[q]) - 1)
                    for q in range(Q)
                ]
            ],
            dtype=np.int16,
        )
        scores = score(PLAN, codes)
        assert np.all(scores.proficiency == 0)
        assert np.all(scores.readiness == 0)


@settings(max_examples=40, deadline=None)
@given(answer_rows())
def test_scoring_levels_is_scoring_the_answers_that_gave_them(codes: np.ndarray) -> None:
    """A rater policy scores combined levels with ``score_levels``: the same formulas as
    answers scored, so a person's own levels give their own readiness, coverage, match."""
    from assess.scoring.engine import score_levels

    scored = score(PLAN, codes)
    again = score_levels(PLAN, scored.proficiency.copy())
    for name in ("readiness", "coverage", "match", "spread"):
        np.testing.assert_allclose(getattr(again, name), getattr(scored, name), equal_nan=True)
    assert (again.assessed == scored.assessed).all()
