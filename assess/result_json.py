"""A scored chunk's results as JSON text, made from text fragments and the chunk's arrays
(for ``assess score``): no pydantic model, and no Python loop per gap or per role.

Each result is the concatenation of a row of pieces: fixed fragments (a role's name, a
gap's skill and next-level descriptor, encoded once per questionnaire) and the texts of
the chunk's numbers. The pieces of all results are laid out in one object array, a
person per row (a gap, strength or calibration entry that is not there is blank; roles
and gaps are put in their order with ``np.take_along_axis``), and each row is joined
once. The same pieces give the compact text (one line: JSON lines) or the array item
``msgspec.json.format(indent=2)`` makes of it (``-f json``), without formatting gigabytes.

It holds exactly what ``RespondentResult.model_dump(mode="json")`` holds, in the same key
order (``tests/cli/test_score_stream.py`` compares the two on random responses).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assess.result_fragments import (
    Layout,
    RoleText,
    Texts,
    as_column,
    ints,
    json_text,
    numbers,
    pick,
)
from assess.scoring.engine import CALIBRATION_THRESHOLD, TOLERANCE, Scores
from assess.scoring.plan import FloatArray
from assess.scoring.results import (
    CALIBRATION_MIN_CHECKS,
    NO_ROLE_DIFFERS,
    STRENGTH_LEVEL,
    WEAK_COVERAGE,
    no_match_reason,
)
from assess.team.fastpath import RaterFields
from assess.team.forms import Form
from assess.team.stream import Scored, answer_counts

Distinct = dict[int, tuple[FloatArray, npt.NDArray[np.intp], list[str]]]
"""Per skill column: its distinct values in the chunk, each person's among them, and the
values' texts."""
_FLAGS = ("null", '"over"', '"under"')  # (not flagged, over, under)


