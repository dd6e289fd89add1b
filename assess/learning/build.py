"""A scored result + the learning catalogue -> a learning plan. Pure: no I/O, no UI.

The gaps, their order and each gap's next level come from scoring
(``assess.scoring.score_responses``); this module only looks up the steps between the
current level and the required one and adds up their efforts.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.errors import UsageError
from assess.model.learning import LearningCatalogue
from assess.model.learning_plan import (
    EffortRange,
    LearningPlan,
    LeftOut,
    PlanItem,
    PlanResource,
    PlanStep,
    RoleBasis,
)
from assess.model.questionnaire import LEVEL_NAMES, Questionnaire, Skill
from assess.model.result import Gap, RespondentResult, RoleFit
from assess.scoring.results import focus_role

DEFAULT_STEPS = 5
"""Level steps in a plan unless asked otherwise: a few months' work at a few hours a week."""

NOT_ASSESSED = "not assessed: answer its questions first; plan from level 0 shown"
NO_STEPS = "the learning catalogue has no steps for this skill"


def choose_role(
    result: RespondentResult, role: str | None = None
) -> tuple[RoleFit, RoleBasis, str | None]:
    """The role to plan for, why, and a note when that needs saying.

    ``role`` if given, else the respondent's target role, else the best-matching role;
    with no best role (too little evidence), the role with the highest readiness (ties
    keep the order of ``result.roles``). ``UsageError`` for an unknown ``role``."""
    fit, basis = focus_role(result, role)
    if basis != "highest_readiness":
        return fit, basis, None
    note = (
        f"No best role: {result.no_match_reason or 'too little evidence'}. Planned for "
        f"{fit.name}, the role with the highest readiness ({fit.readiness:.0f})."
    )
    return fit, "highest_readiness", note


def effort_range(min_hours: int, max_hours: int, hours_per_week: int) -> EffortRange:
    """Hours, and weeks at ``hours_per_week`` (to one decimal)."""
    return EffortRange(
        min_hours=min_hours,
        max_hours=max_hours,
        min_weeks=round(min_hours / hours_per_week, 1),
        max_weeks=round(max_hours / hours_per_week, 1),
    )


def total_effort(steps: Sequence[PlanStep], hours_per_week: int) -> EffortRange:
    """The summed effort of some steps."""
    return effort_range(
        sum(s.effort.min_hours for s in steps),
        sum(s.effort.max_hours for s in steps),
        hours_per_week,
    )


def skill_steps(
    learning: LearningCatalogue, skill: Skill, start: int, required: int
) -> list[PlanStep] | None:
    """The steps that take ``skill`` from level ``start`` to level ``required``, lowest
    first (empty when ``start >= required``); None when the catalogue has no entry for it.

    For any view that plans one skill (the team report's training advice, say)."""
    entry = learning.skills.get(skill.id)
    if entry is None:
        return None
    descriptors = skill.levels.as_list()
    steps = []
    for level in range(max(0, start) + 1, min(required, len(LEVEL_NAMES) - 1) + 1):
        step = entry.to_level(level)
        resources = [learning.resources[rid] for rid in step.resources]
        steps.append(
            PlanStep(
                from_level=level - 1,
                to_level=level,
                to_level_name=LEVEL_NAMES[level],
                descriptor=descriptors[level],
                tasks=list(step.tasks),
                resources=[
                    PlanResource(
                        id=rid,
                        kind=res.kind,
                        title=res.title,
                        by=res.by,
                        year=res.year,
                        publisher=res.publisher,
                        url=res.url,
                        citation=res.citation(),
                    )
                    for rid, res in zip(step.resources, resources, strict=True)
                ],
                effort=effort_range(
                    step.effort.min_hours, step.effort.max_hours, learning.hours_per_week
                ),
                effort_note=step.effort.note,
            )
        )
    return steps


def _item(gap: Gap, steps: list[PlanStep], left_out: int, notes: list[str]) -> PlanItem:
    return PlanItem(
        skill=gap.skill,
        skill_name=gap.skill_name,
        area=gap.area,
        current=gap.current,
        required=gap.required,
        importance=gap.importance,
        weighted_gap=gap.weighted_gap,
        steps=steps,
        steps_left_out=left_out,
        note="; ".join(notes) or None,
    )


def build_plan(
    q: Questionnaire,
    result: RespondentResult,
    learning: LearningCatalogue,
    *,
    role: str | None = None,
    max_steps: int = DEFAULT_STEPS,
    source: str = "built-in",
) -> LearningPlan:
    """An ordered plan: the role's measured gaps as scoring ordered them (largest
    importance x shortfall first), then the gaps of skills not assessed (counted as level
    0: their true level is unknown, so they never push a measured gap out), each with its
    level steps from the current level up to the required
    one, until ``max_steps`` steps are planned; with the total effort of the plan and of
    closing every gap.

    ``q`` is the questionnaire ``result`` was scored on (for the descriptors of the levels
    beyond the next); ``role`` as in ``choose_role``; ``source`` names the catalogue file.
    """
    if max_steps < 1:
        raise UsageError(f"a plan needs at least one step (got {max_steps})")
    fit, basis, note = choose_role(result, role)
    pace = learning.hours_per_week
    budget = max_steps
    items: list[PlanItem] = []
    planned: list[PlanStep] = []
    every: list[PlanStep] = []
    all_steps = 0
    not_planned: list[LeftOut] = []
    for gap in sorted(fit.gaps, key=lambda g: g.current is None):  # (stable: measured first)
        start = gap.next_level - 1  # scoring's next level: floor(current) + 1, 0 if not assessed
        needed = max(0, gap.required - start)
        all_steps += needed
        steps = skill_steps(learning, q.skill(gap.skill), start, gap.required)
        notes = [NOT_ASSESSED] if gap.current is None else []
        if steps is None:
            notes.append(NO_STEPS)
        every += steps or []
        if budget <= 0:
            not_planned.append(LeftOut(skill=gap.skill, skill_name=gap.skill_name, steps=needed))
            continue
        shown = (steps or [])[:budget]  # a gap with no catalogue entry takes no step
        budget -= len(shown)
        planned += shown
        items.append(_item(gap, shown, needed - len(shown), notes))
    return LearningPlan(
        respondent=result.respondent,
        questionnaire_id=result.questionnaire_id,
        questionnaire_version=result.questionnaire_version,
        role=fit.role,
        role_name=fit.name,
        role_basis=basis,
        role_note=note,
        readiness=fit.readiness,
        gaps=len(fit.gaps),
        items=items,
        total=total_effort(planned, pace),
        all_gaps_steps=all_steps,
        all_gaps_total=total_effort(every, pace),
        not_planned=not_planned,
        hours_per_week=pace,
        assumption=learning.assumption,
        learning_catalogue=source,
    )
