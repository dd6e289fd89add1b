"""The learning plan view model: what ``assess plan`` prints (and its JSON output).

Built by ``assess.learning.build_plan`` from a scored result and the learning catalogue;
the terminal, Markdown and JSON renderings only display it.
"""

from __future__ import annotations

from typing import Literal

from assess.model.response import Respondent
from assess.model.result import ResultModel

RoleBasis = Literal["asked", "target", "best_match", "highest_readiness"]


class PlanResource(ResultModel):
    """A resource cited by a step."""

    id: str
    """Resource id in the learning catalogue."""
    kind: str
    """``book``, ``paper``, ``course``, ``docs``, ``guide`` or ``article``."""
    title: str
    """Title as published."""
    by: str
    """Authors or publishing organisation ("" if none is given)."""
    year: int | None
    """Year of publication, if given."""
    publisher: str
    """Publisher or venue ("" if none is given)."""
    url: str | None
    """A plain https:// link, if there is one (nothing is fetched)."""
    citation: str
    """Title, authors, publisher and year on one line."""


class EffortRange(ResultModel):
    """A range of hours, and the same in weeks at the catalogue's pace."""

    min_hours: int
    """Fewest hours."""
    max_hours: int
    """Most hours."""
    min_weeks: float
    """``min_hours`` / hours per week, to one decimal."""
    max_weeks: float
    """``max_hours`` / hours per week, to one decimal."""


class PlanStep(ResultModel):
    """One level step: from a level to the next, with what to do and how long it takes."""

    from_level: int
    """Level the step starts at (0-3)."""
    to_level: int
    """Level the step reaches (1-4)."""
    to_level_name: str
    """Name of that level (aware, working, practitioner, expert)."""
    descriptor: str
    """The questionnaire's behavioural descriptor of the level reached: the goal."""
    tasks: list[str]
    """What to practise: concrete tasks phrased as observable outcomes."""
    resources: list[PlanResource]
    """What to read or take."""
    effort: EffortRange
    """Typical effort of this step."""
    effort_note: str
    """What this step's effort assumes beyond the catalogue's pace ("" if nothing)."""


class PlanItem(ResultModel):
    """One gap of the role, and the steps planned to close it."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    area: str
    """Area id of the skill."""
    current: float | None
    """Proficiency 0-4, or None when not assessed (the plan then starts at level 0)."""
    required: int
    """Level the role requires (1-4)."""
    importance: int
    """Importance of the skill to the role (1-5)."""
    weighted_gap: float
    """importance x (required - current): the order of the gaps, largest first."""
    steps: list[PlanStep]
    """The level steps of this plan, lowest first (possibly cut short by the step limit)."""
    steps_left_out: int
    """Further steps this gap needs that the step limit left out of the plan."""
    note: str | None
    """Why this gap needs care: not assessed, or no learning steps for the skill."""


class LeftOut(ResultModel):
    """A gap the step limit left out of the plan."""

    skill: str
    """Skill id."""
    skill_name: str
    """Skill display name."""
    steps: int
    """Level steps it needs."""


class LearningPlan(ResultModel):
    """An ordered learning plan for one respondent and one role."""

    respondent: Respondent
    """Who the plan is for."""
    questionnaire_id: str
    """Id of the questionnaire answered."""
    questionnaire_version: str
    """Version of the questionnaire answered."""
    role: str
    """Id of the role planned for."""
    role_name: str
    """Display name of that role."""
    role_basis: RoleBasis
    """Why this role: ``asked`` (chosen), ``target`` (the respondent's target role),
    ``best_match`` (best-matching role), ``highest_readiness`` (no best role)."""
    role_note: str | None
    """A sentence to show with the role when it needs explaining (no best role)."""
    readiness: float
    """Readiness 0-100 for the role."""
    gaps: int
    """How many required skills of the role are below level."""
    items: list[PlanItem]
    """The gaps in the plan, largest importance x shortfall first, each with its steps."""
    total: EffortRange
    """Total effort of the steps in this plan."""
    all_gaps_steps: int
    """Level steps needed to close every gap of the role."""
    all_gaps_total: EffortRange
    """Total effort of closing every gap (steps without a catalogue entry not counted)."""
    not_planned: list[LeftOut]
    """Gaps left out of the plan by the step limit, in gap order."""
    hours_per_week: int
    """The pace weeks are computed at."""
    assumption: str
    """What the efforts assume and rest on."""
    learning_catalogue: str
    """File name of the learning catalogue used."""
