"""Every assessment of the team's people, not only the newest: the records of the inputs
and the people's ``history`` folders, each tied to a person by the team's identity rule
and dated by when it was finished. ``assess team --history`` draws the team over time
from them (``trend``); the exports date each person's row from them (``assessed``).

**Where.** The inputs as ``assess team`` reads them (files, folders, JSON lines: every
record, the duplicates the team view leaves out included) and, with ``history``, each
person's ``history`` folder (``assess.storage``): beside a response file given, or found
in a folder given (a folder walk passes over ``history`` for the team view; here it is
looked into).

**Whose.** A record of the inputs is the person the team view made of it (the same
e-mail, or the same name unless two different e-mails: ``people``). A file in a person's
``history`` folder counts only if it is about that person by the same rule; one about
someone else, a rating by someone else, one that cannot be read or does not fit the
questionnaire is **not used**, with the reason, and the rest of the history is used.

**When.** An assessment counts from the moment it was finished (``completed_at``); one
not finished has no date and is left out of the dates (counted: ``unfinished``).

Reading is the batch's: the fast path for well-formed files, pydantic for the rest
(``fastpath``), and each record's status and stamps are read as the fast path reads
them, so every record is the same person with the same answers the team view has.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import numpy as np
import numpy.typing as npt

from assess.errors import ResponseError
from assess.loading import parse_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Status
from assess.safetext import clip, path_text
from assess.scorable import Mismatch, codes_for, self_assessed
from assess.scoring.engine import Scores, score
from assess.scoring.plan import FloatArray, IntArray, ScoringPlan
from assess.storage import HISTORY, PERSON_FOLDERS, history_folder
from assess.team.batch import Batch, Skipped
from assess.team.fastpath import FastReader
from assess.team.inputs import iter_records
from assess.team.people import People, same_person


@dataclass(frozen=True)
class NotUsed:
    """A file of someone's history that is not used, and why."""

    person: str
    """Whose history it is in (the name their newest assessment gives)."""
    identity: str
    """Their e-mail, else name: what ``--anonymize`` keys their pseudonym by."""
    row: int | None
    """Their row in the team view (None: not in it)."""
    source: str
    reason: str
    public: str
    """The reason quoting nothing from the input (``--anonymize`` shows this)."""


@dataclass
class Assessments:
    """Every self-assessment found, one row each (``codes`` row for row), tied to people:
    ``person`` indexes ``names``, whose first ``len(batch)`` entries are the team view's
    rows in its order (a person found only in the histories comes after)."""

    plan: ScoringPlan
    person: npt.NDArray[np.intp]
    finished: npt.NDArray[np.bool_]
    when: FloatArray
    """POSIX time it was finished; for one not finished, its last save."""
    codes: IntArray
    sources: list[str]
    names: list[str]
    identities: list[str]
    current: list[int | None]
    """Per row of the team view: its response's row here (None if it could not be read
    again)."""
    histories: int = 0
    """History folders looked into."""
    not_used: list[NotUsed] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sources)

    def score(self) -> Scores:
        """Every assessment scored at once by the team view's scorer, rows as here."""
        return score(self.plan, self.codes, keep_values=False, calibration=False)

    @property
    def unfinished(self) -> int:
        return int((~self.finished).sum())

    def assessed(self) -> list[str | None]:
        """Per row of the team view: the day (UTC) its response was finished, else last
        saved; None if it could not be read again."""
        return [None if i is None else day(float(self.when[i])) for i in self.current]


def day(when: float) -> str:
    """A POSIX time's day, UTC: ``2026-03-02``."""
    return datetime.fromtimestamp(when, UTC).date().isoformat()


class _Stamps(msgspec.Struct, gc=False):
    """The status and stamps of a document the fast path took (which checked their form)."""

    updated_at: str
    completed_at: str | None = None
    status: Status = Status.in_progress


_stamps = msgspec.json.Decoder(_Stamps).decode


@dataclass
class _Read:
    name: str
    email: str | None
    finished: bool
    when: float
    codes: IntArray | int
    """The answer codes (pydantic's path), or the fast path's queued row."""


