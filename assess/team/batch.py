"""Tolerant batch loading: many response files in, one row per person out.

Every input that cannot be used is listed with its reason; the rest are read a chunk at
a time (``reading``) into one ``_Group`` per catalogue, which keeps each person's record
(``Respondent``, kept as columns: ``records``) and answer codes row for row (no list of
models is kept, so memory stays flat). Each response is scored against the questionnaire
it names, or the one given (``forms``); responses to questionnaires of another catalogue
(other skills or roles) than most responses cannot be shown with them and are listed as
skipped.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores, empty_scores, score_into
from assess.scoring.plan import IntArray, ScoringPlan
from assess.team.fastpath import Respondent
from assess.team.forms import Form, Forms
from assess.team.group import Duplicate
from assess.team.group import Group as _Group
from assess.team.inputs import MAX_FILE_BYTES, LineFiles, Skipped, Source, iter_records
from assess.team.parallel import LargeFile, plan_inputs, read_folder, read_large
from assess.team.parallel_scores import (
    PARALLEL_ROWS,
    one_blas_thread,
    score_in_parallel,
    shared_scores,
)
from assess.team.reading import CHUNK_SIZE, Chunk, ChunkReader
from assess.team.records import Records

__all__ = [
    "CHUNK_SIZE",
    "MAX_FILE_BYTES",
    "Batch",
    "Duplicate",
    "Respondent",
    "Skipped",
    "iter_records",
    "load_batch",
]


class MixedForms(ValueError):
    """An item-level view (answer codes) asked of a batch of several questionnaires."""


@dataclass
class Batch:
    """Scorable responses, one per person, plus everything left out and why.

    ``people[i]`` and row i of the answer codes belong together; both are filled by one
    owner as the batch is read and never change apart (``anonymize_batch`` replaces the
    records whole). ``people`` may be given as a list of records: it is kept as columns
    (``Records``), which the column properties below read without building a record."""

    forms: list[Form]
    """Every questionnaire met; ``Respondent.form`` indexes it."""
    people: Records
    answer_codes: IntArray
    """(people, widest form's questions): a person's codes fill their form's columns."""
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the views should say about the batch as a whole (a catalogue left out)."""
    lines: LineFiles = field(default_factory=LineFiles)
    """Names the numbered JSON-lines records (``source_name``)."""

    def __post_init__(self) -> None:
        people: Sequence[Respondent] = self.people
        if not isinstance(people, Records):
            self.people = Records(people)

    def __len__(self) -> int:
        return len(self.people)

    # -- the questionnaires -------------------------------------------------------------
    def form_counts(self) -> npt.NDArray[np.intp]:
        """People per form (indexed as ``forms``)."""
        return np.bincount(self.form_index(), minlength=len(self.forms))

    def form_index(self) -> npt.NDArray[np.intp]:
        """(people,) each person's form (all 0 for a batch of one questionnaire: the
        usual case, and no look at a million records each time a view asks)."""
        if len(self.forms) <= 1:
            return np.zeros(len(self.people), np.intp)
        return self.people.forms.astype(np.intp)

    @property
    def forms_used(self) -> list[Form]:
        """The forms someone answered, most answered first (all forms when nobody)."""
        counts = self.form_counts()
        used = [form for form in self.forms if counts[form.index]]
        return sorted(used, key=lambda f: -counts[f.index]) or list(self.forms)

    @property
    def primary(self) -> Form:
        """The form most people answered: its questionnaire names the skills and roles
        (the same in every form of a batch), titles the views."""
        if not self.forms:
            raise MixedForms("no questionnaire: no response named a built-in one")
        return self.forms_used[0]

    @property
    def questionnaire(self) -> Questionnaire:
        return self.primary.questionnaire

    @property
    def plan(self) -> ScoringPlan:
        """The primary form's plan. Its skills and roles hold for everyone; its questions
        only for the people who answered that form (``codes`` says so)."""
        return self.primary.plan

    @property
    def codes(self) -> IntArray:
        """(people, questions) answer codes, for a batch of one questionnaire; several
        raise ``MixedForms`` (use ``form_rows``)."""
        used = [form for form in self.forms_used if len(self.people)]
        if len(used) > 1:
            raise MixedForms(
                "the batch holds responses to several questionnaires ("
                + ", ".join(form.label for form in used)
                + "): answer codes are per questionnaire (Batch.form_rows)"
            )
        width = len(self.plan.question_ids)
        return self.answer_codes[:, :width]

    def form_rows(self) -> Iterator[tuple[Form, npt.NDArray[np.intp], IntArray]]:
        """(form, the rows of its people, their answer codes) for each form answered."""
        index = self.form_index()
        for form in self.forms_used:
            rows = np.flatnonzero(index == form.index)
            if len(rows) == len(index):
                yield form, rows, self.answer_codes[:, : len(form.plan.question_ids)]
            elif len(rows):
                yield form, rows, self.answer_codes[rows, : len(form.plan.question_ids)]

    # -- columns of the records (a new list each call) -----------------------------------
    @property
    def names(self) -> list[str]:
        return list(self.people.names)

    @property
    def teams(self) -> list[str | None]:
        return list(self.people.teams)

    @property
    def emails(self) -> list[str | None]:
        return list(self.people.emails)

    @property
    def target_roles(self) -> list[str | None]:
        return list(self.people.target_roles)

    @property
    def updated(self) -> list[float]:
        updated: list[float] = self.people.updated.tolist()
        return updated

    @property
    def sources(self) -> list[str]:
        name = self.lines.name
        return [name(source) for source in self.people.sources]

    def source_name(self, person: Respondent) -> str:
        """The file (or ``file:line``) a person's response came from."""
        return self.lines.name(person.source)

    @property
    def durations(self) -> list[float | None]:
        """Seconds each complete response took, None for one not complete (a new list:
        the views read the column, ``people.durations``)."""
        return self.people.durations_or_none()

    def questionnaire_labels(self) -> list[str]:
        """Each person's questionnaire, ``quick v2.0``."""
        labels = [form.label for form in self.forms]
        return [labels[form] for form in self.people.forms.tolist()]


