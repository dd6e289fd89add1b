"""Per-respondent results (gaps, strengths, calibration) from vectorised ``Scores``."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

from assess.errors import UsageError, did_you_mean
from assess.model.questionnaire import LEVEL_NAMES, MAX_LEVEL, Questionnaire
from assess.model.response import SKIP, Response
from assess.model.result import Calibration, Gap, RespondentResult, RoleFit, Strength
from assess.scoring.engine import (
    CALIBRATION_THRESHOLD,
    MIN_RANGE,
    MIN_SKILLS,
    TOLERANCE,
    Scores,
)
from assess.scoring.gaps import role_gaps

CALIBRATION_MIN_CHECKS = 2
"""Calibration flags need at least this many answered checks on the skill."""
STRENGTH_LEVEL = 3
"""A met requirement is listed as a strength from practitioner level up."""
WEAK_COVERAGE = 0.5
"""Below this coverage a role's numbers are marked as weak evidence."""


def _num(value: float, digits: int = 3) -> float | None:
    """Rounded for display only: every comparison and sort uses the unrounded value."""
    return None if math.isnan(value) else round(float(value), digits)


def no_match_reason(assessed: int, spread: float) -> str | None:
    """Why a profile cannot be matched with the roles (None if it can)."""
    if assessed < MIN_SKILLS:
        return (
            f"only {assessed} skill(s) assessed; at least {MIN_SKILLS} are needed to say "
            "which role your profile resembles"
        )
    if spread < MIN_RANGE - TOLERANCE:
        return (
            f"your skill levels hardly differ (highest minus lowest: {spread:.1f} of a level; "
            f"at least {MIN_RANGE:.0f} is needed), so no role's pattern fits you better than "
            "another's"
        )
    return None


NO_ROLE_DIFFERS = "no role's profile differs over the skills you were assessed on"
"""Why there is no best role when the evidence is enough but every role's match is NaN."""


def next_level(current: float | None) -> int:
    """The next whole level above ``current`` (not assessed counts as 0)."""
    return min(MAX_LEVEL, math.floor(current or 0.0) + 1)


def role_fits(q: Questionnaire, scores: Scores, row: int) -> list[RoleFit]:
    """Every role's match and readiness for respondent ``row``, best match first."""
    prof = scores.proficiency[row]
    plan = scores.plan
    fits = []
    for k in scores.ranking()[row]:
        role = q.roles[int(k)]
        is_gap, weighted = role_gaps(prof[None, :], plan.required[k], plan.importance[k])
        gaps: list[tuple[float, int, Gap]] = []
        strengths: list[Strength] = []
        for position, (skill_id, need) in enumerate(role.requirements.items()):
            skill = q.skill(skill_id)
            s = plan.skill_ids.index(skill_id)
            exact = float(prof[s])
            current = _num(exact)
            if not is_gap[0, s]:
                if exact >= STRENGTH_LEVEL - TOLERANCE:
                    strengths.append(
                        Strength(
                            skill=skill_id,
                            skill_name=skill.name,
                            current=_num(exact) or 0.0,
                            required=need.level,
                        )
                    )
                continue
            gap_size = float(weighted[0, s])  # importance x shortfall (scoring.gaps)
            level = next_level(None if current is None else exact)
            gaps.append(
                (
                    -gap_size,
                    position,
                    Gap(
                        skill=skill_id,
                        skill_name=skill.name,
                        area=skill.area,
                        current=current,
                        required=need.level,
                        importance=need.importance,
                        weighted_gap=round(gap_size, 3),
                        next_level=level,
                        next_level_name=LEVEL_NAMES[level],
                        next_descriptor=skill.levels.as_list()[level],
                    ),
                )
            )
        gaps.sort(key=lambda item: (item[0], item[1]))
        coverage = float(scores.coverage[row, k])
        fits.append(
            RoleFit(
                role=role.id,
                name=role.name,
                match=_num(scores.match[row, k], 1),
                readiness=round(float(scores.readiness[row, k]), 2),
                coverage=round(coverage, 4),
                weak_evidence=coverage < WEAK_COVERAGE - TOLERANCE,
                gaps=[g for _, _, g in gaps],
                strengths=strengths,
            )
        )
    return fits