class _Reader:
    """Records to people, stamps and codes: the fast path first, else pydantic, whose
    reason is kept for a record that cannot be used."""

    def __init__(self, plan: ScoringPlan) -> None:
        self.plan = plan
        self.fast = FastReader(plan)

    def read(self, raw: bytes) -> _Read | tuple[str, str]:
        """What the record says, or (reason, reason quoting nothing) if it is not used."""
        fast = self.fast.read(raw)
        if fast is not None:
            name, email, updated = fast.name, fast.email, fast.updated
            row = self.fast.queued - 1  # (where its answers are queued)
            stamps = _stamps(raw)
            done = stamps.status is Status.complete and stamps.completed_at is not None
            when = datetime.fromisoformat(stamps.completed_at).timestamp() if done else updated  # type: ignore[arg-type]
            return _Read(name, email, done, when, row)
        try:
            response = parse_response(raw)
            self_assessed(response)
            codes = codes_for(self.plan, response)
        except Mismatch as exc:
            return exc.text(shown=1), f"{exc.field}: {exc.public}"
        except ResponseError as exc:
            first = exc.problems[0]
            where = f"{first.field}: " if first.field else ""
            return clip(f"{where}{first.message}", 300), first.public or "not a valid response"
        done = response.status is Status.complete and response.completed_at is not None
        stamp = response.completed_at if done else response.updated_at
        assert stamp is not None
        who = response.respondent
        return _Read(who.name, who.email, done, stamp.timestamp(), codes)

    def finish(self) -> IntArray:
        return self.fast.finish()


