"""Who is who in a batch: the responses of one person share a row.

A team lead mixes sources: `assess take` files carry a name and no e-mail, form exports a
name and an e-mail. So two responses are from the same person when

- their e-mails match (case-insensitive), or
- their names match (case-insensitive) and they do not carry two different e-mails (two
  people who share a name, each with an address, stay two people).

A response without an e-mail whose name matches several people cannot be placed: it
counts as a person of its own rather than being merged with a guess.
"""

from __future__ import annotations

from collections.abc import Sequence


class People:
    """Identities (e-mails and names, case-folded) -> row, for one batch.

    Names matter only once a response without an e-mail turns up, so until then they are
    not indexed at all (a 100k-person form export would spend 12 MB and 0.1 s on them);
    the index is then built from the rows' names (``names``: the batch's list, which
    grows as rows are added) and kept from there on."""

    def __init__(self, names: Sequence[str]) -> None:
        self._names = names
        self._by_email: dict[str, int] = {}
        # one row (the usual case: no list to allocate) or several that share a name
        self._by_name: dict[str, int | list[int]] | None = None
        self._has_email = bytearray()  # per row: 1 once a response with an e-mail joined it

    def find(self, name: str, email: str | None) -> int | None:
        """The row of the person who gave this name and e-mail, or None if new."""
        if email:
            row = self._by_email.get(_folded(email))
            if row is not None or self._by_name is None:
                return row  # (no index yet: nobody without an e-mail to match by name)
        entry = self._names_index().get(_folded(name))
        if entry is None:
            return None
        rows = [entry] if isinstance(entry, int) else entry
        if email:  # only someone who never gave an e-mail can be this person by name
            rows = [row for row in rows if not self._has_email[row]]
        return rows[0] if len(rows) == 1 else None

    def add(self, row: int, name: str, email: str | None) -> None:
        """Register this name and e-mail for ``row`` (a new row is the next one)."""
        if row == len(self._has_email):
            self._has_email.append(0)
        if email:
            self._by_email[_folded(email)] = row
            self._has_email[row] = 1
        if self._by_name is not None:
            _index(self._by_name, _folded(name), row)

    def add_new(self, start: int, names: Sequence[str], emails: Sequence[str | None]) -> bool:
        """Register rows ``start``... for responses that are certainly new people, in bulk:
        False (nothing registered) if any might be someone already here or twice here."""
        email_keys = [_folded(email) if email else None for email in emails]
        everyone_gave_one = None not in email_keys  # the usual form export
        given = email_keys if everyone_gave_one else [k for k in email_keys if k is not None]
        if len(set(given)) < len(given) or not self._by_email.keys().isdisjoint(given):
            return False
        name_keys: list[str] = []
        if self._by_name is not None or not everyone_gave_one:
            by_name = self._names_index()
            name_keys = [_folded(name) for name in names]
            if len(set(name_keys)) < len(name_keys) or not by_name.keys().isdisjoint(name_keys):
                return False
        rows = range(start, start + len(email_keys))
        if self._by_name is not None:
            self._by_name.update(zip(name_keys, rows, strict=True))
        if everyone_gave_one:
            self._by_email.update(zip(email_keys, rows, strict=True))  # type: ignore[arg-type]
            self._has_email += b"\x01" * len(email_keys)
        else:
            self._by_email.update(
                (key, row) for key, row in zip(email_keys, rows, strict=True) if key is not None
            )
            self._has_email.extend(0 if key is None else 1 for key in email_keys)
        return True

    def _names_index(self) -> dict[str, int | list[int]]:
        if self._by_name is None:
            self._by_name = {}
            for row, name in enumerate(self._names):
                _index(self._by_name, _folded(name), row)
        return self._by_name


def _folded(text: str) -> str:
    """``text.casefold()``; ``text`` itself when that would not change it (ASCII already
    in lower case), so the index keeps no second copy: a million e-mails are 66 MB."""
    if text.isascii() and text.islower():
        return text
    return text.casefold()


def _index(by_name: dict[str, int | list[int]], key: str, row: int) -> None:
    entry = by_name.get(key)
    if entry is None:
        by_name[key] = row
    elif isinstance(entry, int):
        if entry != row:
            by_name[key] = [entry, row]
    elif row not in entry:
        entry.append(row)


def same_person(name: str, email: str | None, other_name: str, other_email: str | None) -> bool:
    """Whether two responses are from one person, by the rule above, as a batch places
    them (a lookup before each addition)."""
    names: list[str] = []
    people = People(names)
    people.find(name, email)
    names.append(name)
    people.add(0, name, email)
    return people.find(other_name, other_email) == 0
