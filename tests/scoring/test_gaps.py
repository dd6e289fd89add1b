"""One gap formula (``scoring.gaps``): the personal results and the team's gap table agree."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import Questionnaire
from assess.scoring import score
from assess.scoring.gaps import role_gaps
from assess.scoring.results import role_fits
from tests.gaps_reference import gaps_table
from tests.scoring.test_properties import PLAN, answer_rows

Q = load_questionnaire(builtin_dir() / "ml-team.yaml")


def personal_gaps(q: Questionnaire, scores: object, n: int) -> set[tuple[str, str, str, float]]:
    out = set()
    for row in range(n):
        for fit in role_fits(q, scores, row):  # type: ignore[arg-type]
            for gap in fit.gaps:
                out.add((f"P{row}", fit.role, gap.skill, gap.weighted_gap))
    return out


def team_gaps(scores: object, n: int, roles: list[str]) -> set[tuple[str, str, str, float]]:
    table = gaps_table(scores, [f"P{i}" for i in range(n)], roles)  # type: ignore[arg-type]
    return {
        (p, r, s, float(w))
        for p, r, s, w in zip(
            table["person"], table["role"], table["skill"], table["weighted_gap"], strict=True
        )
    }


@settings(max_examples=40, deadline=None)
@given(answer_rows(max_rows=6))
def test_personal_and_team_gaps_agree_on_random_responses(codes: np.ndarray) -> None:
    scores = score(PLAN, codes)
    n = codes.shape[0]
    assert personal_gaps(Q, scores, n) == team_gaps(scores, n, list(PLAN.role_ids))


def test_a_level_reached_up_to_float_error_is_no_gap_anywhere(tiny: Questionnaire) -> None:
    """r1 needs a at level 3: 3 - 4e-16 (what a weighted mean of levels can give) meets it
    in the personal results, and so it must in the team's table (it once listed a gap of
    5 x 4e-16, printed as 0.0)."""
    from assess.scoring.plan import ScoringPlan

    plan = ScoringPlan.from_questionnaire(tiny)
    codes = np.full((1, len(plan.question_ids)), plan.missing_code, dtype=np.int16)
    scores = score(plan, codes)
    almost = np.array([[3 - 4e-16, 2.0, 4.0, 0.0, 3.0]])
    scores = replace(scores, proficiency=almost)
    assert personal_gaps(tiny, scores, 1) == team_gaps(scores, 1, ["r1", "r2"]) == set()


def test_role_gaps_by_hand() -> None:
    # role needs (3, 2, 0) at importance (5, 2, 1); person at (1.5, NaN, 4)
    is_gap, weighted = role_gaps(
        np.array([[1.5, np.nan, 4.0]]), np.array([3.0, 2.0, 0.0]), np.array([5.0, 2.0, 0.0])
    )
    assert is_gap.tolist() == [[True, True, False]]
    assert weighted.tolist() == [[7.5, 4.0, 0.0]]  # 5 x 1.5; not assessed counts as 0
