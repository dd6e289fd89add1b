"""Per-respondent results (gaps, strengths, calibration) from vectorised ``Scores``."""

from __future__ import annotations

import math

import numpy as np

from assess.model.questionnaire import LEVEL_NAMES, MAX_LEVEL, Questionnaire
from assess.model.response import SKIP, Response
from assess.model.result import Calibration, Gap, RespondentResult, RoleFit, Strength
from assess.scoring.engine import CALIBRATION_THRESHOLD, Scores


def _num(value: float, digits: int = 3) -> float | None:
    return None if math.isnan(value) else round(float(value), digits)


def next_level(current: float | None) -> int:
    """The next whole level above ``current`` (not assessed counts as 0)."""
    return min(MAX_LEVEL, math.floor(current or 0.0) + 1)


def role_fits(q: Questionnaire, scores: Scores, row: int) -> list[RoleFit]:
    """Every role's fit for respondent ``row``, best first."""
    prof = scores.proficiency[row]
    fits = []
    for k in scores.ranking()[row]:
        role = q.roles[int(k)]
        gaps: list[tuple[float, int, Gap]] = []
        strengths: list[Strength] = []
        for position, (skill_id, need) in enumerate(role.requirements.items()):
            skill = q.skill(skill_id)
            s = scores.plan.skill_ids.index(skill_id)
            current = _num(prof[s])
            if current is not None and current >= need.level:
                strengths.append(
                    Strength(
                        skill=skill_id, skill_name=skill.name, current=current, required=need.level
                    )
                )
                continue
            gap_size = need.importance * (need.level - (current or 0.0))
            level = next_level(current)
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
        fits.append(
            RoleFit(
                role=role.id,
                name=role.name,
                fit=round(float(scores.fit[row, k]), 2),
                coverage=round(float(scores.coverage[row, k]), 4),
                gaps=[g for _, _, g in gaps],
                strengths=strengths,
            )
        )
    return fits


def calibration(q: Questionnaire, scores: Scores, row: int) -> list[Calibration]:
    out = []
    for s, skill_id in enumerate(scores.plan.skill_ids):
        self_rating, checks = scores.self_rating[row, s], scores.checks[row, s]
        if np.isnan(self_rating) or np.isnan(checks):
            continue
        delta = float(self_rating - checks)
        flag = None
        if abs(delta) >= CALIBRATION_THRESHOLD:
            flag = "over" if delta > 0 else "under"
        out.append(
            Calibration(
                skill=skill_id,
                skill_name=q.skill(skill_id).name,
                self_rating=round(float(self_rating), 3),
                checks=round(float(checks), 3),
                delta=round(delta, 3),
                flag=flag,
            )
        )
    return out


def respondent_result(
    q: Questionnaire, scores: Scores, row: int, response: Response
) -> RespondentResult:
    answers = response.answers
    skipped = sum(1 for qid in scores.plan.question_ids if answers.get(qid) == SKIP)
    answered = int((~np.isnan(scores.values[row])).sum())
    roles = role_fits(q, scores, row)
    return RespondentResult(
        respondent=response.respondent,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        status=response.status,
        started_at=response.started_at,
        updated_at=response.updated_at,
        completed_at=response.completed_at,
        answered=answered,
        skipped=skipped,
        unanswered=len(scores.plan.question_ids) - answered - skipped,
        skills={
            sid: _num(scores.proficiency[row, s]) for s, sid in enumerate(scores.plan.skill_ids)
        },
        roles=roles,
        best_role=roles[0].role,
        target_role=response.respondent.target_role,
        calibration=calibration(q, scores, row),
    )
