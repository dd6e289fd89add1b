"""Tolerant batch loading: many response files in, one answer-code matrix out.

Every input that cannot be used is listed with its reason; the rest are encoded a chunk
at a time into a growing array (no list of models is kept), so memory stays flat.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from assess.errors import ResponseError
from assess.loading import parse_response, public_field
from assess.model.questionnaire import Questionnaire
from assess.model.response import Status
from assess.safetext import clip
from assess.scorable import Mismatch, codes_for, self_assessed
from assess.scoring.plan import IntArray, ScoringPlan
from assess.team.fastpath import Envelope, FastReader, duration
from assess.team.inputs import MAX_FILE_BYTES, Skipped, iter_records
from assess.team.people import People

__all__ = ["MAX_FILE_BYTES", "Batch", "Duplicate", "Skipped", "iter_records", "load_batch"]

CHUNK_SIZE = 1024
"""Records encoded together: large enough for numpy to pay off, small enough to keep
their raw bytes (a few MB) until the chunk is done."""


@dataclass(frozen=True)
class Duplicate:
    person: str
    """The name on the response kept."""
    kept: str
    dropped: str
    identity: str
    """The person's e-mail, else name, as finally kept (their pseudonym is keyed by it)."""


@dataclass
class Batch:
    """Scorable responses as arrays, plus everything that was left out and why."""

    plan: ScoringPlan
    codes: IntArray
    names: list[str]
    teams: list[str | None]
    emails: list[str | None]
    target_roles: list[str | None]
    updated: list[float]
    """POSIX time of each response's last save (to keep the newest of duplicates)."""
    sources: list[str]
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    durations: list[float | None] = field(default_factory=list)
    """Seconds from ``started_at`` to ``completed_at`` of each complete response, None for
    one not complete (for the careless-responding flags, ``assess.quality``)."""

    def __len__(self) -> int:
        return len(self.names)


def _reason(exc: ResponseError | Mismatch) -> tuple[str, str]:
    """The reason a record is skipped, and the same quoting nothing from the input."""
    if isinstance(exc, Mismatch):
        return exc.text(shown=3), f"{exc.field}: {exc.public}"
    first = exc.problems[0]
    more = f" (+{exc.more:,} more)" if exc.more else ""
    where = f"{first.field}: " if first.field else ""
    public_where = f"{public_field(first.field)}: " if first.field else ""
    return (
        clip(f"{where}{first.message}", 300) + more,
        f"{public_where}{first.public or 'not a valid response'}{more}",
    )


