"""`assess score` results written as they are scored, a chunk at a time: JSON (one array,
written incrementally), JSON lines, CSV and the table, so memory stays flat however many
responses there are.

A result's JSON is put together from text fragments (a role's name, a gap's skill and
next-level descriptor are encoded once per questionnaire) and the numbers of the scored
chunk: no pydantic model per response. It holds exactly what
``RespondentResult.model_dump(mode="json")`` holds, in the same key order
(``tests/cli/test_score_stream.py`` compares the two on random responses); the table is
drawn from that model, rebuilt from the JSON.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

import msgspec
import numpy as np

from assess.model.questionnaire import LEVEL_NAMES, MAX_LEVEL
from assess.safetext import for_spreadsheet, json_for_terminal
from assess.scoring.engine import CALIBRATION_THRESHOLD, TOLERANCE, Scores
from assess.scoring.results import (
    CALIBRATION_MIN_CHECKS,
    STRENGTH_LEVEL,
    WEAK_COVERAGE,
    no_match_reason,
)
from assess.team.forms import Form
from assess.team.stream import Scored, answer_counts

if TYPE_CHECKING:
    from rich.console import Console

_encode = msgspec.json.encode
NO_ROLE_DIFFERS = "no role's profile differs over the skills you were assessed on"


def _text(value: str | None) -> str:
    """A JSON string (or null) that prints safely (``json_for_terminal``)."""
    if value is None:
        return "null"
    encoded = _encode(value).decode()
    return encoded if encoded.isascii() else json_for_terminal(encoded)


def _number(value: float | None) -> str:
    """A float as ``json`` writes it; None as null."""
    return "null" if value is None else repr(value)


class _Rounded:
    """``round(value, digits)`` as JSON text, remembered per value (scores take few
    distinct values, and this runs for every number of every result)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits
        self._seen: dict[float, str] = {}

    def __call__(self, value: float) -> str:
        text = self._seen.get(value)
        if text is None:
            if value != value:  # NaN: never a key (it equals nothing, itself included)
                return "null"
            text = repr(round(value, self.digits))
            if value and len(self._seen) < 100_000:  # (0.0 and -0.0 are one key)
                self._seen[value] = text
        return text


