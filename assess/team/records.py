"""A team batch's records as columns: each person's name, team, e-mail, role, times,
source and form, one list or array each, instead of one ``Respondent`` struct each.

A million records as structs cost ~318 bytes a person: the struct itself, and a float
or int object for each number in it. As columns the numbers are 8 bytes each (2 for
the form) in numpy arrays, the strings are the ones read (teams and roles interned, so
shared), and a person is ~190 bytes. The columns grow a chunk at a time as the batch is
read (``group.Group.take``), so the chunk's structs are freed right after and their
memory reused by the next chunk: converting a finished list of structs would leave the
allocator's arenas pinned by the strings that survive between the freed structs.

``Records`` is still a ``Sequence[Respondent]``: a row is built on the fly, equal to
the one taken; the views read the columns directly (``Batch.names``, ``form_index``...).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from math import isnan, nan
from typing import Any, TypeVar, cast, overload

import numpy as np
import numpy.typing as npt

from assess.team.fastpath import RaterFields, Respondent, Stamps

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.integer[Any]]
_Array = TypeVar("_Array", bound=npt.NDArray[Any])
_Value = TypeVar("_Value")

_NO_DURATION = nan
"""A duration of None (a response not complete): a duration is the difference of two
finite POSIX times, so it is never NaN itself."""

_BLOCK = 4096
"""Rows built at a time when iterating (column slices as Python lists, then zipped)."""

_STAGED = 1024
"""Records added one at a time whose numbers wait to be stored together (a numpy store
per value would cost more than the rest of adding the record)."""


class Records(Sequence[Respondent]):
    """The records of one batch, row for row with its answer codes, as columns.

    Rows are only added (``extend``, ``append``) or replaced whole (``records[row] =
    person``, a newer response from the same person), so every column keeps one length.
    ``stamps`` and ``rater`` are None in a team batch (kept only when ``assess score``
    streams, which never builds one): they are kept by row, only for rows that have one.
    """

    def __init__(self, people: Iterable[Respondent] = ()) -> None:
        self._names: list[str] = []
        self._emails: list[str | None] = []
        self._teams: list[str | None] = []
        self._roles: list[str | None] = []
        # The numbers of rows [0, _stored) are in the arrays, those of the rows after in
        # _staged (records appended one at a time, stored together: ``_store``).
        self._stored = 0
        self._staged: list[Respondent] = []
        self._updated = np.empty(0, np.float64)
        self._durations = np.empty(0, np.float64)
        self._forms: IntArray = np.empty(0, np.int16)
        # Numbered JSON-lines records (ints) in an array; a list once any file name (a
        # str) or an int too large for int64 turns up.
        self._sources: npt.NDArray[np.int64] | list[str | int] = np.empty(0, np.int64)
        self._stamps: dict[int, Stamps] = {}
        self._raters: dict[int, RaterFields] = {}
        self.extend(list(people))

    # -- the sequence ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, row: int) -> Respondent: ...

    @overload
    def __getitem__(self, row: slice) -> list[Respondent]: ...

    def __getitem__(self, row: int | slice) -> Respondent | list[Respondent]:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        row = self._row(row)
        took = float(self._durations[row])
        return Respondent(
            self._names[row],
            self._teams[row],
            self._emails[row],
            self._roles[row],
            float(self._updated[row]),
            None if isnan(took) else took,
            self._sources[row] if isinstance(self._sources, list) else int(self._sources[row]),
            int(self._forms[row]),
            self._stamps.get(row),
            self._raters.get(row),
        )

    def __iter__(self) -> Iterator[Respondent]:
        self._store()
        stamps, raters = self._stamps.get, self._raters.get
        for start in range(0, len(self), _BLOCK):
            stop = min(start + _BLOCK, len(self))
            for row, (name, team, email, role, updated, duration, source, form) in enumerate(
                zip(
                    self._names[start:stop],
                    self._teams[start:stop],
                    self._emails[start:stop],
                    self._roles[start:stop],
                    self._updated[start:stop].tolist(),
                    _or_none(self._durations[start:stop]),
                    self._source_slice(start, stop),
                    self._forms[start:stop].tolist(),
                    strict=True,
                ),
                start,
            ):
                yield Respondent(
                    name,
                    team,
                    email,
                    role,
                    updated,
                    duration,
                    source,
                    form,
                    stamps(row),
                    raters(row),
                )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Records({len(self):,} people)"

    # -- adding and replacing rows -------------------------------------------------------
    def extend(
        self,
        people: list[Respondent],
        names: list[str] | None = None,
        emails: list[str | None] | None = None,
    ) -> None:
        """Add a chunk's records as rows, in order. ``names`` and ``emails``: theirs, when
        the caller has them already (``Group.take`` looked them up)."""
        self._store()
        self._names += [p.name for p in people] if names is None else names
        self._emails += [p.email for p in people] if emails is None else emails
        self._teams += [p.team for p in people]
        self._roles += [p.target_role for p in people]
        self._store(people)

    def append(self, person: Respondent) -> None:
        """Add one record as a row (of a chunk that could not be added whole)."""
        self._names.append(person.name)
        self._emails.append(person.email)
        self._teams.append(person.team)
        self._roles.append(person.target_role)
        self._staged.append(person)
        if len(self._staged) >= _STAGED:
            self._store()

    def __setitem__(self, row: int, person: Respondent) -> None:
        """Replace a row's record whole (a newer response from the same person)."""
        row = self._row(row)
        self._names[row] = person.name
        self._emails[row] = person.email
        self._teams[row] = person.team
        self._roles[row] = person.target_role
        self._updated[row] = person.updated
        self._durations[row] = _NO_DURATION if person.duration is None else person.duration
        self._put_forms(row, [person.form])
        self._put_sources(row, [person.source])
        _keep(self._stamps, row, person.stamps)
        _keep(self._raters, row, person.rater)

    def reserve(self, rows: int) -> None:
        """Make room for ``rows`` rows at once (the records a batch found: not by
        doubling, which would hold two copies of each array while it copies)."""
        if rows > len(self._updated):
            self._resize(rows)

    def renamed(
        self, names: Sequence[str], teams: Sequence[str | None], sources: Sequence[str]
    ) -> Records:
        """These records with every name, team and source replaced and no e-mail
        (``anonymize``), the other columns copied whole (no record is built)."""
        n = len(self)
        if not len(names) == len(teams) == len(sources) == n:
            raise ValueError(f"{n} records, {len(names)} names, {len(teams)} teams")
        self._store()
        renamed = Records()
        renamed._names, renamed._teams = list(names), list(teams)
        renamed._emails = [None] * n
        renamed._roles = list(self._roles)
        renamed._updated = self._updated[:n].copy()
        renamed._durations = self._durations[:n].copy()
        renamed._forms = self._forms[:n].copy()
        renamed._sources = list(sources)
        renamed._stamps, renamed._raters = dict(self._stamps), dict(self._raters)
        renamed._stored = n
        return renamed

    # -- the columns (read-only: rows change only through the methods above) --------------
    @property
    def names(self) -> Sequence[str]:
        """The names, row for row: the list itself (it grows as rows are added; ``People``
        indexes it once a name is needed)."""
        return self._names

    @property
    def emails(self) -> Sequence[str | None]:
        return self._emails

    @property
    def teams(self) -> Sequence[str | None]:
        return self._teams

    @property
    def target_roles(self) -> Sequence[str | None]:
        return self._roles

    @property
    def updated(self) -> FloatArray:
        """(people,) POSIX time of each response's last save."""
        self._store()
        return _read_only(self._updated[: len(self)])

    @property
    def durations(self) -> FloatArray:
        """(people,) seconds each complete response took; NaN for one not complete (a
        duration of None)."""
        self._store()
        return _read_only(self._durations[: len(self)])

    def durations_or_none(self) -> list[float | None]:
        """Each record's duration as taken: seconds, or None for a response not complete
        (the views read ``durations``, the array, instead)."""
        return _or_none(self.durations)

    @property
    def forms(self) -> IntArray:
        """(people,) each record's form (an index into the batch's forms)."""
        self._store()
        return _read_only(self._forms[: len(self)])

    @property
    def sources(self) -> list[str | int]:
        """Each record's source: a file, or a numbered JSON-lines record (a new list)."""
        self._store()
        return self._source_slice(0, len(self))

    def files(self) -> Iterator[tuple[int, str]]:
        """(row, file) of each record read from a file of its own rather than numbered
        in a JSON-lines file (none at all when every source is numbered)."""
        self._store()
        if isinstance(self._sources, list):
            yield from ((row, s) for row, s in enumerate(self._sources) if isinstance(s, str))

    # -- the storage -----------------------------------------------------------------------
    def _row(self, row: int) -> int:
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError("record row out of range")
        if row >= self._stored:
            self._store()
        return row

    def _store(self, people: list[Respondent] | None = None) -> None:
        """Store the numbers of the staged records, or of ``people`` (rows past them)."""
        if people is None:
            people, self._staged = self._staged, []
        if not people:
            return
        start = self._stored
        stop = start + len(people)
        if stop > len(self._updated):
            self._resize(room_for(len(self._updated), stop))
        # (array: a C double or int64 for each value, or a TypeError, at C speed)
        self._updated[start:stop] = np.frombuffer(array("d", [p.updated for p in people]))
        self._durations[start:stop] = np.frombuffer(
            array("d", [_NO_DURATION if (d := p.duration) is None else d for p in people])
        )
        forms = [p.form for p in people]
        if forms.count(forms[0]) == len(forms) and -(2**15) <= forms[0] < 2**15:
            self._forms[start:stop] = forms[0]  # (the usual chunk: one form)
        else:
            self._put_forms(start, forms)
        self._put_sources(start, [p.source for p in people])
        if any([p.stamps is not None or p.rater is not None for p in people]):
            for row, p in enumerate(people, start):
                _keep(self._stamps, row, p.stamps)
                _keep(self._raters, row, p.rater)
        self._stored = stop

    def _resize(self, rows: int) -> None:
        for name in ("_updated", "_durations", "_forms", "_sources"):
            column = getattr(self, name)
            if isinstance(column, np.ndarray):
                grown = np.empty(rows, column.dtype)
                grown[: self._stored] = column[: self._stored]
                setattr(self, name, grown)

    def _put_forms(self, start: int, forms: list[int]) -> None:
        """Store forms from ``start`` on: two bytes each while they fit (a batch has a
        few forms), else eight."""
        values = np.array(forms, np.int64)
        limits = np.iinfo(self._forms.dtype)
        if values.min() < limits.min or values.max() > limits.max:
            self._forms = self._forms.astype(np.int64)
        self._forms[start : start + len(forms)] = values

    def _put_sources(self, start: int, sources: list[str | int]) -> None:
        """Store sources from ``start`` on, in the int64 array while every one is a
        numbered record (an int that fits), else in a list from then on. (A bool, which
        no reader makes, would come back as the int it equals.)"""
        stop = start + len(sources)
        if isinstance(self._sources, np.ndarray):
            numbered = cast("list[int]", sources)  # (if not, array raises TypeError)
            try:  # (array refuses a str, and an int past int64, rather than convert it)
                self._sources[start:stop] = np.frombuffer(array("q", numbered), np.int64)
                return
            except (TypeError, OverflowError):
                as_list: list[str | int] = self._sources[: self._stored].tolist()
                self._sources = as_list
        if stop > len(self._sources):
            self._sources += [0] * (stop - len(self._sources))
        self._sources[start:stop] = sources

    def _source_slice(self, start: int, stop: int) -> list[str | int]:
        if isinstance(self._sources, list):
            return self._sources[start:stop]
        numbered: list[str | int] = self._sources[start:stop].tolist()
        return numbered


def room_for(have: int, rows: int) -> int:
    """Rows to grow a column of ``have`` rows to, to hold ``rows``: an eighth more at
    least, as a list grows, not double. Columns are sized for the records a batch found
    (``reserve``), for a JSON-lines file an estimate from its first lines, so a little
    short if anything: doubling would then add a whole batch's worth of room."""
    return max(rows, have + max(have // 8, 4096))


def _read_only(view: _Array) -> _Array:
    view.flags.writeable = False
    return view


def _keep(kept: dict[int, _Value], row: int, value: _Value | None) -> None:
    if value is None:
        kept.pop(row, None)
    else:
        kept[row] = value


def _or_none(durations: FloatArray) -> list[float | None]:
    """Durations as taken: NaN back to None."""
    took: list[float | None] = durations.tolist()
    for row in np.flatnonzero(np.isnan(durations)).tolist():
        took[row] = None
    return took
