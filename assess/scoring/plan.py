"""A questionnaire turned into arrays, and responses turned into item values.

``ScoringPlan`` holds everything scoring needs as numpy arrays (built once per
questionnaire); ``encode`` turns answers into one row of option codes per respondent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assess.model.checks import did_you_mean
from assess.model.questionnaire import MAX_LEVEL, ChoiceQuestion, Questionnaire
from assess.model.response import DONT_KNOW, SKIP, Answer, Response

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int16]


class AnswerMismatch(ValueError):
    """A response does not fit the questionnaire; ``reasons`` lists every problem."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True, eq=False)
class ScoringPlan:
    """Arrays describing a questionnaire, indexed by question (Q), skill (S) and role (R)."""

    questionnaire_id: str
    version: str
    question_ids: tuple[str, ...]
    skill_ids: tuple[str, ...]
    role_ids: tuple[str, ...]
    item_skill: npt.NDArray[np.intp]
    """(Q,) index of each question's skill."""
    weight: FloatArray
    """(Q,) item weights."""
    is_rating: npt.NDArray[np.bool_]
    """(Q,) True for self-rating items, False for knowledge checks."""
    value_table: FloatArray
    """(Q, K+3) item value per answer code; column K is "don't know", K+1 skipped, K+2 not
    answered. Ratings: the level 0-4, a skip is missing. Checks: 1 for the correct option,
    0 for any other answer, a skip included; not answered is missing (no evidence)."""
    option_count: npt.NDArray[np.intp]
    """(Q,) number of valid answer codes (5 levels for ratings, options for checks)."""
    required: FloatArray
    """(R, S) required level, 0 where the role does not need the skill."""
    importance: FloatArray
    """(R, S) importance, 0 where the role does not need the skill."""
    profile: FloatArray
    """(R, S) the role's complete profile: required level, else typical level (0-4)."""

    @property
    def dont_know_code(self) -> int:
        return int(self.value_table.shape[1]) - 3

    @property
    def skip_code(self) -> int:
        return int(self.value_table.shape[1]) - 2

    @property
    def missing_code(self) -> int:
        """The code of a question not answered (yet)."""
        return int(self.value_table.shape[1]) - 1

    @classmethod
    def from_questionnaire(cls, q: Questionnaire) -> ScoringPlan:
        skill_ids = tuple(s.id for s in q.skills)
        skill_index = {sid: i for i, sid in enumerate(skill_ids)}
        width = max(
            [MAX_LEVEL + 1] + [len(x.options) for x in q.questions if isinstance(x, ChoiceQuestion)]
        )
        table = np.full((len(q.questions), width + 3), np.nan)
        counts = np.zeros(len(q.questions), dtype=np.intp)
        for row, question in enumerate(q.questions):
            if isinstance(question, ChoiceQuestion):
                credit = [1.0 if option.correct else 0.0 for option in question.options]
                table[row, : len(credit)] = credit
                table[row, width] = 0.0  # "don't know" is an answer that earns no credit
                table[row, width + 1] = 0.0  # so is a skipped check: never "not applicable"
                counts[row] = len(credit)
            else:
                table[row, : MAX_LEVEL + 1] = np.arange(MAX_LEVEL + 1)
                counts[row] = MAX_LEVEL + 1
        required = np.zeros((len(q.roles), len(skill_ids)))
        importance = np.zeros_like(required)
        profile = np.array([[role.profile_level(s) for s in skill_ids] for role in q.roles], float)
        for r, role in enumerate(q.roles):
            for skill_id, need in role.requirements.items():
                required[r, skill_index[skill_id]] = need.level
                importance[r, skill_index[skill_id]] = need.importance
        return cls(
            questionnaire_id=q.id,
            version=q.version,
            question_ids=tuple(x.id for x in q.questions),
            skill_ids=skill_ids,
            role_ids=tuple(r.id for r in q.roles),
            item_skill=np.array([skill_index[x.skill] for x in q.questions], dtype=np.intp),
            weight=np.array([x.weight for x in q.questions], dtype=np.float64),
            is_rating=np.array([x.kind == "rating" for x in q.questions]),
            value_table=table,
            option_count=counts,
            required=required,
            importance=importance,
            profile=profile,
        )

    # -- encoding --------------------------------------------------------------------------
    def check_identity(self, response: Response) -> list[str]:
        """Reasons the response belongs to another questionnaire or version, or names a
        target role this questionnaire does not have (or none)."""
        target = response.respondent.target_role
        if response.questionnaire_id != self.questionnaire_id:
            return [
                f"answers questionnaire '{response.questionnaire_id}', not "
                f"'{self.questionnaire_id}'"
            ]
        if response.questionnaire_version != self.version:
            return [
                f"answers version {response.questionnaire_version} of "
                f"'{self.questionnaire_id}', not version {self.version}"
            ]
        if target is not None and target not in self.role_ids:
            return [self.unknown_target_role(target)]
        return []

    def unknown_target_role(self, target: str) -> str:
        """The reason for a target role this questionnaire does not have."""
        return f"unknown target role '{target}' ({did_you_mean(target, self.role_ids)})"

    def encode(self, answers: Mapping[str, Answer], out: IntArray | None = None) -> IntArray:
        """Answer codes (Q,) for one respondent; raise ``AnswerMismatch`` on bad answers."""
        lookup = self._answer_lookup
        row = [self.missing_code] * len(self.question_ids)
        bad: list[tuple[str, Answer]] = []
        for question_id, answer in answers.items():
            entry = lookup.get(question_id)
            # (bools never get here from a validated response: pydantic makes true -> 1)
            code = None if entry is None else entry[1].get(answer)
            if code is None:
                bad.append((question_id, answer))
            else:
                row[entry[0]] = code  # type: ignore[index]
        if bad:
            raise AnswerMismatch([self._why_bad(qid, answer) for qid, answer in bad])
        if out is None:
            return np.array(row, dtype=np.int16)
        out[:] = row
        return out

    @property
    def _answer_lookup(self) -> dict[str, tuple[int, dict[Answer, int]]]:
        """question id -> (column, {valid answer: code}); built once per plan."""
        cached: dict[str, tuple[int, dict[Answer, int]]] | None = self.__dict__.get("_lookup")
        if cached is None:
            cached = {}
            for col, question_id in enumerate(self.question_ids):
                table: dict[Answer, int] = {i: i for i in range(int(self.option_count[col]))}
                table[SKIP] = self.skip_code
                if not self.is_rating[col]:
                    table[DONT_KNOW] = self.dont_know_code
                cached[question_id] = (col, table)
            object.__setattr__(self, "_lookup", cached)
        return cached

    def _why_bad(self, question_id: str, answer: Answer) -> str:
        if question_id not in self._answer_lookup:
            return (
                f"unknown question '{question_id}' ("
                + did_you_mean(question_id, self.question_ids)
                + ")"
            )
        col = self._answer_lookup[question_id][0]
        if answer == DONT_KNOW:
            return (
                f"'{question_id}' is a self-rating; 'dont_know' only answers knowledge "
                "checks (use 'skip')"
            )
        return f"'{question_id}': answer {answer!r} is out of range 0-{self.option_count[col] - 1}"

    def encode_many(self, responses: Iterable[Response]) -> IntArray:
        """(N, Q) answer codes; raise ``AnswerMismatch`` naming the respondent at fault."""
        rows = []
        for response in responses:
            reasons = self.check_identity(response)
            if reasons:
                raise AnswerMismatch([f"{response.respondent.name}: {r}" for r in reasons])
            rows.append(self.encode(response.answers))
        if not rows:
            return np.empty((0, len(self.question_ids)), dtype=np.int16)
        return np.vstack(rows)

    def item_values(self, codes: IntArray) -> FloatArray:
        """(N, Q) item values on 0-4, NaN where skipped or unanswered."""
        rows = np.arange(len(self.question_ids))[None, :]
        values: FloatArray = self.value_table[rows, codes]
        return values
