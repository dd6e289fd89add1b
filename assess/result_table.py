"""`assess score -f table` for output that is not a terminal (a file, a pipe): the same
text ``result_text.render_table`` prints through rich, made straight from a scored chunk's
arrays, with rich's own word wrapping. Rich lays out a table and wraps each line at some
milliseconds a result; this takes some microseconds.

Anything this does not lay out as rich would (a role table wider than the console, a line
with a tab or a line end, text rich would read as an emoji code) is left to rich: the
caller prints that result through ``render_table``. ``tests/cli/test_score_table.py`` holds
the two equal on random responses.
"""

from __future__ import annotations

import math

import numpy as np
from rich.cells import cell_len

from assess.answers import counts_line
from assess.cell_wrap import one_cell_each, wrapped
from assess.model.questionnaire import LEVEL_NAMES
from assess.result_text import ROLE_TABLE_HEADERS, WEAK_MARK, bar, level_label, match_text
from assess.safetext import for_terminal
from assess.scoring.engine import CALIBRATION_THRESHOLD, TOLERANCE, Scores
from assess.scoring.gaps import role_gaps
from assess.scoring.results import (
    CALIBRATION_MIN_CHECKS,
    NO_ROLE_DIFFERS,
    WEAK_COVERAGE,
    no_match_reason,
)
from assess.scoring.results import next_level as next_level_of
from assess.team.forms import Form
from assess.team.stream import Scored, answer_counts

TARGET_LABEL = " ◀ target"
TOP_GAPS = 5
BAR_WIDTH = 20


