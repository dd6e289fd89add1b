"""A scored team: the batch, its scores and their analysis."""

from __future__ import annotations

from dataclasses import dataclass

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores, empty_scores, score_into
from assess.team.analysis import TeamAnalysis, analyse
from assess.team.batch import Batch


@dataclass
class Team:
    batch: Batch
    scores: Scores
    analysis: TeamAnalysis


def score_batch(batch: Batch) -> Scores:
    """People x catalogue skills and people x roles, each response scored against its
    own questionnaire (a skill it did not ask is not assessed); rows follow the batch.
    ``scores.plan`` is the primary form's (its skills and roles are everyone's)."""
    scores = empty_scores(batch.plan, len(batch), keep_values=False, calibration=False)
    for form, rows, codes in batch.form_rows():
        score_into(scores, form.plan, codes, None if len(rows) == len(batch) else rows)
    return scores


def score_team(
    q: Questionnaire | None, batch: Batch, target_roles: list[str] | None = None
) -> Team:
    """Score and analyse a batch; ``q`` names the skills and roles (default: the
    questionnaire most people answered, ``batch.questionnaire``)."""
    scores = score_batch(batch)
    q = q or batch.questionnaire
    return Team(batch, scores, analyse(q, scores, batch.names, batch.teams, target_roles))
