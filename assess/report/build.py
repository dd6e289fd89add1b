"""The personal report's view model, built from a result (never scores).

Everything here is plain data (Plotly figure dicts, rows and per-role views), so it can be
tested without a browser and rendered by ``render.py``; the templates only display it.
The charts are built in ``charts.py`` and ``radar.py``; the sections about the person over
time and from others in ``since.py``, ``others.py``, ``plans.py`` and ``standing.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assess.model.questionnaire import Questionnaire
from assess.model.result import Gap, RespondentResult, RoleFit
from assess.report.charts import (
    AREA_COLOURS,
    FONT,
    OKABE_ITO,
    REQUIRED_COLOUR,
    UNASSESSED_COLOUR,
    YOU_COLOUR,
    fit_colours,
    fit_figure,
    fit_label,
    plotly_text,
    short_name,
)
from assess.report.others import OthersView, others_view, radar_levels
from assess.report.plans import PlanView, plan_views
from assess.report.radar import (
    RADAR_GAP_SLOTS,
    RADAR_RANGE,
    RADAR_SIZES,
    RIM_BAND,
    UNASSESSED_R,
    RadarSize,
    label_boxes,
    ordered_skills,
    radar_angles,
    radar_figure,
    radar_frame_layout,
    radar_labels,
    radar_rim,
    radar_size_layout,
    unassessed_trace,
)
from assess.report.since import SinceView, since_view
from assess.report.standing import StandingView, standing_view
from assess.scoring.results import focus_role

if TYPE_CHECKING:
    from assess.person.peers import Standing
    from assess.person.record import PersonRecord

__all__ = [  # the team report and the item page import the chart basics from here
    "AREA_COLOURS",
    "FONT",
    "OKABE_ITO",
    "RADAR_GAP_SLOTS",
    "RADAR_RANGE",
    "RADAR_SIZES",
    "REQUIRED_COLOUR",
    "RIM_BAND",
    "UNASSESSED_COLOUR",
    "UNASSESSED_R",
    "YOU_COLOUR",
    "Completion",
    "PersonalReport",
    "RadarSize",
    "RoleView",
    "SkillRow",
    "build_personal_report",
    "choose_target",
    "fit_colours",
    "fit_figure",
    "fit_label",
    "label_boxes",
    "ordered_skills",
    "plotly_text",
    "radar_angles",
    "radar_figure",
    "radar_frame_layout",
    "radar_labels",
    "radar_rim",
    "radar_size_layout",
    "role_view",
    "short_name",
    "status_of",
    "unassessed_trace",
]


@dataclass(frozen=True)
class SkillRow:
    """One skill in a role's table: the person's level against the role's profile."""

    number: int
    """Position on the radar (1 = first clockwise from the top), also its label on phones."""
    skill: str
    name: str
    area: str
    current: float | None
    required: int | None
    """The level the role requires, or None when it does not require the skill."""
    profile: int
    """The role's level in its complete profile: the requirement, else the typical level."""
    status: str
    """gap, meets, above, not required, not assessed."""
    self_rated_only: bool


@dataclass(frozen=True)
class RoleView:
    """Everything the page shows that depends on the role it compares with."""

    fit: RoleFit
    rank: int | None
    """Place by match (1 = most like), None when there is too little evidence for a match."""
    default: bool
    """The role the page opens on."""
    reason: str
    """Why the page opens on this role (empty for the others)."""
    rows: list[SkillRow]
    measured_gaps: list[Gap]
    unassessed_gaps: list[Gap]

    @property
    def id(self) -> str:
        return self.fit.role

    @property
    def name(self) -> str:
        return self.fit.name

    @property
    def plotly_name(self) -> str:
        """The name as Plotly text (for the radar's title when the role is switched)."""
        return plotly_text(self.fit.name)


@dataclass(frozen=True)
class Completion:
    """How much of the survey the answers reach."""

    answered: int
    skipped: int
    unanswered: int
    finished: bool

    @property
    def total(self) -> int:
        return self.answered + self.skipped + self.unanswered

    @property
    def share(self) -> float:
        """Share of the questions answered (a skip is not an answer)."""
        return self.answered / self.total if self.total else 0.0


@dataclass
class PersonalReport:
    """Everything the template shows, already computed."""

    title: str
    result: RespondentResult
    questionnaire_title: str
    target: RoleFit
    target_reason: str
    radar: dict[str, Any]
    fit_chart: dict[str, Any]
    roles: list[RoleView]
    """One view per role, best match first (the order of ``result.roles``)."""
    completion: Completion
    requirement_matrix: list[list[str]] = field(default_factory=list)
    role_headers: list[str] = field(default_factory=list)
    self_rated_only_names: list[str] = field(default_factory=list)
    not_assessed_names: list[str] = field(default_factory=list)
    """Skills with no answered question (✕ on the radar), the not-asked ones apart."""
    not_asked_names: list[str] = field(default_factory=list)
    """Skills this questionnaire has no question on."""
    area_key: list[tuple[str, str]] = field(default_factory=list)
    """(area name, colour) for the key below the radar."""
    others: OthersView | None = None
    """Other raters' view beside the self-rating (None: nobody else rated the person)."""
    since: SinceView | None = None
    """What changed since the previous assessment (None: there is none)."""
    plans: list[PlanView] = field(default_factory=list)
    """A learning plan per role, in the order of ``roles``."""
    plan_problem: str | None = None
    """Why there is no plan (the learning catalogue could not be used)."""
    standing: StandingView | None = None
    """Percentiles among the responses in a folder (``--peers``)."""

    @property
    def default_plan(self) -> PlanView | None:
        return next((p for p in self.plans if p.default), None)

    @property
    def default_view(self) -> RoleView:
        return next(v for v in self.roles if v.default)

    @property
    def skill_rows(self) -> list[SkillRow]:
        """The rows of the role the page opens on."""
        return self.default_view.rows


