"""Where a person stands among the responses in a folder: a percentile per skill
(proficiency) and per role (readiness, match), never naming anyone.

The folder is read as ``assess team`` reads it (each person once, their newest response;
files that cannot be used are counted), the person themself is left out of the group by
the identity rule of ``assess team``, and a percentile is given only among at least
``MIN_GROUP`` (5) other people who have that number: a skill counts the people assessed on
it, a match the people who have one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assess.errors import UsageError
from assess.model.questionnaire import Questionnaire
from assess.model.response import Respondent
from assess.model.result import RespondentResult
from assess.person.record import same_person
from assess.scoring import ScoringPlan, score
from assess.scoring.standing import MIN_GROUP, percentile_rank
from assess.team.batch import load_batch


@dataclass(frozen=True)
class Place:
    """A percentile (None when it cannot be given) and the group it rests on."""

    percentile: float | None
    group: int


@dataclass
class Standing:
    folder: Path
    people: int
    """Other people in the folder whose responses fit the questionnaire."""
    min_group: int = MIN_GROUP
    skills: dict[str, Place] = field(default_factory=dict)
    readiness: dict[str, Place] = field(default_factory=dict)
    match: dict[str, Place] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return self.people >= self.min_group


def _place(value: float | None, column: np.ndarray, min_group: int) -> Place:
    known = column[~np.isnan(column)]
    if value is None or len(known) < min_group:
        return Place(None, len(known))
    return Place(round(percentile_rank(value, known), 1), len(known))


def standing(
    q: Questionnaire,
    plan: ScoringPlan,
    result: RespondentResult,
    folder: Path,
    *,
    min_group: int = MIN_GROUP,
) -> Standing:
    """``result``'s place among the other people whose responses to ``q`` are in
    ``folder``."""
    if not folder.is_dir():
        raise UsageError(f"--peers takes a folder of responses; {folder} is not a folder")
    batch = load_batch(q, [folder], plan=plan)
    subject: Respondent = result.respondent
    rows = [
        i
        for i, (name, email) in enumerate(zip(batch.names, batch.emails, strict=True))
        if not same_person(subject, Respondent(name=name, email=email))
    ]
    found = Standing(folder, len(rows), min_group)
    version = f"{q.id} v{q.version}"
    if batch.skipped:
        found.notes.append(
            f"{len(batch.skipped)} file(s) in {folder} could not be compared (another "
            "questionnaire or version, unreadable, or a rating by someone else)."
        )
    if len(rows) < len(batch.names):
        found.notes.append("Your own response in the folder is left out of the group.")
    if not found.enough:
        found.notes.insert(
            0,
            f"{folder} holds {len(rows)} other people's responses to {version}; a percentile "
            f"needs at least {min_group}, so that it says nothing about any one of them. "
            "None is shown.",
        )
        return found
    scores = score(plan, batch.codes[rows], keep_values=False, calibration=False)
    for s, skill in enumerate(plan.skill_ids):
        found.skills[skill] = _place(result.skills.get(skill), scores.proficiency[:, s], min_group)
    fits = {fit.role: fit for fit in result.roles}
    for k, role in enumerate(plan.role_ids):
        fit = fits[role]
        found.readiness[role] = _place(fit.readiness, scores.readiness[:, k], min_group)
        found.match[role] = _place(fit.match, scores.match[:, k], min_group)
    found.notes.insert(
        0,
        f"Among {len(rows)} other people whose responses to {version} are in the folder {folder} "
        "(each person once, their newest response).",
    )
    return found


def ordinal(percentile: float) -> str:
    """``62`` -> "higher than 62% of them"; the words every view uses."""
    return f"higher than {math.floor(percentile + 0.5):.0f}% of them"
