"""A large JSON-lines file read by several processes at once (``assess team``).

Parsing and checking a record costs far more than reading it, so a file of a million
records is cut into byte ranges at line ends, one per core. This process reads the first
range itself while forked workers read the others (each as the whole file would be read:
``ChunkReader``, fast path or pydantic) and write each chunk's people, answer codes and
skipped records to a temporary file. This process then takes the workers' chunks in file
order, so duplicates, skipped records (``file:line``: the lines of each range are numbered
from 1 and shifted once the lines before it are counted) and progress come out exactly as
one process would give them. A worker that fails leaves its range (from the last chunk
taken) to this process; a small file, one core or no ``fork`` reads in one process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from assess.infile import NotReadable, count_records, records
from assess.safetext import path_text
from assess.team.fastpath import Respondent
from assess.team.inputs import (
    _LINE_TOO_LONG,
    MAX_FILE_BYTES,
    LineFiles,
    Skipped,
    Source,
    iter_records,
)
from assess.team.reading import CHUNK_SIZE, Chunk, ChunkReader

PARALLEL_BYTES = 32 << 20
"""A JSON-lines file at least this large (about 13,000 records) is read in parallel."""
_FIRST_SHARE = 0.85
"""The first range's size, as a share of each worker's: this process also takes the
workers' chunks in, so it reads a little less."""
_POLL = 0.002
_HEAD = 8


@dataclass(frozen=True)
class LargeFile:
    path: str


def processes() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on macOS)
        return os.cpu_count() or 1


def plan_inputs(inputs: Iterable[Path | str]) -> Iterator[list[Path | str] | LargeFile]:
    """The inputs in order: runs of them read in one process, and each JSON-lines file
    large enough to be read in parallel on its own."""
    run: list[Path | str] = []
    can_fork = hasattr(os, "fork") and processes() > 1
    for item in inputs:
        path = os.fspath(item)
        if can_fork and path.endswith(".jsonl") and _large(path):
            if run:
                yield run
                run = []
            yield LargeFile(path)
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
    file: LargeFile,
    reader: ChunkReader,
    lines: LineFiles,
    on_found: Callable[[int], None],
) -> Iterator[tuple[Chunk, int]]:
    """(chunk, records in it) for the whole file, in file order."""
    name = path_text(file.path)
    place = lines.add(name)
    if place is None:  # too many files to number their lines: as one process does
        yield from _chunks(iter_records([file.path], on_found, lines), reader)
        return
    try:
        on_found(count_records(file.path, MAX_FILE_BYTES))
    except NotReadable:
        on_found(1)  # (reading it says why)
    starts = _starts(file.path, processes())
    stops: list[int | None] = [*starts[1:], None]  # (the last range: to the end)
    workers = [
        _Worker.start(file.path, starts[i], stops[i], place, reader) for i in range(1, len(starts))
    ]
    try:
        counted: list[int | None] = []
        mine = _numbered(file.path, name, place, 0, stops[0], 0, 0, lines.name, counted)
        yield from _chunks(mine, reader)
        base = counted[0]
        for worker in workers:
            if base is None:  # the file could not be read on: as one process, stop there
                break
            taken = yield from worker.chunks(reader, lines, base)
            if taken.lines is None:  # the worker failed: read the rest of its range here
                counted = []
                rest = _numbered(
                    file.path,
                    name,
                    place,
                    worker.start_at,
                    worker.stop_at,
                    base,
                    taken.through,
                    lines.name,
                    counted,
                )
                yield from _chunks(rest, reader)
                base = None if counted[0] is None else base + counted[0]
            else:
                base += taken.lines
    finally:
        for worker in workers:
            worker.stop()


