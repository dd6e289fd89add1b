"""The scoring formulas, vectorised over respondents. Pure: arrays in, arrays out.

- self-rating R[n,s] = weighted mean of the answered self-ratings of skill s;
- check level C[n,s] = 4 x the weighted share of skill s's answered checks answered
  correctly (a wrong option, "I don't know" and a skip all earn nothing; a check not
  answered at all is no evidence either way); NaN when none of its checks was answered;
- proficiency P[n,s] = min(R, (R + C) / 2): checks confirm a self-rating or pull it
  halfway towards what they show, never above it; R alone where the skill has no check;
  not assessed (NaN) while R is missing (skipping a rating skips its checks). A skill
  with checks but no self-rating question is C, once one of its checks is answered;
- readiness F[n,r] = 100 * (1 - sum_s I[r,s] * max(0, L[r,s] - P0[n,s]) / sum_s I[r,s] * L[r,s]),
  where P0 is P with not-assessed skills counted as 0;
- coverage V[n,r] = sum over assessed s of I*L / sum_s I*L;
- match M[n,r] = 100 x Pearson correlation between P and the role's complete profile
  T[r] over the skills assessed (profile shape: highs and lows in the same places);
  NaN without enough evidence (see ``MIN_SKILLS``, ``MIN_RANGE``);
- calibration D[n,s] = R - C where both exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from assess.scoring.plan import FloatArray, IntArray, ScoringPlan

CALIBRATION_THRESHOLD = 1.5
"""|self-rating - checks| at or above this flags over- or under-confidence."""
TOLERANCE = 1e-9
"""Comparisons with a threshold allow this much float error (1.5000000000000002 >= 1.5)."""
MIN_SKILLS = 5
"""A match needs at least this many assessed skills."""
MIN_RANGE = 1.0
"""A match needs skill levels that differ: the highest and lowest assessed skills at least
this many levels apart (less is within the noise of a self-rating). A range, not a standard
deviation: one clear strength among 29 skills is a pattern, though its deviation is small."""


@dataclass(frozen=True, eq=False)
class Scores:
    """Scores of N respondents; rows follow the input order."""

    plan: ScoringPlan
    values: FloatArray
    """(N, Q) item values, NaN = missing (ratings 0-4, checks 1 correct / 0 not)."""
    proficiency: FloatArray
    """(N, S) skill proficiency 0-4, NaN = not assessed."""
    self_rating: FloatArray
    """(N, S) weighted mean of self-rating items, NaN if none answered."""
    checks: FloatArray
    """(N, S) check level 0-4 (4 x share of the answered checks correct), NaN where none
    of the skill's checks was answered."""
    readiness: FloatArray
    """(N, R) readiness 0-100."""
    match: FloatArray
    """(N, R) match -100..100 (correlation x 100), NaN without enough evidence."""

    # Coverage, spread and the assessed count follow from which proficiencies are NaN
    # (and their range): computed from ``proficiency`` when asked, never stored by the
    # scoring (a million people's would be 92 MiB). A view of every row (one chunk of
    # ``assess score``) keeps the whole array once asked (the cached properties); a team
    # asks for the rows it shows (``coverage_at``, ``coverage_of``).
    @cached_property
    def coverage(self) -> FloatArray:
        """(N, R) share (0-1) of the role's importance-weighted requirement that was
        assessed (``role_coverage``); kept once asked."""
        return self.coverage_of(slice(None))

    @cached_property
    def spread(self) -> FloatArray:
        """(N,) highest minus lowest assessed proficiency (NaN if none assessed)."""
        return level_spread(self.proficiency)

    @cached_property
    def assessed(self) -> npt.NDArray[np.intp]:
        """(N,) number of assessed skills."""
        return assessed_count(self.proficiency)

    def coverage_of(self, rows: slice | npt.NDArray[np.intp]) -> FloatArray:
        """(len(rows), R) the coverage of some people, computed now and not kept."""
        return role_coverage(self.proficiency[rows], self.plan.required, self.plan.importance)

    def coverage_at(self, rows: npt.NDArray[np.intp], roles: npt.NDArray[np.intp]) -> FloatArray:
        """(k,) the coverage of person ``rows[i]`` for role ``roles[i]``: a block of rows at
        a time, so never a people x roles array however many pairs."""
        out = np.empty(len(rows))
        for start in range(0, len(rows), BLOCK_ROWS):
            block = slice(start, start + BLOCK_ROWS)
            values = self.coverage_of(rows[block])
            out[block] = np.take_along_axis(values, roles[block, None], axis=1)[:, 0]
        return out

    @property
    def calibration(self) -> FloatArray:
        """(N, S) self-rating minus checks; NaN where either is missing."""
        delta: FloatArray = self.self_rating - self.checks
        return delta

    def ranking(self) -> npt.NDArray[np.intp]:
        """(N, R) role indices by match, best first; then readiness; ties keep file order."""
        return rank_roles(self.match, self.readiness)


