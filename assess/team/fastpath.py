"""A fast path for well-formed response files in a team batch.

Nearly every file in a batch was written by ``assess take`` or ``assess import`` and is
well-formed. For those, msgspec parses and type-checks the whole document in one C call
against a struct built from the questionnaire (every answer's question, type and range
included), a few plain comparisons check what is left, and a chunk of files' answers
become codes with one numpy lookup. That costs a fraction of building a pydantic model
per file (and less than parsing the file into dicts).

The check is conservative: whatever it is not sure of (a date in another ISO form, a
name with spaces around it, a field left to its default, ``2.0`` or ``true`` for an
answer, an unknown question) is handed to the pydantic path, which accepts it or gives
the exact reason. ``tests/team/test_fastpath.py`` checks with hypothesis that the fast
path never accepts a document pydantic rejects and that both read the same values.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime
from sys import intern
from typing import Annotated, Any, Generic, TypeVar

import msgspec
import numpy as np

from assess.model.response import DONT_KNOW, EMAIL_PATTERN, SKIP, Status
from assess.scoring.plan import IntArray, ScoringPlan

# Answer values as one byte each: the level or option index itself, or one of these
# markers; the bytes of a whole chunk become codes in one table lookup.
_SKIP = 250
_DONT_KNOW = 251
_ABSENT = 252

# Python's Unicode \s holds every character Rust's does (and a few more, \x1c-\x1f), so
# this never accepts an address pydantic's (Rust) regex would refuse.
_EMAIL = re.compile(EMAIL_PATTERN)

fromisoformat = datetime.fromisoformat
astuple = msgspec.structs.astuple


Stamps = tuple[str, str, str, str | None]
"""status, started_at, updated_at, completed_at: in the form ``assess score`` prints them."""
RaterFields = tuple[str, str | None, str]
"""A rater's name, e-mail and relation (``assess.model.response.Rater``)."""


class Respondent(msgspec.Struct, frozen=True, gc=False):
    """One scorable response in a batch: who, when, from where, against which form.

    A row of a batch is one of these plus one row of answer codes, both kept by the
    batch's one owner (``group.Group``), so the two cannot get out of step."""

    name: str
    team: str | None
    email: str | None
    target_role: str | None
    updated: float
    """POSIX time of the last save (to keep the newest of duplicates)."""
    duration: float | None
    """Seconds from ``started_at`` to ``completed_at`` of a complete response, None for one
    not complete (for the careless-responding flags, ``assess.quality``)."""
    source: str | int
    """The file, or a numbered JSON-lines record (``inputs.LineFiles``)."""
    form: int = 0
    """Index of the questionnaire it is scored against (``Forms``)."""
    stamps: Stamps | None = None
    """Status and time stamps as written, kept only when results are streamed
    (``assess score``)."""
    rater: RaterFields | None = None
    """Who gave the answers when it was not the respondent (a rating by a manager or a
    peer): kept only when results are streamed; a team batch skips ratings."""


def duration(started: float, completed: float | None, complete: bool) -> float | None:
    """Seconds from start to completion (POSIX times) of a complete response, else None."""
    return completed - started if complete and completed is not None else None