class FormText:
    """The fixed parts of one questionnaire's results as JSON text, and the builder of
    a scored chunk's results (``indent``: as items of an indented array)."""

    def __init__(self, form: Form, role: str | None = None, indent: bool = False) -> None:
        q, plan = form.questionnaire, form.plan
        self.plan = plan
        self.layout = lay = Layout(indent)
        self.only_role = None if role is None else plan.role_ids.index(role)
        key = lay.key
        self.role_ids = [json_text(r.id) for r in q.roles]
        self.roles = [RoleText(form, k, lay) for k in range(len(q.roles))]
        skills = {s.id: s for s in q.skills}
        self.skill_keys = [
            ("{" if c == 0 else ",") + lay.nl(3) + json_text(sid) + lay.ks
            for c, sid in enumerate(plan.skill_ids)
        ]
        # a skill in the list of those self-rated only: not there, first, or later
        self.only_texts = np.array(
            [
                text
                for sid in plan.skill_ids
                for text in (
                    b"",
                    (lay.nl(3) + json_text(sid)).encode(),
                    ("," + lay.nl(3) + json_text(sid)).encode(),
                )
            ],
            dtype=object,
        )
        self.start = f"{key(2, 'respondent', True)}{key(3, 'name', True)}"
        self.respondent = (key(3, "team"), key(3, "email"), key(3, "target_role"))
        self.middle = (
            f"{lay.nl(2)}}}{key(2, 'questionnaire_id')}{json_text(q.id)}"
            f"{key(2, 'questionnaire_version')}{json_text(q.version)}{key(2, 'status')}"
        )
        self.stamp_keys = (key(2, "started_at"), key(2, "updated_at"), key(2, "completed_at"))
        self.counts = (key(2, "answered"), key(2, "skipped"), key(2, "unanswered"))
        self.skills_open = (key(2, "skills") + ("" if plan.skill_ids else "{}")).encode()
        self.skills_close = (lay.nl(2) + "}" if plan.skill_ids else "").encode()
        self.only_open = (key(2, "self_rated_only") + "[").encode()
        self.roles_open = tuple(f"{nl}]{key(2, 'roles')}[".encode() for nl in ("", lay.nl(2)))
        self.tail = (
            f"{lay.nl(2)}]{key(2, 'best_role')}",
            key(2, "no_match_reason"),
            key(2, "target_role"),
            key(2, "calibration") + "[",
        )
        self.rater_keys = (key(2, "rater"), (key(2, "others") + "null" + lay.nl(1) + "}").encode())
        self.calibration_parts = (
            [
                f"{key(4, 'skill', True)}{json_text(sid)}{key(4, 'skill_name')}"
                f"{json_text(skills[sid].name)}{key(4, 'self_rating')}"
                for sid in plan.skill_ids
            ],
            key(4, "checks"),
            key(4, "delta"),
            key(4, "checks_answered"),
            key(4, "flag"),
            lay.nl(3) + "}",
        )
        membership = np.zeros((len(plan.question_ids), len(plan.skill_ids)))
        membership[np.arange(len(plan.question_ids)), plan.item_skill] = 1.0
        self.check_membership = membership * (~plan.is_rating)[:, None]
        self.p1, self.p2, self.p3, self.p4 = numbers()

    def results(self, scored: Scored) -> list[str]:
        """The JSON text of each result of the chunk (compact: one line each)."""
        return [text.decode() for text in self.encoded(scored)]

    def encoded(self, scored: Scored, before: bytes = b"", after: bytes = b"") -> list[bytes]:
        """Each result's text, UTF-8, after ``before`` and before ``after`` (separators,
        added without a copy)."""
        s = scored.scores
        people = scored.people
        n, skill_count = s.proficiency.shape
        prof = s.proficiency
        ranking = s.ranking()
        reasons = [
            no_match_reason(assessed, spread)
            for assessed, spread in zip(
                s.assessed.astype(int).tolist(), s.spread.tolist(), strict=True
            )
        ]
        first_match = np.take_along_axis(s.match, ranking[:, :1], axis=1)[:, 0]
        reasons = [
            NO_ROLE_DIFFERS if r is None and unmatched else r
            for r, unmatched in zip(reasons, np.isnan(first_match).tolist(), strict=True)
        ]
        targets = [json_text(p.target_role) for p in people]
        start, (team, email, target), middle = self.start, self.respondent, self.middle
        started, updated, completed = self.stamp_keys
        heads = []
        for p, t in zip(people, targets, strict=True):
            st = p.stamps or ("in_progress", "", "", None)
            heads.append(
                f"{start}{json_text(p.name)}{team}{json_text(p.team)}{email}{json_text(p.email)}{target}"
                f"{t}{middle}{json_text(st[0])}{started}{json_text(st[1])}{updated}{json_text(st[2])}"
                f"{completed}{json_text(st[3])}{self.counts[0]}".encode()
            )
        answered, skipped, unanswered = (
            ints(a, encoded=True).reshape(n, 1) for a in answer_counts(scored)
        )
        pieces = [
            np.full((n, 1), before, dtype=object),
            as_column(heads),
            answered,
            np.full((n, 1), self.counts[1].encode(), dtype=object),
            skipped,
            np.full((n, 1), self.counts[2].encode(), dtype=object),
            unanswered,
            np.full((n, 1), self.skills_open, dtype=object),
        ]
        # (a skill's text, its key and value, made once per distinct value of the chunk)
        distinct: Distinct = {}
        skills = np.empty((n, skill_count), dtype=object)
        for c in range(skill_count):
            values, which = np.unique(prof[:, c], return_inverse=True)
            texts = self.p3.array(values).tolist()
            distinct[c] = (values, which.reshape(-1), texts)
            key = self.skill_keys[c]
            skills[:, c] = np.array([(key + t).encode() for t in texts], dtype=object)[
                distinct[c][1]
            ]
        if skill_count:
            pieces += [skills, np.full((n, 1), self.skills_close + self.only_open, dtype=object)]
        else:
            pieces.append(np.full((n, 1), self.only_open, dtype=object))
        self_rated = ~np.isnan(prof) & np.isnan(s.checks)
        later = np.asarray((np.cumsum(self_rated, axis=1) - self_rated) > 0)
        best_key, reason_key, target_key, calibration_key = self.tail
        pieces += [
            self.only_texts[np.arange(skill_count) * 3 + self_rated * (1 + later)],
            pick(self_rated.any(axis=1), *self.roles_open).reshape(n, 1),
            self._roles(s, ranking, distinct),
            as_column(
                [
                    f"{best_key}{'null' if r else self.role_ids[k]}{reason_key}{json_text(r)}"
                    f"{target_key}{t}{calibration_key}".encode()
                    for r, k, t in zip(reasons, ranking[:, 0].tolist(), targets, strict=True)
                ]
            ),
            self._calibration(s),
            as_column([f"{self.rater_keys[0]}{self._rater(p.rater)}".encode() for p in people]),
            np.full((n, 1), self.rater_keys[1] + after, dtype=object),
        ]
        rows = np.concatenate(pieces, axis=1)
        return list(map(b"".join, rows.tolist()))

    def _roles(self, s: Scores, ranking: npt.NDArray[np.intp], distinct: Distinct) -> Texts:
        """Each person's roles, best match first (the pieces of the "roles" list).

        A gap's or strength's text depends on the skill's value alone: it is made once
        per distinct value of the chunk, and each person's picked from a table."""
        n = len(ranking)
        match_t, readiness_t = self.p1.array(s.match, True), self.p2.array(s.readiness, True)
        coverage_t = self.p4.array(s.coverage, True)
        weak = s.coverage < WEAK_COVERAGE - TOLERANCE
        wanted = range(len(self.roles)) if self.only_role is None else [self.only_role]
        blocks: list[Texts] = []
        for k in wanted:
            blocks.append(
                self._role(k, distinct, s.proficiency, match_t, readiness_t, coverage_t, weak)
            )
        width = max(b.shape[1] for b in blocks)
        roles = np.full((n, len(blocks), width), b"", dtype=object)
        for b, block in enumerate(blocks):
            roles[:, b, : block.shape[1]] = block
        order = ranking if self.only_role is None else np.full((n, 1), self.only_role)
        if self.only_role is None:
            roles = np.take_along_axis(roles, ranking[:, :, None], axis=1)
        firsts = np.array([r.heads[0] for r in self.roles], dtype=object)
        laters = np.array([r.heads[1] for r in self.roles], dtype=object)
        roles[:, 0, 0] = firsts[order[:, 0]]
        roles[:, 1:, 0] = laters[order[:, 1:]]
        return roles.reshape(n, -1)

    def _role(
        self,
        k: int,
        distinct: Distinct,
        proficiency: FloatArray,
        match_t: Texts,
        readiness_t: Texts,
        coverage_t: Texts,
        weak: npt.NDArray[np.bool_],
    ) -> Texts:
        """Role k's entry for each person: its head left blank (set once ranked)."""
        role = self.roles[k]
        n, m = len(match_t), len(role.columns)
        # (as scoring.gaps.role_gaps computes them)
        prof = proficiency[:, role.columns]
        levels, importance = np.array(role.levels), np.array(role.importance)
        short = levels - np.where(np.isnan(prof), 0.0, prof)
        is_gap = (levels > 0) & (short > TOLERANCE)
        size = np.where(is_gap, importance * short, 0.0)
        strong = ~is_gap & (prof >= STRENGTH_LEVEL - TOLERANCE)
        # the tables of a gap's and a strength's text per requirement and distinct value
        gaps_first: list[bytes] = []
        strengths_first: list[bytes] = []
        place = np.empty((n, m), dtype=np.intp)  # into the tables
        for j, column in enumerate(role.columns):
            values, which, texts = distinct[column]
            place[:, j] = which + len(gaps_first)
            made = role.made[j]
            for value, text in zip(values.tolist(), texts, strict=True):
                got = made.get(value if value == value else None)
                if got is None:
                    got = made[value if value == value else None] = role.texts(j, value, text)
                gaps_first.append(got[0])
                strengths_first.append(got[1])
        blank = 2 * len(gaps_first)
        gap_table = np.array(
            [role.first + t for t in gaps_first] + [role.later + t for t in gaps_first] + [b""],
            dtype=object,
        )
        strength_table = np.array(
            [role.first + t for t in strengths_first]
            + [role.later + t for t in strengths_first]
            + [b""],
            dtype=object,
        )
        # gaps largest first, ties in the order of the role's requirements
        order = np.argsort(np.where(is_gap, -size, np.inf), axis=1, kind="stable")
        gap_place = np.take_along_axis(place, order, axis=1)
        gap_place[:, 1:] += len(gaps_first)
        gap_place[~np.take_along_axis(is_gap, order, axis=1)] = blank
        strength_place = place + len(gaps_first) * ((np.cumsum(strong, axis=1) - strong) > 0)
        strength_place[~strong] = blank
        block = np.empty((n, 9 + 2 * m), dtype=object)
        block[:, 0] = b""
        block[:, 1] = match_t[:, k]
        block[:, 2] = role.readiness
        block[:, 3] = readiness_t[:, k]
        block[:, 4] = role.coverage
        block[:, 5] = coverage_t[:, k]
        block[:, 6] = pick(weak[:, k], *role.weak)
        block[:, 7 : 7 + m] = gap_table[gap_place]
        block[:, 7 + m] = pick(is_gap.any(axis=1), *role.after_gaps)
        block[:, 8 + m : 8 + 2 * m] = strength_table[strength_place]
        block[:, 8 + 2 * m] = pick(strong.any(axis=1), *role.end)
        return block

    def _calibration(self, s: Scores) -> Texts:
        """The pieces of each person's "calibration" list (and the text after it): an
        entry's text is made once per (self-rating, checks, checks answered) of its skill
        in the chunk (they take few values)."""
        lay = self.layout
        rating, checks = s.self_rating, s.checks
        n, skill_count = rating.shape
        counts = (~np.isnan(s.values)).astype(float) @ self.check_membership
        both = ~np.isnan(rating) & ~np.isnan(checks)
        later = np.asarray((np.cumsum(both, axis=1) - both) > 0)
        heads, checks_key, delta_key, count_key, flag_key, close = self.calibration_parts
        first, rest = lay.nl(3), "," + lay.nl(3)
        items = np.full((n, skill_count), b"", dtype=object)
        rows, columns = np.nonzero(both)
        if len(rows):
            # the distinct (skill, rating, checks, count)s, by each value's place among its own
            code = columns.astype(np.int64)
            parts = []
            for values in (rating[rows, columns], checks[rows, columns], counts[rows, columns]):
                distinct, place = np.unique(values, return_inverse=True)
                code = code * len(distinct) + place.reshape(-1)
                parts.append(values)
            _, first_of, which = np.unique(code, return_index=True, return_inverse=True)
            combos = np.stack(parts, axis=1)[first_of]
            delta = combos[:, 0] - combos[:, 1]
            flagged = (combos[:, 2] >= CALIBRATION_MIN_CHECKS) & (
                np.abs(delta) >= CALIBRATION_THRESHOLD - TOLERANCE
            )
            texts = [
                f"{heads[c]}{r}{checks_key}{ch}{delta_key}{d}{count_key}{int(k)}{flag_key}"
                f"{_FLAGS[flag + (flag and not over)]}{close}"
                for c, r, ch, d, k, flag, over in zip(
                    columns[first_of].tolist(),
                    self.p3.array(combos[:, 0]).tolist(),
                    self.p3.array(combos[:, 1]).tolist(),
                    self.p3.array(delta).tolist(),
                    combos[:, 2].tolist(),
                    flagged.tolist(),
                    (delta > 0).tolist(),
                    strict=True,
                )
            ]
            table = np.array(
                [(first + t).encode() for t in texts] + [(rest + t).encode() for t in texts],
                dtype=object,
            )
            items[rows, columns] = table[which.reshape(-1) + len(texts) * later[rows, columns]]
        after = pick(both.any(axis=1), b"]", (lay.nl(2) + "]").encode())
        return np.concatenate([items, after.reshape(n, 1)], axis=1)

    def _rater(self, rater: RaterFields | None) -> str:
        if rater is None:
            return "null"
        name, email, relation = rater
        key = self.layout.key
        return (
            f"{key(3, 'name', True)}{json_text(name)}{key(3, 'email')}{json_text(email)}"
            f"{key(3, 'relation')}{json_text(relation)}{self.layout.nl(2)}}}"
        )
