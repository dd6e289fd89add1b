"""The text of `assess score` results, made a chunk at a time from the scored arrays
(``result_writer`` writes it out as JSON, JSON lines, CSV or the table, so memory stays
flat however many responses there are).

A result's JSON is put together from text fragments (a role's name, a gap's skill and
next-level descriptor are encoded once per questionnaire) and the numbers of the scored
chunk: no pydantic model per response. It holds exactly what
``RespondentResult.model_dump(mode="json")`` holds, in the same key order
(``tests/cli/test_score_stream.py`` compares the two on random responses); the table is
drawn from that model, rebuilt from the JSON.
"""

from __future__ import annotations

import functools
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import numpy as np

from assess.model.questionnaire import LEVEL_NAMES, MAX_LEVEL
from assess.safetext import for_spreadsheet, json_for_terminal
from assess.scoring.engine import CALIBRATION_THRESHOLD, TOLERANCE, Scores
from assess.scoring.gaps import role_gaps
from assess.scoring.plan import FloatArray
from assess.scoring.results import (
    CALIBRATION_MIN_CHECKS,
    NO_ROLE_DIFFERS,
    STRENGTH_LEVEL,
    WEAK_COVERAGE,
    no_match_reason,
)
from assess.storage import person_folder, ratings_folder
from assess.team.fastpath import RaterFields
from assess.team.forms import Form
from assess.team.stream import Scored, answer_counts

if TYPE_CHECKING:
    pass

_encode = msgspec.json.encode


def _text(value: str | None) -> str:
    """A JSON string (or null) that prints safely (``json_for_terminal``)."""
    if value is None:
        return "null"
    encoded = _encode(value).decode()
    return encoded if encoded.isascii() else json_for_terminal(encoded)


class Numbers:
    """Floats as the JSON text of ``round(value, digits)`` (NaN as null), a whole array
    at once: the text of each multiple of 10^-digits within a range is made once, and a
    value's is looked up by ``rint(value * 10^digits)``. A value within 10^-6 of halfway
    (where that product's float error could round the other way) or out of the range is
    formatted one by one, as ``round`` does it."""

    def __init__(self, digits: int, low: float, high: float) -> None:
        self.digits = digits
        self.scale = 10.0**digits
        self.low = round(low * self.scale)
        high_k = round(high * self.scale)
        texts = [repr(round(k / self.scale, digits)) for k in range(self.low, high_k + 1)]
        self.high = high_k
        self.table = np.array([*texts, "null", "-0.0"], dtype=object)

    def __call__(self, values: FloatArray) -> list[Any]:
        """The texts, as (nested) lists shaped like ``values``."""
        scaled = values * self.scale
        k = np.rint(scaled)
        index = np.where(np.isnan(k), len(self.table) - 2, 0)
        ok = ~np.isnan(k) & (k >= self.low) & (k <= self.high)
        index = np.where(ok, k - self.low, index).astype(np.intp)
        index[ok & (k == 0) & np.signbit(values)] = len(self.table) - 1  # -0.0
        texts = self.table[index]
        near_half = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6
        odd = ~np.isnan(k) & (~ok | near_half)
        if odd.any():
            texts[odd] = [repr(round(float(v), self.digits)) for v in values[odd]]
        listed: list[Any] = texts.tolist()
        return listed


