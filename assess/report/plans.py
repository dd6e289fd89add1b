"""The personal report's learning plan: for every role, the first level steps of its top
gaps (``assess.learning.build_plan``), so the plan follows the role the page compares with.
Plain data here; the template shows tasks, resources as plain links and the effort."""

from __future__ import annotations

from dataclasses import dataclass

from assess.learning import DEFAULT_STEPS, build_plan, load_learning
from assess.learning.render import effort_text
from assess.model.learning_plan import EffortRange, LearningPlan
from assess.model.questionnaire import Questionnaire
from assess.model.result import RespondentResult


@dataclass(frozen=True)
class PlanView:
    plan: LearningPlan
    default: bool

    @property
    def id(self) -> str:
        return self.plan.role

    @property
    def name(self) -> str:
        return self.plan.role_name

    @property
    def steps(self) -> int:
        return sum(len(item.steps) for item in self.plan.items)

    def effort(self, effort: EffortRange) -> str:
        return effort_text(effort, self.plan.hours_per_week)


def plan_views(
    q: Questionnaire, result: RespondentResult, shown: str, max_steps: int = DEFAULT_STEPS
) -> tuple[list[PlanView], str | None]:
    """A plan per role (in the order of ``result.roles``), the one for ``shown`` marked
    default; or no plans and the reason the learning catalogue could not be used."""
    from assess.errors import UserError

    try:
        learning = load_learning()
    except UserError as exc:
        return [], str(exc)
    views = [
        PlanView(
            build_plan(q, result, learning, role=fit.role, max_steps=max_steps), fit.role == shown
        )
        for fit in result.roles
    ]
    return views, None
