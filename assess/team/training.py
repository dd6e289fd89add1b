"""Training advice for the team summary: for each skill nobody on the team has at the
level a role needs, the people closest to it and, from the learning plan
(``assess.learning``), their next level step (what to practise, how long) and the effort
of every step up to the level."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from assess.learning import skill_steps, total_effort
from assess.model.learning import LearningCatalogue
from assess.model.questionnaire import Questionnaire
from assess.team.analysis import TeamAnalysis

TASKS_SHOWN = 1
"""Tasks of a step shown in brief (``assess plan`` gives them all)."""


@dataclass(frozen=True)
class StepBrief:
    """The next level step of the learning plan, in brief."""

    to_level: int
    to_level_name: str
    tasks: list[str]
    more_tasks: int
    min_hours: int
    max_hours: int


@dataclass(frozen=True)
class Trainee:
    person: str
    current: float | None
    """None: not assessed (planned from 0)."""
    shortfall: float
    next_step: StepBrief | None
    steps: int
    """Level steps to the needed level."""
    min_hours: int | None
    max_hours: int | None
    """Effort of all those steps (None without a catalogue entry)."""
    min_weeks: float | None
    max_weeks: float | None


@dataclass(frozen=True)
class TrainingRow:
    skill: str
    level: int
    roles: str
    """The roles that need the skill and find nobody at their level."""
    people: list[Trainee]
    in_catalogue: bool


def number(value: Any) -> float | None:
    """A float, or None for a missing value (NaN, None): nothing is shown as "nan"."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def training_advice(
    q: Questionnaire, a: TeamAnalysis, learning: LearningCatalogue | None
) -> list[TrainingRow]:
    """Per uncovered skill (largest need first): the closest people and their steps."""
    uncovered = a.risks[a.risks["kind"] == "uncovered"]
    out = []
    for skill_id, group in a.training.groupby("skill", sort=False):
        skill = q.skill(str(skill_id))
        level = int(group["level"].iloc[0])
        roles = uncovered[uncovered["skill"] == skill_id]["role_name"].tolist()
        people = []
        in_catalogue = learning is not None and skill.id in learning.skills
        records: list[Any] = list(group.itertuples())
        for t in records:
            current = number(t.current)
            steps = (
                skill_steps(learning, skill, math.floor(current or 0.0), level)
                if learning is not None and in_catalogue
                else None
            )
            effort = total_effort(steps, learning.hours_per_week) if steps and learning else None
            first = steps[0] if steps else None
            people.append(
                Trainee(
                    person=str(t.person),
                    current=current,
                    shortfall=float(t.shortfall),
                    next_step=None
                    if first is None
                    else StepBrief(
                        first.to_level,
                        first.to_level_name,
                        first.tasks[:TASKS_SHOWN],
                        max(0, len(first.tasks) - TASKS_SHOWN),
                        first.effort.min_hours,
                        first.effort.max_hours,
                    ),
                    steps=len(steps or []),
                    min_hours=effort.min_hours if effort else None,
                    max_hours=effort.max_hours if effort else None,
                    min_weeks=effort.min_weeks if effort else None,
                    max_weeks=effort.max_weeks if effort else None,
                )
            )
        out.append(TrainingRow(skill.name, level, ", ".join(roles), people, in_catalogue))
    return out
