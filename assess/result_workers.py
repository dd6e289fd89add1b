"""`assess score` on many files, in worker processes: each reads, scores and writes the
text of a chunk of records, and the chunks' text goes out strictly in input order.

The main process walks the inputs and reads the files (``team.inputs``), hands out
chunks of their bytes, and keeps a few in flight (memory stays flat). A worker makes its
chunk's text while the others make theirs, then waits for its turn and writes it straight
to standard output (and the chunk's skipped inputs to standard error): the text never
travels between processes. The output is byte for byte what one process writes
(``tests/cli/test_score_workers.py``).

Workers are forked before the folders are walked (they hold none of the file list), and
only for a large input on a machine with more than one core; ``ASSESS_WORKERS`` sets
their number (0 or 1: in-process).
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from assess.model.questionnaire import Questionnaire
from assess.result_fragments import numbers
from assess.result_writer import ResultWriter
from assess.scorable import check_role
from assess.storage import PERSON_FOLDERS
from assess.team.forms import Forms
from assess.team.inputs import RESPONSE_FILES, Skipped, Source, iter_records
from assess.team.reading import CHUNK_SIZE, Chunk, ChunkReader
from assess.team.stream import Scored, scored_runs

Record = tuple[Source, bytes | Skipped]
LARGE = 2 * CHUNK_SIZE
"""Records from which workers pay off (below, one process does it all)."""
MAX_WORKERS = 8


def workers_for(fmt: str, inputs: Sequence[Path], out: IO[bytes]) -> int:
    """How many worker processes to score ``inputs`` with (0: none, in-process)."""
    asked = os.environ.get("ASSESS_WORKERS", "").strip()
    if asked.isdigit():
        wanted = int(asked)
    else:
        try:
            wanted = min(MAX_WORKERS, len(os.sched_getaffinity(0)))
        except AttributeError:  # (no affinity here: macOS)
            wanted = min(MAX_WORKERS, os.cpu_count() or 1)
    if wanted < 2 or not hasattr(os, "fork"):
        return 0
    try:
        out.fileno()  # (workers write to the file itself, not to a stand-in for it)
    except (AttributeError, OSError, ValueError):
        return 0
    if fmt == "table":
        from rich.console import Console

        if Console().is_terminal:  # (laid out by rich, in colour, as it is)
            return 0
    return wanted if _at_least(inputs, LARGE) else 0


def _at_least(inputs: Sequence[Path], count: int) -> bool:
    """Whether the inputs hold ``count`` records or more (looking no further)."""
    found = 0
    for item in inputs:
        name = os.fspath(item)
        if os.path.isdir(name):
            pending = [name]
            while pending and found < count:
                try:
                    with os.scandir(pending.pop()) as entries:
                        for entry in entries:
                            if entry.name.startswith("."):
                                continue
                            if entry.name.endswith(RESPONSE_FILES):
                                found += 1
                            elif entry.is_dir() and entry.name not in PERSON_FOLDERS:
                                pending.append(entry.path)
                except OSError:
                    continue
        elif name.endswith(".jsonl"):
            with contextlib.suppress(OSError):
                found += os.path.getsize(name) // 1024  # (a record is some KB)
        else:
            found += 1
        if found >= count:
            return True
    return False


@dataclass
class _Shared:
    """What the workers share: whose turn it is to write, and what has been written."""

    condition: Any
    turn: Any  # the number of the chunk to write next
    written: Any  # results written so far
    stop: Any  # set: write nothing more (an error, Ctrl-C, a closed pipe)


@dataclass
class _Worker:
    """One worker's own reader and writer (as ``stream_scores`` and ``ResultWriter``)."""

    shared: _Shared
    fmt: str
    role: str | None
    forms: Forms
    reader: ChunkReader
    buffer: _Pieces
    writer: ResultWriter
    on_skipped: Callable[[Skipped], None]
    announced: set[int] = field(default_factory=set)


_WORKER: _Worker | None = None


