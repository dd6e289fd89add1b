"""Where one value stands among others: a percentile rank. Pure numpy."""

from __future__ import annotations

import numpy as np

from assess.scoring.engine import TOLERANCE
from assess.scoring.plan import FloatArray

MIN_GROUP = 5
"""A percentile is given only among at least this many other people (a group view from
fewer would say too much about each of them)."""


def percentile_rank(value: float, others: FloatArray) -> float:
    """The share (0-100) of ``others`` below ``value``, ties counting half: 50 is the
    middle of the group, 100 above everyone. NaN values in ``others`` are left out."""
    known = others[~np.isnan(others)]
    if not len(known):
        raise ValueError("no values to rank against")
    below = int((known < value - TOLERANCE).sum())
    tied = int((np.abs(known - value) <= TOLERANCE).sum())
    return 100.0 * (below + 0.5 * tied) / len(known)
