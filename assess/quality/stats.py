"""Classical item statistics, vectorised over respondents and items. Pure: arrays in,
arrays out; no I/O, no questionnaire (``assess.quality.analysis`` gives them meaning).

Knowledge checks come in as answer codes, one column per check: an option index in the
authored order, a "don't know" code or a missing code (skipped or not reached). Of these:

- ``counts``: how often each code was given, per check;
- ``difficulty``: p = share correct among those who answered (don't know = answered, not
  correct; missing left out);
- ``rest_scores``: for each check, a respondent's share correct on the *other* checks of a
  group (its skill or area), over the ones they answered: with complete data this is the
  classical rest score (number correct on the other items) divided by their number, so it
  correlates exactly as the rest score does, and a skipped check neither counts as wrong
  nor shrinks the score;
- ``correlations``: Pearson's r of two columns over the rows a mask keeps (with a 0/1
  column this is the point-biserial r; against the rest score it is the corrected
  item-total correlation);
- ``extreme_groups``: weights for the upper and lower 27% on a score (Kelley, 1939);
  respondents tied at a cut share the places left, so each group is exactly 27% of those
  scored and the order of the respondents never matters;
- ``group_shares``: the share of each group choosing each code.

Self-ratings: ``cronbach_alpha`` (complete cases). Respondents: ``straight_lining``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
Codes = npt.NDArray[np.integer]

TINY = 1e-12
"""Variances at or below this are zero (the values are small integers or shares)."""


def _flat(codes: Codes, n_codes: int) -> IntArray:
    """Each cell's (column, code) pair as one index, for ``np.bincount``."""
    c = codes.shape[1]
    flat: IntArray = (
        codes.astype(np.int64) + np.arange(c, dtype=np.int64)[None, :] * n_codes
    ).ravel()
    return flat


def counts(codes: Codes, n_codes: int) -> IntArray:
    """(C, n_codes) how many respondents gave each code 0..n_codes-1 in each column."""
    c = codes.shape[1]
    tally: IntArray = np.bincount(_flat(codes, n_codes), minlength=c * n_codes).reshape(c, n_codes)
    return tally


def difficulty(correct: BoolArray, answered: BoolArray) -> tuple[FloatArray, IntArray]:
    """(C,) share correct among those who answered (NaN if nobody did), and (C,) that N."""
    n = answered.sum(axis=0)
    right = (correct & answered).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p: FloatArray = np.where(n > 0, right / np.maximum(n, 1), np.nan)
    return p, n.astype(np.int64)


def rest_scores(correct: BoolArray, answered: BoolArray, groups: BoolArray) -> FloatArray:
    """(N, C) each respondent's share correct on the other checks of each check's group.

    ``groups[i, j]`` is True when check i counts towards check j's rest score (the diagonal
    is ignored: a check never counts towards its own). NaN where a respondent answered none
    of the group's other checks."""
    member = groups.astype(np.float64)
    np.fill_diagonal(member, 0.0)
    right = (correct & answered).astype(np.float64) @ member
    taken = answered.astype(np.float64) @ member
    with np.errstate(invalid="ignore", divide="ignore"):
        share: FloatArray = np.where(taken > 0, right / np.maximum(taken, 1.0), np.nan)
    return share


def correlations(x: FloatArray, y: FloatArray, keep: BoolArray) -> tuple[FloatArray, IntArray]:
    """(C,) Pearson's r between columns of x and y over the rows ``keep`` marks, and (C,)
    the number of rows. NaN with fewer than 2 rows or when either column does not vary."""
    n = keep.sum(axis=0)
    safe_n = np.maximum(n, 1)
    xs, ys = np.where(keep, x, 0.0), np.where(keep, y, 0.0)
    dx = np.where(keep, xs - xs.sum(axis=0) / safe_n, 0.0)  # two passes: no cancellation
    dy = np.where(keep, ys - ys.sum(axis=0) / safe_n, 0.0)
    sxx, syy, sxy = (dx * dx).sum(axis=0), (dy * dy).sum(axis=0), (dx * dy).sum(axis=0)
    ok = (n >= 2) & (sxx > TINY) & (syy > TINY)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(ok, sxy / np.sqrt(np.where(ok, sxx * syy, 1.0)), np.nan)
    return np.clip(r, -1.0, 1.0), n.astype(np.int64)