def _starts(path: str, parts: int) -> list[int]:
    """Where each range begins: 0, then offsets just after a line feed, rising; the
    first range a little smaller than the others."""
    try:
        size = os.path.getsize(path)
        parts = max(1, min(parts, size // max(PARALLEL_BYTES // 2, 1)))
        each = size / (parts - 1 + _FIRST_SHARE)
        starts = [0]
        with open(path, "rb") as handle:
            for i in range(parts - 1):
                at = _line_end_after(handle, round(each * (_FIRST_SHARE + i)), size)
                if starts[-1] < at < size:
                    starts.append(at)
    except OSError:
        return [0]  # (reading it says why)
    return starts


def _line_end_after(handle: IO[bytes], at: int, size: int) -> int:
    """The offset just after the first line feed at or after ``at`` (``size`` if none)."""
    handle.seek(at)
    while at < size:
        block = handle.read(1 << 20)
        if not block:
            break
        found = block.find(b"\n")
        if found >= 0:
            return at + found + 1
        at += len(block)
    return size


def _numbered(
    path: str,
    name: str,
    place: int,
    start: int,
    stop: int | None,
    base: int,
    after: int,
    name_of: Callable[[Source], str],
    counted: list[int | None],
) -> Iterator[tuple[Source, bytes | Skipped]]:
    """The records of a range as ``inputs`` gives a JSON-lines file's: the lines after
    the first ``after`` of it, numbered from ``base`` + 1. ``counted`` gets the range's
    number of lines, or None if the file could not be read on (listed as skipped)."""
    bits = LineFiles.BITS
    try:
        for number, record in _counting(records(path, MAX_FILE_BYTES, start, stop), counted):
            if number <= after:
                continue
            source = (base + number) << bits | place
            if record is None:
                yield source, Skipped(name_of(source), _LINE_TOO_LONG)
            else:
                yield source, record
    except NotReadable as exc:
        counted[:] = [None]
        yield name, Skipped(name, exc.reason)
    except OSError as exc:  # (a read that fails part-way)
        counted[:] = [None]
        yield name, Skipped(name, f"cannot be read ({exc.strerror or exc})")


def _counting(
    numbered: Generator[tuple[int, bytes | None], None, int], counted: list[int | None]
) -> Iterator[tuple[int, bytes | None]]:
    counted.append((yield from numbered))


def _chunks(
    numbered: Iterable[tuple[Source, bytes | Skipped]], reader: ChunkReader
) -> Iterator[tuple[Chunk, int]]:
    pending: list[tuple[Source, bytes | Skipped]] = []
    for record in numbered:
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
    """The last line (of the range) of the chunks taken."""
    lines: int | None = None
    """The range's number of lines, once the worker has finished it; None if it failed."""


class _Worker:
    """A forked process reading one range into a temporary file."""

    def __init__(self, pid: int, out: IO[bytes], start_at: int, stop_at: int | None) -> None:
        self.pid, self.out, self.start_at, self.stop_at = pid, out, start_at, stop_at
        self.done = False

    @classmethod
    def start(
        cls, path: str, start: int, stop: int | None, place: int, reader: ChunkReader
    ) -> _Worker:
        out = tempfile.TemporaryFile()  # noqa: SIM115  (closed by stop)
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _work(path, start, stop, place, reader, out.fileno())
                code = 0
            finally:
                os._exit(code)
        return cls(pid, out, start, stop)

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
                    s + shift,
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


def _work(
    path: str, start: int, stop: int | None, place: int, reader: ChunkReader, out: int
) -> None:
    """In the worker: read the range, writing each chunk as it is done."""
    mine = ChunkReader(reader.forms, _Marked(), ratings=reader.ratings)
    mine.current = reader.current
    counted: list[int | None] = []
    numbered = _numbered(path, "", place, start, stop, 0, 0, mine.lines.name, counted)
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
        send(
            (
                "chunk",
                len(pending),
                through,
                identities,
                columns,
                chunk.codes,
                chunk.skipped,
                chunk.mixed,
            )
        )
        pending.clear()

    for source, record in numbered:
        if isinstance(source, str):  # the file could not be read on: fail, this process says why
            return
        pending.append((source, record))
        through = source >> LineFiles.BITS
        if len(pending) == CHUNK_SIZE:
            flush()
    if pending:
        flush()
    if counted and counted[0] is not None:
        send(("end", counted[0]))