TARGET_REASONS = {
    "asked": "chosen for this report",
    "target": "the role you are aiming for",
    "best_match": "the role your profile is most like",
    "highest_readiness": "the role you are most ready for (there is no best match)",
}


def choose_target(result: RespondentResult, role: str | None) -> tuple[RoleFit, str]:
    """The role the report opens on, and why (``scoring.results.focus_role``)."""
    target, basis = focus_role(result, role)
    return target, TARGET_REASONS[basis]


def status_of(current: float | None, required: int | None) -> str:
    if current is None:
        return "not assessed"
    if required is None:
        return "not required"
    if current >= required:
        return "meets" if current < required + 1 else "above"
    return "gap"


def role_view(
    q: Questionnaire,
    result: RespondentResult,
    fit: RoleFit,
    rank: int | None,
    target: RoleFit,
    reason: str,
) -> RoleView:
    role = q.role(fit.role)
    rows = []
    for number, skill in enumerate(ordered_skills(q), start=1):
        current = result.skills[skill.id]
        need = role.requirements.get(skill.id)
        required = need.level if need else None
        rows.append(
            SkillRow(
                number=number,
                skill=skill.id,
                name=skill.name,
                area=q.area(skill.area).name,
                current=current,
                required=required,
                profile=role.profile_level(skill.id),
                status=status_of(current, required),
                self_rated_only=skill.id in result.self_rated_only,
            )
        )
    return RoleView(
        fit=fit,
        rank=rank,
        default=fit.role == target.role,
        reason=reason if fit.role == target.role else "",
        rows=rows,
        measured_gaps=[g for g in fit.gaps if g.current is not None],
        unassessed_gaps=[g for g in fit.gaps if g.current is None],
    )


def build_personal_report(
    q: Questionnaire,
    result: RespondentResult,
    role: str | None = None,
    *,
    record: PersonRecord | None = None,
    standing: Standing | None = None,
) -> PersonalReport:
    """The report's view model. ``record``: the person's earlier assessments and other
    people's ratings (``assess.person.record.load_record``), for "Since last time" and
    "Self and others"; ``standing``: their place among a folder of responses."""
    target, reason = choose_target(result, role)
    raters = result.others or (record.others(q) if record is not None else None)
    others = None
    if raters is not None:
        unused = 0 if record is None else sum(1 for x in record.left_out if x.rating)
        others = others_view(raters, {s.id: q.area(s.area).name for s in q.skills}, unused)
    plans, plan_problem = plan_views(q, result, target.role)
    views = [
        role_view(q, result, fit, rank if fit.match is not None else None, target, reason)
        for rank, fit in enumerate(result.roles, start=1)
    ]
    matrix = [
        [s.name]
        + [
            str(r.requirements[s.id].level)
            if s.id in r.requirements
            else f"({r.profile_level(s.id)})"
            for r in q.roles
        ]
        for s in ordered_skills(q)
    ]
    not_asked = set(q.not_asked)
    missing = [s for s in ordered_skills(q) if result.skills[s.id] is None]
    return PersonalReport(
        title=f"Skills report: {result.respondent.name}",
        result=result,
        questionnaire_title=q.title,
        target=target,
        target_reason=reason,
        radar=radar_figure(
            q, result, target, radar_levels(others.raters) if others and others.shown else None
        ),
        fit_chart=fit_figure(result, target.role),
        roles=views,
        completion=Completion(
            answered=result.answered,
            skipped=result.skipped,
            unanswered=result.unanswered,
            finished=result.status == "complete" and result.unanswered == 0,
        ),
        requirement_matrix=matrix,
        role_headers=[r.name for r in q.roles],
        self_rated_only_names=[q.skill(s).name for s in result.self_rated_only],
        not_assessed_names=[s.name for s in missing if s.id not in not_asked],
        not_asked_names=[s.name for s in missing if s.id in not_asked],
        area_key=[
            (area.name, AREA_COLOURS[i % len(AREA_COLOURS)]) for i, area in enumerate(q.areas)
        ],
        others=others,
        since=None if record is None else since_view(record, target.role),
        plans=plans,
        plan_problem=plan_problem,
        standing=None if standing is None else standing_view(q, result, standing),
    )
