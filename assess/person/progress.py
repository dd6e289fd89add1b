"""What changed between two assessments of one person, and how a series of them runs.

Both assessments are scored against their own questionnaire; they are compared on what
both measure. A skill is compared when both assessed it; otherwise it is listed with the
reason (not in one questionnaire, not asked by it, skipped or not answered then). A role is
compared when both questionnaires have it: readiness, match, coverage, and the gaps closed
(a gap then, met now) and opened (met then, a gap now) among the skills assessed both times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assess.errors import UsageError
from assess.model.questionnaire import Questionnaire
from assess.model.result import RoleFit
from assess.person.record import Assessment, labels
from assess.scoring.results import focus_role

COVERAGE_CHANGE = 0.05
"""A change of coverage above this is pointed out: part of the readiness change is then
what was assessed, not skill."""


@dataclass(frozen=True)
class SkillChange:
    skill: str
    name: str
    area: str
    before: float | None
    after: float | None
    note: str = ""
    """Why it is not compared ("" when it is)."""

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 3)


@dataclass(frozen=True)
class RoleChange:
    role: str
    name: str
    readiness: tuple[float, float]
    match: tuple[float | None, float | None]
    coverage: tuple[float, float]
    closed: list[str]
    """Names of skills that were a gap and are met now."""
    opened: list[str]
    """Names of skills that were met and are a gap now."""
    still_open: list[str]
    """Names of skills that were a gap and still are."""
    note: str = ""

    @property
    def readiness_change(self) -> float:
        return round(self.readiness[1] - self.readiness[0], 2)

    @property
    def match_change(self) -> float | None:
        before, after = self.match
        return None if before is None or after is None else round(after - before, 1)


@dataclass
class Progress:
    """Assessment ``before`` against ``after`` (the later one)."""

    before: Assessment
    after: Assessment
    before_label: str
    after_label: str
    skills: list[SkillChange]
    """Skills assessed both times, in the later questionnaire's order."""
    not_compared: list[SkillChange]
    roles: list[RoleChange]
    """Roles both questionnaires have, in the later assessment's order (by match)."""
    focus: str
    """The role whose gaps to show first (asked, target, best match...)."""
    notes: list[str] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.after.when - self.before.when).days

    @property
    def changed(self) -> list[SkillChange]:
        return [s for s in self.skills if s.change]

    def role(self, role_id: str) -> RoleChange:
        return next(r for r in self.roles if r.role == role_id)


def _why_not(skill: str, a: Assessment, label: str) -> str | None:
    """Why assessment ``a`` has no level of ``skill`` (None if it has one)."""
    q = a.questionnaire
    if skill not in {s.id for s in q.skills}:
        return f"not in {a.version} ({label})"
    if a.result.skills.get(skill) is not None:
        return None
    if skill in q.not_asked:
        return f"not asked by {a.version} ({label})"
    return f"skipped or not answered on {label}"


def _asked_by_neither(skill: str, before: Assessment, after: Assessment) -> bool:
    return all(
        skill not in {s.id for s in a.questionnaire.skills} or skill in a.questionnaire.not_asked
        for a in (before, after)
    )


def _skill_order(after: Questionnaire, before: Questionnaire) -> list[tuple[str, str, str]]:
    """(id, name, area name) of every skill either questionnaire has, the later's first."""
    out: dict[str, tuple[str, str, str]] = {}
    for q in (after, before):
        for area in q.areas:
            for s in q.skills:
                if s.area == area.id and s.id not in out:
                    out[s.id] = (s.id, s.name, area.name)
    return list(out.values())


def _gaps(fit: RoleFit) -> dict[str, str]:
    """Assessed gaps of a role: skill id -> name."""
    return {g.skill: g.skill_name for g in fit.gaps if g.current is not None}


def compare(
    before: Assessment,
    after: Assessment,
    role: str | None = None,
    before_label: str | None = None,
    after_label: str | None = None,
) -> Progress:
    """What changed from ``before`` to ``after``. ``role``: the role to focus on (default:
    the later assessment's target role, else its best match)."""
    b_label = before_label or before.day
    a_label = after_label or after.day
    skills: list[SkillChange] = []
    not_compared: list[SkillChange] = []
    for skill, name, area in _skill_order(after.questionnaire, before.questionnaire):
        why = _why_not(skill, before, b_label) or _why_not(skill, after, a_label)
        if why and _why_not(skill, after, a_label) and _asked_by_neither(skill, before, after):
            why = (
                "asked by neither questionnaire"
                if before.version != after.version
                else (f"not asked by {after.version}")
            )
        change = SkillChange(
            skill,
            name,
            area,
            before.result.skills.get(skill),
            after.result.skills.get(skill),
            why or "",
        )
        (not_compared if why else skills).append(change)
    compared = {s.skill for s in skills}
    earlier = {fit.role: fit for fit in before.result.roles}
    roles = []
    for fit in after.result.roles:
        then = earlier.get(fit.role)
        if then is None:
            continue
        gaps_then, gaps_now = _gaps(then), _gaps(fit)
        note = ""
        if abs(fit.coverage - then.coverage) > COVERAGE_CHANGE:
            note = (
                f"coverage {then.coverage:.0%} then, {fit.coverage:.0%} now: part of the "
                "change in readiness is what was assessed, not skill"
            )
        roles.append(
            RoleChange(
                role=fit.role,
                name=fit.name,
                readiness=(then.readiness, fit.readiness),
                match=(then.match, fit.match),
                coverage=(then.coverage, fit.coverage),
                closed=[n for s, n in gaps_then.items() if s not in gaps_now and s in compared],
                opened=[n for s, n in gaps_now.items() if s not in gaps_then and s in compared],
                still_open=[n for s, n in gaps_now.items() if s in gaps_then],
                note=note,
            )
        )
    if not roles:
        raise UsageError(
            f"{before.version} and {after.version} have no role in common: nothing to compare"
        )
    ids = [r.role for r in roles]
    if role is not None and role not in ids:
        focus_role(after.result, role)  # (an unknown role: the usual message)
        raise UsageError(f"role '{role}' is not in {before.version}: it cannot be compared")
    focus = focus_role(after.result, role)[0].role
    if focus not in ids:
        focus = ids[0]
    notes = []
    if before.version != after.version:
        notes.append(
            f"The two assessments answer different questionnaires ({before.version} and "
            f"{after.version}): compared on the {len(skills)} skill(s) both assessed; "
            f"{len(not_compared)} could not be compared (listed with the reason)."
        )
    if not after.complete:
        notes.append(f"The assessment of {a_label} is not finished.")
    return Progress(before, after, b_label, a_label, skills, not_compared, roles, focus, notes)


