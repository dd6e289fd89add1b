"""The inputs of a team batch: response files, folders of them, JSON-lines files.

Every record comes out as raw bytes, or as a ``Skipped`` with the reason it cannot be
used. Only regular files are read, each within the size cap (a JSON-lines file a record
at a time, each record within the cap); a FIFO, a device, a broken link or a loop of
links is listed with what it is, never read, and never stops the batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.infile import (
    MAX_INPUT_BYTES,
    OPEN_FLAGS,
    NotReadable,
    count_records,
    kind_of,
    megabytes,
    read_regular,
    records,
    refusal,
    too_big,
)
from assess.safetext import path_text
from assess.storage import PERSON_FOLDERS
from assess.team.file_names import Collector

MAX_FILE_BYTES = MAX_INPUT_BYTES
"""A response file, or one record of a JSON-lines file."""
RESPONSE_FILES = (".json", ".jsonl")
_EMPTY_FOLDER = "is a folder with no response files (*.json, *.jsonl) in it or below"
_LINE_TOO_LONG = f"line is over {megabytes(MAX_FILE_BYTES)}; a response is far smaller"


Source = str | int
"""Where a record came from: a file's name, or (a JSON-lines record, when the batch keeps
a ``LineFiles``) an int that ``LineFiles.name`` turns into ``file:line``."""


class LineFiles:
    """The JSON-lines files of a batch. Their records are named by an int (the line
    number and the file's place here) until a name is shown: a million records' names
    as text ("responses.jsonl:123456") would take 80 MB."""

    BITS = 16

    def __init__(self) -> None:
        self.files: list[str] = []

    def add(self, name: str) -> int | None:
        """The file's place, or None once there are too many to number this way."""
        if len(self.files) >= 1 << self.BITS:
            return None
        self.files.append(name)
        return len(self.files) - 1

    def name(self, source: Source) -> str:
        """``file:line`` for a numbered record; a name as it is."""
        if isinstance(source, str):
            return source
        return f"{self.files[source & ((1 << self.BITS) - 1)]}:{source >> self.BITS}"


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str
    public: str = ""
    """The reason without anything quoted from the input (``--anonymize`` shows this);
    empty when the reason quotes nothing."""
    line: int | None = None
    """The line of the file the reason points at, where known (``assess score`` shows
    ``file:line: reason``)."""


def _refused(path: str) -> str | None:
    """Why a folder entry (not a folder, not a regular file) is no response: what it
    is, or None for a link to a folder (not followed, as ``os.walk`` does)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return refusal(path, exc).reason
    kind = kind_of(info.st_mode)
    if kind == "a folder":
        return None
    return f"is {kind}, not a regular file" if kind else ""


def _walk(folder: Path | str, skipped: list[Skipped]) -> Sequence[str]:
    """Response files under a folder, recursively, sorted (packed: ``file_names``).

    Hidden files and folders are left out; so are links to folders (as ``os.walk``), and
    the folders of a person's earlier assessments and of other people's ratings of them
    (``history``, ``ratings``: see ``assess.storage``), unless named as the input.
    Folders that cannot be listed, and entries named like responses that are not
    regular files (FIFOs, devices, broken links, loops of links), go to ``skipped``."""
    root = os.fspath(folder)
    found = Collector(root)
    pending = [root]
    while pending:
        where = pending.pop()
        try:
            entries = os.scandir(where)
        except OSError as exc:
            skipped.append(Skipped(path_text(where), f"cannot list folder: {exc.strerror}"))
            continue
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if name not in PERSON_FOLDERS:
                            pending.append(entry.path)
                        continue
                    if not name.endswith(RESPONSE_FILES):
                        continue
                    if entry.is_file(follow_symlinks=False):  # (no stat: the kind is listed)
                        found.add(entry.path)  # built in C: no os.path.join per file
                        continue
                except OSError:
                    pass
                why = _refused(entry.path)
                if why == "":  # a link to a regular file
                    found.add(entry.path)
                elif why is not None:
                    skipped.append(Skipped(path_text(entry.path), why))
    skipped.sort(key=lambda s: s.source)
    return found.sorted()


def iter_records(
    inputs: Iterable[Path | str],
    on_found: Callable[[int], None] | None = None,
    lines: LineFiles | None = None,
    *,
    announce: bool = True,
) -> Iterator[tuple[Source, bytes | Skipped]]:
    """(source, raw JSON) for every response: files, folders (recursively), JSON lines.

    ``on_found(n)`` hears of records as they are found: the inputs given (unless
    ``announce`` is False: the caller has counted them), each folder's entries once it is
    walked, each JSON-lines file's extra lines once it is counted."""
    names = [os.fspath(item) for item in inputs]
    folders = [os.path.isdir(name) for name in names]
    if on_found is not None and announce:
        on_found(folders.count(False))
    for name, folder in zip(names, folders, strict=True):
        if folder:
            skipped, files = walk_folder(name)
            if on_found is not None:
                on_found(len(files) + len(skipped))
            yield from ((entry.source, entry) for entry in skipped)
            yield from read_listed_files(files, on_found, lines)
        else:
            yield from _records((name,), on_found, _read, lines)


def walk_folder(name: str) -> tuple[list[Skipped], Sequence[str]]:
    """The entries of a folder that cannot be used (with why), and its response files:
    both in the order ``iter_records`` gives them."""
    skipped: list[Skipped] = []
    files = _walk(name, skipped)
    if not files and not skipped:  # (a typo'd folder should not pass unnoticed)
        skipped.append(Skipped(path_text(name), _EMPTY_FOLDER))
    return skipped, files


def read_listed_files(
    files: Iterable[str],
    on_found: Callable[[int], None] | None = None,
    lines: LineFiles | None = None,
) -> Iterator[tuple[Source, bytes | Skipped]]:
    """The records of files a folder walk listed (``walk_folder``)."""
    return _records(files, on_found, _read_listed, lines)


def _read(path: str) -> bytes:
    return read_regular(path, MAX_FILE_BYTES, "a response file")


_FIRST_READ = 1 << 16


def _read_listed(path: str) -> bytes:
    """A file the folder walk saw as a regular file (its directory entry says so): read
    without asking its kind again (an ``fstat`` per file is a tenth of the batch's
    time). Should it have been swapped for something else since, the read is still
    bounded: it cannot block (``O_NONBLOCK``) and stops past the cap."""
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as exc:
        raise refusal(path, exc) from None
    try:
        data = os.read(fd, _FIRST_READ)
        if len(data) < _FIRST_READ:  # a regular file reads short only at its end
            return data
        parts, total = [data], len(data)
        while total <= MAX_FILE_BYTES:
            more = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - total))
            if not more:
                break
            parts.append(more)
            total += len(more)
        if total > MAX_FILE_BYTES:
            raise too_big(None, MAX_FILE_BYTES, "a response file")
        return b"".join(parts)
    except OSError as exc:
        raise NotReadable(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _records(
    files: Iterable[str],
    on_found: Callable[[int], None] | None,
    read: Callable[[str], bytes],
    lines: LineFiles | None,
) -> Iterator[tuple[Source, bytes | Skipped]]:
    for path in files:
        # The path read, and the name shown (the same but for a name that is not UTF-8).
        name = path_text(path)
        if path.endswith(".jsonl"):
            yield from _lines(path, name, on_found, lines)
            continue
        try:
            yield name, read(path)
        except NotReadable as exc:
            yield name, Skipped(name, exc.reason)


def _lines(
    path: str, name: str, on_found: Callable[[int], None] | None, lines: LineFiles | None
) -> Iterator[tuple[Source, bytes | Skipped]]:
    """The records of a JSON-lines file, read a block at a time (a 100k-line file is
    170 MB). Their number is estimated for the progress bar from the first block."""
    try:
        if on_found is not None:
            on_found(count_records(path, MAX_FILE_BYTES) - 1)  # (the file itself counted 1)
        place = None if lines is None else lines.add(name)
        for number, record in records(path, MAX_FILE_BYTES):
            if record is None:
                yield name, Skipped(f"{name}:{number}", _LINE_TOO_LONG)
            elif place is None:
                yield f"{name}:{number}", record
            else:
                yield number << LineFiles.BITS | place, record
    except NotReadable as exc:
        yield name, Skipped(name, exc.reason)
    except OSError as exc:  # (a read that fails part-way)
        yield name, Skipped(name, f"cannot be read ({exc.strerror or exc})")
