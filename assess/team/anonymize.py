"""Pseudonyms for ``assess team --anonymize``: names, teams, e-mails and file names replaced
by stable labels everywhere (report, terminal, exports), keyed with a secret if given.

Teams of fewer than ``SMALLEST_TEAM`` people are folded into one group, "other teams": a
team view of one or two people shows those people (MEASUREMENT.md: group views only from
5 people), pseudonym or not."""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assess.team.batch import Batch, Duplicate, Skipped


def _digest(text: str, key: str | None) -> str:
    data = text.encode()
    if key:  # keyed: nobody without the key can recompute a label from a guessed name
        return hmac.new(key.encode(), data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


def pseudonym(identity: str, key: str | None = None) -> str:
    """A stable pseudonym: the same e-mail (or name) and key always give the same label.

    10 hex digits (40 bits): two of 100,000 people share one with a chance of about 0.5%
    (6 digits made that near-certain); ``anonymize_batch`` separates any that do."""
    return f"Person-{_digest(identity.strip().casefold(), key)[:10]}"


SMALLEST_TEAM = 5
"""Teams with fewer people than this are shown as ``OTHER_TEAMS`` when anonymized."""
OTHER_TEAMS = "other teams"


@dataclass(frozen=True)
class Anonymized:
    """What ``anonymize_batch`` did beyond replacing names: teams folded together."""

    teams_folded: int
    """Teams of fewer than ``SMALLEST_TEAM`` people, now shown as ``OTHER_TEAMS``."""
    people_folded: int


def team_pseudonym(team: str, key: str | None = None) -> str:
    """A stable pseudonym for a team name (case and surrounding spaces do not matter)."""
    return f"Team-{_digest('team:' + team.strip().casefold(), key)[:10]}"


def fold_teams(
    teams: list[str | None], key: str | None = None
) -> tuple[list[str | None], Anonymized]:
    """Teams replaced by pseudonyms, those under ``SMALLEST_TEAM`` people by
    ``OTHER_TEAMS``; no team stays None."""
    sizes = Counter(t.strip().casefold() for t in teams if t is not None)
    small = {team for team, size in sizes.items() if size < SMALLEST_TEAM}
    labels = {team: OTHER_TEAMS if team in small else team_pseudonym(team, key) for team in sizes}
    folded = [None if t is None else labels[t.strip().casefold()] for t in teams]
    return folded, Anonymized(len(small), sum(sizes[team] for team in small))


def anonymize_batch(batch: Batch, key: str | None = None) -> Anonymized:
    """Replace names, teams, e-mails and file paths (which may hold names) in place; fold
    teams smaller than ``SMALLEST_TEAM`` into ``OTHER_TEAMS``."""
    labels: dict[str, str] = {}  # identity -> label, unique
    taken: set[str] = set()

    def label(identity: str) -> str:
        folded = identity.strip().casefold()
        if folded not in labels:
            base = candidate = pseudonym(folded, key)
            extra = 1
            while candidate in taken:  # a clash of hashes: the later person gets "-2"
                extra += 1
                candidate = f"{base}-{extra}"
            taken.add(candidate)
            labels[folded] = candidate
        return labels[folded]

    teams, folding = fold_teams(batch.teams, key)
    people = batch.people
    batch.people = people.renamed(
        [label(email or name) for name, email in zip(people.names, people.emails, strict=True)],
        teams,
        [_anonymous_source(source, key) for source in batch.sources],
    )
    # A reason may quote the input ("email: ... (got 'jane.doe @corp.example')"): keep
    # the version that quotes nothing (reasons without one quote nothing to begin with).
    batch.skipped = [
        Skipped(_anonymous_source(s.source, key), s.public or s.reason) for s in batch.skipped
    ]
    batch.duplicates = [
        Duplicate(
            label(d.identity),
            _anonymous_source(d.kept, key),
            _anonymous_source(d.dropped, key),
            label(d.identity),
        )
        for d in batch.duplicates
    ]
    return folding


def _anonymous_source(source: str, key: str | None) -> str:
    suffix = Path(source.split(":")[0]).suffix
    return f"file-{_digest(source, key)[:10]}{suffix}"
