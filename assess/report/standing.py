"""The personal report's "Where you stand": percentiles among the responses in a folder
(``assess report --peers DIR``), from ``assess.person.peers``; never naming anyone."""

from __future__ import annotations

from dataclasses import dataclass

from assess.model.questionnaire import Questionnaire
from assess.model.result import RespondentResult
from assess.person.peers import Place, Standing


@dataclass(frozen=True)
class StandingRow:
    name: str
    area: str
    you: float | None
    place: Place


@dataclass(frozen=True)
class StandingRole:
    role: str
    name: str
    readiness: float
    readiness_place: Place
    match: float | None
    match_place: Place


@dataclass(frozen=True)
class StandingView:
    standing: Standing
    skills: list[StandingRow]
    roles: list[StandingRole]

    @property
    def notes(self) -> list[str]:
        return self.standing.notes


def standing_view(q: Questionnaire, result: RespondentResult, standing: Standing) -> StandingView:
    none = Place(None, 0)
    skills = [
        StandingRow(s.name, area.name, result.skills.get(s.id), standing.skills.get(s.id, none))
        for area in q.areas
        for s in q.skills
        if s.area == area.id
    ]
    roles = [
        StandingRole(
            fit.role,
            fit.name,
            fit.readiness,
            standing.readiness.get(fit.role, none),
            fit.match,
            standing.match.get(fit.role, none),
        )
        for fit in result.roles
    ]
    return StandingView(
        standing, skills if standing.enough else [], roles if standing.enough else []
    )
