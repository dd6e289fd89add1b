"""Scores of many responses, a chunk at a time, for ``assess score``: read as a team
batch is (fast path, pydantic for the rest, each response against the questionnaire it
names), scored per chunk, and handed on in input order. Nothing is kept between chunks,
so memory stays flat however many files there are.

Unlike ``assess team``, nobody is merged: every response is its own result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores, score
from assess.scoring.plan import IntArray
from assess.team.fastpath import Respondent
from assess.team.forms import Form, Forms
from assess.team.inputs import Skipped, Source, iter_records
from assess.team.reading import CHUNK_SIZE, Chunk, ChunkReader


@dataclass
class Scored:
    """Consecutive responses of one form, scored (``scores`` row i is ``people[i]``)."""

    form: Form
    people: list[Respondent]
    codes: IntArray
    scores: Scores


def stream_scores(
    inputs: Iterable[Path],
    questionnaire: Questionnaire | None = None,
    *,
    on_form: Callable[[Form], None] | None = None,
) -> Iterator[Scored | Skipped]:
    """Every input record in order: a ``Skipped`` with its reason, or its response scored
    (in runs of one form). ``on_form(form)`` hears of each questionnaire as a response
    first names it (before its results)."""
    forms = Forms(questionnaire, keep_stamps=True)
    reader = ChunkReader(forms, ratings=True)  # (a rating given is scored, as itself)
    announced: set[int] = set()
    pending: list[tuple[Source, bytes | Skipped]] = []
    records = iter_records(inputs)
    while True:
        pending.clear()
        for record in records:
            pending.append(record)
            if len(pending) == CHUNK_SIZE:
                break
        if not pending:
            return
        chunk = reader.read(pending)
        # A skipped record goes out before the results of its chunk (order within a
        # chunk between the two kinds is not kept: both are listed, each in order).
        yield from chunk.skipped
        yield from scored_runs(chunk, forms, announced, on_form)


def scored_runs(
    chunk: Chunk,
    forms: Forms,
    announced: set[int],
    on_form: Callable[[Form], None] | None = None,
) -> Iterator[Scored]:
    """A chunk's responses scored in runs of one form, in input order; ``on_form(form)``
    hears of each form not yet in ``announced`` before its first results (and it is
    added there)."""
    people = chunk.people
    start = 0
    while start < len(people):
        form_index = people[start].form
        stop = start + 1
        while stop < len(people) and people[stop].form == form_index:
            stop += 1
        form = forms.forms[form_index]
        if form_index not in announced:
            announced.add(form_index)
            if on_form is not None:
                on_form(form)
        codes = chunk.codes[start:stop, : len(form.plan.question_ids)]
        yield Scored(form, people[start:stop], codes, score(form.plan, codes))
        start = stop


def answer_counts(scored: Scored) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(answered, skipped, not answered) per response, as ``assess.answers`` counts them."""
    plan = scored.form.plan
    skipped = (scored.codes == plan.skip_code).sum(axis=1)
    unanswered = (scored.codes == plan.missing_code).sum(axis=1)
    return scored.codes.shape[1] - skipped - unanswered, skipped, unanswered