FocusBasis = Literal["asked", "target", "best_match", "highest_readiness"]
"""Why a role is the one to show gaps for (see ``focus_role``)."""


def focus_role(result: RespondentResult, role: str | None = None) -> tuple[RoleFit, FocusBasis]:
    """The role whose readiness and gaps a view shows, and why: ``role`` if asked for,
    else the respondent's target role, else the best match; with no best role (too little
    evidence), the role with the highest readiness (ties keep the order of the roles).
    The one rule the results screen, ``assess score``, the reports and the plan share."""
    ids = [fit.role for fit in result.roles]
    if role is not None:
        if role not in ids:
            raise UsageError(f"unknown role '{role}' ({did_you_mean(role, ids)})")
        return result.roles[ids.index(role)], "asked"
    if result.target_role in ids:
        return result.roles[ids.index(result.target_role)], "target"
    if result.best_role in ids:
        return result.roles[ids.index(result.best_role)], "best_match"
    return max(result.roles, key=lambda fit: fit.readiness), "highest_readiness"


def calibration(q: Questionnaire, scores: Scores, row: int) -> list[Calibration]:
    """Self-rating against checks per skill; flagged only where at least
    ``CALIBRATION_MIN_CHECKS`` checks were answered (one item is too little to call anyone
    over- or under-confident: a slip or a lucky guess)."""
    plan = scores.plan
    answered_checks = ~np.isnan(scores.values[row]) & ~plan.is_rating
    out = []
    for s, skill_id in enumerate(plan.skill_ids):
        self_rating, checks = scores.self_rating[row, s], scores.checks[row, s]
        if np.isnan(self_rating) or np.isnan(checks):
            continue
        count = int(answered_checks[plan.item_skill == s].sum())
        delta = float(self_rating - checks)
        flag = None
        if count >= CALIBRATION_MIN_CHECKS and abs(delta) >= CALIBRATION_THRESHOLD - TOLERANCE:
            flag = "over" if delta > 0 else "under"
        out.append(
            Calibration(
                skill=skill_id,
                skill_name=q.skill(skill_id).name,
                self_rating=round(float(self_rating), 3),
                checks=round(float(checks), 3),
                delta=round(delta, 3),
                checks_answered=count,
                flag=flag,
            )
        )
    return out


def respondent_result(
    q: Questionnaire, scores: Scores, row: int, response: Response
) -> RespondentResult:
    plan = scores.plan
    given = [response.answers.get(qid) for qid in plan.question_ids]
    skipped = sum(1 for answer in given if answer == SKIP)
    unanswered = sum(1 for answer in given if answer is None)
    roles = role_fits(q, scores, row)
    reason = no_match_reason(int(scores.assessed[row]), float(scores.spread[row]))
    if reason is None and roles[0].match is None:
        reason = NO_ROLE_DIFFERS
    return RespondentResult(
        respondent=response.respondent,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        status=response.status,
        started_at=response.started_at,
        updated_at=response.updated_at,
        completed_at=response.completed_at,
        answered=len(given) - skipped - unanswered,
        skipped=skipped,
        unanswered=unanswered,
        skills={
            sid: _num(scores.proficiency[row, s]) for s, sid in enumerate(scores.plan.skill_ids)
        },
        self_rated_only=[  # assessed, but no knowledge check answered on it
            sid
            for s, sid in enumerate(plan.skill_ids)
            if not math.isnan(scores.proficiency[row, s]) and math.isnan(scores.checks[row, s])
        ],
        roles=roles,
        best_role=None if reason else roles[0].role,
        no_match_reason=reason,
        target_role=response.respondent.target_role,
        calibration=calibration(q, scores, row),
        rater=response.rater,
    )
