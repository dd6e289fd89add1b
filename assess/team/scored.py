"""A scored team: the batch, its scores and their analysis."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores
from assess.team.analysis import TeamAnalysis, analyse
from assess.team.batch import Batch, score_batch
from assess.team.staffing import Seats


@dataclass
class Team:
    batch: Batch
    scores: Scores
    analysis: TeamAnalysis


def score_team(
    q: Questionnaire | None,
    batch: Batch,
    target_roles: list[str] | None = None,
    seats: Seats | None = None,
    rescore: Callable[[Scores], Scores] | None = None,
) -> Team:
    """Score and analyse a batch; ``q`` names the skills and roles (default: the
    questionnaire most people answered, ``batch.questionnaire``). ``seats`` (roles with
    head counts, ``staffing.parse_seats``) also staffs those roles and plans for them;
    ``rescore`` turns the scores into those the view shows (a rater policy:
    ``others.with_policy``)."""
    scores = score_batch(batch)
    if rescore is not None:
        scores = rescore(scores)
    q = q or batch.questionnaire
    analysis = analyse(q, scores, batch.names, batch.teams, target_roles, seats=seats)
    return Team(batch, scores, analysis)
