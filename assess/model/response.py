"""Response model: one person's answers to one questionnaire version."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
)

from assess.answers import DONT_KNOW, EMAIL_PATTERN, SKIP, Answer

# The answer vocabulary lives in a plain module; re-exported here with the models.
__all__ = [
    "DONT_KNOW",
    "EMAIL_PATTERN",
    "SKIP",
    "Answer",
    "Rater",
    "Relation",
    "Respondent",
    "Response",
    "Status",
    "utc_now",
]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Status(StrEnum):
    in_progress = "in_progress"
    complete = "complete"


Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
"""A person's name as typed: 1-200 characters, spaces around it dropped."""


class Respondent(BaseModel):
    """Who the answers are about: the person who answered, unless ``Response.rater``
    names someone else (a manager or a peer rating them)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    name: Name
    """The respondent's name as typed (by them, or by the rater)."""
    team: str | None = None
    """Team, if given."""
    email: Annotated[str, StringConstraints(pattern=f"^{EMAIL_PATTERN}$")] | None = None
    """E-mail address, if given (used to match duplicate responses in a team)."""
    target_role: str | None = None
    """Id of the role the respondent is aiming for; None for "not sure"."""


def _not_a_bool(value: object) -> object:
    # JSON true/false would otherwise be read as 1/0: a level nobody chose.
    if isinstance(value, bool):
        raise ValueError(
            f"{str(value).lower()} is not an answer: use a level 0-4, an option number, "
            "'dont_know' or 'skip'"
        )
    return value


class Relation(StrEnum):
    """How a rater relates to the person they rate."""

    manager = "manager"
    peer = "peer"


class Rater(BaseModel):
    """Someone other than the respondent who answered the self-ratings about them."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    name: Name
    """The rater's name as they typed it."""
    email: Annotated[str, StringConstraints(pattern=f"^{EMAIL_PATTERN}$")] | None = None
    """The rater's e-mail address, if given (two ratings from one address are one
    rater: the newer counts)."""
    relation: Relation
    """``manager`` (their rating may be shown on its own) or ``peer`` (shown only as an
    average of at least three peers, so no single peer's rating can be told apart)."""


AnswerValue = Annotated[Answer, BeforeValidator(_not_a_bool)]
"""An answer as read from a file: JSON booleans are refused, not taken as 0/1."""


class Response(BaseModel):
    """One person's answers to one questionnaire version."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    questionnaire_id: str
    """Id of the questionnaire answered."""
    questionnaire_version: str
    """Version of the questionnaire answered; scoring refuses another version."""
    respondent: Respondent
    """Who answered."""
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    """Question id -> answer. Absent questions were not reached; ``skip`` was skipped.
    A check's answer is the index of the option in the questionnaire's (authored) order,
    whatever order it was shown in."""
    option_seed: int | None = Field(default=None, ge=0, lt=2**32)
    """Seed of the order in which this respondent saw each check's options
    (``assess.answers.option_order``); None = the authored order."""
    started_at: datetime
    """When the survey was started (UTC). Required: results are stamped with it."""
    updated_at: datetime
    """When the last answer was saved (UTC)."""
    completed_at: datetime | None = None
    """When the survey was completed (UTC), if it was."""
    status: Status = Status.in_progress
    """``in_progress`` while answering; ``complete`` once finished."""
    rater: Rater | None = None
    """Who answered when it was not the respondent: a manager or a peer rating them (the
    self-ratings only, worded about them; knowledge checks are left out). Absent or null:
    a self-assessment. Scoring keeps the two apart: a rating is never taken for the
    respondent's own answers."""

    @model_serializer(mode="wrap")
    def _no_rater_key(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A self-assessment is written exactly as before there were other raters: files
        # stay readable by earlier versions and by the team batch's fast path.
        data: dict[str, Any] = handler(self)
        if self.rater is None:
            data.pop("rater", None)
        return data
