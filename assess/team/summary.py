"""The team summary: one view model that the HTML report and the terminal both render.

``build_summary`` turns a scored team (``Team``: the batch, the scores and the pandas
analysis) into plain dataclasses of rows and numbers: who is in it and when they answered,
the best role per person and the best candidate per role, risks, hiring and training
advice (with the learning plan's next step), staffing, careless-responding flags and the
per-person detail. Templates and the terminal only display these: no DataFrame is
filtered, and nothing is computed, where they are shown. Text in it is the data as given
(names, teams): each output escapes it its own way (``assess.safetext``, autoescape).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from assess.model.learning import LearningCatalogue
from assess.model.questionnaire import Questionnaire
from assess.team import Team
from assess.team.anonymize import Anonymized
from assess.team.heading import (
    NO_TEAM,
    Header,
    RadarChoice,
    build_header,
    radar_choice,
    team_label,
)
from assess.team.others import RaterView
from assess.team.staffing import StaffingView, staffing_view
from assess.team.training import TrainingRow, training_advice
from assess.team.training import number as _num
from assess.team.trend import TeamTrend

PEOPLE_SHOWN = 2000
"""Person-by-person charts and tables list at most this many people (in input order).
Beyond that they stop being readable (a heatmap row per person) and make the file huge
(100k people: 83 MB); every person still counts in all other tables and charts, and the
CSV/XLSX exports hold everyone's numbers."""


INPUTS_SHOWN = 2000
"""The skipped inputs and the duplicates are each listed up to this many in the report
(all of them in the CSV/XLSX exports): a rerun over a folder of another questionnaire's
100k files should not make a 20 MB report."""

TOP_PEOPLE = 25
"""The terminal lists this many people, highest match first; the report lists them all."""
HIRES_SHOWN = 5
WEAK_COVERAGE = 0.5
PROFILE_ROLES = 4
"""The team profile table has a "meet" column per target role up to this many roles."""


@dataclass(frozen=True)
class PersonRow:
    person: str
    team: str
    best_role: str | None
    """Name of the role the profile is most like; None without enough evidence."""
    match: float | None
    readiness: float | None
    coverage: float | None
    weak: bool


@dataclass(frozen=True)
class CandidateRow:
    role: str
    person: str | None
    """None: nobody has enough evidence to be matched."""
    match: float | None
    readiness: float | None
    coverage: float | None
    weak: bool


@dataclass(frozen=True)
class RiskRow:
    kind: str
    """"single point of failure" or "uncovered"."""
    role: str
    skill: str
    level: int
    importance: int
    holder: str
    """The one person who meets it, or "—"."""


@dataclass(frozen=True)
class HireRow:
    role: str
    need: float
    """Uncovered importance x level a hire at this role's profile meets."""
    share: float
    skills: str


@dataclass(frozen=True)
class ProfileRow:
    number: int
    """As on the radar: skills grouped by area, clockwise from the top."""
    skill: str
    max: float | None
    median: float | None
    assessed: int
    meets: list[int | None]
    """Per role of ``TeamSummary.profile_roles``: people meeting its level; None = not
    required."""


@dataclass(frozen=True)
class RoleCell:
    match: float | None
    readiness: float
    coverage: float
    weak: bool


@dataclass(frozen=True)
class DetailRow:
    person: str
    proficiency: list[float | None]
    roles: list[RoleCell]


@dataclass(frozen=True)
class CarelessRow:
    respondent: str
    team: str
    reason: str


@dataclass
class TeamSummary:
    header: Header
    target_roles: list[str]
    """Names of the roles planned for."""
    people: list[PersonRow]
    """Input order, the first ``PEOPLE_SHOWN``."""
    people_total: int
    top_people: list[PersonRow]
    """The ``TOP_PEOPLE`` with the highest match (the terminal's list)."""
    candidates: list[CandidateRow]
    risks: list[RiskRow]
    single_points: int
    uncovered: int
    hiring: list[HireRow]
    """Roles whose hire would cover some uncovered need, most first (``HIRES_SHOWN``)."""
    training: list[TrainingRow]
    hours_per_week: int | None
    profile_roles: list[str]
    profile: list[ProfileRow]
    radar: RadarChoice
    skill_names: list[str]
    role_names: list[str]
    nobody_assessed: list[str]
    """Skills nobody answered a question on (✕ on the radar's rim)."""
    detail: list[DetailRow]
    staffing: StaffingView | None
    careless: Any = None
    """The careless-responding flags (``assess.quality.careless.Careless``), passed through."""
    careless_rows: list[CarelessRow] = field(default_factory=list)
    skipped_shown: list[Any] = field(default_factory=list)
    duplicates_shown: list[Any] = field(default_factory=list)
    trend: TeamTrend | None = None
    """The team over time (``assess team --history``), whose own rows the views show."""
    raters: RaterView | None = None
    """The rater policy and what it rests on (``assess team --raters``)."""

    @property
    def hire(self) -> HireRow | None:
        return self.hiring[0] if self.hiring else None

    @property
    def people_cut(self) -> bool:
        return len(self.people) < self.people_total