def rank_roles(match: FloatArray, readiness: FloatArray) -> npt.NDArray[np.intp]:
    """(N, R) role order: match descending (no match last), then readiness, then file order."""
    by_readiness = np.argsort(-readiness, axis=1, kind="stable")
    key = np.take_along_axis(np.where(np.isnan(match), -np.inf, match), by_readiness, axis=1)
    order = np.argsort(-key, axis=1, kind="stable")
    ranked: npt.NDArray[np.intp] = np.take_along_axis(by_readiness, order, axis=1)
    return ranked


def weighted_skill_means(
    values: FloatArray,
    item_skill: npt.NDArray[np.intp],
    weight: FloatArray,
    n_skills: int,
    mask: npt.NDArray[np.bool_] | None = None,
) -> FloatArray:
    """(N, S) weighted mean of the answered items of each skill (NaN if none answered)."""
    membership = _membership(values.shape[1], item_skill, n_skills, mask)
    answered = ~np.isnan(values)
    numerator = (np.where(answered, values, 0.0) * weight) @ membership
    denominator = (answered * weight) @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        means: FloatArray = np.where(denominator > 0, numerator / denominator, np.nan)
    return means


def _membership(
    n_items: int,
    item_skill: npt.NDArray[np.intp],
    n_skills: int,
    mask: npt.NDArray[np.bool_] | None = None,
) -> FloatArray:
    membership = np.zeros((n_items, n_skills))
    membership[np.arange(n_items), item_skill] = 1.0
    if mask is not None:
        membership *= mask[:, None]
    return membership


def skill_levels(plan: ScoringPlan, values: FloatArray) -> tuple[FloatArray, ...]:
    """(proficiency, self-rating, check level), each (N, S), from item values.

    The self-rating and the check share are both weighted means of a skill's answered
    items (its ratings, its checks): taken together, as two matrix products of the item
    values with one membership matrix whose first S columns gather each skill's ratings
    and last S its checks."""
    answered = ~np.isnan(values)
    return _levels(plan, np.where(answered, values, 0.0) * plan.weight, answered * plan.weight)


def code_levels(plan: ScoringPlan, codes: IntArray) -> tuple[FloatArray, ...]:
    """``skill_levels`` of answer codes, without their item values: each code looks up its
    value times its weight (0 if missing) and its weight (0 if missing) at once, the very
    products ``skill_levels`` takes of the values, so the levels are the same to the bit."""
    rows = np.arange(len(plan.question_ids))[None, :]
    weighted, answered = _weighted_tables(plan)
    return _levels(plan, weighted[rows, codes], answered[rows, codes])


def _weighted_tables(plan: ScoringPlan) -> tuple[FloatArray, FloatArray]:
    table = plan.value_table
    answered = ~np.isnan(table)
    weight = plan.weight[:, None]
    return np.where(answered, table, 0.0) * weight, answered * weight


def _levels(
    plan: ScoringPlan, weighted: FloatArray, answered: FloatArray
) -> tuple[FloatArray, ...]:
    """(proficiency, self-rating, check level) from the answered items' value x weight and
    weight (0 where not answered), each (N, Q)."""
    n_skills = len(plan.skill_ids)
    n_items = weighted.shape[1]
    membership = np.zeros((n_items, 2 * n_skills))
    column = plan.item_skill + np.where(plan.is_rating, 0, n_skills)
    membership[np.arange(n_items), column] = 1.0
    has_rating = membership[:, :n_skills].any(axis=0)
    totals = weighted @ membership
    weights = answered @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(weights > 0, totals / weights, np.nan)
    rating, level = means[:, :n_skills], 4.0 * means[:, n_skills:]
    has_level = ~np.isnan(level)
    proficiency = np.where(
        has_rating,
        np.where(has_level, np.minimum(rating, (rating + level) / 2.0), rating),
        level,
    )
    return proficiency, rating, level


