"""Coverage, spread and the assessed count are derived from the proficiency when asked
(``Scores.coverage``, ``coverage_of``, ``coverage_at``), no longer stored by the scoring:
the same bits as the arrays the scoring stored, for every row and any subset of rows."""

from __future__ import annotations

from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from assess.loading import builtin_dir, load_questionnaire
from assess.scoring import ScoringPlan, engine
from assess.scoring.engine import MIN_RANGE, MIN_SKILLS, TOLERANCE, score_levels

PLAN = ScoringPlan.from_questionnaire(load_questionnaire(builtin_dir() / "ml-team.yaml"))
S, R = len(PLAN.skill_ids), len(PLAN.role_ids)


def stored(proficiency: np.ndarray) -> tuple[np.ndarray, ...]:
    """(coverage, spread, assessed, match) as the scoring stored them, a block of
    ``CHUNK_ROWS`` at a time (the formulas of ``role_readiness`` and ``role_match`` as
    they were)."""
    parts: list[list[np.ndarray]] = [[], [], [], []]
    for start in range(0, len(proficiency), engine.CHUNK_ROWS):
        p_block = proficiency[start : start + engine.CHUNK_ROWS]
        assessed = ~np.isnan(p_block)
        need = PLAN.importance * PLAN.required
        parts[0].append((assessed @ need.T) / need.sum(axis=1))
        mask = assessed.astype(float)
        p = np.where(assessed, p_block, 0.0)
        m = mask.sum(axis=1)
        profile = PLAN.profile
        with np.errstate(invalid="ignore", divide="ignore"):
            sum_p, sum_pp = p.sum(axis=1), (p * p).sum(axis=1)
            var_p = sum_pp - sum_p**2 / m
            sum_t, sum_tt = mask @ profile.T, mask @ (profile**2).T
            cov = p @ profile.T - sum_p[:, None] * sum_t / m[:, None]
            var_t = sum_tt - sum_t**2 / m[:, None]
            top = np.max(p_block, axis=1, where=assessed, initial=-np.inf)
            spread = top - np.min(p_block, axis=1, where=assessed, initial=np.inf)
            denominator = np.sqrt(np.maximum(var_p, 0.0)[:, None] * np.maximum(var_t, 0.0))
            match = 100.0 * cov / denominator
        enough = (m >= MIN_SKILLS) & (spread >= MIN_RANGE - TOLERANCE)
        ok = enough[:, None] & (var_t > TOLERANCE)
        parts[1].append(np.where(m > 0, spread, np.nan))
        parts[2].append(m.astype(np.intp))
        parts[3].append(np.where(ok, np.clip(match, -100.0, 100.0), np.nan))
    shapes = [(0, R), (0,), (0,), (0, R)]
    return tuple(
        np.concatenate(part) if part else np.zeros(shape, np.intp if i == 2 else float)
        for i, (part, shape) in enumerate(zip(parts, shapes, strict=True))
    )


LEVEL = st.one_of(
    st.floats(0.0, 4.0, allow_nan=False),
    st.sampled_from([0.0, 0.5, 1.0, 4 / 3, 2.0, 2.5, 3.0, 3.75, 4.0]),
    st.just(np.nan),
)


@st.composite
def levels(draw: st.DrawFn) -> np.ndarray:
    """people x skills proficiency with NaNs: some rows all NaN, some with none."""
    n = draw(st.integers(0, 40))
    prof: np.ndarray = draw(hnp.arrays(np.float64, (n, S), elements=LEVEL))
    for i in draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3)) if n else []:
        prof[i] = np.nan if draw(st.booleans()) else draw(st.floats(0.0, 4.0))
    return prof


def subset(draw: st.DrawFn, n: int) -> np.ndarray:
    """Rows in any order, repeats allowed (a best role's rows, a candidate's, a seat's)."""
    rows = draw(st.lists(st.integers(0, n - 1), max_size=2 * n)) if n else []
    return np.array(rows, np.intp)


@settings(max_examples=150, deadline=None)
@given(levels(), st.data(), st.sampled_from([1, 3, 4096]))
def test_derived_equal_the_stored_to_the_bit(
    proficiency: np.ndarray, data: st.DataObject, block: int
) -> None:
    """Whole arrays, row subsets and (row, role) pairs, whatever the block sizes."""
    coverage, spread, assessed, match = stored(proficiency)
    with (
        mock.patch.object(engine, "CHUNK_ROWS", block),
        mock.patch.object(engine, "BLOCK_ROWS", block),
    ):
        scores = score_levels(PLAN, proficiency)
        rows = subset(data.draw, len(proficiency))
        roles = np.array(data.draw(st.lists(st.integers(0, R - 1), min_size=len(rows))))
        roles = roles[: len(rows)].astype(np.intp)
        of_rows = scores.coverage_of(rows)
        at = scores.coverage_at(rows, roles)
        first = scores.coverage_of(slice(0, len(proficiency) // 2))
        np.testing.assert_array_equal(scores.coverage, coverage)
        np.testing.assert_array_equal(scores.spread, spread)
        np.testing.assert_array_equal(scores.assessed, assessed)
        assert scores.assessed.dtype == np.intp
        np.testing.assert_array_equal(scores.match, match)
    np.testing.assert_array_equal(of_rows, coverage[rows])
    np.testing.assert_array_equal(at, coverage[rows, roles])
    np.testing.assert_array_equal(first, coverage[: len(proficiency) // 2])
    np.testing.assert_array_equal(engine.level_spread(proficiency[rows]), spread[rows])
    np.testing.assert_array_equal(engine.assessed_count(proficiency[rows]), assessed[rows])


def test_scoring_again_forgets_what_was_derived() -> None:
    # a Scores is filled block by block (score_into): what was derived before must not
    # outlive the rows it came from
    codes = np.zeros((3, len(PLAN.question_ids)), np.int16)
    out = engine.empty_scores(PLAN, 3, keep_values=False, calibration=False)
    engine.score_into(out, PLAN, codes)
    first = (out.coverage.copy(), out.spread.copy(), out.assessed.copy())
    skipped = np.full_like(codes, PLAN.value_table.shape[1] - 1)  # (the last code: a skip)
    engine.score_into(out, PLAN, skipped)
    np.testing.assert_array_equal(out.coverage, out.coverage_of(slice(None)))
    np.testing.assert_array_equal(out.assessed, engine.assessed_count(out.proficiency))
    assert not np.array_equal(out.assessed, first[2])
