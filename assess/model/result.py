"""Result models: what scoring produces for one respondent (also the JSON output)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assess.model.response import Rater, Respondent, Status


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
    """Proficiency 0-4, or None if not assessed (counted as 0 in readiness)."""
    required: int
    """Level the role requires (1-4)."""
    importance: int
    """Importance of the skill to the role (1-5)."""
    weighted_gap: float
    """importance x (required - current), from the unrounded proficiency: the sort key,
    largest first (ties keep the order of the role's requirements)."""
    next_level: int
    """The next level up from the current one: what to reach next."""
    next_level_name: str
    """Name of that level (aware, working, practitioner, expert)."""
    next_descriptor: str
    """The behavioural descriptor of the next level: what to learn next."""


class Strength(ResultModel):
    """A required skill met at practitioner level (3) or above."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    current: float
    """Proficiency 0-4."""
    required: int
    """Level the role requires (1-4)."""


class RoleFit(ResultModel):
    """How the respondent compares with one role: match (which role am I like) and
    readiness (how much of its requirement do I meet)."""

    role: str
    """Role id."""
    name: str
    """Role display name."""
    match: float | None
    """Match -100..100: 100 x the correlation between the person's skill profile and the
    role's complete profile over the assessed skills (same highs and lows = 100).
    None when there is too little evidence (see ``RespondentResult.no_match_reason``)."""
    readiness: float
    """Readiness 0-100: 100 x (1 - sum I*max(0, L-P) / sum I*L) over the role's
    requirements (not-assessed skills count as 0)."""
    coverage: float
    """Share 0-1 of the role's importance-weighted requirement that was assessed."""
    weak_evidence: bool
    """True when coverage is below 0.5: read this role's numbers with care."""
    gaps: list[Gap]
    """Required skills below level, largest importance-weighted gap first."""
    strengths: list[Strength]
    """Required skills met at practitioner level or above."""


class Calibration(ResultModel):
    """Self-rating against knowledge checks for one skill."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    self_rating: float
    """Weighted mean of the self-rating items (0-4)."""
    checks: float
    """Check level 0-4: 4 x the weighted share of the skill's answered checks that were
    right ("I don't know" and a skip count as answered, not right)."""
    delta: float
    """self_rating - checks."""
    checks_answered: int
    """How many of the skill's checks were answered: what ``checks`` rests on."""
    flag: Literal["over", "under"] | None
    """``over``/``under``-confidence when |delta| >= 1.5 and at least two checks were
    answered, else None."""


class OtherSkill(ResultModel):
    """One skill as the respondent and the other raters rated it."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    self_rating: float | None
    """The respondent's own self-rating (0-4, before knowledge checks), None if they gave
    none (or there is no self-assessment)."""
    managers: list[float | None]
    """Each manager's rating, in the order of ``OtherRaters.managers`` (a manager's
    rating may be shown on its own)."""
    peers: float | None
    """The mean of the peers' ratings, only when at least ``min_peers`` peers rated this
    skill (None otherwise, so no single peer's rating can be told apart)."""
    peers_rated: int
    """How many peers rated this skill (skipped = not rated)."""
    others: float | None
    """The mean over the raters whose view may be shown (managers, and the peers when at
    least ``min_peers`` rated the skill); None when there is none."""
    delta: float | None
    """self_rating - others, where both exist."""
    flag: Literal["higher", "lower"] | None
    """``higher`` (self above others) or ``lower`` when |delta| >= 1.5 (the calibration
    rule applied to ratings), else None."""


class OtherRaters(ResultModel):
    """What other people (managers, peers) said about the respondent's skills, kept apart
    from the self-assessment."""

    managers: list[str]
    """Names of the managers who rated the respondent (each shown on their own)."""
    peers: int
    """How many peers rated the respondent."""
    min_peers: int
    """Peers' ratings are shown only as a mean of at least this many."""
    peers_shown: bool
    """Whether enough peers rated the respondent for their mean to be shown at all."""
    skills: list[OtherSkill]
    """Every skill of the questionnaire, in its order."""
    notes: list[str]
    """What the numbers rest on, in plain words (peers too few, raters told apart...)."""


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
    self_rated_only: list[str]
    """Assessed skills that rest on self-rating alone: no knowledge check on them was
    answered (or the questionnaire has none)."""
    roles: list[RoleFit]
    """Every role, best match first (then readiness; ties keep file order)."""
    best_role: str | None
    """Id of the best-matching role; None when there is too little evidence to say."""
    no_match_reason: str | None
    """Why there is no match and no best role, in plain words; None when there is one."""
    target_role: str | None
    """The role the respondent aims for, if they named one."""
    calibration: list[Calibration]
    """Skills with both a self-rating and knowledge checks."""
    rater: Rater | None = None
    """Who gave these answers when it was not the respondent (a manager's or a peer's
    rating of them); None for a self-assessment."""
    others: OtherRaters | None = None
    """Other raters' view of the respondent beside this self-assessment, when any rated
    them (``assess score`` and the report find their ratings beside the response file:
    ``responses/<name>/ratings/``)."""