@functools.cache
def _numbers() -> tuple[Numbers, Numbers, Numbers, Numbers]:
    """Rounded as results are (``scoring.results``): match to 1 digit, readiness to 2,
    levels, gaps and calibration to 3, coverage to 4."""
    return Numbers(1, -100, 100), Numbers(2, -100, 100), Numbers(3, -4, 20), Numbers(4, 0, 1)


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
        self.p1, self.p2, self.p3, self.p4 = _numbers()

    def results(self, scored: Scored) -> list[str]:
        """The JSON text of each result of the chunk (compact, one line each)."""
        s = scored.scores
        n = len(scored.people)
        answered, skipped, unanswered = (a.tolist() for a in answer_counts(scored))
        prof = s.proficiency
        self_rated = (~np.isnan(prof) & np.isnan(s.checks)).tolist()
        ranking = s.ranking().tolist()
        roles_text = self._roles(s, ranking)
        calibration = self._calibration(s)
        prof_texts = self.p3(prof)
        keys = self.skill_keys
        out = []
        for i in range(n):
            person = scored.people[i]
            stamps = person.stamps or ("in_progress", "", "", None)
            target = _text(person.target_role)
            skills = ",".join(map(str.__add__, keys, prof_texts[i]))
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
                f'"calibration":[{calibration[i]}],"rater":{_rater(person.rater)},'
                '"others":null}'
            )
        return out

    def _roles(self, s: Scores, ranking: list[list[int]]) -> list[str]:
        """Each person's roles, best match first, as JSON text."""
        n = len(ranking)
        prof = s.proficiency
        prof0 = np.where(np.isnan(prof), 0.0, prof)
        match_t, readiness_t = self.p1(s.match), self.p2(s.readiness)
        coverage_t = self.p4(s.coverage)
        weak_l = (s.coverage < WEAK_COVERAGE - TOLERANCE).tolist()
        blocks: list[list[str]] = []  # [role][person]
        for k, columns in enumerate(self.requirements):
            if self.only_role is not None and k != self.only_role:
                blocks.append([])
                continue
            cols = [c for c, _, _ in columns]
            exact = prof[:, cols]
            gap_all, size_all = role_gaps(prof, self.plan.required[k], self.plan.importance[k])
            is_gap, size = gap_all[:, cols], size_all[:, cols]
            strong = ~is_gap & (exact >= STRENGTH_LEVEL - TOLERANCE)
            # gaps largest first, ties in the order of the role's requirements
            order = np.argsort(np.where(is_gap, -size, np.inf), axis=1, kind="stable")
            counts = is_gap.sum(axis=1).tolist()
            next_level = np.minimum(MAX_LEVEL, np.floor(prof0[:, cols]) + 1).astype(int)
            exact_t, size_t = self.p3(exact), self.p3(size)
            next_l, order_l, strong_l = next_level.tolist(), order.tolist(), strong.tolist()
            heads, mids = self.gap_heads[k], self.gap_mids[k]
            s_heads, s_tails = self.strength_heads[k], self.strength_tails[k]
            next_texts = [self.next_levels[c] for c in cols]
            role_head = self.role_heads[k]
            texts = []
            for i in range(n):
                ex, sz, nx = exact_t[i], size_t[i], next_l[i]
                gaps = ",".join(
                    [
                        heads[j] + ex[j] + mids[j] + sz[j] + next_texts[j][nx[j]]
                        for j in order_l[i][: counts[i]]
                    ]
                )
                strengths = ",".join(
                    [s_heads[j] + ex[j] + s_tails[j] for j, yes in enumerate(strong_l[i]) if yes]
                )
                texts.append(
                    f'{role_head}{match_t[i][k]},"readiness":{readiness_t[i][k]},'
                    f'"coverage":{coverage_t[i][k]},"weak_evidence":'
                    f"{'true' if weak_l[i][k] else 'false'},"
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
        heads = self.calibration_heads
        rating_t, checks_t, delta_t = self.p3(rating), self.p3(checks), self.p3(delta)
        over_l = (delta > 0).tolist()
        counts_l, both_l, flagged_l = counts.astype(int).tolist(), both.tolist(), flagged.tolist()
        out = []
        for i in range(len(both_l)):
            parts = []
            for c, yes in enumerate(both_l[i]):
                if not yes:
                    continue
                flag = ('"over"' if over_l[i][c] else '"under"') if flagged_l[i][c] else "null"
                parts.append(
                    f'{heads[c]}{rating_t[i][c]},"checks":{checks_t[i][c]},'
                    f'"delta":{delta_t[i][c]},"checks_answered":{counts_l[i][c]},"flag":{flag}}}'
                )
            out.append(",".join(parts))
        return out


def _rater(rater: RaterFields | None) -> str:
    if rater is None:
        return "null"
    name, email, relation = rater
    return f'{{"name":{_text(name)},"email":{_text(email)},"relation":{_text(relation)}}}'


class OtherRaters:
    """Finds the other raters' ratings kept beside a response file
    (``responses/<name>/ratings/``) and adds their view to its result, as
    ``person.record.with_other_raters`` does for one file. Each folder's subfolders are
    listed once (files come folder by folder): one look per folder, not per file."""

    def __init__(self) -> None:
        self._folder = ""
        self._subfolders: frozenset[str] = frozenset()

    def beside(self, source: str | int) -> Path | None:
        """The response file when ratings may be kept beside it, else None."""
        if not isinstance(source, str):  # (a JSON-lines record has no folder of its own)
            return None
        path = Path(source)
        folder = os.path.dirname(source)
        if folder != self._folder:
            self._folder = folder
            try:
                with os.scandir(folder or ".") as entries:
                    self._subfolders = frozenset(
                        e.name for e in entries if e.is_dir(follow_symlinks=False)
                    )
            except OSError:
                self._subfolders = frozenset()
        if person_folder(path).name not in self._subfolders:
            return None
        return path if ratings_folder(path).is_dir() else None

    @staticmethod
    def added(text: str, path: Path, form: Form) -> str:
        """A result's JSON text with the other raters' view (unchanged when the file no
        longer reads as it did, or no rating in the folder can be used)."""
        from assess.errors import InputFileError
        from assess.loading import load_response
        from assess.model.result import RespondentResult
        from assess.person.record import with_other_raters

        result = RespondentResult.model_validate_json(text)
        try:
            response = load_response(path)
        except InputFileError:
            return text
        if response.rater is not None:
            return text
        rated = with_other_raters(result, path, form.questionnaire, form.plan, response)
        if rated is result:
            return text
        return json_for_terminal(_encode(rated.model_dump(mode="json")).decode())


def _csv_field(value: object) -> str:
    """A CSV field as the csv module writes it (quoted only when it must be)."""
    text = str(for_spreadsheet(value))
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


class CsvText:
    """A scored chunk as tidy CSV rows: one per person x skill, then per person x role
    (as ranked; with ``role``, that role's row alone, with its rank among all)."""

    def __init__(self, form: Form, role: str | None) -> None:
        q, plan = form.questionnaire, form.plan
        self.only_role = None if role is None else plan.role_ids.index(role)
        self.skill_rows = [f",skill,{_csv_field(sid)},," for sid in plan.skill_ids]
        self.role_rows = [f",role,{_csv_field(r.id)},{_csv_field(r.name)},," for r in q.roles]
        self.p1, self.p2, self.p3, self.p4 = _numbers()

    def rows(self, scored: Scored) -> str:
        s = scored.scores
        prof = [["" if t == "null" else t for t in row] for row in self.p3(s.proficiency)]
        match_t, readiness_t = self.p1(s.match), self.p2(s.readiness)
        coverage_t = self.p4(s.coverage)
        ranking = s.ranking().tolist()
        lines = []
        for i, person in enumerate(scored.people):
            who = f"{_csv_field(person.name)},{_csv_field(person.team or '')}"
            lines += [
                f"{who}{fixed}{value},,,,\n"
                for fixed, value in zip(self.skill_rows, prof[i], strict=True)
            ]
            for rank, k in enumerate(ranking[i], start=1):
                if self.only_role is not None and k != self.only_role:
                    continue
                match = match_t[i][k]
                matched = match != "null"
                lines.append(
                    f"{who}{self.role_rows[k]}{match if matched else ''},{readiness_t[i][k]},"
                    f"{coverage_t[i][k]},{rank if matched else ''}\n"
                )
        return "".join(lines)
