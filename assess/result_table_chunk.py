"""`assess score -f table` to a file or a pipe, a chunk at a time: ``result_table``'s text,
with the work per result moved to the chunk.

A cell's text (a match and its bar, a readiness, a coverage) and a gap's lines (wrapped)
depend on a value alone: each is made once per distinct value of the chunk, and the role
tables are laid out in arrays (widths, padding), a person per row, then joined. A result
this does not lay out as plainly (a table wider than the console, a name of wide
characters, a line rich would do more than wrap) is left to ``TableText``, as before.
``tests/cli/test_score_table.py`` holds the two equal (and both equal to rich's).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from assess.answers import counts_line
from assess.model.questionnaire import LEVEL_NAMES
from assess.result_fragments import numbers
from assess.result_table import (
    BAR_WIDTH,
    TARGET_LABEL,
    TOP_GAPS,
    TableText,
    _one_cell_each,
    wrapped,
)
from assess.result_text import ROLE_TABLE_HEADERS, WEAK_MARK, bar, level_label, match_text
from assess.safetext import for_terminal
from assess.scoring.engine import CALIBRATION_THRESHOLD, TOLERANCE, Scores
from assess.scoring.plan import FloatArray
from assess.scoring.results import (
    CALIBRATION_MIN_CHECKS,
    NO_ROLE_DIFFERS,
    WEAK_COVERAGE,
    no_match_reason,
)
from assess.scoring.results import next_level as next_level_of
from assess.team.forms import Form
from assess.team.stream import Scored, answer_counts

Texts = npt.NDArray[np.object_]
_NO_GAP = "  none: every required skill is at or above its level"
_PADS = np.array([" " * k for k in range(512)], dtype=object)


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


def _match_length(rounded: str) -> str:
    return str(len(match_cell(rounded)))


def _whole_length(rounded: str) -> str:
    return str(len(_whole(rounded)))


def _percent_length(rounded: str) -> str:
    return str(len(_percent(rounded)))


def match_cell(rounded: str) -> str:
    """A match's cell, from the text of the match rounded to 1 digit (or null)."""
    return match_text(None if rounded == "null" else float(rounded))


def bar_cell(rounded: str) -> str:
    return "" if rounded == "null" else bar(max(0.0, float(rounded)) / 100, BAR_WIDTH)


def _whole(rounded: str) -> str:
    return f"{float('nan') if rounded == 'null' else float(rounded):.0f}"


def _percent(rounded: str) -> str:
    return f"{float('nan') if rounded == 'null' else float(rounded):.0%}"


_UNSEEN: Any = object()