def build_summary(
    q: Questionnaire,
    team: Team,
    *,
    learning: LearningCatalogue | None = None,
    careless: Any = None,
    anonymized: Anonymized | bool = False,
    generated: date | None = None,
    trend: TeamTrend | None = None,
    raters: RaterView | None = None,
) -> TeamSummary:
    """Everything the team views show. ``careless`` (``careless_flags`` of the batch) is
    passed through; ``learning`` adds the learning plan's steps to the training advice;
    ``trend`` (the team over time) and ``raters`` (the rater policy) too."""
    a, batch = team.analysis, team.batch
    role_name = {r.id: r.name for r in q.roles}
    people = a.people
    rows = [_person_row(p) for p in _tuples(people.iloc[:PEOPLE_SHOWN])]
    # Best match first, ties in input order, no match last: as sort_values(ascending=False,
    # kind="stable", na_position="last"), without a sorted copy of the whole frame.
    ranked = people.iloc[np.argsort(-people["match"].to_numpy(), kind="stable")[:TOP_PEOPLE]]
    risks = [
        RiskRow(
            r.kind,
            r.role_name,
            r.skill_name,
            int(r.level),
            int(r.importance),
            r.holder if isinstance(r.holder, str) else NO_TEAM,
        )
        for r in _tuples(a.risks)
    ]
    profile_roles = a.target_roles if len(a.target_roles) <= PROFILE_ROLES else []
    profile_all = _profile(q, a.skills, profile_roles)
    return TeamSummary(
        header=build_header(q, team, anonymized, generated or date.today()),
        target_roles=[role_name[r] for r in a.target_roles],
        people=rows,
        people_total=len(people),
        top_people=[_person_row(p) for p in _tuples(ranked)],
        candidates=[
            CandidateRow(
                c.role_name,
                c.candidate,
                _num(c.match),
                _num(c.readiness),
                _num(c.coverage),
                _weak(c.coverage),
            )
            for c in _tuples(a.candidates)
        ],
        risks=risks,
        single_points=sum(1 for r in risks if r.kind != "uncovered"),
        uncovered=sum(1 for r in risks if r.kind == "uncovered"),
        hiring=[
            HireRow(h.role_name, float(h.covers_need), float(h.share), str(h.skills))
            for h in _tuples(a.hiring.iloc[:HIRES_SHOWN])
            if h.covers_need > 0
        ],
        training=training_advice(q, a, learning),
        hours_per_week=learning.hours_per_week if learning else None,
        profile_roles=[role_name[r] for r in profile_roles],
        profile=profile_all,
        radar=radar_choice(q, team),
        skill_names=[q.skill(s).name for s in a.proficiency.columns],
        nobody_assessed=[p.skill for p in profile_all if p.max is None],
        role_names=[role_name[r] for r in a.readiness.columns],
        detail=_detail(team),
        staffing=staffing_view(a.staffing, role_name, [team_label(t) for t in people["team"]])
        if a.staffing
        else None,
        careless=careless,
        careless_rows=careless_rows(careless),
        skipped_shown=batch.skipped[:INPUTS_SHOWN],
        duplicates_shown=batch.duplicates[:INPUTS_SHOWN],
        trend=trend,
        raters=raters,
    )


def careless_rows(careless: Any) -> list[CarelessRow]:
    """The flagged respondents listed (the first ``PEOPLE_SHOWN``) of ``careless_flags``."""
    if careless is None:
        return []
    return [
        CarelessRow(str(f.respondent), team_label(f.team), str(f.reason))
        for f in _tuples(careless.flags.iloc[:PEOPLE_SHOWN])
    ]


def _tuples(frame: pd.DataFrame) -> list[Any]:
    """The rows of ``frame`` as named tuples."""
    return list(frame.itertuples())


def _profile(q: Questionnaire, skills: pd.DataFrame, roles: list[str]) -> list[ProfileRow]:
    """Per skill, grouped by area and numbered as on the radar (a phone shows numbers)."""
    meets = {r: skills[f"meets:{r}"].tolist() for r in roles}  # -1: the role does not need it
    maxes, medians, assessed = (
        skills["max"].tolist(),
        skills["median"].tolist(),
        skills["assessed"].tolist(),
    )
    at = {skill: i for i, skill in enumerate(skills["skill"].tolist())}
    order = [s for area in q.areas for s in q.skills if s.area == area.id]
    return [
        ProfileRow(
            number,
            skill.name,
            _num(maxes[at[skill.id]]),
            _num(medians[at[skill.id]]),
            int(assessed[at[skill.id]]),
            [None if meets[r][at[skill.id]] < 0 else int(meets[r][at[skill.id]]) for r in roles],
        )
        for number, skill in enumerate(order, start=1)
    ]


def _weak(coverage: Any) -> bool:
    value = _num(coverage)
    return value is not None and value < WEAK_COVERAGE - 1e-9


def _person_row(p: Any) -> PersonRow:
    matched = p.best_role is not None
    return PersonRow(
        person=str(p.person),
        team=team_label(p.team),
        best_role=str(p.best_role_name) if matched else None,
        match=_num(p.match) if matched else None,
        readiness=_num(p.readiness) if matched else None,
        coverage=_num(p.coverage) if matched else None,
        weak=matched and _weak(p.coverage),
    )


def _detail(team: Team) -> list[DetailRow]:
    a = team.analysis
    prof = a.proficiency.iloc[:PEOPLE_SHOWN].to_numpy()
    match = a.match.iloc[:PEOPLE_SHOWN].to_numpy()
    ready = a.readiness.iloc[:PEOPLE_SHOWN].to_numpy()
    cover = a.coverage_of(slice(PEOPLE_SHOWN)).to_numpy()
    rows = []
    for i, person in enumerate(a.proficiency.index[:PEOPLE_SHOWN]):
        rows.append(
            DetailRow(
                str(person),
                [_num(v) for v in prof[i].tolist()],
                [
                    RoleCell(_num(m), float(r), float(c), c < WEAK_COVERAGE - 1e-9)
                    for m, r, c in zip(
                        match[i].tolist(), ready[i].tolist(), cover[i].tolist(), strict=True
                    )
                ],
            )
        )
    return rows