def choose(
    assessments: Sequence[Assessment], first: str | None = None, last: str | None = None
) -> tuple[Assessment, Assessment, list[str]]:
    """The two assessments to compare (oldest first in ``assessments``): the last two
    finished ones, or those of the days (``YYYY-MM-DD``, or a label ``YYYY-MM-DD #2``) or
    positions (1 = the oldest, -1 = the newest) given. Returns them, earlier first, with
    notes on what was passed over."""
    names = labels(assessments)
    finished = [a for a in assessments if a.complete]
    notes = [
        f"{name}: not finished, left out (name it with --from or --to to compare it)"
        for a, name in zip(assessments, names, strict=True)
        if not a.complete
    ]
    if first is None and last is None:
        if len(finished) < 2:
            raise UsageError(_too_few(finished))
        return finished[-2], finished[-1], notes
    newer = _pick(assessments, names, last) if last else (finished or list(assessments))[-1]
    if first:
        older = _pick(assessments, names, first)
    else:
        before = [a for a in finished if assessments.index(a) < assessments.index(newer)]
        if not before:
            raise UsageError(f"no finished assessment before {names[assessments.index(newer)]}")
        older = before[-1]
    if older is newer:
        raise UsageError("--from and --to name the same assessment")
    if assessments.index(older) > assessments.index(newer):
        older, newer = newer, older
    return (
        older,
        newer,
        [
            n
            for n in notes
            if not n.startswith((_label(older, assessments), _label(newer, assessments)))
        ],
    )


def _label(a: Assessment, assessments: Sequence[Assessment]) -> str:
    return labels(assessments)[list(assessments).index(a)] + ":"


def _too_few(assessments: Sequence[Assessment]) -> str:
    if not assessments:
        return "no finished assessment to compare"
    return (
        f"only one finished assessment ({assessments[-1].day}): nothing to compare yet. "
        "Take the survey again (assess take, then Retake) to see what changed"
    )


def _pick(assessments: Sequence[Assessment], names: list[str], wanted: str) -> Assessment:
    if wanted.lstrip("-").isdigit():
        index = int(wanted)
        position = index - 1 if index > 0 else index
        if index == 0 or not -len(assessments) <= position < len(assessments):
            raise UsageError(f"there are {len(assessments)} assessments; {wanted} is none of them")
        return assessments[position]
    hits = [a for a, name in zip(assessments, names, strict=True) if name == wanted]
    if not hits:
        hits = [a for a in assessments if a.day == wanted]
    if len(hits) != 1:
        raise UsageError(
            f"{'no' if not hits else 'more than one'} assessment on {wanted!r} (there are: "
            + ", ".join(names)
            + ")"
        )
    return hits[0]


@dataclass(frozen=True)
class Timeline:
    """Every assessment's numbers, oldest first (for the chart of three or more)."""

    labels: list[str]
    days: list[str]
    times: list[str]
    """When each ended, ``YYYY-MM-DD HH:MM:SS`` UTC (a chart's date axis: two on one day
    stay apart)."""
    versions: list[str]
    readiness: dict[str, list[float | None]]
    """Role id -> readiness per assessment (None where its questionnaire lacks the role)."""
    match: dict[str, list[float | None]]
    skills: dict[str, list[float | None]]
    """Skill id -> proficiency per assessment."""


def timeline(assessments: Sequence[Assessment]) -> Timeline:
    names = labels(assessments)
    roles: dict[str, list[float | None]] = {}
    match: dict[str, list[float | None]] = {}
    skills: dict[str, list[float | None]] = {}
    for i, a in enumerate(assessments):
        for fit in a.result.roles:
            roles.setdefault(fit.role, [None] * len(assessments))[i] = fit.readiness
            match.setdefault(fit.role, [None] * len(assessments))[i] = fit.match
        for skill, level in a.result.skills.items():
            skills.setdefault(skill, [None] * len(assessments))[i] = level
    return Timeline(
        names,
        [a.day for a in assessments],
        [f"{a.when:%Y-%m-%d %H:%M:%S}" for a in assessments],
        [a.version for a in assessments],
        roles,
        match,
        skills,
    )
