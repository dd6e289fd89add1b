"""Team batch scoring: tolerant loading, team analysis, exports and pseudonyms."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores, score
from assess.team.analysis import TeamAnalysis, analyse
from assess.team.batch import Batch, Duplicate, Skipped, load_batch


def pseudonym(identity: str) -> str:
    """A stable pseudonym: the same name (or e-mail) always gives the same label."""
    digest = hashlib.sha256(identity.strip().casefold().encode()).hexdigest()
    return f"Person-{digest[:6]}"


def anonymize_batch(batch: Batch) -> None:
    """Replace names, e-mails and file paths (which may hold names) in place."""
    batch.names = [
        pseudonym(email or name) for name, email in zip(batch.names, batch.emails, strict=True)
    ]
    batch.emails = [None] * len(batch.names)
    batch.sources = [_anonymous_source(s) for s in batch.sources]
    batch.skipped = [Skipped(_anonymous_source(s.source), s.reason) for s in batch.skipped]
    batch.duplicates = [
        Duplicate(pseudonym(d.person), _anonymous_source(d.kept), _anonymous_source(d.dropped))
        for d in batch.duplicates
    ]


def _anonymous_source(source: str) -> str:
    suffix = Path(source.split(":")[0]).suffix
    return f"file-{hashlib.sha256(source.encode()).hexdigest()[:8]}{suffix}"


@dataclass
class Team:
    batch: Batch
    scores: Scores
    analysis: TeamAnalysis


def score_team(q: Questionnaire, batch: Batch, target_roles: list[str] | None = None) -> Team:
    scores = score(batch.plan, batch.codes, keep_values=False, calibration=False)
    return Team(batch, scores, analyse(q, scores, batch.names, batch.teams, target_roles))


__all__ = ["Batch", "Team", "anonymize_batch", "load_batch", "pseudonym", "score_team"]
