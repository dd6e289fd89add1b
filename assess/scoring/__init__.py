"""Scoring: pure functions from answers to proficiencies, fits, gaps and calibration.

Never reads files and never imports the UI. ``score_responses`` is the one-call entry
point used by the CLI, the TUI and the reports, so a number never differs between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.model.questionnaire import Questionnaire
from assess.model.response import Response
from assess.model.result import RespondentResult
from assess.scoring.engine import CALIBRATION_THRESHOLD, Scores, score
from assess.scoring.plan import AnswerMismatch, ScoringPlan
from assess.scoring.results import respondent_result


def score_responses(
    q: Questionnaire, responses: Sequence[Response], plan: ScoringPlan | None = None
) -> list[RespondentResult]:
    """Score responses (all for ``q``); raise ``AnswerMismatch`` if one does not fit."""
    plan = plan or ScoringPlan.from_questionnaire(q)
    scores = score(plan, plan.encode_many(responses))
    return [respondent_result(q, scores, i, r) for i, r in enumerate(responses)]


__all__ = [
    "CALIBRATION_THRESHOLD",
    "AnswerMismatch",
    "Scores",
    "ScoringPlan",
    "score",
    "score_responses",
]