def score_batch(batch: Batch) -> Scores:
    """People x catalogue skills and people x roles, each response scored against its
    own questionnaire (a skill it did not ask is not assessed); rows follow the batch.
    ``scores.plan`` is the primary form's (its skills and roles are everyone's)."""
    with one_blas_thread() as alone:
        if alone and len(batch) >= PARALLEL_ROWS and len(batch.forms_used) == 1:
            scores = shared_scores(batch.plan, len(batch))  # (the usual large batch)
            score_in_parallel(scores, batch.plan, batch.codes)
            return scores
        scores = empty_scores(batch.plan, len(batch), keep_values=False, calibration=False)
        for form, rows, codes in batch.form_rows():
            score_into(scores, form.plan, codes, None if len(rows) == len(batch) else rows)
    return scores


def load_batch(
    q: Questionnaire | None,
    inputs: Iterable[Path],
    *,
    plan: ScoringPlan | None = None,
    on_record: Callable[[], None] | None = None,
    on_found: Callable[[int], None] | None = None,
) -> Batch:
    """Read every usable response; list the others with their reason.

    ``q`` given: only responses to it are scored (others are listed as skipped). None:
    each response against the built-in questionnaire it names; responses to
    questionnaires of one catalogue are taken together, and if several catalogues turn
    up, the one most people answered is kept and the others listed as skipped.
    Two responses from the same person (same e-mail, or same name without two different
    e-mails; see ``people``): the newest ``updated_at`` wins and the pair is reported.
    ``on_record()`` is called per record, ``on_found(n)`` as records are found (see
    ``iter_records``): for a progress bar.
    """
    forms = Forms(q, plan)
    lines = LineFiles()
    reader = ChunkReader(forms, lines)
    groups: dict[int, _Group] = {}
    skipped: list[Skipped] = []
    found = 0

    def count(records: int) -> None:
        nonlocal found
        found += records
        if len(groups) == 1:
            next(iter(groups.values())).reserve(found)
        if on_found is not None:
            on_found(records)

    names = [os.fspath(item) for item in inputs]
    count(sum(not os.path.isdir(name) for name in names))  # (as iter_records announces)
    with _without_cyclic_gc():
        for part in plan_inputs(names):
            if not isinstance(part, list):  # (read by several processes, in order)
                read = read_large if isinstance(part, LargeFile) else read_folder
                for chunk, records in read(part, reader, lines, count):  # type: ignore[arg-type]
                    if on_record is not None:
                        for _ in range(records):
                            on_record()
                    _take(chunk, forms, groups, skipped, found)
                continue
            pending: list[tuple[Source, bytes | Skipped]] = []
            for record in iter_records(part, count, lines, announce=False):
                if on_record is not None:
                    on_record()
                pending.append(record)
                if len(pending) == CHUNK_SIZE:
                    _take(reader.read(pending), forms, groups, skipped, found)
                    pending = []
            _take(reader.read(pending), forms, groups, skipped, found)
    return _finish(forms, groups, skipped, lines)