def role_readiness(
    proficiency: FloatArray, required: FloatArray, importance: FloatArray
) -> FloatArray:
    """(N, R) readiness on 0-100.

    The shortfall max(0, L - P0) is taken once per distinct required level (there are a
    few: 1-4) for every role at once: sum over levels l of max(0, l - P0) @ (I where
    L = l).T, matrix products of (N, S) by (S, R), never an N x R x S array.
    """
    prof0 = np.where(np.isnan(proficiency), 0.0, proficiency)
    total = _role_need(required, importance).sum(axis=1)  # (R,)
    shortfall = np.zeros((proficiency.shape[0], required.shape[0]))
    for level in np.unique(required[required > 0]):
        weights = np.where(required == level, importance, 0.0)  # (R, S)
        shortfall += np.maximum(0.0, level - prof0) @ weights.T
    readiness: FloatArray = 100.0 * (1.0 - shortfall / total)
    return readiness


def _role_need(required: FloatArray, importance: FloatArray) -> FloatArray:
    """(R, S) each role's need of each skill: importance x required level (the weights of
    readiness and coverage)."""
    need: FloatArray = importance * required
    return need


def role_coverage(
    proficiency: FloatArray, required: FloatArray, importance: FloatArray
) -> FloatArray:
    """(N, R) coverage on 0-1: the share of each role's need (importance x level) on the
    skills assessed. Levels and importances are whole numbers, so the sums are exact in
    any order: a row's coverage is the same to the bit whichever rows it is taken with."""
    need = _role_need(required, importance)
    total = need.sum(axis=1)  # (R,)
    coverage = np.empty((len(proficiency), len(need)))
    for start in range(0, len(proficiency), CHUNK_ROWS):  # (the temporaries: a block's)
        block = slice(start, start + CHUNK_ROWS)
        coverage[block] = (~np.isnan(proficiency[block]) @ need.T) / total
    return coverage


def assessed_count(proficiency: FloatArray) -> npt.NDArray[np.intp]:
    """(N,) number of assessed (not NaN) skills of each person."""
    count: npt.NDArray[np.intp] = np.count_nonzero(~np.isnan(proficiency), axis=1)
    return count


def level_spread(proficiency: FloatArray) -> FloatArray:
    """(N,) highest minus lowest assessed proficiency of each person, NaN if none."""
    assessed = ~np.isnan(proficiency)
    with np.errstate(invalid="ignore"):
        top = np.max(proficiency, axis=1, where=assessed, initial=-np.inf)
        spread = top - np.min(proficiency, axis=1, where=assessed, initial=np.inf)
    result: FloatArray = np.where(assessed.any(axis=1), spread, np.nan)
    return result


def role_match(proficiency: FloatArray, profile: FloatArray) -> FloatArray:
    """(N, R) match: Pearson correlation over each person's assessed skills between their
    proficiencies and each role's complete profile, times 100; all matrix products, so
    O(N x S x R). NaN where fewer than ``MIN_SKILLS`` skills are assessed, the person's
    levels hardly differ (``level_spread`` below ``MIN_RANGE``), or the role's profile is
    flat over those skills.
    """
    assessed = ~np.isnan(proficiency)
    mask = assessed.astype(float)
    p = np.where(assessed, proficiency, 0.0)
    m = assessed_count(proficiency)  # (N,)
    with np.errstate(invalid="ignore", divide="ignore"):
        sum_p, sum_pp = p.sum(axis=1), (p * p).sum(axis=1)
        var_p = sum_pp - sum_p**2 / m  # (N,) n x variance
        sum_t, sum_tt = mask @ profile.T, mask @ (profile**2).T  # (N, R)
        sum_pt = p @ profile.T
        cov = sum_pt - sum_p[:, None] * sum_t / m[:, None]
        var_t = sum_tt - sum_t**2 / m[:, None]
        denominator = np.sqrt(np.maximum(var_p, 0.0)[:, None] * np.maximum(var_t, 0.0))
        match = 100.0 * cov / denominator
    enough = (m >= MIN_SKILLS) & (level_spread(proficiency) >= MIN_RANGE - TOLERANCE)
    result: FloatArray = np.where(
        enough[:, None] & (var_t > TOLERANCE), np.clip(match, -100.0, 100.0), np.nan
    )
    return result