def _start(
    shared: _Shared,
    questionnaire: Questionnaire | None,
    fmt: str,
    role: str | None,
    on_skipped: Callable[[Skipped], None],
) -> None:
    """A worker's start: Ctrl-C is the main process's to handle; SIGTERM ends it."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    if sys.platform.startswith("linux"):  # (ended with the main process, however it ends)
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    forms = Forms(questionnaire, keep_stamps=True)
    buffer = _Pieces()
    writer = ResultWriter(fmt, cast("IO[bytes]", buffer), role, header=False)
    if fmt == "table":  # (rich's output, for a result it lays out, goes in the buffer too)
        from rich.console import Console

        stdout = sys.stdout
        console = Console()
        console.file = io.TextIOWrapper(
            cast(Any, buffer), encoding=stdout.encoding, errors=stdout.errors, write_through=True
        )
        writer._console = console
    reader = ChunkReader(forms, ratings=True)
    _WORKER = _Worker(shared, fmt, role, forms, reader, buffer, writer, on_skipped)


def _scored(worker: _Worker, chunk: Chunk) -> Iterator[Scored]:
    """The chunk's responses scored, in runs of one form (as ``stream_scores``); a role
    asked for is checked against each questionnaire as it is first met."""
    return scored_runs(
        chunk,
        worker.forms,
        worker.announced,
        lambda form: check_role(list(form.plan.role_ids), worker.role),
    )


def _work(number: int, records: list[Record]) -> tuple[int, int, bool]:
    """Chunk ``number``: its text made, then written in its turn. Returns (results,
    skipped, whether the output was closed); an error is raised after the text before it
    is written (as one process would have written it)."""
    worker = _WORKER
    assert worker is not None
    shared, buffer, writer = worker.shared, worker.buffer, worker.writer
    buffer.pieces.clear()
    writer.written = 1  # (a JSON item: after a comma; the first of all is fixed below)
    skipped: list[Skipped] = []
    results = 0
    error: BaseException | None = None
    try:
        chunk = worker.reader.read(records)
        skipped = chunk.skipped
        for scored in _scored(worker, chunk):
            writer.write(scored)
            results += len(scored.people)
    except Exception as exc:
        error = exc
    closed = False
    with shared.condition:
        while shared.turn.value != number and not shared.stop.value:
            shared.condition.wait(0.1)
        try:
            if not shared.stop.value:
                closed = _write(worker, skipped, shared.written.value == 0)
                shared.written.value += results
                if closed or error is not None:
                    shared.stop.value = 1
        finally:
            shared.turn.value = number + 1
            shared.condition.notify_all()
    if error is not None:
        raise error
    return results, len(skipped), closed


def _write(worker: _Worker, skipped: list[Skipped], first: bool) -> bool:
    """The chunk's skipped inputs on stderr, its text on stdout; True if stdout is closed."""
    for item in skipped:
        worker.on_skipped(item)
    sys.stderr.flush()
    fd = sys.stdout.fileno()
    pieces = worker.buffer.pieces
    try:
        if worker.fmt == "json" and first and pieces:
            pieces[0] = b"[" + pieces[0][1:]  # (",\n  " -> "[\n  ": the array's first item)
        for piece in pieces:
            text = memoryview(piece)
            while len(text):
                text = text[os.write(fd, text) :]
    except BrokenPipeError:
        return True
    return False


class _Pieces(io.BufferedIOBase):
    """A chunk's output, kept as written (a result's text at a time): no buffer of tens
    of MB grown, copied and given back per chunk."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.pieces.append(bytes(data))
        return len(self.pieces[-1])


def score_in_workers(
    inputs: Sequence[Path],
    questionnaire: Questionnaire | None,
    writer: ResultWriter,
    workers: int,
    on_skipped: Callable[[Skipped], None],
) -> tuple[int, int]:
    """Every input scored and written through ``writer`` (its format, role and output),
    by ``workers`` processes; ``on_skipped`` tells of an input that cannot be scored (in
    the worker, in order). Returns (results, inputs skipped). Raises ``BrokenPipeError``
    once the output is closed, and what a worker raised (after the output before it)."""
    context = multiprocessing.get_context("fork")
    condition = context.Condition()
    shared = _Shared(
        condition, context.RawValue("q", 0), context.RawValue("q", 0), context.RawValue("b", 0)
    )
    writer.out.flush()  # (the CSV header first)
    numbers()  # (the tables of rounded numbers' texts: made once, before the workers fork)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start,
        initargs=(shared, questionnaire, writer.fmt, writer.role, on_skipped),
    )
    results = skipped = 0
    try:
        pool.submit(int).result()  # (forked now, before the file list is made)
        pending: deque[Future[tuple[int, int, bool]]] = deque()

        def done() -> None:
            nonlocal results, skipped
            made, missed, closed = pending.popleft().result()
            results, skipped = results + made, skipped + missed
            if closed:
                raise BrokenPipeError

        records: list[Record] = []
        number = 0
        for record in iter_records(inputs):
            records.append(record)
            if len(records) == CHUNK_SIZE:
                pending.append(pool.submit(_work, number, records))
                records, number = [], number + 1
                while len(pending) > 2 * workers:  # (a few chunks in flight: memory stays flat)
                    done()
        if records:
            pending.append(pool.submit(_work, number, records))
        while pending:
            done()
    except BaseException:
        shared.stop.value = 1  # (the workers write nothing more, and stop waiting)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    writer.written = results
    return results, skipped
