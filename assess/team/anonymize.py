"""Pseudonyms for ``assess team --anonymize``: names, e-mails and file names replaced by
stable labels everywhere (report, terminal, exports), keyed with a secret if given."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import msgspec

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


def anonymize_batch(batch: Batch, key: str | None = None) -> None:
    """Replace names, e-mails and file paths (which may hold names) in place."""
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

    batch.people = [
        msgspec.structs.replace(
            person,
            name=label(person.email or person.name),
            email=None,
            source=_anonymous_source(batch.source_name(person), key),
        )
        for person in batch.people
    ]
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


def _anonymous_source(source: str, key: str | None) -> str:
    suffix = Path(source.split(":")[0]).suffix
    return f"file-{_digest(source, key)[:10]}{suffix}"