CHUNK_ROWS = 4096
"""Respondents scored per block: bounds the temporaries (N x Q floats) for big batches."""
BLOCK_ROWS = 65536
"""People a view takes at a time where it would otherwise make a people x skills (or
roles) temporary (``Scores.coverage_at``, the team analysis, the careless flags): tens of
MB a block for ``ml-team``, not a million people's hundreds."""


def empty_scores(
    plan: ScoringPlan, n: int, *, keep_values: bool = True, calibration: bool = True
) -> Scores:
    """Room for the scores of ``n`` respondents, to be filled by ``score_into``."""
    n_skills, n_roles = len(plan.skill_ids), len(plan.role_ids)
    values = np.empty((n if keep_values else 0, len(plan.question_ids)))
    kept = n if calibration else 0
    return Scores(
        plan,
        values,
        np.empty((n, n_skills)),
        np.empty((kept, n_skills)),
        np.empty((kept, n_skills)),
        np.empty((n, n_roles)),
        np.empty((n, n_roles)),
    )


_DERIVED = ("coverage", "spread", "assessed")
"""The scores ``Scores`` works out from proficiency and keeps once asked."""


def score_into(
    out: Scores,
    plan: ScoringPlan,
    codes: IntArray,
    rows: npt.NDArray[np.intp] | None = None,
) -> None:
    """Score ``codes`` against ``plan`` into ``out``: row i of ``codes`` into row
    ``rows[i]`` of ``out`` (row i when ``rows`` is None). ``plan`` must share ``out``'s
    skills and roles; it may have other questions (another questionnaire of the same
    catalogue), as long as ``out`` keeps no item values."""
    for derived in _DERIVED:  # (any kept from before these rows were scored)
        out.__dict__.pop(derived, None)
    keep_values = len(out.values) > 0
    calibration = len(out.self_rating) > 0
    for start in range(0, len(codes), CHUNK_ROWS):
        block_rows: slice | npt.NDArray[np.intp] = slice(start, start + CHUNK_ROWS)
        if keep_values:
            block = plan.item_values(codes[block_rows])
            levels = skill_levels(plan, block)
        else:
            levels = code_levels(plan, codes[block_rows])
        if rows is not None:
            block_rows = rows[block_rows]
        if keep_values:
            out.values[block_rows] = block
        out.proficiency[block_rows] = levels[0]
        if calibration:
            out.self_rating[block_rows], out.checks[block_rows] = levels[1], levels[2]
        out.readiness[block_rows] = role_readiness(levels[0], plan.required, plan.importance)
        out.match[block_rows] = role_match(levels[0], plan.profile)


def score(
    plan: ScoringPlan, codes: IntArray, *, keep_values: bool = True, calibration: bool = True
) -> Scores:
    """Score N respondents' answer codes against the plan.

    Works through the rows in blocks so memory stays O(N x S) however large N is;
    ``keep_values=False`` drops the (N, Q) item values and ``calibration=False`` the
    self-rating and check means: a team view needs neither.
    """
    out = empty_scores(plan, len(codes), keep_values=keep_values, calibration=calibration)
    score_into(out, plan, codes)
    return out


def score_levels(plan: ScoringPlan, proficiency: FloatArray) -> Scores:
    """Scores of given skill levels (people x skills, NaN = not assessed) instead of
    answers: readiness and match (and coverage when asked) by the formulas above. A team
    view that combines a person's own levels with other raters' (``raters.combine_arrays``)
    is scored so; there are no item values, self-ratings or check levels to keep."""
    none = np.empty((0, len(plan.skill_ids)))
    return Scores(
        plan,
        np.empty((0, len(plan.question_ids))),
        proficiency,
        none,
        none,
        role_readiness(proficiency, plan.required, plan.importance),
        role_match(proficiency, plan.profile),
    )
