"""`assess score -f table` to a file or a pipe, a chunk at a time: ``result_table``'s text,
with the work per result moved to the chunk.

A cell's text (a match and its bar, a readiness, a coverage) and a gap's lines (wrapped)
depend on a value alone: each is made once per text of a rounded value, and the role
tables are laid out in arrays (widths, padding), a person per row, then joined; a table
wider than the console has its names' column narrowed as rich does it. A table with a name
of wide characters is laid out by ``TableText``, and a result it leaves to rich (a line
rich would do more than wrap) is None here too. ``tests/cli/test_score_table.py`` holds
this equal to ``TableText`` (and both to rich).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assess.answers import counts_line
from assess.cell_wrap import one_cell_each, wrapped
from assess.result_fragments import numbers
from assess.result_table import BAR_WIDTH, TARGET_LABEL
from assess.result_table_rest import RestLines
from assess.result_text import ROLE_TABLE_HEADERS, WEAK_MARK, bar, match_text
from assess.safetext import for_terminal
from assess.scoring.engine import TOLERANCE
from assess.scoring.results import (
    WEAK_COVERAGE,
)
from assess.team.stream import Scored, answer_counts

Texts = npt.NDArray[np.object_]
_PADS = np.array([" " * k for k in range(512)], dtype=object)


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


class ChunkTable(RestLines):
    """``TableText`` with the chunk's results laid out together."""

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
        one_cell = np.array([one_cell_each(name) for name in names])
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
