"""Large inputs read by several processes at once (``assess team``).

Parsing and checking a record costs far more than reading it, so a JSON-lines file of a
million records is cut into byte ranges at line ends (``line_ranges``), and a folder of
many files into runs of files, one per core. This process reads the first range itself
while forked workers read the others (each as one process would: ``ChunkReader``, fast
path or pydantic) and write each chunk's people, answer codes and skipped records to a
temporary file. This process then takes the workers' chunks in input order, so
duplicates, skipped records (``file:line``: a range's lines are numbered from 1 and
shifted once the lines before it are counted) and progress come out exactly as one
process gives them. A worker that fails leaves the rest of its range to this process;
small inputs, one core or no ``fork`` read in one process.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from assess.infile import NotReadable, count_records
from assess.safetext import path_text
from assess.team import line_ranges
from assess.team.fastpath import Respondent
from assess.team.inputs import (
    MAX_FILE_BYTES,
    LineFiles,
    Skipped,
    Source,
    iter_records,
    read_listed_files,
    walk_folder,
)
from assess.team.reading import CHUNK_SIZE, Chunk, ChunkReader

PARALLEL_BYTES = 32 << 20
"""A JSON-lines file at least this large (about 13,000 records) is read in parallel."""
PARALLEL_FILES = 20_000
"""A folder of at least this many response files is read in parallel (fewer read about
as fast in one process: forking and taking the chunks in cost what it saves)."""
_POLL = 0.002
_HEAD = 8

Records = Iterator[tuple[Source, bytes | Skipped]]


@dataclass(frozen=True)
class LargeFile:
    path: str


@dataclass(frozen=True)
class Folder:
    path: str


class Range:
    """One process's share of an input."""

    def records(
        self, base: int, name_of: Callable[[Source], str], counted: list[int | None]
    ) -> Records:
        """Its records, JSON-lines lines numbered after ``base``; ``counted`` gets the
        number of lines (0 for files), or None if the input could not be read on."""
        raise NotImplementedError


@dataclass(frozen=True)
class _Lines(Range):
    path: str
    name: str
    place: int
    start: int
    stop: int | None

    def records(
        self, base: int, name_of: Callable[[Source], str], counted: list[int | None]
    ) -> Records:
        return line_ranges.numbered(
            self.path, self.name, self.place, self.start, self.stop, base, name_of, counted
        )


@dataclass(frozen=True)
class _Files(Range):
    skipped: list[Skipped]
    files: Sequence[str]

    def records(
        self, base: int, name_of: Callable[[Source], str], counted: list[int | None]
    ) -> Records:
        yield from ((entry.source, entry) for entry in self.skipped)
        yield from read_listed_files(self.files)
        counted.append(0)


def processes() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on macOS)
        return os.cpu_count() or 1


def plan_inputs(inputs: Iterable[Path | str]) -> Iterator[list[Path | str] | LargeFile | Folder]:
    """The inputs in order: runs of them read in one process, and each JSON-lines file
    or folder that may be large enough to read in parallel on its own."""
    run: list[Path | str] = []
    can_fork = hasattr(os, "fork") and processes() > 1
    for item in inputs:
        path = os.fspath(item)
        large = path.endswith(".jsonl") and _large(path)
        if can_fork and (large or os.path.isdir(path)):
            if run:
                yield run
                run = []
            yield LargeFile(path) if large else Folder(path)
        else:
            run.append(item)
    if run:
        yield run


def _large(path: str) -> bool:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False  # (the one-process path names the reason)
    return info.st_mode & 0o170000 == 0o100000 and info.st_size >= PARALLEL_BYTES


