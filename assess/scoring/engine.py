"""The scoring formulas, vectorised over respondents. Pure: arrays in, arrays out.

- skill proficiency P[n,s] = weighted mean of the answered items of skill s (NaN if none);
- role fit F[n,r] = 100 * (1 - sum_s I[r,s] * max(0, L[r,s] - P0[n,s]) / sum_s I[r,s] * L[r,s]),
  where P0 is P with not-assessed skills counted as 0;
- coverage C[n,r] = sum over assessed s of I*L / sum_s I*L;
- calibration D[n,s] = mean self-rating - mean knowledge-check score, where both exist.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assess.scoring.plan import FloatArray, IntArray, ScoringPlan

CALIBRATION_THRESHOLD = 1.5
"""|self-rating - checks| at or above this flags over- or under-confidence."""


@dataclass(frozen=True, eq=False)
class Scores:
    """Scores of N respondents; rows follow the input order."""

    plan: ScoringPlan
    values: FloatArray
    """(N, Q) item values, NaN = missing."""
    proficiency: FloatArray
    """(N, S) skill proficiency 0-4, NaN = not assessed."""
    self_rating: FloatArray
    """(N, S) weighted mean of self-rating items, NaN if none answered."""
    checks: FloatArray
    """(N, S) weighted mean of knowledge-check items, NaN if none answered."""
    fit: FloatArray
    """(N, R) role fit 0-100."""
    coverage: FloatArray
    """(N, R) share (0-1) of the role's importance-weighted requirement that was assessed."""

    @property
    def calibration(self) -> FloatArray:
        """(N, S) self-rating minus checks; NaN where either is missing."""
        delta: FloatArray = self.self_rating - self.checks
        return delta

    def ranking(self) -> npt.NDArray[np.intp]:
        """(N, R) role indices ordered by fit, best first; ties keep file order."""
        order: npt.NDArray[np.intp] = np.argsort(-self.fit, axis=1, kind="stable")
        return order


def weighted_skill_means(
    values: FloatArray,
    item_skill: npt.NDArray[np.intp],
    weight: FloatArray,
    n_skills: int,
    mask: npt.NDArray[np.bool_] | None = None,
) -> FloatArray:
    """(N, S) weighted mean of the answered items of each skill (NaN if none answered)."""
    membership = np.zeros((values.shape[1], n_skills))
    membership[np.arange(values.shape[1]), item_skill] = 1.0
    if mask is not None:
        membership *= mask[:, None]
    answered = ~np.isnan(values)
    numerator = (np.where(answered, values, 0.0) * weight) @ membership
    denominator = (answered * weight) @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        means: FloatArray = np.where(denominator > 0, numerator / denominator, np.nan)
    return means


def role_fit(
    proficiency: FloatArray, required: FloatArray, importance: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """(N, R) fit on 0-100 and coverage on 0-1.

    Loops over the (few) roles rather than broadcasting N x R x S, which keeps memory at
    O(N x S) for large batches.
    """
    n, r = proficiency.shape[0], required.shape[0]
    assessed = ~np.isnan(proficiency)
    prof0 = np.where(assessed, proficiency, 0.0)
    fit = np.empty((n, r))
    coverage = np.empty((n, r))
    for k in range(r):
        need = importance[k] * required[k]  # (S,)
        total = need.sum()
        shortfall = np.maximum(0.0, required[k] - prof0) @ importance[k]
        fit[:, k] = 100.0 * (1.0 - shortfall / total)
        coverage[:, k] = (assessed @ need) / total
    return fit, coverage


CHUNK_ROWS = 4096
"""Respondents scored per block: bounds the temporaries (N x Q floats) for big batches."""


def score(
    plan: ScoringPlan, codes: IntArray, *, keep_values: bool = True, calibration: bool = True
) -> Scores:
    """Score N respondents' answer codes against the plan.

    Works through the rows in blocks so memory stays O(N x S) however large N is;
    ``keep_values=False`` drops the (N, Q) item values and ``calibration=False`` the
    self-rating and check means: a team view needs neither.
    """
    n, n_skills, n_roles = codes.shape[0], len(plan.skill_ids), len(plan.role_ids)
    values = np.empty(codes.shape) if keep_values else np.empty((0, codes.shape[1]))
    proficiency = np.empty((n, n_skills))
    kept = n if calibration else 0
    self_rating, checks = np.empty((kept, n_skills)), np.empty((kept, n_skills))
    fit, coverage = np.empty((n, n_roles)), np.empty((n, n_roles))
    for start in range(0, n, CHUNK_ROWS):
        rows = slice(start, start + CHUNK_ROWS)
        block = plan.item_values(codes[rows])
        if keep_values:
            values[rows] = block
        proficiency[rows] = weighted_skill_means(block, plan.item_skill, plan.weight, n_skills)
        if calibration:
            self_rating[rows] = weighted_skill_means(
                block, plan.item_skill, plan.weight, n_skills, mask=plan.is_rating
            )
            checks[rows] = weighted_skill_means(
                block, plan.item_skill, plan.weight, n_skills, mask=~plan.is_rating
            )
        fit[rows], coverage[rows] = role_fit(proficiency[rows], plan.required, plan.importance)
    return Scores(plan, values, proficiency, self_rating, checks, fit, coverage)