class FormText:
    """The fixed parts of one questionnaire's results as JSON text, and the builder of
    a scored chunk's results."""

    def __init__(self, form: Form, role: str | None = None) -> None:
        q, plan = form.questionnaire, form.plan
        self.plan = plan
        self.only_role = None if role is None else plan.role_ids.index(role)
        self.head = f',"questionnaire_id":{_text(q.id)},"questionnaire_version":{_text(q.version)}'
        self.skill_keys = [_text(s) + ":" for s in plan.skill_ids]
        self.skill_texts = [_text(s) for s in plan.skill_ids]
        skills = {s.id: s for s in q.skills}
        self.role_heads = [
            f'{{"role":{_text(r.id)},"name":{_text(r.name)},"match":' for r in q.roles
        ]
        self.role_ids = [_text(r.id) for r in q.roles]
        # Per role, its requirements in order: (skill column, level, importance)
        self.requirements = []
        self.gap_heads: list[list[str]] = []
        self.gap_mids: list[list[str]] = []
        self.strength_heads: list[list[str]] = []
        self.strength_tails: list[list[str]] = []
        for profile in q.roles:
            columns, heads, mids, s_heads, s_tails = [], [], [], [], []
            for skill_id, need in profile.requirements.items():
                skill = skills[skill_id]
                columns.append((plan.skill_ids.index(skill_id), need.level, need.importance))
                named = f'{{"skill":{_text(skill_id)},"skill_name":{_text(skill.name)}'
                heads.append(f'{named},"area":{_text(skill.area)},"current":')
                mids.append(
                    f',"required":{need.level},"importance":{need.importance},"weighted_gap":'
                )
                s_heads.append(f'{named},"current":')
                s_tails.append(f',"required":{need.level}}}')
            self.requirements.append(columns)
            self.gap_heads.append(heads)
            self.gap_mids.append(mids)
            self.strength_heads.append(s_heads)
            self.strength_tails.append(s_tails)
        self.next_levels = [
            [
                f',"next_level":{level},"next_level_name":{_text(LEVEL_NAMES[level])},'
                f'"next_descriptor":{_text(skills[sid].levels.as_list()[level])}}}'
                for level in range(MAX_LEVEL + 1)
            ]
            for sid in plan.skill_ids
        ]
        self.calibration_heads = [
            f'{{"skill":{_text(sid)},"skill_name":{_text(skills[sid].name)},"self_rating":'
            for sid in plan.skill_ids
        ]
        membership = np.zeros((len(plan.question_ids), len(plan.skill_ids)))
        membership[np.arange(len(plan.question_ids)), plan.item_skill] = 1.0
        self.check_membership = membership * (~plan.is_rating)[:, None]
        self.p3, self.p2, self.p1, self.p4 = _Rounded(3), _Rounded(2), _Rounded(1), _Rounded(4)

    def results(self, scored: Scored) -> list[str]:
        """The JSON text of each result of the chunk (compact, one line each)."""
        s = scored.scores
        n = len(scored.people)
        answered, skipped, unanswered = (a.tolist() for a in answer_counts(scored))
        prof = s.proficiency
        prof_list = prof.tolist()
        assessed_mask = ~np.isnan(prof)
        self_rated = (assessed_mask & np.isnan(s.checks)).tolist()
        ranking = s.ranking().tolist()
        roles_text = self._roles(s, ranking)
        calibration = self._calibration(s)
        p3 = self.p3
        out = []
        for i in range(n):
            person = scored.people[i]
            stamps = person.stamps or ("in_progress", "", "", None)
            target = _text(person.target_role)
            row = prof_list[i]
            skills = ",".join(
                [key + p3(value) for key, value in zip(self.skill_keys, row, strict=True)]
            )
            only = ",".join(
                [text for text, yes in zip(self.skill_texts, self_rated[i], strict=True) if yes]
            )
            first = ranking[i][0]
            reason = no_match_reason(int(s.assessed[i]), float(s.spread[i]))
            if reason is None and math.isnan(s.match[i, first]):
                reason = NO_ROLE_DIFFERS
            best = "null" if reason else self.role_ids[first]
            out.append(
                f'{{"respondent":{{"name":{_text(person.name)},"team":{_text(person.team)},'
                f'"email":{_text(person.email)},"target_role":{target}}}'
                f'{self.head},"status":{_text(stamps[0])},"started_at":{_text(stamps[1])},'
                f'"updated_at":{_text(stamps[2])},"completed_at":{_text(stamps[3])},'
                f'"answered":{answered[i]},"skipped":{skipped[i]},"unanswered":{unanswered[i]},'
                f'"skills":{{{skills}}},"self_rated_only":[{only}],"roles":[{roles_text[i]}],'
                f'"best_role":{best},"no_match_reason":{_text(reason)},"target_role":{target},'
                f'"calibration":[{calibration[i]}]}}'
            )
        return out

    def _roles(self, s: Scores, ranking: list[list[int]]) -> list[str]:
        """Each person's roles, best match first, as JSON text."""
        n = len(ranking)
        prof = s.proficiency
        prof0 = np.where(np.isnan(prof), 0.0, prof)
        blocks: list[list[str]] = []  # [role][person]
        for k, columns in enumerate(self.requirements):
            cols = [c for c, _, _ in columns]
            level = np.array([lv for _, lv, _ in columns], dtype=float)
            weight = np.array([imp for _, _, imp in columns], dtype=float)
            exact = prof[:, cols]
            short = level[None, :] - prof0[:, cols]
            is_gap = short > TOLERANCE  # (a required skill: level > 0)
            size = np.where(is_gap, weight[None, :] * short, 0.0)
            strong = ~is_gap & (exact >= STRENGTH_LEVEL - TOLERANCE)
            # gaps largest first, ties in the order of the role's requirements
            order = np.argsort(np.where(is_gap, -size, np.inf), axis=1, kind="stable")
            counts = is_gap.sum(axis=1).tolist()
            next_level = np.minimum(MAX_LEVEL, np.floor(prof0[:, cols]) + 1).astype(int)
            exact_l, size_l, next_l = exact.tolist(), size.tolist(), next_level.tolist()
            order_l, strong_l = order.tolist(), strong.tolist()
            heads, mids = self.gap_heads[k], self.gap_mids[k]
            s_heads, s_tails = self.strength_heads[k], self.strength_tails[k]
            next_texts = [self.next_levels[c] for c in cols]
            match = s.match[:, k].tolist()
            readiness = s.readiness[:, k].tolist()
            coverage = s.coverage[:, k].tolist()
            role_head = self.role_heads[k]
            p3, p2, p1, p4 = self.p3, self.p2, self.p1, self.p4
            texts = []
            for i in range(n):
                ex, sz, nx = exact_l[i], size_l[i], next_l[i]
                gaps = ",".join(
                    [
                        heads[j] + p3(ex[j]) + mids[j] + p3(sz[j]) + next_texts[j][nx[j]]
                        for j in order_l[i][: counts[i]]
                    ]
                )
                strengths = ",".join(
                    [
                        s_heads[j] + p3(ex[j]) + s_tails[j]
                        for j, yes in enumerate(strong_l[i])
                        if yes
                    ]
                )
                cover = coverage[i]
                weak = "true" if cover < WEAK_COVERAGE - TOLERANCE else "false"
                texts.append(
                    f'{role_head}{p1(match[i])},"readiness":{p2(readiness[i])},'
                    f'"coverage":{p4(cover)},"weak_evidence":{weak},'
                    f'"gaps":[{gaps}],"strengths":[{strengths}]}}'
                )
            blocks.append(texts)
        if self.only_role is not None:
            return blocks[self.only_role]
        return [",".join([blocks[k][i] for k in ranking[i]]) for i in range(n)]

    def _calibration(self, s: Scores) -> list[str]:
        rating, checks = s.self_rating, s.checks
        counts = (~np.isnan(s.values)).astype(float) @ self.check_membership
        both = ~np.isnan(rating) & ~np.isnan(checks)
        delta = rating - checks
        flagged = (counts >= CALIBRATION_MIN_CHECKS) & (
            np.abs(np.where(both, delta, 0.0)) >= CALIBRATION_THRESHOLD - TOLERANCE
        )
        p3 = self.p3
        heads = self.calibration_heads
        rating_l, checks_l, delta_l = rating.tolist(), checks.tolist(), delta.tolist()
        counts_l, both_l, flagged_l = counts.astype(int).tolist(), both.tolist(), flagged.tolist()
        out = []
        for i in range(len(rating_l)):
            parts = []
            for c, yes in enumerate(both_l[i]):
                if not yes:
                    continue
                d = delta_l[i][c]
                flag = ('"over"' if d > 0 else '"under"') if flagged_l[i][c] else "null"
                parts.append(
                    f'{heads[c]}{p3(rating_l[i][c])},"checks":{p3(checks_l[i][c])},'
                    f'"delta":{p3(d)},"checks_answered":{counts_l[i][c]},"flag":{flag}}}'
                )
            out.append(",".join(parts))
        return out