class _Respondent(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    name: str
    team: str | None = None
    email: str | None = None
    target_role: str | None = None


Answers = TypeVar("Answers")


class _Document(msgspec.Struct, Generic[Answers], forbid_unknown_fields=True, gc=False):
    """A response as strict as msgspec makes it. The answers and the stamps have no
    defaults here (pydantic's default is "now")."""

    questionnaire_id: str
    questionnaire_version: str
    respondent: _Respondent
    answers: Answers
    started_at: str
    updated_at: str
    option_seed: Annotated[int, msgspec.Meta(ge=0, lt=2**32)] | None = None
    completed_at: str | None = None
    status: Status = Status.in_progress


class _RatingWord(enum.Enum):
    """The word a self-rating may be answered with. As an index it is its byte (so a
    tuple of answers becomes bytes in one call: ``bytes(answers)``)."""

    skip = SKIP

    def __index__(self) -> int:
        return _SKIP


class _CheckWord(enum.Enum):
    """The words a knowledge check may be answered with, each an index like ints."""

    skip = SKIP
    dont_know = DONT_KNOW

    def __index__(self) -> int:
        return _SKIP if self is _CheckWord.skip else _DONT_KNOW


def _answers_type(plan: ScoringPlan) -> type[msgspec.Struct]:
    """The answers of this questionnaire version: JSON ints only (no 2.0, no true), each
    within its question's range, ``skip`` anywhere and ``dont_know`` on checks only;
    unknown questions refused. An absent answer is ``_ABSENT``: no JSON value decodes to
    it (its default is never checked; a 252 in the file is out of every range)."""
    fields: list[tuple[str, Any, Any]] = []
    for column in range(len(plan.question_ids)):
        # (a question with 250+ options leaves the higher ones to pydantic)
        top = min(int(plan.option_count[column]), _SKIP)
        words = _RatingWord if plan.is_rating[column] else _CheckWord
        kind = Annotated[int, msgspec.Meta(ge=0, lt=top)] | words
        fields.append((f"q{column}", kind, _ABSENT))
    return msgspec.defstruct(
        "Answers",
        fields,
        rename={f"q{column}": qid for column, qid in enumerate(plan.question_ids)},
        forbid_unknown_fields=True,
        gc=False,
    )


class _Identity(msgspec.Struct, gc=False):
    questionnaire_id: str
    questionnaire_version: str


_identity = msgspec.json.Decoder(_Identity).decode


def identity(raw: bytes) -> tuple[str, str] | None:
    """The questionnaire id and version a response names, or None if that cannot be
    read cheaply (the pydantic path then says why)."""
    try:
        named = _identity(raw)
    except (msgspec.DecodeError, ValueError, RecursionError):
        return None
    return named.questionnaire_id, named.questionnaire_version


class FastReader:
    """Reads certainly valid responses for one questionnaire version and queues their
    answers; ``finish`` returns the queued answers' codes and empties the queue."""

    def __init__(self, plan: ScoringPlan, form: int = 0, *, keep_stamps: bool = False) -> None:
        self.plan = plan
        self.form = form
        self.keep_stamps = keep_stamps
        answers = _answers_type(plan)
        self._decode = msgspec.json.Decoder(_Document[answers]).decode  # type: ignore[valid-type]
        self._identity = (plan.questionnaire_id, plan.version)
        self._roles = frozenset(plan.role_ids)
        self._values = bytearray()
        self._rows = 0
        widest = min(int(plan.option_count.max(initial=0)), _SKIP)
        self._code_of_byte = np.full(256, plan.missing_code, dtype=np.int16)
        self._code_of_byte[:widest] = np.arange(widest)
        self._code_of_byte[_DONT_KNOW] = plan.dont_know_code
        self._code_of_byte[_SKIP] = plan.skip_code

    @property
    def queued(self) -> int:
        """Responses read (and answers queued) since the last ``finish``."""
        return self._rows

    def read(self, raw: bytes, source: str | int = "") -> Respondent | None:
        """The respondent, its answers queued as row ``queued - 1``; or None (nothing
        queued) when the pydantic path must decide."""
        # Written flat, without helper calls: this runs once per file of a batch.
        try:
            doc = self._decode(raw)
        except (msgspec.DecodeError, ValueError, RecursionError):  # ValueError: not UTF-8
            return None
        who = doc.respondent
        name, email = who.name, who.email
        started, updated, completed = doc.started_at, doc.updated_at, doc.completed_at
        if (
            (doc.questionnaire_id, doc.questionnaire_version) != self._identity
            or not 0 < len(name) <= 200
            or name[0].isspace()  # pydantic strips whitespace: leave such names to it
            or name[-1].isspace()
            or not (email is None or _EMAIL.fullmatch(email))
            # The stamp form assess writes, YYYY-MM-DDTHH:MM:SSZ: s[4:20:3] picks the
            # separators at 4, 7, 10, 13, 16 and 19; fromisoformat (below) checks the rest.
            or len(started) != 20
            or started[4:20:3] != "--T::Z"
            or len(updated) != 20
            or updated[4:20:3] != "--T::Z"
            or (completed is not None and (len(completed) != 20 or completed[4:20:3] != "--T::Z"))
        ):
            return None
        try:
            began = fromisoformat(started).timestamp()
            ended = None if completed is None else fromisoformat(completed).timestamp()
            seconds = fromisoformat(updated).timestamp()
        except ValueError:  # not a real date or time (2026-02-30)
            return None
        team, role = who.team, who.target_role
        if role is not None and role not in self._roles:
            return None  # pydantic's path names the unknown role with a did-you-mean
        if team is not None:
            team = intern(team)  # teams and roles repeat across thousands of people
        if role is not None:
            role = intern(role)
        self._values += bytes(astuple(doc.answers))  # ints, and words as their bytes
        self._rows += 1
        status = doc.status
        took = duration(began, ended, status is Status.complete)
        if self.keep_stamps:
            stamps = (status.value, started, updated, completed)
            return Respondent(name, team, email, role, seconds, took, source, self.form, stamps)
        return Respondent(name, team, email, role, seconds, took, source, self.form)

    def finish(self) -> IntArray:
        """(rows, Q) int16 answer codes of the responses read since the last call."""
        shape = (self._rows, len(self.plan.question_ids))
        values = np.frombuffer(self._values, dtype=np.uint8).reshape(shape)
        self._values, self._rows = bytearray(), 0
        codes: IntArray = self._code_of_byte[values]
        return codes
