"""Hypothesis properties of the scoring engine on the built-in questionnaire."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.loading import builtin_dir, load_questionnaire
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
            choices = [*list(range(int(PLAN.option_count[q]))), PLAN.missing_code]
            if not PLAN.is_rating[q]:
                choices.append(PLAN.dont_know_code)
            row.append(draw(st.sampled_from(choices)))
        rows.append(row)
    return np.array(rows, dtype=np.int16)


@settings(max_examples=60, deadline=None)
@given(answer_rows())
def test_fit_and_coverage_stay_in_range(codes: np.ndarray) -> None:
    scores = score(PLAN, codes)
    assert np.all((scores.fit >= 0) & (scores.fit <= 100))
    assert np.all((scores.coverage >= 0) & (scores.coverage <= 1 + 1e-12))
    prof = scores.proficiency[~np.isnan(scores.proficiency)]
    assert np.all((prof >= 0) & (prof <= 4))


@settings(max_examples=80, deadline=None)
@given(answer_rows(max_rows=1), st.data())
def test_raising_any_answer_never_lowers_any_fit(codes: np.ndarray, data: st.DataObject) -> None:
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
    assert np.all(after.fit >= before.fit - 1e-9)
    assert np.all(after.coverage == before.coverage)


@settings(max_examples=40, deadline=None)
@given(answer_rows(), st.randoms(use_true_random=False))
def test_permuting_respondents_permutes_results(codes: np.ndarray, rnd) -> None:  # type: ignore[no-untyped-def]
    order = list(range(len(codes)))
    rnd.shuffle(order)
    plain, permuted = score(PLAN, codes), score(PLAN, codes[order])
    # BLAS may sum in another order for another row layout: equal to rounding error
    np.testing.assert_allclose(permuted.fit, plain.fit[order], rtol=0, atol=1e-9)
    np.testing.assert_allclose(permuted.coverage, plain.coverage[order], rtol=0, atol=1e-12)
    np.testing.assert_allclose(permuted.proficiency, plain.proficiency[order], atol=1e-12)