class ResultWriter:
    """Writes results in one format as chunks come: ``json`` (an array), ``jsonl``,
    ``csv`` or ``table``; ``close`` ends the output (the JSON array's bracket)."""

    def __init__(self, fmt: str, out: IO[bytes], role: str | None = None) -> None:
        self.fmt = fmt
        self.out = out
        self.role = role
        self.written = 0
        self._texts: dict[int, FormText] = {}
        self._console: Console | None = None
        if fmt == "csv":
            out.write(_csv_line(CSV_COLUMNS))

    def write(self, scored: Scored) -> None:
        form = scored.form
        text = self._texts.get(form.index)
        if text is None:  # (the CSV ranks every role, then keeps the one asked for)
            text = FormText(form, None if self.fmt == "csv" else self.role)
            self._texts[form.index] = text
        results = text.results(scored)
        if self.fmt == "jsonl":
            self.out.write(("\n".join(results) + "\n").encode())
        elif self.fmt == "json":
            body = msgspec.json.format(("[" + ",".join(results) + "]").encode(), indent=2)
            body = body[2:-2]  # the items, indented as in the array: without "[\n", "\n]"
            self.out.write((b",\n" if self.written else b"[\n") + body)
        elif self.fmt == "csv":
            self.out.write(_csv_rows(results, self.role))
        else:
            self._table(results)
        self.written += len(results)

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write(b"\n]\n" if self.written else b"[]\n")
        self.out.flush()

    def _table(self, results: list[str]) -> None:
        """The table, drawn by rich from the result models (on standard output)."""
        from rich.console import Console

        from assess.model.result import RespondentResult
        from assess.result_text import render_table

        if self._console is None:
            self._console = Console()
        decoded = [RespondentResult.model_validate_json(result) for result in results]
        render_table(decoded, self._console, self.role)


CSV_COLUMNS = (
    "person",
    "team",
    "record",
    "id",
    "name",
    "proficiency",
    "match",
    "readiness",
    "coverage",
    "rank",
)


def _csv_line(row: Sequence[object]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([for_spreadsheet(cell) for cell in row])
    return buffer.getvalue().encode()


def _csv_rows(results: list[str], role: str | None) -> bytes:
    """Tidy CSV: one row per person x skill, then per person x role (as ranked; with
    ``role``, that role's row alone, with its rank among all)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    decode = msgspec.json.decode
    for result in results:
        data = decode(result)
        who = data["respondent"]
        name, team = for_spreadsheet(who["name"]), for_spreadsheet(who["team"] or "")
        rows: list[list[object]] = [
            [name, team, "skill", sid, "", "" if v is None else v, "", "", "", ""]
            for sid, v in data["skills"].items()
        ]
        for rank, fit in enumerate(data["roles"], start=1):
            if role is not None and fit["role"] != role:
                continue
            matched = fit["match"] is not None
            rows.append(
                [
                    name,
                    team,
                    "role",
                    fit["role"],
                    for_spreadsheet(fit["name"]),
                    "",
                    fit["match"] if matched else "",
                    fit["readiness"],
                    fit["coverage"],
                    rank if matched else "",
                ]
            )
        writer.writerows(rows)
    return buffer.getvalue().encode()