def _take(
    chunk: Chunk, forms: Forms, groups: dict[int, _Group], skipped: list[Skipped], found: int
) -> None:
    skipped += chunk.skipped
    catalogues = {forms.forms[p.form].catalogue for p in chunk.people} if chunk.mixed else None
    if catalogues is None or len(catalogues) == 1:
        catalogue = forms.forms[chunk.people[0].form].catalogue if chunk.people else None
        if catalogue is not None:
            _group(groups, catalogue, found).take(chunk.people, chunk.codes, bulk=not chunk.mixed)
        return
    for catalogue in sorted(catalogues):
        rows = [i for i, p in enumerate(chunk.people) if forms.forms[p.form].catalogue == catalogue]
        group = _group(groups, catalogue, 0)
        group.take([chunk.people[i] for i in rows], chunk.codes[rows], bulk=False)


def _group(groups: dict[int, _Group], catalogue: int, expected: int) -> _Group:
    """The catalogue's group, made at its first chunk (sized for ``expected`` people)."""
    group = groups.get(catalogue)
    if group is None:
        group = groups[catalogue] = _Group(expected)
    return group


def _finish(
    forms: Forms, groups: dict[int, _Group], skipped: list[Skipped], lines: LineFiles
) -> Batch:
    if not groups:
        return Batch(forms.forms, Records(), np.empty((0, 0), np.int16), skipped, lines=lines)
    sizes = {catalogue: len(group.people) for catalogue, group in groups.items()}
    kept = max(sizes, key=lambda c: (sizes[c], -c))  # most people; else the first met
    group = groups[kept]
    notes = []
    for catalogue, other in groups.items():
        if catalogue == kept:
            continue
        labels = sorted({forms.forms[f].label for f in np.unique(other.people.forms)})
        shown = ", ".join(labels)
        kept_labels = sorted({forms.forms[f].label for f in np.unique(group.people.forms)})
        reason = (
            f"answers {shown}, whose skills and roles differ from those of "
            f"{', '.join(kept_labels)} (most responses): run again with -q for it"
        )
        skipped += [Skipped(lines.name(source), reason) for source in other.people.sources]
        notes.append(
            f"{len(other.people):,} response(s) to {shown} left out: their skills and roles "
            f"differ from those of {', '.join(kept_labels)}, which most responses answer; "
            "see them with -q"
        )
    batch = Batch(forms.forms, group.people, group.codes[: len(group.people)], skipped, lines=lines)
    batch.duplicates = group.named_duplicates(lines)
    batch.notes = notes
    return batch


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
