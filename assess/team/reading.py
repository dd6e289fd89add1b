"""Records to respondents and answer codes, a chunk at a time: the fast path for
well-formed files, pydantic for the rest, each response against its form (``forms``).

``assess team`` (``batch``) and ``assess score`` (``stream``) both read this way.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assess.errors import ResponseError
from assess.loading import parse_response, public_field
from assess.model.response import Status
from assess.safetext import clip
from assess.scorable import Mismatch, codes_for, self_assessed
from assess.scoring.plan import IntArray
from assess.team.fastpath import Respondent, duration, identity
from assess.team.forms import Form, Forms
from assess.team.inputs import LineFiles, Skipped, Source

CHUNK_SIZE = 1024
"""Records read together: large enough for numpy to pay off, small enough to keep
their raw bytes (a few MB) until the chunk is done."""


@dataclass
class Chunk:
    """The scorable responses of a chunk of records, in input order, and the rest."""

    people: list[Respondent]
    codes: IntArray
    """(people, widest form's questions): row i holds person i's answer codes in the
    first ``len(forms[person.form].plan.question_ids)`` columns."""
    skipped: list[Skipped] = field(default_factory=list)
    mixed: bool = False
    """True when some response took the pydantic path or forms differ (so a bulk step
    that assumes one form and no oddity must not be taken)."""


def skip_reason(exc: ResponseError | Mismatch) -> tuple[str, str, int | None]:
    """The reason a record is skipped, the same quoting nothing from the input, and the
    line it points at (if any)."""
    if isinstance(exc, Mismatch):
        return f"{exc.field}: {exc.text(shown=3)}", f"{exc.field}: {exc.public}", None
    first = exc.problems[0]
    more = f" (+{exc.more:,} more)" if exc.more else ""
    where = f"{first.field}: " if first.field else ""
    public_where = f"{public_field(first.field)}: " if first.field else ""
    return (
        clip(f"{where}{first.message}", 300) + more,
        f"{public_where}{first.public or 'not a valid response'}{more}",
        first.line,
    )


class ChunkReader:
    """Reads chunks of records against ``forms``; remembers the last form used, which is
    tried first (a batch is mostly one questionnaire)."""

    def __init__(
        self, forms: Forms, lines: LineFiles | None = None, *, ratings: bool = False
    ) -> None:
        self.forms = forms
        self.current: Form | None = forms.fixed
        self.lines = lines or LineFiles()
        self.ratings = ratings
        """Keep a rating of the respondent by someone else (with its rater) instead of
        skipping it: ``assess score`` scores any response given; a team counts each
        person by their own answers."""

    def read(self, records: Sequence[tuple[Source, bytes | Skipped]]) -> Chunk:
        people: list[Respondent] = []
        skipped: list[Skipped] = []
        slow: dict[int, IntArray] = {}  # position in people -> codes read by pydantic
        current = self.current
        fast = current.reader.read if current is not None else None
        for source, raw in records:
            if isinstance(raw, Skipped):
                skipped.append(raw)
                continue
            person = None if fast is None else fast(raw, source)
            if person is None:
                person = self._other(raw, source, skipped, slow, len(people))
                if person is None:
                    continue
                if self.current is not current:
                    current = self.current
                    fast = current.reader.read if current is not None else None
            people.append(person)
        return self._codes(people, skipped, slow)

    def _other(
        self,
        raw: bytes,
        source: Source,
        skipped: list[Skipped],
        slow: dict[int, IntArray],
        position: int,
    ) -> Respondent | None:
        """A record the current form's fast path did not take: another form's fast
        path, else pydantic (which reads it or names the reason)."""
        named = identity(raw)
        if named is not None and (self.current is None or named != self.current.identity):
            form = self.forms.lookup(*named)
            if form is not None:
                person = form.reader.read(raw, source)
                if person is not None:
                    self.current = form
                    return person
        try:
            response = parse_response(raw)
            form = self.forms.lookup(response.questionnaire_id, response.questionnaire_version)
            if form is None:
                raise self.forms.why_not(response.questionnaire_id, response.questionnaire_version)
            codes = codes_for(form.plan, response)
            if not self.ratings:
                self_assessed(response)  # (a manager's or peer's rating is not theirs)
        except (ResponseError, Mismatch) as exc:
            reason, public, line = skip_reason(exc)
            skipped.append(Skipped(self.lines.name(source), reason, public, line))
            return None
        slow[position] = codes
        who = response.respondent
        team = None if who.team is None else sys.intern(who.team)
        role = None if who.target_role is None else sys.intern(who.target_role)
        started = response.started_at.timestamp()
        ended = None if response.completed_at is None else response.completed_at.timestamp()
        took = duration(started, ended, response.status is Status.complete)
        stamps = None
        if self.forms.keep_stamps:
            dumped = response.model_dump(
                mode="json", include={"status", "started_at", "updated_at", "completed_at"}
            )
            stamps = (
                dumped["status"],
                dumped["started_at"],
                dumped["updated_at"],
                dumped["completed_at"],
            )
        updated = response.updated_at.timestamp()
        by = response.rater
        rater = None if by is None else (by.name, by.email, by.relation.value)
        return Respondent(
            who.name, team, who.email, role, updated, took, source, form.index, stamps, rater
        )

    def _codes(
        self, people: list[Respondent], skipped: list[Skipped], slow: dict[int, IntArray]
    ) -> Chunk:
        forms = self.forms.forms
        queued = {form.index: form.reader.finish() for form in forms if form.reader.queued}
        if not slow and len(queued) == 1:  # the usual chunk: one form, all fast
            (codes,) = queued.values()
            return Chunk(people, codes, skipped)
        used = {person.form for person in people}
        width = max((len(forms[index].plan.question_ids) for index in used), default=0)
        codes = np.zeros((len(people), width), np.int16)  # (0 past a form's questions)
        taken = dict.fromkeys(queued, 0)
        for position, person in enumerate(people):
            row = slow.get(position)
            if row is None:
                row = queued[person.form][taken[person.form]]
                taken[person.form] += 1
            codes[position, : len(row)] = row
        return Chunk(people, codes, skipped, mixed=True)
