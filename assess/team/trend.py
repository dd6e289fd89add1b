"""The team over time (``assess team --history``): at the end of each period, each
person's newest finished assessment by then, and the team's numbers from those — per skill
the median and the best level (max), per target role the median readiness and how many
people are at least 80% ready, and the skills nobody holds at a role's level (uncovered,
by the rule of the team view: ``analysis.uncovered_skills``).

**Dates.** An assessment dates from when it was finished (``completed_at``, UTC); one not
finished is left out (and counted). **Periods** (``by``): ``day``, ``week`` (ISO weeks,
Monday to Sunday), ``month``, ``quarter`` or ``year``; ``auto`` takes the finest of them
that gives at most ``MAX_POINTS`` points, so a year of assessments finished on scattered
days reads as months, not as a hundred days. A point stands at the end of its period.

**People.** A person is at a point once they have finished an assessment by its end, and
stays with their newest one however old: someone who joins later is simply absent before;
each point says how many people it rests on and how many of them finished an assessment
in that period. A point resting on fewer than ``SMALLEST_TEAM`` people is marked: a group
view of so few shows the people in it.

Scoring is the team view's (``assess.scoring.engine.score`` over every assessment at
once); with a rater policy (``others``) each point takes each rater's newest finished
rating by then. Vectorised over assessments: a team of 1,000 with 5 assessments each is
read, scored and summarised in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import TOLERANCE, score_levels
from assess.scoring.raters import RaterPolicy, combine_arrays
from assess.team.analysis import meeting, skill_stats, uncovered_skills
from assess.team.anonymize import SMALLEST_TEAM, pseudonym
from assess.team.history import Assessments, NotUsed
from assess.team.others import Ratings
from assess.team.periods import choose_period, next_period, period_label, period_starts
from assess.team.staffing import BENCH_READY
from assess.team.training import number as _num

NOT_USED_SHOWN = 2000
"""History files not used listed in the report (the exports list them all)."""


@dataclass(frozen=True)
class Point:
    label: str
    """The period: ``2026-03-02``, ``2026-W10``, ``2026-03``, ``2026-Q1``, ``2026``."""
    end: str
    """Its last day (ISO): where the point stands on a date axis."""
    people: int
    """People with a finished assessment by the end of the period."""
    new: int
    """Of them, people whose newest finished assessment is from this period."""

    @property
    def few(self) -> bool:
        """Rests on fewer people than a group view should (``SMALLEST_TEAM``)."""
        return self.people < SMALLEST_TEAM


@dataclass(frozen=True)
class SkillLine:
    skill_id: str
    skill: str
    area_id: str
    area: str
    number: int
    """As on the radar and in the team profile: grouped by area, clockwise from the top."""
    median: list[float | None]
    """Per point; None where nobody at that point was assessed on it."""
    best: list[float | None]
    assessed: list[int]

    @property
    def change(self) -> float | None:
        """The median's change from the first point that has one to the last."""
        known = [v for v in self.median if v is not None]
        return known[-1] - known[0] if len(known) >= 2 else None


@dataclass(frozen=True)
class RoleLine:
    role_id: str
    role: str
    readiness: list[float | None]
    """Median readiness per point (None: nobody at that point)."""
    ready: list[int]
    """People at least ``BENCH_READY`` ready, per point."""
    uncovered: list[list[str]]
    """Per point: the skills the role needs that nobody meets (names, by importance x level)."""


@dataclass(frozen=True)
class NotUsedRow:
    person: str
    source: str
    reason: str