class TableText:
    """The table text of one questionnaire's results, for a console ``width`` wide."""

    def __init__(self, form: Form, role: str | None, width: int) -> None:
        q, plan = form.questionnaire, form.plan
        self.form = form
        self.plan = plan
        self.width = width
        self.role_index = None if role is None else plan.role_ids.index(role)
        self.role_names = [for_terminal(r.name) for r in q.roles]
        self.role_ids = list(plan.role_ids)
        skills = {s.id: s for s in q.skills}
        self.skill_names = [for_terminal(skills[sid].name) for sid in plan.skill_ids]
        self.descriptors = [
            [for_terminal(d) for d in skills[sid].levels.as_list()] for sid in plan.skill_ids
        ]
        # per role, its requirements in order: (skill column, level, importance)
        self.requirements = [
            [
                (plan.skill_ids.index(sid), need.level, need.importance)
                for sid, need in r.requirements.items()
            ]
            for r in q.roles
        ]
        self.head = f"{q.id} v{q.version}"
        membership = np.zeros((len(plan.question_ids), len(plan.skill_ids)))
        membership[np.arange(len(plan.question_ids)), plan.item_skill] = 1.0
        self.check_membership = membership * (~plan.is_rating)[:, None]

    def results(self, scored: Scored) -> list[str | None]:
        """Each result's text (lines ending in a line end, a blank line last), or None for
        one that rich must lay out."""
        s = scored.scores
        answered, skipped, unanswered = (a.tolist() for a in answer_counts(scored))
        ranking = s.ranking().tolist()
        match = s.match.tolist()
        readiness = s.readiness.tolist()
        coverage = s.coverage.tolist()
        prof = s.proficiency
        self_rated = (~np.isnan(prof) & np.isnan(s.checks)).sum(axis=1).tolist()
        prof_l = prof.tolist()
        flags = self._calibration_flags(s)
        out: list[str | None] = []
        for i, person in enumerate(scored.people):
            status = person.stamps[0] if person.stamps else "in_progress"
            title = person.name + (f" · {person.team}" if person.team else "")
            lines: list[str] = []
            for text in (
                for_terminal(title),
                for_terminal(
                    f"{self.head} · {'complete' if status == 'complete' else 'in progress'} · "
                    + counts_line(answered[i], skipped[i], unanswered[i])
                ),
            ):
                got = wrapped(text, self.width)
                if got is None:
                    break
                lines += got
            else:
                table = self._role_table(
                    person.target_role, ranking[i], match[i], readiness[i], coverage[i]
                )
                if table is not None:
                    lines += table
                    rest = self._rest(
                        i,
                        person.target_role,
                        ranking[i],
                        match[i],
                        readiness[i],
                        prof_l[i],
                        s,
                        self_rated[i],
                        flags[i],
                    )
                    if rest is not None:
                        out.append("\n".join(lines + rest) + "\n\n")
                        continue
            out.append(None)
        return out

    def _role_table(
        self,
        target: str | None,
        ranking: list[int],
        match: list[float],
        readiness: list[float],
        coverage: list[float],
    ) -> list[str] | None:
        rows = [list(ROLE_TABLE_HEADERS)]
        # (with a role asked for, the results hold that role alone)
        shown = ranking if self.role_index is None else [self.role_index]
        for rank, k in enumerate(shown, start=1):
            m = None if math.isnan(match[k]) else round(match[k], 1)
            c = round(coverage[k], 4)
            name = self.role_names[k] + (TARGET_LABEL if self.role_ids[k] == target else "")
            name += WEAK_MARK if coverage[k] < WEAK_COVERAGE - TOLERANCE else ""
            rows.append(
                [
                    str(rank) if m is not None else "",
                    name,
                    match_text(m),
                    bar(max(0.0, m or 0.0) / 100, BAR_WIDTH) if m is not None else "",
                    f"{round(readiness[k], 2):.0f}",
                    f"{c:.0%}",
                ]
            )
        return self._laid_out(rows)

    def _laid_out(self, rows: list[list[str]]) -> list[str] | None:
        """The role table's lines from its cells (the headers' row first), or None."""
        # (every cell but a role's name is of one-cell characters: "—", "█", "░" included)
        widths = [max(len(row[j]) for row in rows) for j in range(6)]
        one_cell = all(one_cell_each(row[1]) for row in rows)
        if not one_cell:
            widths[1] = max(cell_len(row[1]) for row in rows)
        excess = sum(widths) + 2 * 5 - self.width
        if excess <= 0 and one_cell:  # the usual table: each row on one line
            w0, w1, w2, w3, w4, w5 = widths
            return [
                f"{a.rjust(w0)}  {b.ljust(w1)}  {c.rjust(w2)}  {d.ljust(w3)}  "
                f"{e.rjust(w4)}  {f.rjust(w5)}"
                for a, b, c, d, e, f in rows
            ]
        if excess > 0:
            # Rich narrows the widest column that may wrap (all but the bar's) by the
            # excess when that is the role names' and it stays at least as wide as the
            # next widest; the names then wrap. Anything else is left to rich.
            padded = [w + (1 if j in (0, 5) else 2) for j, w in enumerate(widths)]
            others = [w for j, w in enumerate(padded) if j not in (1, 3)]
            if padded[1] <= max(others) or excess > padded[1] - max(others):
                return None
            widths[1] -= excess
        lines = []
        for row in rows:
            name_lines = wrapped(row[1], widths[1]) if excess > 0 else [row[1]]
            if name_lines is None:
                return None
            for h, name in enumerate(name_lines):
                cells = []
                for j, (cell, width) in enumerate(zip(row, widths, strict=True)):
                    if j == 1:
                        cell = name
                    elif h:  # (a wrapped name's next lines: the other cells blank)
                        cell = ""
                    used = cell_len(cell) if j == 1 and not one_cell_each(cell) else len(cell)
                    pad = " " * (width - used)
                    cells.append(cell + pad if j in (1, 3) else pad + cell)
                lines.append("  ".join(cells))
        return lines

    def _head(
        self,
        assessed: int,
        spread: float,
        ranking: list[int],
        match: list[float],
        readiness: list[float],
        target: str | None,
        self_rated: int,
    ) -> tuple[list[str], int]:
        """A result's lines before its gaps (why no best role, self-rated skills, the focus
        role's heading) and the focus role: ``scoring.results.focus_role``'s rule, asked,
        else the target, else the best match, else the highest readiness (the first of
        equals in ranked order)."""
        reason = no_match_reason(assessed, spread)
        first = ranking[0]
        if reason is None and math.isnan(match[first]):
            reason = NO_ROLE_DIFFERS
        texts: list[str] = []
        if reason:
            texts.append(for_terminal(f"No best role: {reason}."))
        if self_rated:
            texts.append(f"Self-rating only (no knowledge check): {self_rated} skill(s)")
        if self.role_index is not None:
            k = self.role_index
        elif target is not None and target in self.role_ids:
            k = self.role_ids.index(target)
        elif not reason:
            k = first
        else:
            k = max(ranking, key=lambda r: round(readiness[r], 2))
        texts.append(
            for_terminal(
                f"Top gaps for {self.role_names[k]} (readiness {round(readiness[k], 2):.0f})"
            )
        )
        return texts, k

    def _rest(
        self,
        i: int,
        target: str | None,
        ranking: list[int],
        match: list[float],
        readiness: list[float],
        prof: list[float],
        scores: Scores,
        self_rated: int,
        flags: list[tuple[int, float, float, float]],
    ) -> list[str] | None:
        texts, k = self._head(
            int(scores.assessed[i]),
            float(scores.spread[i]),
            ranking,
            match,
            readiness,
            target,
            self_rated,
        )
        gaps = self._gaps(k, prof)
        if not gaps:
            texts.append("  none: every required skill is at or above its level")
        for column, level, importance in gaps[:TOP_GAPS]:
            value = prof[column]
            current = None if math.isnan(value) else round(value, 3)
            next_level = next_level_of(None if current is None else value)
            texts.append(
                for_terminal(
                    f"  - {self.skill_names[column]}: {level_label(current)} → needs "
                    f"{level} ({LEVEL_NAMES[level]}), importance {importance}"
                )
            )
            texts.append(
                for_terminal(
                    f"    next ({LEVEL_NAMES[next_level]}): {self.descriptors[column][next_level]}"
                )
            )
        if flags:
            texts.append("Calibration (self-rating vs knowledge checks)")
            for column, rating, checks, delta in flags:
                word = "over-confident" if delta > 0 else "under-confident"
                texts.append(
                    for_terminal(
                        f"  - {self.skill_names[column]}: self {rating:.1f} vs checks "
                        f"{checks:.1f} ({delta:+.1f}): possibly {word}"
                    )
                )
        lines: list[str] = []
        for text in texts:
            got = wrapped(text, self.width)
            if got is None:
                return None
            lines += got
        return lines

    def _gaps(self, k: int, prof: list[float]) -> list[tuple[int, int, int]]:
        """The role's gaps, largest first, ties in the order of its requirements."""
        plan = self.plan
        row = np.asarray(prof, dtype=float)[None, :]
        is_gap, weighted = role_gaps(row, plan.required[k], plan.importance[k])
        found = [
            (-float(weighted[0, column]), position, column, level, importance)
            for position, (column, level, importance) in enumerate(self.requirements[k])
            if is_gap[0, column]
        ]
        found.sort()
        return [(column, level, importance) for _, _, column, level, importance in found]

    def _calibration_flags(self, scores: Scores) -> list[list[tuple[int, float, float, float]]]:
        """Per person, the flagged skills (as ``scoring.results.calibration`` flags them):
        (column, self-rating, checks, delta), rounded as the results are."""
        rating, checks = scores.self_rating, scores.checks
        counts = (~np.isnan(scores.values)).astype(float) @ self.check_membership
        both = ~np.isnan(rating) & ~np.isnan(checks)
        delta = rating - checks
        flagged = (counts >= CALIBRATION_MIN_CHECKS) & (
            np.abs(np.where(both, delta, 0.0)) >= CALIBRATION_THRESHOLD - TOLERANCE
        )
        out = []
        for i in range(len(rating)):
            columns = np.flatnonzero(flagged[i]).tolist()
            out.append(
                [
                    (
                        c,
                        round(float(rating[i, c]), 3),
                        round(float(checks[i, c]), 3),
                        round(float(delta[i, c]), 3),
                    )
                    for c in columns
                ]
            )
        return out
