"""Result models: what scoring produces for one respondent (also the JSON output)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assess.model.response import Respondent, Status


class ResultModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Gap(ResultModel):
    """A required skill below its required level."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    area: str
    """Area id of the skill."""
    current: float | None
    """Proficiency 0-4, or None if not assessed (counted as 0 in the fit)."""
    required: int
    """Level the role requires (1-4)."""
    importance: int
    """Importance of the skill to the role (1-5)."""
    weighted_gap: float
    """importance x (required - current): the sort key, largest first."""
    next_level: int
    """The next level up from the current one: what to reach next."""
    next_level_name: str
    """Name of that level (aware, working, practitioner, expert)."""
    next_descriptor: str
    """The behavioural descriptor of the next level: what to learn next."""


class Strength(ResultModel):
    """A required skill at or above its required level."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    current: float
    """Proficiency 0-4."""
    required: int
    """Level the role requires (1-4)."""


class RoleFit(ResultModel):
    """How well the respondent fits one role."""

    role: str
    """Role id."""
    name: str
    """Role display name."""
    fit: float
    """Fit 0-100: 100 x (1 - sum I*max(0, L-P) / sum I*L)."""
    coverage: float
    """Share 0-1 of the role's importance-weighted requirement that was assessed."""
    gaps: list[Gap]
    """Required skills below level, largest importance-weighted gap first."""
    strengths: list[Strength]
    """Required skills met or exceeded."""


class Calibration(ResultModel):
    """Self-rating against knowledge checks for one skill."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    self_rating: float
    """Weighted mean of the self-rating items (0-4)."""
    checks: float
    """Weighted mean of the knowledge-check items (0-4)."""
    delta: float
    """self_rating - checks."""
    flag: Literal["over", "under"] | None
    """``over``/``under``-confidence when |delta| >= 1.5, else None."""


class RespondentResult(ResultModel):
    """Everything scoring says about one response."""

    respondent: Respondent
    """Who answered."""
    questionnaire_id: str
    """Id of the questionnaire answered."""
    questionnaire_version: str
    """Version of the questionnaire answered."""
    status: Status
    """``in_progress`` or ``complete``."""
    started_at: datetime
    """When the survey was started (UTC)."""
    updated_at: datetime
    """When the last answer was saved (UTC)."""
    completed_at: datetime | None
    """When the survey was completed (UTC), if it was."""
    answered: int
    """Questions answered (including "don't know")."""
    skipped: int
    """Questions explicitly skipped (not applicable)."""
    unanswered: int
    """Questions not reached."""
    skills: dict[str, float | None]
    """Skill id -> proficiency 0-4, None if not assessed."""
    roles: list[RoleFit]
    """Every role, best fit first (ties keep file order)."""
    best_role: str
    """Id of the best-fitting role."""
    target_role: str | None
    """The role the respondent aims for, if they named one."""
    calibration: list[Calibration]
    """Skills with both a self-rating and knowledge checks."""