def load_batch(
    q: Questionnaire,
    inputs: Iterable[Path],
    *,
    plan: ScoringPlan | None = None,
    on_record: Callable[[], None] | None = None,
    on_found: Callable[[int], None] | None = None,
) -> Batch:
    """Encode every usable response for ``q``; list the others with their reason.

    Two responses from the same person (same e-mail, or same name without two different
    e-mails; see ``people``): the newest ``updated_at`` wins and the pair is reported.
    Files are taken in chunks: well-formed ones through the fast path, the rest through
    pydantic (see ``fastpath``).
    ``on_record()`` is called per record, ``on_found(n)`` as records are found (see
    ``iter_records``): for a progress bar.
    """
    collector = _Collector(plan or ScoringPlan.from_questionnaire(q))

    def found(records: int) -> None:
        collector.reserve(records)
        if on_found is not None:
            on_found(records)

    chunk = _Chunk(collector.reader)
    with _without_cyclic_gc():
        for source, raw in iter_records(inputs, found):
            if on_record is not None:
                on_record()
            chunk.add(source, raw)
            if len(chunk.sources) == CHUNK_SIZE:
                collector.take(chunk)
                chunk = _Chunk(collector.reader)
        collector.take(chunk)
    return collector.finish()


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Parsing makes many short-lived containers and no reference cycles; the cyclic
    collector would only keep re-scanning the chunk in hand (about 15% of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Chunk:
    """Up to CHUNK_SIZE records in input order; the well-formed ones read by the fast
    path (respondent and queued answer row), the others kept raw for pydantic."""

    def __init__(self, reader: FastReader) -> None:
        self.reader = reader
        self.sources: list[str] = []
        self.raws: list[bytes | Skipped] = []
        self.fast: list[tuple[Envelope, int] | None] = []

    def add(self, source: str, raw: bytes | Skipped) -> None:
        self.sources.append(source)
        self.raws.append(raw)
        self.fast.append(None if isinstance(raw, Skipped) else self.reader.read(raw))


class _Collector:
    """Takes chunks in order; keeps one row per person and the codes in a growing array."""

    def __init__(self, plan: ScoringPlan) -> None:
        self.plan = plan
        self.reader = FastReader(plan)
        self.found = 0
        self.codes: IntArray = np.empty((16, len(plan.question_ids)), np.int16)
        self.batch = Batch(plan, self.codes, [], [], [], [], [], [])
        self.people = People(self.batch.names)
        self._duplicate_rows: list[int] = []  # the row of each of batch.duplicates

    def take(self, chunk: _Chunk) -> None:
        fast_codes = chunk.reader.finish()
        if None not in chunk.fast and self._take_whole(chunk, fast_codes):
            return
        batch, people = self.batch, self.people
        # Rows to fill once the chunk is read: from the fast codes, or a pydantic-path row.
        from_fast: dict[int, int] = {}
        from_slow: dict[int, IntArray] = {}
        for source, raw, fast in zip(chunk.sources, chunk.raws, chunk.fast, strict=True):
            if fast is not None:
                envelope, code_row = fast
                codes = None
            elif isinstance(raw, Skipped):
                batch.skipped.append(raw)
                continue
            else:
                slow = self._read_slowly(source, raw)
                if slow is None:
                    continue
                envelope, codes = slow
            name, team, email, role, updated, took = envelope
            row = people.find(name, email)
            if row is None:
                row = len(batch.names)
                people.add(row, name, email)
                batch.names.append(name)
                batch.teams.append(team)
                batch.emails.append(email)
                batch.target_roles.append(role)
                batch.updated.append(updated)
                batch.sources.append(source)
                batch.durations.append(took)
            else:
                people.add(row, name, email)  # either response names this person from now on
                if not self._replace(row, source, envelope):
                    continue
            if codes is None:
                from_fast[row] = code_row
                if from_slow:
                    from_slow.pop(row, None)
            else:
                from_slow[row] = codes
                from_fast.pop(row, None)
        self._grow(len(batch.names))
        if from_fast:
            self.codes[list(from_fast)] = fast_codes[list(from_fast.values())]
        for row, slow_codes in from_slow.items():
            self.codes[row] = slow_codes

    def _take_whole(self, chunk: _Chunk, codes: IntArray) -> bool:
        """The usual chunk: every record well-formed and a new person. Taken in bulk;
        False (nothing taken) if any record needs the row-by-row path."""
        if not chunk.fast:
            return True
        envelopes = [fast[0] for fast in chunk.fast if fast is not None]  # (all are)
        names, teams, emails, roles, updated, took = zip(*envelopes, strict=True)
        batch = self.batch
        start = len(batch.names)
        if not self.people.add_new(start, names, emails):
            return False  # someone already here, or here twice: row by row
        batch.names += names
        batch.teams += teams
        batch.emails += emails
        batch.target_roles += roles
        batch.updated += updated
        batch.sources += chunk.sources
        batch.durations += took
        self._grow(len(batch.names))
        self.codes[start : len(batch.names)] = codes
        return True

    def finish(self) -> Batch:
        batch = self.batch
        batch.codes = self.codes[: len(batch.names)]
        # Name each duplicate by its person as finally kept (a third response may have
        # replaced the one kept when the pair was found).
        batch.duplicates = [
            replace(dup, person=batch.names[row], identity=batch.emails[row] or batch.names[row])
            for dup, row in zip(batch.duplicates, self._duplicate_rows, strict=True)
        ]
        return batch

    def _read_slowly(self, source: str, raw: bytes) -> tuple[Envelope, IntArray] | None:
        """The pydantic path: the response and its codes, or None once it is listed."""
        try:
            response = parse_response(raw)
            codes = codes_for(self.plan, response)
            self_assessed(response)  # (a manager's or peer's rating is not theirs)
        except (ResponseError, Mismatch) as exc:
            self.batch.skipped.append(Skipped(source, *_reason(exc)))
            return None
        who = response.respondent
        team = None if who.team is None else sys.intern(who.team)
        role = None if who.target_role is None else sys.intern(who.target_role)
        updated = response.updated_at.timestamp()
        ended = None if response.completed_at is None else response.completed_at.timestamp()
        took = duration(response.started_at.timestamp(), ended, response.status is Status.complete)
        return (who.name, team, who.email, role, updated, took), codes

    def _replace(self, row: int, source: str, envelope: Envelope) -> bool:
        """A second response from the person in ``row``: keep the newer (True if this
        one replaces it) and report the pair."""
        batch = self.batch
        name, team, email, role, updated, took = envelope
        self._duplicate_rows.append(row)
        if batch.updated[row] > updated:  # the earlier one is newer: keep it
            batch.duplicates.append(Duplicate(batch.names[row], batch.sources[row], source, ""))
            return False
        batch.duplicates.append(Duplicate(name, source, batch.sources[row], ""))
        batch.names[row], batch.teams[row] = name, team
        batch.emails[row], batch.target_roles[row] = email, role
        batch.updated[row], batch.sources[row] = updated, source
        batch.durations[row] = took
        return True

    def reserve(self, records: int) -> None:
        """Make room for ``records`` more found records at once (not by doubling, which
        would hold two copies while it copies)."""
        self.found += records
        if self.found > len(self.codes):
            self.codes = np.resize(self.codes, (self.found, self.codes.shape[1]))

    def _grow(self, rows: int) -> None:
        if rows > len(self.codes):
            size = (max(rows, 2 * len(self.codes)), self.codes.shape[1])
            self.codes = np.resize(self.codes, size)
