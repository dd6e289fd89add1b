"""Team batch scoring: tolerant loading (``batch``), analysis, exports, pseudonyms
(``anonymize``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores, score
from assess.team.analysis import TeamAnalysis, analyse
from assess.team.anonymize import anonymize_batch, pseudonym
from assess.team.batch import Batch, load_batch
from assess.team.staffing import Seats


@dataclass
class Team:
    batch: Batch
    scores: Scores
    analysis: TeamAnalysis


def score_team(
    q: Questionnaire,
    batch: Batch,
    target_roles: list[str] | None = None,
    seats: Seats | None = None,
    rescore: Callable[[Scores], Scores] | None = None,
) -> Team:
    """Score and analyse a batch; ``seats`` (roles with head counts, ``staffing.parse_seats``)
    also staffs those roles and plans for them; ``rescore`` turns the scores into those the
    view shows (a rater policy: ``others.with_policy``)."""
    scores = score(batch.plan, batch.codes, keep_values=False, calibration=False)
    if rescore is not None:
        scores = rescore(scores)
    analysis = analyse(q, scores, batch.names, batch.teams, target_roles, seats=seats)
    return Team(batch, scores, analysis)


__all__ = ["Batch", "Team", "anonymize_batch", "load_batch", "pseudonym", "score_team"]