class ChunkTable(TableText):
    """``TableText`` with the chunk's results laid out together."""

    def __init__(self, form: Form, role: str | None, width: int) -> None:
        super().__init__(form, role, width)
        self._flag_cache: dict[tuple[int, float, float, float], list[str] | None] = {}
        """A calibration line, wrapped, per (skill column, rating, checks, delta)."""
        heading = wrapped("Calibration (self-rating vs knowledge checks)", width)
        self._heading = None if heading is None else [line + "\n" for line in heading]
        self._gap_cache: dict[tuple[int, int, float | None], str | None] = {}
        """A gap's lines, wrapped, per (role, requirement, value: None for NaN)."""

    def results(self, scored: Scored) -> list[str | None]:
        s = scored.scores
        people = scored.people
        n = len(people)
        ranking = s.ranking()
        shown = ranking if self.role_index is None else np.full((n, 1), self.role_index)
        table, cells = self._tables(scored, shown)
        rest = self._rests(scored, ranking)
        answered, skipped, unanswered = (a.tolist() for a in answer_counts(scored))
        out: list[str | None] = []
        for i, person in enumerate(people):
            status = person.stamps[0] if person.stamps else "in_progress"
            title = person.name + (f" · {person.team}" if person.team else "")
            head = wrapped(for_terminal(title), self.width)
            counts = wrapped(
                for_terminal(
                    f"{self.head} · {'complete' if status == 'complete' else 'in progress'} · "
                    + counts_line(answered[i], skipped[i], unanswered[i])
                ),
                self.width,
            )
            text = table[i]
            if text is None:  # (laid out one by one, as before: a name wrapped, or rich's)
                rows = [
                    list(ROLE_TABLE_HEADERS),
                    *map(list, zip(*(c[i] for c in cells), strict=True)),
                ]
                lines = self._laid_out(rows)
                text = None if lines is None else "".join(line + "\n" for line in lines)
            tail = rest[i]
            if head is None or counts is None or text is None or tail is None:
                out.append(None)  # (rich lays it out)
                continue
            out.append("\n".join(head + counts) + "\n" + text + tail + "\n")
        return out

    def _tables(
        self, scored: Scored, shown: npt.NDArray[np.intp]
    ) -> tuple[list[str | None], list[list[list[str]]]]:
        """Each person's role table (lines ending in a line end), None where it is not laid
        out here (wider than the console, or a name of wide characters); and the cells."""
        s = scored.scores
        n, count = shown.shape
        rows = np.arange(n)[:, None]
        p1, p2, _, p4 = numbers()  # (cells made once per text of a rounded value)
        match, readiness, coverage = (
            s.match[rows, shown],
            s.readiness[rows, shown],
            s.coverage[rows, shown],
        )
        match_t, bar_t = p1.mapped(match, match_cell), p1.mapped(match, bar_cell)
        readiness_t, coverage_t = p2.mapped(readiness, _whole), p4.mapped(coverage, _percent)
        lengths = [
            p1.mapped(match, _match_length).astype(np.intp),
            np.where(np.isnan(match), 0, BAR_WIDTH),
            p2.mapped(readiness, _whole_length).astype(np.intp),
            p4.mapped(coverage, _percent_length).astype(np.intp),
        ]
        # a role's name with its marks: 4 per role (target or not, weak evidence or not)
        names = [
            name + (TARGET_LABEL if target else "") + (WEAK_MARK if weak else "")
            for name in self.role_names
            for target in (False, True)
            for weak in (False, True)
        ]
        one_cell = np.array([_one_cell_each(name) for name in names])
        targets = np.array(
            [
                self.role_ids.index(p.target_role) if p.target_role in self.role_ids else -1
                for p in scored.people
            ]
        )
        weak = coverage < WEAK_COVERAGE - TOLERANCE
        variant = shown * 4 + (shown == targets[:, None]) * 2 + weak
        name_t = np.array(names, dtype=object)[variant]
        plain = one_cell[variant].all(axis=1)
        rank = np.where(np.isnan(match), 0, np.arange(1, count + 1))
        rank_t = np.array(["", *(str(r) for r in range(1, count + 1))], dtype=object)[rank]
        cells = [rank_t, name_t, match_t, bar_t, readiness_t, coverage_t]
        name_lengths = np.array([len(name) for name in names])[variant]
        lengths = [
            np.where(rank == 0, 0, len(str(count)) - (rank < 10) * (count >= 10)),
            name_lengths,
            *lengths,
        ]
        widths = [
            np.maximum(len(h), length.max(axis=1))
            for h, length in zip(ROLE_TABLE_HEADERS, lengths, strict=True)
        ]
        total = sum(widths) + 2 * 5
        ends = np.full((n, count + 1), "\n", dtype=object)
        narrow = plain & (total > self.width)
        plain &= total <= self.width
        for i in np.flatnonzero(narrow).tolist():
            if self._narrowed(i, [int(w[i]) for w in widths], name_t, name_lengths, ends):
                widths[1][i] -= total[i] - self.width
                plain[i] = True
        pieces = np.empty((n, count + 1, 18), dtype=object)
        for j, (header, cell, length, width) in enumerate(
            zip(ROLE_TABLE_HEADERS, cells, lengths, widths, strict=True)
        ):
            texts = np.concatenate([np.full((n, 1), header, dtype=object), cell], axis=1)
            pads = _PADS[
                np.clip(
                    width[:, None] - np.concatenate([np.full((n, 1), len(header)), length], 1),
                    0,
                    len(_PADS) - 1,
                )
            ]
            left = j in (1, 3)  # (names and bars to the left, the rest to the right)
            pieces[:, :, 3 * j] = texts if left else pads
            pieces[:, :, 3 * j + 1] = pads if left else texts
            pieces[:, :, 3 * j + 2] = "  " if j < 5 else ends
        tables: list[str | None] = [
            "".join(row) if yes else None
            for row, yes in zip(pieces.reshape(n, -1).tolist(), plain.tolist(), strict=True)
        ]
        return tables, [c.tolist() for c in cells]

    def _narrowed(
        self,
        i: int,
        widths: list[int],
        names: Texts,
        lengths: npt.NDArray[np.intp],
        ends: Texts,
    ) -> bool:
        """Person i's table, wider than the console, with the role names' column narrowed
        and the names wrapped (as ``TableText._laid_out``, which rich's layout it follows):
        their first lines put in ``names``, the next after the row's line end. False
        where rich must lay it out."""
        excess = sum(widths) + 2 * 5 - self.width
        padded = [w + (1 if j in (0, 5) else 2) for j, w in enumerate(widths)]
        others = max(w for j, w in enumerate(padded) if j not in (1, 3))
        if padded[1] <= others or excess > padded[1] - others:
            return False
        width = widths[1] - excess
        blank = [" " * w for w in widths]
        firsts, more = [], []
        for name in names[i].tolist():
            lines = wrapped(name, width)
            if lines is None:
                return False
            firsts.append(lines[0])
            more.append(
                "".join(
                    f"{blank[0]}  {line.ljust(width)}  {blank[2]}  {blank[3]}  {blank[4]}  "
                    f"{blank[5]}\n"
                    for line in lines[1:]
                )
            )
        names[i] = firsts
        lengths[i] = [len(line) for line in firsts]
        ends[i, 1:] = ["\n" + lines for lines in more]
        return True

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
            order = orders[i]
            reason = no_match_reason(int(assessed[i]), spread[i])
            first = order[0]
            if reason is None and math.isnan(match[i][first]):
                reason = NO_ROLE_DIFFERS
            texts: list[str] = []
            if reason:
                texts.append(for_terminal(f"No best role: {reason}."))
            if self_rated[i]:
                texts.append(f"Self-rating only (no knowledge check): {self_rated[i]} skill(s)")
            target = person.target_role
            if self.role_index is not None:
                k = self.role_index
            elif target is not None and target in self.role_ids:
                k = self.role_ids.index(target)
            elif not reason:
                k = first
            else:
                k = max(order, key=lambda r: round(readiness[i][r], 2))
            focus.append(k)
            texts.append(
                for_terminal(
                    f"Top gaps for {self.role_names[k]} (readiness {round(readiness[i][k], 2):.0f})"
                )
            )
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
