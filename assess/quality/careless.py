"""Careless-responding flags per respondent: straight-lining and speeding. Pure: answer
codes and times in, a table out. One rule for every view: ``assess items`` and the team
report both call ``careless_flags`` (and show it with ``templates/_careless.html.j2``).

- straight-lining: the same rating on at least 90% of the self-ratings answered, with at
  least ``STRAIGHT_MIN_RATINGS`` answered (a long-string index; Meade & Craig, 2012);
- speeding: a complete response finished in under a third of the questionnaire's
  ``estimated_minutes``.

Flagged people are still scored: a flag asks for a look at the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from assess.model.questionnaire import LEVEL_NAMES, MAX_LEVEL, Questionnaire
from assess.quality import stats
from assess.scoring.engine import BLOCK_ROWS
from assess.scoring.plan import FloatArray, IntArray, ScoringPlan

_T = TypeVar("_T")

STRAIGHT_SHARE = 0.90
STRAIGHT_MIN_RATINGS = 10
SPEED_FRACTION = 1 / 3
TOLERANCE = 1e-9


@dataclass
class Careless:
    flags: pd.DataFrame
    """Flagged respondents only (input order): straight-lining and/or speeding."""
    respondents: int
    rated: int
    """Respondents with enough self-ratings answered to be checked for straight-lining."""
    timed: int
    """Complete responses with a usable start and completion time (checked for speeding)."""
    limit_minutes: float


def careless_flags(
    q: Questionnaire,
    plan: ScoringPlan,
    codes: IntArray,
    durations: Sequence[float | None] | npt.NDArray[np.float64],
    names: Sequence[str],
    teams: Sequence[str | None] | None = None,
) -> Careless:
    """Respondents flagged for straight-lining or speeding (they are still scored).

    Straight-lining: at least ``STRAIGHT_MIN_RATINGS`` self-ratings answered and one level
    on at least 90% of them. Speeding: a complete response finished in under a third of
    ``estimated_minutes``; a response without a usable time (not complete, or started and
    completed in the same second, as form imports record them) is not judged.
    ``durations``: seconds per respondent, None (NaN in an array) for none."""
    modal, share, answered = _straight_lining(codes, plan.is_rating)
    rated = answered >= STRAIGHT_MIN_RATINGS
    straight = rated & (share >= STRAIGHT_SHARE - TOLERANCE)
    seconds = _seconds(durations)
    limit = q.estimated_minutes * 60.0 * SPEED_FRACTION
    timed = seconds > 0  # (NaN compares False)
    speeding = timed & (seconds < limit)
    flagged = [int(i) for i in np.flatnonzero(straight | speeding)]
    reasons = []
    for i in flagged:
        why = []
        if straight[i]:
            level = int(modal[i])
            why.append(
                f"straight-lining: rated {level} ({LEVEL_NAMES[level]}) on "
                f"{round(share[i] * answered[i])} of {answered[i]} self-ratings ({share[i]:.0%})"
            )
        if speeding[i]:
            why.append(
                f"speeding: finished in {clock(seconds[i])}, under a third of the "
                f"{q.estimated_minutes} minutes estimated ({clock(limit)})"
            )
        reasons.append("; ".join(why))
    frame = pd.DataFrame(
        {
            "respondent": [names[i] for i in flagged],
            "team": [None if teams is None else teams[i] for i in flagged],
            "straight_lining": straight[flagged],
            "ratings_answered": answered[flagged],
            "modal_rating": pd.array(
                [int(modal[i]) if answered[i] else None for i in flagged], dtype="Int64"
            ),
            "modal_share": share[flagged],
            "speeding": speeding[flagged],
            "minutes": seconds[flagged] / 60.0,
            "reason": reasons,
        }
    )
    return Careless(frame, len(codes), int(rated.sum()), int(timed.sum()), limit / 60.0)


def _seconds(durations: Sequence[float | None] | npt.NDArray[np.float64]) -> FloatArray:
    """Durations as an array, NaN for none."""
    if isinstance(durations, np.ndarray):
        return durations
    # (fromiter: no list of a million floats on the way)
    return np.fromiter((np.nan if d is None else d for d in durations), np.float64, len(durations))


def _straight_lining(
    codes: IntArray, is_rating: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """``stats.straight_lining`` of the self-ratings, a block of people at a time: the
    whole batch at once takes the ratings' copy and a tally of people x levels x
    ratings (over 100 MB for a million people) for three numbers a person."""
    n = len(codes)
    modal = np.zeros(n, np.int64)
    share = np.full(n, np.nan)
    answered = np.zeros(n, np.int64)
    for start in range(0, n, BLOCK_ROWS):
        block = slice(start, start + BLOCK_ROWS)
        modal[block], share[block], answered[block] = stats.straight_lining(
            codes[block][:, is_rating], MAX_LEVEL + 1
        )
    return modal, share, answered


def careless_by_form(
    parts: Iterable[tuple[Any, npt.NDArray[np.intp], IntArray]],
    durations: Sequence[float | None] | npt.NDArray[np.float64],
    names: Sequence[str],
    teams: Sequence[str | None] | None = None,
) -> Careless:
    """``careless_flags`` for a batch of several questionnaires: each person judged on
    their own (its self-ratings, its estimated time). ``parts`` holds, per questionnaire,
    an object with ``questionnaire`` and ``plan``, the rows of its people and their
    answer codes (``assess.team.batch.Batch.form_rows``); flags come in row order."""
    found = []
    seconds = _seconds(durations)
    for form, rows, codes in parts:
        # The rows' positions stand in for names, to place each flag back in the batch
        # (looked up where flagged: not a million labels made for a few flags).
        found.append(
            careless_flags(
                form.questionnaire,
                form.plan,
                codes,
                seconds if len(rows) == len(seconds) else seconds[rows],
                _Positions(rows),
                teams if teams is None or len(rows) == len(seconds) else _Picked(teams, rows),
            )
        )
    if not found:
        raise ValueError("careless_by_form needs at least one questionnaire's answers")
    frames = [part.flags for part in found if len(part.flags)] or [found[0].flags]
    flags = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    positions = [int(i) for i in flags["respondent"]]
    order = np.argsort(np.asarray(positions, dtype=np.intp), kind="stable")
    flags = flags.assign(respondent=[names[i] for i in positions]).iloc[order]
    return Careless(
        flags.reset_index(drop=True),
        sum(part.respondents for part in found),
        sum(part.rated for part in found),
        sum(part.timed for part in found),
        found[0].limit_minutes,
    )


class _Picked(Sequence[_T]):
    """The items of ``items`` at ``rows``, without a copy."""

    def __init__(self, items: Sequence[_T], rows: npt.NDArray[np.intp]) -> None:
        self._items, self._rows = items, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i: int) -> _T:  # type: ignore[override]
        return self._items[int(self._rows[i])]

    def __iter__(self) -> Iterator[_T]:
        items = self._items
        return (items[i] for i in self._rows.tolist())


class _Positions(Sequence[str]):
    """Each row's position as text (``str(rows[i])``), made when asked for."""

    def __init__(self, rows: npt.NDArray[np.intp]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        return str(int(self._rows[i]))


def clock(seconds: float) -> str:
    """4 min 59 s (whole seconds, rounded down: 299.9 s is still under 300)."""
    whole = int(seconds)
    return f"{whole // 60} min {whole % 60:02d} s"
