"""A fast path for well-formed response files in a team batch.

Nearly every file in a batch was written by ``assess take`` or ``assess import`` and is
well-formed. For those, parsing with orjson, checking the envelope with a few plain
comparisons and encoding the answers of a whole chunk of files at once with numpy costs
a fraction of building a pydantic model per file and encoding it answer by answer.

The check is conservative: whatever it is not sure of (a date in another ISO form, a
name with spaces around it, a field left to its default, an answer of an unexpected
type, an unknown question) is handed to the pydantic path, which accepts it or gives the
exact reason. ``tests/team/test_fastpath.py`` checks with hypothesis that the fast path
never accepts a document pydantic rejects and that both read the same values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from itertools import repeat
from sys import intern
from typing import Any

import numpy as np
import orjson

from assess.model.response import DONT_KNOW, EMAIL_PATTERN, SKIP, Respondent, Response, Status
from assess.scoring.plan import IntArray, ScoringPlan

# Answer values as one byte each: the level or option index itself, or one of these
# markers; the per-question range is checked for a whole chunk at once.
_ABSENT = 252
_SKIP = 250
_DONT_KNOW = 251
_INVALID = 253
_NOT_GIVEN = object()

_TOP_KEYS = frozenset(Response.model_fields)
# Fields with a default (answers, the stamps) must be present too: a default of "now"
# is for pydantic to fill in.
_TOP_REQUIRED = _TOP_KEYS - {"completed_at", "status"}
_RESPONDENT_KEYS = frozenset(Respondent.model_fields)
_STATUSES = tuple(status.value for status in Status)  # a tuple: `in` must not hash a list
# Python's Unicode \s holds every character Rust's does (and a few more, \x1c-\x1f), so
# this never accepts an address pydantic's (Rust) regex would refuse.
_EMAIL = re.compile(EMAIL_PATTERN)

fromisoformat = datetime.fromisoformat

Envelope = tuple[str, str | None, str | None, str | None, float, dict[str, Any]]
"""name, team, e-mail, target role, updated_at as POSIX seconds, raw answers."""


def read_envelope(raw: bytes, questionnaire_id: str, version: str) -> Envelope | None:
    """The respondent and answers of a certainly valid response for this questionnaire
    version, or None when the pydantic path must decide."""
    # Written flat, without helper calls: this runs once per file of a batch.
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if type(doc) is not dict:
        return None
    keys = doc.keys()
    if keys != _TOP_KEYS and not (keys <= _TOP_KEYS and keys >= _TOP_REQUIRED):
        return None
    identity, answers, who = doc["questionnaire_id"], doc["answers"], doc["respondent"]
    started, updated, completed = doc["started_at"], doc["updated_at"], doc.get("completed_at")
    if (
        identity != questionnaire_id
        or type(identity) is not str
        or doc["questionnaire_version"] != version
        or type(doc["questionnaire_version"]) is not str
        or type(answers) is not dict
        or doc.get("status", "in_progress") not in _STATUSES
        # The stamp form assess writes, YYYY-MM-DDTHH:MM:SSZ: s[4:20:3] picks the
        # separators at 4, 7, 10, 13, 16 and 19; fromisoformat (below) checks the rest.
        or type(started) is not str
        or len(started) != 20
        or started[4:20:3] != "--T::Z"
        or type(updated) is not str
        or len(updated) != 20
        or updated[4:20:3] != "--T::Z"
        or (
            completed is not None
            and (
                type(completed) is not str or len(completed) != 20 or completed[4:20:3] != "--T::Z"
            )
        )
        or type(who) is not dict
        or not who.keys() <= _RESPONDENT_KEYS
    ):
        return None
    name, team = who.get("name"), who.get("team")
    email, role = who.get("email"), who.get("target_role")
    if (
        type(name) is not str
        or not 0 < len(name) <= 200
        or name[0].isspace()  # pydantic strips whitespace: leave such names to it
        or name[-1].isspace()
        or not (team is None or type(team) is str)
        or not (role is None or type(role) is str)
        or not (email is None or (type(email) is str and _EMAIL.fullmatch(email)))
    ):
        return None
    try:
        fromisoformat(started)
        if completed is not None:
            fromisoformat(completed)
        seconds = fromisoformat(updated).timestamp()
    except ValueError:  # not a real date or time (2026-02-30)
        return None
    if team is not None:
        team = intern(team)  # teams and roles repeat across thousands of people
    if role is not None:
        role = intern(role)
    return name, team, email, role, seconds, answers


class ChunkEncoder:
    """Answer codes for many responses at once: add answers, then ``finish`` (which
    empties it for the next chunk)."""

    def __init__(self, plan: ScoringPlan) -> None:
        self.plan = plan
        self._question_ids = list(plan.question_ids)
        # Every question, in questionnaire order: how assess writes a complete response.
        # Once matched, the parser's own key objects are kept (orjson reuses them for
        # repeated keys), so the next comparison is mostly pointer checks.
        self._in_order = list(plan.question_ids)
        self._values = bytearray()
        self._answered: list[int] = []
        # Equal keys hash alike, so 1.0 and True find 1 here, as pydantic reads them.
        # (A questionnaire with 250+ options per question never takes the fast path.)
        widest = min(int(plan.option_count.max()), _SKIP)
        self._byte_of: dict[object, int] = {i: i for i in range(widest)}
        self._byte_of.update({SKIP: _SKIP, DONT_KNOW: _DONT_KNOW, _NOT_GIVEN: _ABSENT})

    def __len__(self) -> int:
        return len(self._answered)

    def add(self, answers: dict[str, Any]) -> int:
        """Queue one response's answers; returns its row in ``finish``'s result."""
        row = len(self._answered)
        keys = list(answers)
        if keys == self._in_order:
            self._in_order = keys
            given: Iterable[object] = answers.values()
        else:
            given = map(answers.get, self._question_ids, repeat(_NOT_GIVEN))
        try:
            self._values.extend(map(self._byte_of.get, given, repeat(_INVALID)))
        except TypeError:  # an unhashable answer (a list, an object)
            width = len(self._question_ids)
            self._values[row * width :] = bytes([_INVALID]) * width
        self._answered.append(len(answers))
        return row

    def finish(self) -> tuple[IntArray, np.ndarray[Any, np.dtype[np.bool_]]]:
        """(rows, Q) int16 codes and, per row, whether every answer was valid.

        A row is invalid when an answer is out of range or of another type, or when the
        response names a question this questionnaire does not have; such rows must take
        the pydantic path, which gives the reason.
        """
        plan, width = self.plan, len(self._question_ids)
        values = np.frombuffer(self._values, dtype=np.uint8).reshape(-1, width)
        answered = np.asarray(self._answered, dtype=np.int64)
        self._values, self._answered = bytearray(), []
        absent = values == _ABSENT
        dont_know = values == _DONT_KNOW
        valid = (
            (values < plan.option_count[None, :])
            | absent
            | (values == _SKIP)
            | (dont_know & ~plan.is_rating[None, :])
        )
        # Fewer questions found than answers given: the response names an unknown one.
        known = width - absent.sum(axis=1)
        ok = valid.all(axis=1) & (known == answered)
        codes = values.astype(np.int16)
        codes[values >= _SKIP] = plan.missing_code
        codes[dont_know] = plan.dont_know_code
        codes[~ok] = plan.missing_code
        return codes, ok