def history_folders(inputs: Iterable[Path | str]) -> list[Path]:
    """The ``history`` folders of the people among the inputs: beside each response file
    given, and under each folder given (recursively, as a team folder is walked: hidden
    folders and links to folders left out, other people's ``ratings`` too)."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found += _walk(path)
        elif path.suffix == ".json":
            folder = history_folder(path)
            if folder.is_dir():
                found.append(folder)
    return sorted(set(found))


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    if folder.name == HISTORY:  # a history named as the input is read as the input
        return found
    pending = [os.fspath(folder)]
    while pending:
        where = pending.pop()
        try:
            with os.scandir(where) as listing:
                entries = list(listing)
        except OSError:
            continue  # (the team view lists a folder it cannot list)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if not entry.is_dir(follow_symlinks=False):
                    continue
            except OSError:
                continue
            if entry.name == HISTORY:
                found.append(Path(entry.path))
            elif entry.name not in PERSON_FOLDERS:
                pending.append(entry.path)
    return found


def owner_file(folder: Path) -> Path:
    """The response file a ``history`` folder belongs to: ``responses/ada/history`` ->
    ``responses/ada.json``."""
    person = folder.parent
    return person.with_name(person.name + ".json")


def read_assessments(
    batch: Batch,
    inputs: Iterable[Path | str],
    *,
    questionnaire: Questionnaire | None = None,
    history: bool = True,
) -> Assessments:
    """Every self-assessment of the inputs (and, with ``history``, the people's history
    folders), tied to the people of ``batch`` (the team view of the same inputs, read
    before ``--anonymize`` replaces its names), each scored against the team view's
    questionnaire (``questionnaire``, ``-q``: the one the batch was read for). A record of
    the inputs that cannot be used is the team view's to list (``batch.skipped``); one in
    a history is listed here."""
    inputs = list(inputs)
    plan = batch.plan
    reader = _Reader(plan)
    rows: list[_Read] = []
    sources: list[str] = []
    slow: dict[int, IntArray] = {}
    fast_rows: list[int] = []  # rows read by the fast path
    queued: list[int] = []  # ... and where the fast path queued their answers

    def add(source: str, read: _Read) -> int:
        if isinstance(read.codes, int):
            fast_rows.append(len(rows))
            queued.append(read.codes)
        else:
            slow[len(rows)] = read.codes
        rows.append(read)
        sources.append(source)
        return len(rows) - 1

    seen: set[str] = set()
    for source, raw in iter_records(inputs):
        assert isinstance(source, str)  # (records are named by text: no LineFiles here)
        if isinstance(raw, Skipped) or source in seen:
            continue
        seen.add(source)
        read = reader.read(raw)
        if isinstance(read, _Read):
            add(source, read)
    n_inputs = len(rows)

    # Who is who: the team view's rows first, by their source; any other record of the
    # inputs (a duplicate the team view left out) by the identity rule.
    names, emails = list(batch.names), list(batch.emails)
    index_names: list[str] = []
    people = People(index_names)
    for row, (name, email) in enumerate(zip(names, emails, strict=True)):
        people.find(name, email)
        index_names.append(name)
        people.add(row, name, email)
    row_of_source = {source: row for row, source in enumerate(batch.sources)}
    person: list[int] = []
    current: list[int | None] = [None] * len(batch)
    for i in range(n_inputs):
        read = rows[i]
        kept = row_of_source.get(sources[i])
        if kept is not None:
            current[kept] = i
            row = kept
        else:
            found = people.find(read.name, read.email)
            if found is not None:
                row = found
            else:
                row = len(names)
                names.append(read.name)
                emails.append(read.email)
                index_names.append(read.name)
            people.add(row, read.name, read.email)
        person.append(row)
    by_file = {
        os.path.normpath(sources[i]): person[i] for i in range(n_inputs) if _is_file(sources[i])
    }

    not_used: list[NotUsed] = []
    folders = history_folders(inputs) if history else []
    for folder in folders:
        owner_path = owner_file(folder)
        owner = by_file.get(os.path.normpath(path_text(os.fspath(owner_path))))
        files: list[tuple[str, _Read]] = []
        problems: list[tuple[str, str, str]] = []  # source, reason, reason quoting nothing
        for source, raw in iter_records([folder]):
            assert isinstance(source, str)
            if source in seen:
                continue
            seen.add(source)
            if isinstance(raw, Skipped):
                problems.append((raw.source, raw.reason, raw.public))
                continue
            read = reader.read(raw)
            if isinstance(read, _Read):
                files.append((source, read))
            else:
                problems.append((source, *read))
        if owner is None and files:
            # No readable assessment beside the history (missing, or listed by the team
            # view as not used): the newest of the history says whose it is.
            newest = max(files, key=lambda f: f[1].when)[1]
            owner = people.find(newest.name, newest.email)
            if owner is None:
                owner = len(names)
                names.append(newest.name)
                emails.append(newest.email)
                index_names.append(newest.name)
            people.add(owner, newest.name, newest.email)
            if not os.path.lexists(owner_path):
                problems.insert(
                    0,
                    (
                        path_text(os.fspath(owner_path)),
                        f"missing: the history in {path_text(os.fspath(folder))} is used "
                        "without it",
                        "missing: the history is used without it",
                    ),
                )
        for source, read in files:
            assert owner is not None
            if same_person(names[owner], emails[owner], read.name, read.email):
                add(source, read)
                person.append(owner)
                continue
            email = f" <{read.email}>" if read.email else ""
            problems.append(
                (
                    source,
                    f"about {clip(read.name, 80)}{email}, someone else by name or e-mail",
                    "about someone else by name or e-mail",
                )
            )
        for source, reason, public in problems:
            not_used.append(_not_used(owner, names, emails, len(batch), source, reason, public))

    fast_codes = reader.finish()
    codes = np.empty((len(rows), len(plan.question_ids)), np.int16)
    if fast_rows:  # (a record read but not used was queued too)
        codes[fast_rows] = fast_codes[queued]
    for i, row_codes in slow.items():
        codes[i] = row_codes
    return Assessments(
        plan=plan,
        person=np.asarray(person, np.intp),
        finished=np.fromiter((r.finished for r in rows), bool, len(rows)),
        when=np.fromiter((r.when for r in rows), float, len(rows)),
        codes=codes,
        sources=sources,
        names=names,
        identities=[email or name for name, email in zip(names, emails, strict=True)],
        current=current,
        histories=len(folders),
        not_used=not_used,
    )


def _is_file(source: str) -> bool:
    return source.endswith(".json")


def _not_used(
    owner: int | None,
    names: list[str],
    emails: list[str | None],
    team_size: int,
    source: str,
    reason: str,
    public: str,
) -> NotUsed:
    if owner is None:
        return NotUsed("—", "", None, source, reason, public or reason)
    identity = emails[owner] or names[owner]
    row = owner if owner < team_size else None
    return NotUsed(names[owner], identity, row, source, reason, public or reason)