@dataclass
class TeamTrend:
    """The view model of the team over time: the report, the terminal and the exports
    show these rows (nothing is computed where they are shown)."""

    by: str
    """The period used."""
    by_reason: str
    points: list[Point]
    skills: list[SkillLine]
    roles: list[RoleLine]
    nobody_assessed: list[list[str]]
    """Per point: skills nobody at that point was assessed on."""
    people: int
    """People at any point."""
    assessments: int
    """Finished assessments the points draw on."""
    unfinished: int
    histories: int
    policy: str
    not_used: list[NotUsedRow] = field(default_factory=list)
    """History files not used, the first ``NOT_USED_SHOWN`` (``not_used_all``: every one)."""
    not_used_all: list[NotUsedRow] = field(default_factory=list)
    anonymized: bool = False
    uncovered_ids: dict[str, list[list[tuple[str, int]]]] = field(default_factory=dict)
    """Per target role id and point: (skill id, level needed) nobody meets (the exports)."""

    @property
    def not_used_total(self) -> int:
        return len(self.not_used_all)

    @property
    def shown(self) -> bool:
        """A trend needs two points."""
        return len(self.points) >= 2

    @property
    def moved(self) -> list[SkillLine]:
        """Skills whose median changed from the first point to the last, most first."""
        lines = [s for s in self.skills if s.change is not None and abs(s.change) > TOLERANCE]
        return sorted(lines, key=lambda s: -abs(s.change or 0.0))

    def table(self) -> pd.DataFrame:
        """Tidy: one row per point x measure (x skill or role): ``period``, ``date`` (the
        period's last day), ``people``, ``new``, ``measure``, ``role``, ``skill``, ``value``.
        Measures: ``median`` and ``max`` proficiency and ``assessed`` (people) per skill;
        ``readiness_median`` and ``ready_80`` (people) per role; ``uncovered`` per role
        and skill nobody meets (value: the level the role needs; none such: no row)."""
        rows: list[tuple[object, ...]] = []
        for k, point in enumerate(self.points):
            head = (point.label, point.end, point.people, point.new)
            for s in self.skills:
                rows.append((*head, "median", None, s.skill_id, s.median[k]))
                rows.append((*head, "max", None, s.skill_id, s.best[k]))
                rows.append((*head, "assessed", None, s.skill_id, s.assessed[k]))
            for r in self.roles:
                rows.append((*head, "readiness_median", r.role_id, None, r.readiness[k]))
                rows.append((*head, "ready_80", r.role_id, None, r.ready[k]))
        for k, point in enumerate(self.points):
            head = (point.label, point.end, point.people, point.new)
            for r in self.roles:
                for skill_id, level in self.uncovered_ids[r.role_id][k]:
                    rows.append((*head, "uncovered", r.role_id, skill_id, level))
        frame = pd.DataFrame(rows, columns=TREND_COLUMNS)
        frame["value"] = pd.to_numeric(frame["value"]).round(3)
        return frame

    def not_used_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [(r.person, r.source, r.reason) for r in self.not_used_all],
            columns=["person", "input", "reason"],
        )


TREND_COLUMNS = ["period", "date", "people", "new", "measure", "role", "skill", "value"]