def extreme_groups(
    score: FloatArray, share: float = 0.27
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Upper and lower group weights (N, C) and group size (C,) on each column's score.

    Among the rows with a score (not NaN), the group size is g = ``share`` x their number.
    The upper group takes everyone above the cut with weight 1 and shares the places left
    among those tied at the cut (weight (g - above) / tied), so the weights sum to g
    exactly; the lower group likewise from the bottom."""
    valid = ~np.isnan(score)
    n = valid.sum(axis=0)
    size = share * n
    take = np.ceil(size - TINY).astype(np.int64)  # the rank that sets the cut
    ascending = np.sort(np.where(valid, score, np.inf), axis=0)  # missing last
    columns = np.arange(score.shape[1])
    has = take > 0
    low_cut = ascending[np.where(has, take - 1, 0), columns]
    high_cut = ascending[np.where(has, n - take, 0), columns]
    upper = _group(score, valid, size, high_cut, above=True)
    lower = _group(score, valid, size, low_cut, above=False)
    upper[:, ~has] = 0.0
    lower[:, ~has] = 0.0
    return upper, lower, size


def _group(
    score: FloatArray, valid: BoolArray, size: FloatArray, cut: FloatArray, above: bool
) -> FloatArray:
    beyond = valid & ((score > cut) if above else (score < cut))
    tied = valid & (score == cut)
    n_beyond, n_tied = beyond.sum(axis=0), tied.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        part = np.where(n_tied > 0, (size - n_beyond) / np.maximum(n_tied, 1), 0.0)
    weights: FloatArray = beyond + tied * part[None, :]
    return weights


def group_shares(codes: Codes, weights: FloatArray, size: FloatArray, n_codes: int) -> FloatArray:
    """(C, n_codes) the weighted share of a group giving each code (NaN for an empty group)."""
    c = codes.shape[1]
    total = np.bincount(_flat(codes, n_codes), weights=weights.ravel(), minlength=c * n_codes)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares: FloatArray = np.where(
            size[:, None] > 0, total.reshape(c, n_codes) / size[:, None], np.nan
        )
    return shares


def cronbach_alpha(values: FloatArray) -> tuple[float, int]:
    """Cronbach's alpha of the columns of ``values`` over the complete rows, and their N.

    alpha = k / (k - 1) x (1 - sum of item variances / variance of the total), with
    sample variances (the ratio is the same with population ones). NaN with fewer than
    2 items, fewer than 2 complete rows, or a total that does not vary."""
    complete = values[~np.isnan(values).any(axis=1)]
    n, k = complete.shape
    if k < 2 or n < 2:
        return float("nan"), n
    total_var = float(complete.sum(axis=1).var(ddof=1))
    if total_var <= TINY:
        return float("nan"), n
    item_var = float(complete.var(axis=0, ddof=1).sum())
    return k / (k - 1) * (1.0 - item_var / total_var), n


def straight_lining(levels: Codes, n_levels: int) -> tuple[IntArray, FloatArray, IntArray]:
    """Per respondent: the rating given most often, its share of the ratings answered
    (NaN if none) and how many were answered. ``levels`` holds 0..n_levels-1 for an
    answer and anything else for none; ties for the most frequent go to the lower level."""
    tally = np.stack([(levels == level).sum(axis=1) for level in range(n_levels)], axis=1)
    answered = tally.sum(axis=1)
    modal = tally.argmax(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(answered > 0, tally.max(axis=1) / np.maximum(answered, 1), np.nan)
    return modal.astype(np.int64), share, answered.astype(np.int64)