def read_large(
    file: LargeFile, reader: ChunkReader, lines: LineFiles, on_found: Callable[[int], None]
) -> Iterator[tuple[Chunk, int]]:
    """(chunk, records in it) for the whole JSON-lines file, in file order."""
    name = path_text(file.path)
    place = lines.add(name)
    if place is None:  # too many files to number their lines: as one process does
        yield from _chunks(iter_records([file.path], on_found, lines, announce=False), reader)
        return
    with suppress(NotReadable):  # (reading it says why)
        on_found(count_records(file.path, MAX_FILE_BYTES) - 1)  # (the file counted 1)
    starts = line_ranges.starts(file.path, processes(), PARALLEL_BYTES // 2)
    stops: list[int | None] = [*starts[1:], None]  # (the last range: to the end)
    parts = [_Lines(file.path, name, place, a, b) for a, b in zip(starts, stops, strict=True)]
    yield from _read_ranges(parts, reader, lines)


def read_folder(
    folder: Folder, reader: ChunkReader, lines: LineFiles, on_found: Callable[[int], None]
) -> Iterator[tuple[Chunk, int]]:
    """(chunk, records in it) for a folder's files, in order (as ``iter_records``)."""
    skipped, files = walk_folder(folder.path)
    on_found(len(files) + len(skipped))
    parts = max(1, min(processes(), len(files) // PARALLEL_FILES))
    if parts == 1 or any(path.endswith(".jsonl") for path in files):
        listed = read_listed_files(files, on_found, lines)
        yield from _chunks(itertools.chain(((s.source, s) for s in skipped), listed), reader)
        return
    each = len(files) / (parts - 1 + line_ranges.FIRST_SHARE)
    cuts = [0, *(round(each * (line_ranges.FIRST_SHARE + i)) for i in range(parts - 1)), len(files)]
    runs = [
        _Files(skipped if i == 0 else [], files[a:b])
        for i, (a, b) in enumerate(itertools.pairwise(cuts))
    ]
    yield from _read_ranges(runs, reader, lines)


def _read_ranges(
    parts: Sequence[Range], reader: ChunkReader, lines: LineFiles
) -> Iterator[tuple[Chunk, int]]:
    """The first range read here, the others by workers, taken in order."""
    workers = [_Worker.start(part, reader) for part in parts[1:]]
    try:
        counted: list[int | None] = []
        yield from _chunks(parts[0].records(0, lines.name, counted), reader)
        base = counted[0]
        for worker, part in zip(workers, parts[1:], strict=True):
            if base is None:  # the input could not be read on: as one process, stop there
                break
            taken = _Taken() if worker is None else (yield from worker.chunks(reader, lines, base))
            if taken.lines is None:  # the worker failed: read the rest of its range here
                counted = []
                rest = itertools.islice(
                    part.records(base, lines.name, counted), taken.through, None
                )
                yield from _chunks(rest, reader)
                base = None if counted[0] is None else base + counted[0]
            else:
                base += taken.lines
    finally:
        for worker in workers:
            if worker is not None:
                worker.stop()


def _chunks(
    records: Iterable[tuple[Source, bytes | Skipped]], reader: ChunkReader
) -> Iterator[tuple[Chunk, int]]:
    pending: list[tuple[Source, bytes | Skipped]] = []
    for record in records:
        pending.append(record)
        if len(pending) == CHUNK_SIZE:
            yield reader.read(pending), CHUNK_SIZE
            pending = []
    if pending:
        yield reader.read(pending), len(pending)


class _Marked(LineFiles):
    """A worker's names for its records: the source itself, to be named by this process
    once the lines before the worker's range are counted."""

    def name(self, source: Source) -> str:
        return source if isinstance(source, str) else f"\0{source}"


@dataclass
class _Taken:
    through: int = 0
    """Records of the range in the chunks taken."""
    lines: int | None = None
    """The range's number of lines, once the worker has finished it; None if it failed."""


class _Worker:
    """A forked process reading one range into a temporary file."""

    def __init__(self, pid: int, out: IO[bytes]) -> None:
        self.pid, self.out = pid, out
        self.done = False

    @classmethod
    def start(cls, part: Range, reader: ChunkReader) -> _Worker | None:
        """The worker, or None if it cannot be started (no temporary file, no fork)."""
        try:
            out = tempfile.TemporaryFile()  # noqa: SIM115  (closed by stop)
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            out.close()
            return None
        if pid == 0:  # the worker: never returns into the caller
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _work(part, reader, out.fileno())
                code = 0
            finally:
                os._exit(code)
        return cls(pid, out)

    def chunks(
        self, reader: ChunkReader, lines: LineFiles, base: int
    ) -> Generator[tuple[Chunk, int], None, _Taken]:
        """The worker's chunks as they come, its lines numbered after ``base``."""
        taken = _Taken()
        shift = base << LineFiles.BITS
        for message in self._messages():
            if message[0] == "end":
                taken.lines = message[1]
                self._exited(wait=True)
                break
            _, count, through, identities, columns, codes, skipped, mixed = message
            index = [reader.forms.lookup(*identity) for identity in identities]
            forms = [-1 if form is None else form.index for form in index]
            intern = sys.intern
            people = [
                Respondent(
                    n,
                    None if t is None else intern(t),
                    e,
                    None if r is None else intern(r),
                    u,
                    d,
                    s + shift if shift else s,
                    forms[f],
                )
                for n, t, e, r, u, d, s, f in zip(*columns, strict=True)
            ]
            named = [
                Skipped(lines.name(int(s.source[1:]) + shift), s.reason, s.public, s.line)
                if s.source.startswith("\0")
                else s
                for s in skipped
            ]
            taken.through = through
            yield Chunk(people, codes, named, mixed), count
        return taken

    def _messages(self) -> Iterator[tuple[Any, ...]]:
        fd, offset, exited = self.out.fileno(), 0, False
        while True:
            head = os.pread(fd, _HEAD, offset)
            if len(head) == _HEAD:
                size = int.from_bytes(head, "little")
                body = os.pread(fd, size, offset + _HEAD)
                if len(body) == size:
                    offset += _HEAD + size
                    message = pickle.loads(body)
                    yield message
                    if message[0] == "end":
                        return
                    continue
            if exited:
                return  # it stopped part-way: the caller reads the rest
            exited = self._exited()
            if not exited:
                time.sleep(_POLL)

    def _exited(self, wait: bool = False) -> bool:
        pid, _ = os.waitpid(self.pid, 0 if wait else os.WNOHANG)
        if pid:
            self.done = True
        return bool(pid)

    def stop(self) -> None:
        if not self.done:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.done = True
        self.out.close()


def _work(part: Range, reader: ChunkReader, out: int) -> None:
    """In the worker: read the range, writing each chunk as it is done."""
    mine = ChunkReader(reader.forms, _Marked(), ratings=reader.ratings)
    mine.current = reader.current
    counted: list[int | None] = []
    through = 0
    pending: list[tuple[Source, bytes | Skipped]] = []

    def send(message: tuple[Any, ...]) -> None:
        body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        data = memoryview(len(body).to_bytes(_HEAD, "little") + body)
        while data:
            data = data[os.write(out, data) :]

    def flush() -> None:
        chunk = mine.read(pending)
        people = chunk.people
        columns = (
            [p.name for p in people],
            [p.team for p in people],
            [p.email for p in people],
            [p.target_role for p in people],
            [p.updated for p in people],
            [p.duration for p in people],
            [p.source for p in people],
            [p.form for p in people],
        )
        identities = [form.identity for form in mine.forms.forms]
        codes, skipped, mixed = chunk.codes, chunk.skipped, chunk.mixed
        send(("chunk", len(pending), through, identities, columns, codes, skipped, mixed))
        pending.clear()

    for record in part.records(0, mine.lines.name, counted):
        if counted and counted[0] is None:  # the input could not be read on: fail, and
            return  # this process reads it and says why
        pending.append(record)
        through += 1
        if len(pending) == CHUNK_SIZE:
            flush()
    if pending:
        flush()
    if counted and counted[0] is not None:
        send(("end", counted[0]))
