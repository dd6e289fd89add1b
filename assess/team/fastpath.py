"""A fast path for well-formed response files in a team batch.

Nearly every file in a batch was written by ``assess take`` or ``assess import`` and is
well-formed. For those, parsing with orjson, checking the envelope with a few plain
comparisons and encoding the answers of a whole chunk of files at once with numpy costs
about a third of building a pydantic model per file.

The check is conservative: whatever it is not sure of (a date in another ISO form, a
name with spaces around it, a field left to its default, an answer of an unexpected
type, an unknown question) is handed to the pydantic path, which accepts it or gives the
exact reason. ``tests/team/test_fastpath.py`` checks with hypothesis that the fast path
never accepts a document pydantic rejects and that both read the same values.
"""

from __future__ import annotations

import array
import re
import sys
from datetime import datetime
from itertools import repeat
from typing import Any

import numpy as np
import orjson

from assess.scoring.plan import IntArray, ScoringPlan

# "skip" and "dont_know" answers become numbers before parsing, so that a chunk of
# answers is all integers. A file that already holds the reserved digits anywhere (a
# name, a bad answer) takes the pydantic path instead, so they cannot be mistaken.
_RESERVED = b"-3000"
_SKIP = -30001
_DONT_KNOW = -30002
_ABSENT = -30003
_SKIP_TOKEN = b'"skip"'
_DONT_KNOW_TOKEN = b'"dont_know"'

_TOP_KEYS = frozenset(
    {
        "questionnaire_id",
        "questionnaire_version",
        "respondent",
        "answers",
        "started_at",
        "updated_at",
        "completed_at",
        "status",
    }
)
_TOP_REQUIRED = _TOP_KEYS - {"completed_at", "status"}
_RESPONDENT_KEYS = frozenset({"name", "team", "email", "target_role"})
_STATUSES = ("in_progress", "complete")  # a tuple: `in` must not hash a list
# The form assess writes; other ISO forms take the pydantic path.
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
# The Respondent.email pattern, restricted to ASCII (where Python's and Rust's \s agree).
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+", re.ASCII)

Envelope = tuple[str, str | None, str | None, str | None, float, dict[str, Any]]
"""name, team, e-mail, target role, updated_at as POSIX seconds, raw answers."""


def _seconds(stamp: object) -> float | None:
    """POSIX seconds of a ``YYYY-MM-DDTHH:MM:SSZ`` stamp; None for anything else."""
    if type(stamp) is not str or _STAMP.fullmatch(stamp) is None:
        return None
    try:
        return datetime.fromisoformat(stamp).timestamp()
    except ValueError:
        return None


def _optional_text(value: object) -> bool:
    return value is None or type(value) is str


def read_envelope(raw: bytes, questionnaire_id: str, version: str) -> Envelope | None:
    """The respondent and answers of a certainly valid response for this questionnaire
    version, or None when the pydantic path must decide."""
    if _RESERVED in raw:
        return None
    try:
        doc = orjson.loads(raw.replace(_SKIP_TOKEN, b"-30001").replace(_DONT_KNOW_TOKEN, b"-30002"))
    except orjson.JSONDecodeError:
        return None
    if (
        type(doc) is not dict
        or not doc.keys() <= _TOP_KEYS
        or not doc.keys() >= _TOP_REQUIRED
        or doc["questionnaire_id"] != questionnaire_id
        or doc["questionnaire_version"] != version
        or type(doc["questionnaire_id"]) is not str
        or type(doc["questionnaire_version"]) is not str
        or type(doc["answers"]) is not dict
        or doc.get("status", "complete") not in _STATUSES
        or _seconds(doc["started_at"]) is None
        or (doc.get("completed_at") is not None and _seconds(doc["completed_at"]) is None)
    ):
        return None
    updated = _seconds(doc["updated_at"])
    who = doc["respondent"]
    if updated is None or type(who) is not dict or not who.keys() <= _RESPONDENT_KEYS:
        return None
    name, team = who.get("name"), who.get("team")
    email, role = who.get("email"), who.get("target_role")
    if (
        type(name) is not str
        or not 0 < len(name) <= 200
        or name[0].isspace()  # pydantic strips whitespace: leave such names to it
        or name[-1].isspace()
        or not _optional_text(team)
        or not _optional_text(role)
        or not (email is None or (type(email) is str and _EMAIL.fullmatch(email)))
    ):
        return None
    if team is not None:
        team = sys.intern(team)  # teams and roles repeat across thousands of people
    if role is not None:
        role = sys.intern(role)
    return name, team, email, role, updated, doc["answers"]


class ChunkEncoder:
    """Answer codes for many responses at once: add answers, then ``finish``."""

    def __init__(self, plan: ScoringPlan) -> None:
        self.plan = plan
        self._question_ids = list(plan.question_ids)
        self._values: list[object] = []
        self._answered: list[int] = []

    def __len__(self) -> int:
        return len(self._answered)

    def add(self, answers: dict[str, Any]) -> int:
        """Queue one response's answers; returns its row in ``finish``'s result."""
        self._values.extend(map(answers.get, self._question_ids, repeat(_ABSENT)))
        self._answered.append(len(answers))
        return len(self._answered) - 1

    def finish(self) -> tuple[IntArray, np.ndarray[Any, np.dtype[np.bool_]]]:
        """(rows, Q) int16 codes and, per row, whether every answer was valid.

        A row is invalid when an answer is out of range or of another type, or when the
        response names a question this questionnaire does not have; such rows must take
        the pydantic path, which gives the reason.
        """
        plan, width = self.plan, len(self._question_ids)
        rows = len(self._answered)
        values = _as_integers(self._values, rows, width)
        typed_ok = values[:, 0] != _ABSENT - 1  # rows marked by _as_integers
        absent = values == _ABSENT
        skipped = values == _SKIP
        dont_know = values == _DONT_KNOW
        valid = (
            ((values >= 0) & (values < plan.option_count[None, :]))
            | absent
            | skipped
            | (dont_know & ~plan.is_rating[None, :])
        )
        # More answers than known questions matched: the response names an unknown one.
        known = width - absent.sum(axis=1)
        ok = typed_ok & valid.all(axis=1) & (known == np.asarray(self._answered))
        codes = np.where(absent | skipped, plan.missing_code, values)
        codes = np.where(dont_know, plan.dont_know_code, codes)
        codes[~ok] = plan.missing_code
        return codes.astype(np.int16), ok


def _as_integers(values: list[object], rows: int, width: int) -> np.ndarray[Any, Any]:
    """(rows, width) int64; a row holding a non-integer answer is filled with a marker."""
    try:
        flat = array.array("q", values)  # type: ignore[type-var]  # refuses floats and strings, unlike np.fromiter
        return np.frombuffer(flat, dtype=np.int64).reshape(rows, width).copy()
    except (TypeError, OverflowError):
        pass
    out = np.empty((rows, width), dtype=np.int64)
    for row in range(rows):
        part = values[row * width : (row + 1) * width]
        try:
            out[row] = array.array("q", part)  # type: ignore[type-var]
        except (TypeError, OverflowError):
            out[row] = _ABSENT - 1
    return out
