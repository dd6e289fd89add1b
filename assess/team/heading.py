"""The team summary's heading (who, when, which questionnaire) and the role its radar
opens on: parts of ``TeamSummary`` (``assess.team.summary``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from assess.model.questionnaire import Questionnaire
from assess.team import Team
from assess.team.anonymize import OTHER_TEAMS, SMALLEST_TEAM, Anonymized
from assess.team.training import number as _num

TEAMS_IN_TITLE = 3
TEAMS_LISTED = 12
NO_TEAM = "—"
"""How a person without a team is shown, everywhere."""


def team_label(team: Any) -> str:
    """A team as shown: its name, or "—" for none (None, NaN or empty)."""
    return team if isinstance(team, str) and team.strip() else NO_TEAM


@dataclass(frozen=True)
class TeamCount:
    name: str
    people: int


@dataclass(frozen=True)
class Header:
    title: str
    """"Team skills report: Data, Platform and Insights"."""
    teams: list[TeamCount]
    """The ``TEAMS_LISTED`` largest teams; people without a team are in ``no_team``."""
    more_teams: int
    """Teams beyond those listed."""
    no_team: int
    questionnaires: list[str]
    newest_response: str | None
    """Date (UTC, YYYY-MM-DD) of the newest response kept."""
    generated: str
    """Date of the report."""
    people: int
    skipped: int
    duplicates: int
    anonymized: bool
    folded_note: str | None
    """Teams folded into "other teams" by --anonymize, in words (None if none were)."""


@dataclass(frozen=True)
class RadarChoice:
    role: str
    """Role id the team radar opens on."""
    name: str
    reason: str


def build_header(
    q: Questionnaire, team: Team, anonymized: Anonymized | bool, today: date
) -> Header:
    batch = team.batch
    counts = Counter(team_label(t) for t in batch.teams)
    no_team = counts.pop(NO_TEAM, 0)
    teams = [TeamCount(name, n) for name, n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))]
    names = [t.name for t in teams]
    if not names:
        title = "Team skills report"
    elif len(names) <= TEAMS_IN_TITLE:
        title = "Team skills report: " + _and(names)
    else:
        shown = names[: TEAMS_IN_TITLE - 1]
        title = f"Team skills report: {', '.join(shown)} and {len(names) - len(shown)} more teams"
    updated = batch.people.updated  # (the column: no list of a million floats)
    newest = float(updated.max()) if len(updated) else None
    note = None
    if isinstance(anonymized, Anonymized) and anonymized.teams_folded:
        note = (
            f"{anonymized.teams_folded} team(s) of fewer than {SMALLEST_TEAM} people "
            f'({anonymized.people_folded} people) are shown together as "{OTHER_TEAMS}": '
            f"a group view needs at least {SMALLEST_TEAM} people, or it shows the people in it"
        )
    return Header(
        title=title,
        teams=teams[:TEAMS_LISTED],
        more_teams=max(0, len(teams) - TEAMS_LISTED),
        no_team=no_team,
        questionnaires=[f"{q.title} ({q.id} v{q.version})"],
        newest_response=None
        if newest is None
        else datetime.fromtimestamp(newest, UTC).date().isoformat(),
        generated=today.isoformat(),
        people=len(batch),
        skipped=len(batch.skipped),
        duplicates=len(batch.duplicates),
        anonymized=bool(anonymized),
        folded_note=note,
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def radar_choice(q: Questionnaire, team: Team) -> RadarChoice:
    """The role the team radar opens on: the most common target role among the people
    (of the roles planned for; ties keep the roles' order), else the role the team covers
    best: the one whose importance-weighted requirement the team's best levels meet most."""
    targets = team.analysis.target_roles
    wanted = Counter(r for r in team.batch.target_roles if r in targets)
    if wanted:
        top = max(wanted.values())
        role = next(r for r in targets if wanted.get(r) == top)
        return RadarChoice(
            role,
            q.role(role).name,
            f"the most common target role: {top} of {len(team.batch)} people aim for it",
        )
    best = dict(zip(team.analysis.skills["skill"], team.analysis.skills["max"], strict=True))
    met = {r: _team_readiness(q, r, best) for r in targets}
    role = max(targets, key=lambda r: (met[r], -targets.index(r)))
    return RadarChoice(
        role,
        q.role(role).name,
        f"nobody named a target role; the role the team covers best: its best levels "
        f"meet {met[role]:.0f}% of it",
    )


def _team_readiness(q: Questionnaire, role_id: str, best: dict[str, float]) -> float:
    """Readiness of the team's best levels for a role (not assessed counts as 0)."""
    role = q.role(role_id)
    total = sum(n.importance * n.level for n in role.requirements.values())
    short = sum(
        n.importance * max(0.0, n.level - (_num(best.get(s)) or 0.0))
        for s, n in role.requirements.items()
    )
    return 100.0 * (1 - short / total) if total else 100.0
