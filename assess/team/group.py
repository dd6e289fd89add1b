"""The people of one catalogue in a batch as it is read (``batch``): each person's record
and answer codes, row for row, and who is who (``people``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assess.scoring.plan import IntArray
from assess.team.fastpath import Respondent
from assess.team.inputs import LineFiles, Source
from assess.team.people import People
from assess.team.records import Records, room_for


@dataclass(frozen=True)
class Duplicate:
    person: str
    """The name on the response kept."""
    kept: str
    dropped: str
    identity: str
    """The person's e-mail, else name, as finally kept (their pseudonym is keyed by it)."""


def _fits(codes: IntArray, dtype: np.dtype[np.integer]) -> bool:
    limits = np.iinfo(dtype)
    return bool(limits.min <= codes.min() and codes.max() <= limits.max)


class Group:
    """The people of one catalogue: each person's record and answer codes, row for row
    (the only place either is added or replaced), and who is who."""

    def __init__(self, expected: int) -> None:
        self.people = Records()
        # Codes as one byte each while they fit (they do for any built-in questionnaire):
        # half the memory of the int16 they are read as.
        self.codes: IntArray = np.empty((max(expected, 16), 0), np.int8)
        self.people.reserve(expected)
        self.index = People(self.people.names)
        # the sources kept and dropped, and the row of the person
        self._duplicates: list[tuple[Source, Source, int]] = []

    def take(self, people: list[Respondent], codes: IntArray, bulk: bool) -> None:
        """Add a chunk's people in order: new people as new rows, a second response
        from someone already here in place of theirs if it is newer."""
        if self.codes.dtype != codes.dtype and len(codes) and not _fits(codes, self.codes.dtype):
            self.codes = self.codes.astype(codes.dtype)
        start = len(self.people)
        self._fit(start + len(people), codes.shape[1])
        width = codes.shape[1]
        if bulk:
            names, emails = [p.name for p in people], [p.email for p in people]
            if self.index.add_new(start, names, emails):
                self.people.extend(people, names, emails)
                self.codes[start : len(self.people), :width] = codes
                return
        for person, row_codes in zip(people, codes, strict=True):
            row = self.index.find(person.name, person.email)
            if row is None:
                row = len(self.people)
                self.people.append(person)
            else:
                kept = self.people[row]  # (built from the columns: duplicates are few)
                if kept.updated > person.updated:  # the earlier one is newer: keep it
                    self._duplicates.append((kept.source, person.source, row))
                    self.index.add(row, person.name, person.email)  # either name finds them
                    continue
                self._duplicates.append((person.source, kept.source, row))
                self.people[row] = person
            self.index.add(row, person.name, person.email)
            self.codes[row, :width] = row_codes

    def _fit(self, rows: int, width: int) -> None:
        """Room for ``rows`` people and ``width`` questions (rows grow as ``room_for`` says)."""
        have_rows, have_width = self.codes.shape
        if rows <= have_rows and width <= have_width:
            return
        if rows > have_rows:
            rows = room_for(have_rows, rows)
        grown = np.empty((max(rows, have_rows), max(width, have_width)), self.codes.dtype)
        grown[: len(self.people), :have_width] = self.codes[: len(self.people)]
        self.codes = grown

    def reserve(self, records: int) -> None:
        """Make room for ``records`` found records at once (not by doubling, which
        would hold two copies while it copies)."""
        if records > len(self.codes):
            grown = np.empty((records, self.codes.shape[1]), self.codes.dtype)
            grown[: len(self.people)] = self.codes[: len(self.people)]
            self.codes = grown
        self.people.reserve(records)

    def named_duplicates(self, lines: LineFiles) -> list[Duplicate]:
        """Each pair named by its person as finally kept (a third response may have
        replaced the one kept when the pair was found)."""
        names, emails = self.people.names, self.people.emails
        return [
            Duplicate(names[row], lines.name(kept), lines.name(dropped), emails[row] or names[row])
            for kept, dropped, row in self._duplicates
        ]
