"""Team batch scoring: tolerant loading (``batch``), analysis, exports, pseudonyms
(``anonymize``)."""

from __future__ import annotations

from dataclasses import dataclass

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores, score
from assess.team.analysis import TeamAnalysis, analyse
from assess.team.anonymize import anonymize_batch, pseudonym
from assess.team.batch import Batch, load_batch


@dataclass
class Team:
    batch: Batch
    scores: Scores
    analysis: TeamAnalysis


def score_team(q: Questionnaire, batch: Batch, target_roles: list[str] | None = None) -> Team:
    scores = score(batch.plan, batch.codes, keep_values=False, calibration=False)
    return Team(batch, scores, analyse(q, scores, batch.names, batch.teams, target_roles))


__all__ = ["Batch", "Team", "anonymize_batch", "load_batch", "pseudonym", "score_team"]