# -- the trend ----------------------------------------------------------------------------
def build_trend(
    q: Questionnaire,
    assessments: Assessments,
    target_roles: list[str],
    *,
    by: str = "auto",
    policy: RaterPolicy = "self",
    ratings: Ratings | None = None,
    labels: list[str] | None = None,
    anonymize_key: str | None = None,
    anonymized: bool = False,
) -> TeamTrend:
    """The team over time from every assessment found (``history.read_assessments``).
    ``labels``: the team view's names as shown (pseudonyms under ``--anonymize``), for
    the files not used."""
    plan = assessments.plan
    finished = np.flatnonzero(assessments.finished)
    when = assessments.when[finished]
    person = assessments.person[finished]
    order = np.lexsort((when, person))  # by person, oldest first
    finished, when, person = finished[order], when[order], person[order]
    days = (when // 86400).astype(np.int64).astype("datetime64[D]")

    period, reason = choose_period(days, person, by) if len(days) else ("day", "none")
    starts = np.unique(period_starts(days, period)) if len(days) else np.empty(0, "datetime64[D]")
    if policy != "self" and ratings is not None and len(days):
        # Other raters' levels count too: a rating finished after the last assessment
        # (a manager's round) changes the team, so its period is a point as well.
        rated = ratings.when[ratings.finished & (ratings.when >= when.min())]
        rated_days = (rated // 86400).astype(np.int64).astype("datetime64[D]")
        more = np.setdiff1d(np.unique(period_starts(rated_days, period)), starts)
        if len(more):
            starts = np.union1d(starts, more)
            reason += "; with the periods in which a rating by someone else was finished"
    scored = assessments.score()
    proficiency, readiness_all = scored.proficiency[finished], scored.readiness[finished]
    n_people = len(assessments.names)
    first = np.searchsorted(person, np.arange(n_people))  # each person's first row

    role_ids = list(plan.role_ids)
    skill_ids = list(plan.skill_ids)
    ordered = [s for area in q.areas for s in q.skills if s.area == area.id]
    area_name = {a.id: a.name for a in q.areas}
    points: list[Point] = []
    medians: list[list[float]] = []
    bests: list[list[float]] = []
    assessed: list[list[int]] = []
    readiness: dict[str, list[float | None]] = {r: [] for r in target_roles}
    ready: dict[str, list[int]] = {r: [] for r in target_roles}
    uncovered: dict[str, list[list[tuple[str, int]]]] = {r: [] for r in target_roles}
    nobody: list[list[str]] = []
    for start in starts.tolist():
        start_day: date = start
        end_day = next_period(start_day, period)
        cutoff = datetime(end_day.year, end_day.month, end_day.day, tzinfo=UTC).timestamp()
        began = datetime(start_day.year, start_day.month, start_day.day, tzinfo=UTC)
        # Each person's newest finished assessment by the cutoff: rows are by person,
        # oldest first, so it is the last of their rows before it.
        count = np.bincount(person[when < cutoff], minlength=n_people)
        someone = np.flatnonzero(count)
        rows = first[someone] + count[someone] - 1
        levels = proficiency[rows]
        ready_now = readiness_all[rows]
        if policy != "self" and ratings is not None:
            others = ratings.others(n_people, until=cutoff)[someone]
            levels = combine_arrays(levels, others, policy)
            ready_now = score_levels(plan, levels).readiness
        points.append(
            Point(
                period_label(start_day, period),
                (end_day - timedelta(days=1)).isoformat(),
                len(rows),
                int((when[rows] >= began.timestamp()).sum()),
            )
        )
        best, median, n_assessed = skill_stats(levels)
        medians.append(median)
        bests.append(best)
        assessed.append(n_assessed.tolist())
        nobody.append([s.name for s in ordered if n_assessed[skill_ids.index(s.id)] == 0])
        for role_id in target_roles:
            k = role_ids.index(role_id)
            column = ready_now[:, k]
            readiness[role_id].append(float(np.median(column)) if len(column) else None)
            ready[role_id].append(int((column >= BENCH_READY - TOLERANCE).sum()))
            need = plan.required[k]
            missing = np.flatnonzero(uncovered_skills(meeting(levels, need), need))
            weight = plan.required[k] * plan.importance[k]
            missing = missing[np.argsort(-weight[missing], kind="stable")]
            uncovered[role_id].append([(skill_ids[s], int(need[s])) for s in missing])

    skill_at = {s: i for i, s in enumerate(skill_ids)}
    skills = [
        SkillLine(
            s.id,
            s.name,
            s.area,
            area_name[s.area],
            number,
            [_num(m[skill_at[s.id]]) for m in medians],
            [_num(b[skill_at[s.id]]) for b in bests],
            [a[skill_at[s.id]] for a in assessed],
        )
        for number, s in enumerate(ordered, start=1)
    ]
    name_of = {s.id: s.name for s in q.skills}
    roles = [
        RoleLine(
            role_id,
            q.role(role_id).name,
            readiness[role_id],
            ready[role_id],
            [[name_of[s] for s, _ in point] for point in uncovered[role_id]],
        )
        for role_id in target_roles
    ]
    in_any = int((np.bincount(person, minlength=n_people) > 0).sum()) if len(person) else 0
    every = [_not_used_row(x, labels, anonymized, anonymize_key) for x in assessments.not_used]
    trend = TeamTrend(
        by=period,
        by_reason=reason,
        points=points,
        skills=skills,
        roles=roles,
        nobody_assessed=nobody,
        people=in_any,
        assessments=len(finished),
        unfinished=assessments.unfinished,
        histories=assessments.histories,
        policy=policy,
        not_used=every[:NOT_USED_SHOWN],
        not_used_all=every,
        anonymized=anonymized,
        uncovered_ids=uncovered,
    )
    return trend


def _not_used_row(
    x: NotUsed, labels: list[str] | None, anonymized: bool, key: str | None
) -> NotUsedRow:
    if not anonymized:
        return NotUsedRow(x.person, x.source, x.reason)
    if x.row is not None and labels is not None:
        person = labels[x.row]
    else:
        person = pseudonym(x.identity, key) if x.identity else "—"
    return NotUsedRow(person, "—", x.public)
