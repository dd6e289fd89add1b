"""Tolerant batch loading: many response files in, one answer-code matrix out.

Every input that cannot be used is listed with its reason; the rest are encoded one at a
time into a preallocated array (no list of models is kept), so memory stays flat.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assess.errors import ResponseError
from assess.loading import parse_response
from assess.model.questionnaire import Questionnaire
from assess.scoring.plan import AnswerMismatch, IntArray, ScoringPlan

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    person: str
    kept: str
    dropped: str


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

    def __len__(self) -> int:
        return len(self.names)


def _walk(folder: Path) -> list[str]:
    """Response files under a folder, recursively, sorted (plain strings: light on memory)."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [
            os.path.join(root, f)
            for f in files
            if f.endswith((".json", ".jsonl")) and not f.startswith(".")
        ]
    found.sort()
    return found


def iter_records(inputs: Iterable[Path | str]) -> Iterator[tuple[str, bytes | Skipped]]:
    """(source, raw JSON) for every response: files, folders (recursively), JSON lines."""
    for item in inputs:
        name = os.fspath(item)
        if os.path.isdir(name):
            yield from iter_records(_walk(Path(name)))
            continue
        lines = name.endswith(".jsonl")
        try:
            with open(name, "rb") as handle:  # read at most 5 MB + 1 byte: no stat needed
                raw = handle.read() if lines else handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES and not lines:
                yield name, Skipped(name, "file is over 5 MB; not a response")
                continue
        except FileNotFoundError:
            yield name, Skipped(name, "file not found")
            continue
        except OSError as exc:
            yield name, Skipped(name, f"cannot read: {exc.strerror}")
            continue
        if lines:
            for number, line in enumerate(raw.splitlines(), start=1):
                if line.strip():
                    yield f"{name}:{number}", line
        else:
            yield name, raw


def _reason(exc: ResponseError) -> str:
    first = exc.problems[0]
    where = f"{first.field}: " if first.field else ""
    more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
    return f"{where}{first.message}{more}"


def load_batch(
    q: Questionnaire,
    inputs: Iterable[Path],
    *,
    expected: int = 0,
    plan: ScoringPlan | None = None,
    on_record: Callable[[], None] | None = None,
) -> Batch:
    """Encode every usable response for ``q``; list the others with their reason.

    Two responses from the same person (e-mail, else name, case-insensitive): the newest
    ``updated_at`` wins and the pair is reported.
    """
    plan = plan or ScoringPlan.from_questionnaire(q)
    capacity = max(expected, 16)
    codes = np.empty((capacity, len(plan.question_ids)), dtype=np.int16)
    batch = Batch(plan, codes, [], [], [], [], [], [])
    # One person per key: e-mail, else name (case-insensitive).
    index_of_person: dict[str, int] = {}
    for source, raw in iter_records(inputs):
        if on_record is not None:
            on_record()
        if isinstance(raw, Skipped):
            batch.skipped.append(raw)
            continue
        try:
            response = parse_response(raw)
        except ResponseError as exc:
            batch.skipped.append(Skipped(source, _reason(exc)))
            continue
        row = len(batch.names)
        if row == capacity:
            capacity *= 2
            codes = np.resize(codes, (capacity, codes.shape[1]))
        try:
            reasons = plan.check_identity(response)
            if reasons:
                raise AnswerMismatch(reasons)
            plan.encode(response.answers, out=codes[row])
        except AnswerMismatch as exc:
            batch.skipped.append(Skipped(source, "; ".join(exc.reasons)))
            continue
        who = response.respondent
        key = (who.email or who.name).casefold()
        updated = response.updated_at.timestamp()
        previous = index_of_person.get(key)
        if previous is not None:
            if batch.updated[previous] > updated:  # the earlier one is newer: keep it
                batch.duplicates.append(Duplicate(who.name, batch.sources[previous], source))
                continue
            batch.duplicates.append(Duplicate(who.name, source, batch.sources[previous]))
            codes[previous] = codes[row]
            row = previous
            _set(batch, row, response, source, updated)
            continue
        index_of_person[key] = row
        _append(batch, response, source, updated)
    batch.codes = codes[: len(batch.names)]
    return batch


def _interned(text: str | None) -> str | None:
    # Teams and roles repeat across thousands of people: keep one copy of each.
    return None if text is None else sys.intern(text)


def _append(batch: Batch, response, source: str, updated: float) -> None:  # type: ignore[no-untyped-def]
    who = response.respondent
    batch.names.append(who.name)
    batch.teams.append(_interned(who.team))
    batch.emails.append(who.email)
    batch.target_roles.append(_interned(who.target_role))
    batch.updated.append(updated)
    batch.sources.append(source)


def _set(batch: Batch, row: int, response, source: str, updated: float) -> None:  # type: ignore[no-untyped-def]
    who = response.respondent
    batch.names[row] = who.name
    batch.teams[row] = _interned(who.team)
    batch.emails[row] = who.email
    batch.target_roles[row] = _interned(who.target_role)
    batch.updated[row] = updated
    batch.sources[row] = source
