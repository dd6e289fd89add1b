"""The lines of `assess score -f table` after a result's role table (why no best role,
the focus role's top gaps, the calibration flags), a chunk at a time: each gap's and flag's
lines are wrapped once per value, and a person's gaps found for their focus role alone
(``result_table_chunk`` lays out the rest)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from assess.cell_wrap import wrapped
from assess.model.questionnaire import LEVEL_NAMES
from assess.result_table import TOP_GAPS, TableText
from assess.result_text import level_label
from assess.safetext import for_terminal
from assess.scoring.engine import CALIBRATION_THRESHOLD, TOLERANCE, Scores
from assess.scoring.plan import FloatArray
from assess.scoring.results import (
    CALIBRATION_MIN_CHECKS,
)
from assess.scoring.results import next_level as next_level_of
from assess.team.forms import Form
from assess.team.stream import Scored

Texts = npt.NDArray[np.object_]
_NO_GAP = "  none: every required skill is at or above its level"
_UNSEEN: Any = object()


def _by_value(
    values: npt.NDArray[np.float64],
    text: Callable[[float], str | None],
    cache: dict[tuple[int, int, float | None], str | None],
    key: tuple[int, int],
) -> Texts:
    """``text(v)`` for each value, made once per distinct value (kept in ``cache``)."""
    if len(cache) > 100_000:
        cache.clear()
    distinct, which = np.unique(values, return_inverse=True)
    made = []
    for v in distinct.tolist():
        at = (*key, None if math.isnan(v) else v)
        got = cache.get(at, _UNSEEN)
        if got is _UNSEEN:
            got = cache[at] = text(v)
        made.append(got)
    table = np.array(made, dtype=object)
    texts: Texts = table[which.reshape(values.shape)]
    return texts


class RestLines(TableText):
    """``TableText`` with each chunk's lines after the role tables made together."""

    def __init__(self, form: Form, role: str | None, width: int) -> None:
        super().__init__(form, role, width)
        self._flag_cache: dict[tuple[int, float, float, float], list[str] | None] = {}
        """A calibration line, wrapped, per (skill column, rating, checks, delta)."""
        heading = wrapped("Calibration (self-rating vs knowledge checks)", width)
        self._heading = None if heading is None else [line + "\n" for line in heading]
        self._gap_cache: dict[tuple[int, int, float | None], str | None] = {}
        """A gap's lines, wrapped, per (role, requirement, value: None for NaN)."""

    def _rests(self, scored: Scored, ranking: npt.NDArray[np.intp]) -> list[str | None]:
        """Each person's lines after the role table (None: left to rich)."""
        s = scored.scores
        match, readiness = s.match.tolist(), s.readiness.tolist()
        prof = s.proficiency
        self_rated = (~np.isnan(prof) & np.isnan(s.checks)).sum(axis=1).tolist()
        orders = ranking.tolist()
        assessed, spread = s.assessed.tolist(), s.spread.tolist()
        heads: list[list[str] | None] = []
        focus: list[int] = []
        for i, person in enumerate(scored.people):
            texts, k = self._head(
                int(assessed[i]),
                spread[i],
                orders[i],
                match[i],
                readiness[i],
                person.target_role,
                self_rated[i],
            )
            focus.append(k)
            lines: list[str] | None = []
            for text in texts:
                got = wrapped(text, self.width)
                if got is None:
                    lines = None
                    break
                lines += got  # type: ignore[operator]
            heads.append(None if lines is None else [line + "\n" for line in lines])
        # each person's gaps, of their focus role alone
        gaps: list[list[str] | None] = [None] * len(focus)
        by_role = np.asarray(focus)
        for k in np.unique(by_role).tolist():
            rows = np.flatnonzero(by_role == k)
            for i, blocks in zip(rows.tolist(), self._role_gaps(prof[rows], k), strict=True):
                gaps[i] = blocks
        flags = self._flags(s)
        none = wrapped(_NO_GAP, self.width)
        none_lines = None if none is None else [line + "\n" for line in none]
        out: list[str | None] = []
        for head, blocks, flagged in zip(heads, gaps, flags, strict=True):
            if head is None or blocks is None or flagged is None:
                out.append(None)
            elif not blocks:
                out.append(None if none_lines is None else "".join(head + none_lines + flagged))
            else:
                out.append("".join(head + blocks + flagged))
        return out

    def _role_gaps(self, proficiency: FloatArray, k: int) -> list[list[str] | None]:
        """Per row, role k's top gaps as wrapped lines (None: a line rich must lay out).
        A gap's lines depend on the skill's value alone: made once per distinct value."""
        plan = self.plan
        columns = [c for c, _, _ in self.requirements[k]]
        n, m = len(proficiency), len(columns)
        prof = proficiency[:, columns]
        required, importance = plan.required[k][columns], plan.importance[k][columns]
        short = required - np.where(np.isnan(prof), 0.0, prof)
        is_gap = (required > 0) & (short > TOLERANCE)
        weighted = np.where(is_gap, importance * short, 0.0)
        order = np.argsort(np.where(is_gap, -weighted, np.inf), axis=1, kind="stable")
        count = np.minimum(is_gap.sum(axis=1), TOP_GAPS)
        blocks = np.empty((n, m), dtype=object)
        for j, (column, level, need) in enumerate(self.requirements[k]):

            def lines(
                value: float, column: int = column, level: int = level, need: int = need
            ) -> Any:
                current = None if math.isnan(value) else round(value, 3)
                nxt = next_level_of(None if current is None else value)
                first = wrapped(
                    for_terminal(
                        f"  - {self.skill_names[column]}: {level_label(current)} → needs "
                        f"{level} ({LEVEL_NAMES[level]}), importance {need}"
                    ),
                    self.width,
                )
                second = wrapped(
                    for_terminal(f"    next ({LEVEL_NAMES[nxt]}): {self.descriptors[column][nxt]}"),
                    self.width,
                )
                if first is None or second is None:
                    return None
                return "".join(line + "\n" for line in first + second)

            blocks[:, j] = _by_value(prof[:, j], lines, self._gap_cache, (k, j))
        picked = np.take_along_axis(blocks, order, axis=1).tolist()
        out: list[list[str] | None] = []
        for row, c in zip(picked, count.tolist(), strict=True):
            top = row[:c]
            out.append(None if None in top else top)
        return out

    def _flags(self, s: Scores) -> list[list[str] | None]:
        """Per person, the calibration lines (wrapped) of the flagged skills (as
        ``TableText._calibration_flags`` flags them), or None when one is not plain."""
        rating, checks = s.self_rating, s.checks
        counts = (~np.isnan(s.values)).astype(float) @ self.check_membership
        both = ~np.isnan(rating) & ~np.isnan(checks)
        delta = rating - checks
        flagged = (counts >= CALIBRATION_MIN_CHECKS) & (
            np.abs(np.where(both, delta, 0.0)) >= CALIBRATION_THRESHOLD - TOLERANCE
        )
        people, columns = np.nonzero(flagged)
        out: list[list[str] | None] = [[] for _ in range(len(rating))]
        cache = self._flag_cache
        if len(cache) > 100_000:
            cache.clear()
        for i, key in zip(
            people.tolist(),
            zip(
                columns.tolist(),
                rating[people, columns].tolist(),
                checks[people, columns].tolist(),
                delta[people, columns].tolist(),
                strict=True,
            ),
            strict=True,
        ):
            lines = cache.get(key, _UNSEEN)
            if lines is _UNSEEN:
                lines = cache[key] = self._flag_line(*key)
            so_far = out[i]
            if so_far is None:
                continue
            if lines is None:
                out[i] = None
                continue
            if not so_far:
                if self._heading is None:
                    out[i] = None
                    continue
                so_far += self._heading
            so_far += lines
        return out

    def _flag_line(self, column: int, rating: float, checks: float, delta: float) -> Any:
        rating, checks, delta = round(rating, 3), round(checks, 3), round(delta, 3)
        word = "over-confident" if delta > 0 else "under-confident"
        got = wrapped(
            for_terminal(
                f"  - {self.skill_names[column]}: self {rating:.1f} vs checks "
                f"{checks:.1f} ({delta:+.1f}): possibly {word}"
            ),
            self.width,
        )
        return None if got is None else [line + "\n" for line in got]
