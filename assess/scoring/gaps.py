"""Gaps: the one home of the gap formula, vectorised over respondents.

A **gap** is a skill that role r requires (L[r,s] > 0) at a level the person does not
reach: P0[n,s] < L[r,s] (P0 = proficiency with a not-assessed skill counted as 0, as in
readiness; a threshold allows ``TOLERANCE`` of float error). Its size is

    weighted_gap[n,s] = I[r,s] * (L[r,s] - P0[n,s])

computed from the unrounded proficiency. The personal results (``scoring.results``: gaps in
order of size) and the team's CSV/XLSX/Parquet gap tables (``team.export.gap_tables``) both
take their gaps from here, so a gap is the same number everywhere.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assess.scoring.engine import TOLERANCE
from assess.scoring.plan import FloatArray


def role_gaps(
    proficiency: FloatArray, required: FloatArray, importance: FloatArray
) -> tuple[npt.NDArray[np.bool_], FloatArray]:
    """For one role: which of each person's skills are gaps, and how large each gap is.

    ``proficiency`` is (N, S) with NaN for not assessed; ``required`` and ``importance`` are
    the role's (S,) rows of the plan. Returns an (N, S) mask of gaps and the (N, S)
    importance-weighted shortfall ``I * (L - P0)`` (0 where there is no gap)."""
    prof0 = np.where(np.isnan(proficiency), 0.0, proficiency)
    short = required[None, :] - prof0
    is_gap = (required[None, :] > 0) & (short > TOLERANCE)
    weighted: FloatArray = np.where(is_gap, importance[None, :] * short, 0.0)
    return is_gap, weighted
