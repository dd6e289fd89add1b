"""Byte ranges of a JSON-lines file, each read as ``inputs`` reads the whole file
(``parallel`` gives one to each process)."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from typing import IO

from assess.infile import NotReadable, records
from assess.team.inputs import _LINE_TOO_LONG, MAX_FILE_BYTES, LineFiles, Skipped, Source

FIRST_SHARE = 0.95
"""The first range's size, as a share of each other one's: the process that reads it
also takes the other processes' chunks in, so it reads a little less."""


def starts(path: str, parts: int, least: int) -> list[int]:
    """Where each of up to ``parts`` ranges of at least about ``least`` bytes begins: 0,
    then offsets just after a line feed, rising; the first range a little smaller."""
    try:
        size = os.path.getsize(path)
        parts = max(1, min(parts, size // max(least, 1)))
        each = size / (parts - 1 + FIRST_SHARE)
        starts = [0]
        with open(path, "rb") as handle:
            for i in range(parts - 1):
                at = _line_end_after(handle, round(each * (FIRST_SHARE + i)), size)
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


def numbered(
    path: str,
    name: str,
    place: int,
    start: int,
    stop: int | None,
    base: int,
    name_of: Callable[[Source], str],
    counted: list[int | None],
) -> Iterator[tuple[Source, bytes | Skipped]]:
    """The records of a range as ``inputs`` gives a JSON-lines file's, its lines numbered
    from ``base`` + 1 (``place``: the file's in ``LineFiles``). ``counted`` gets the range's
    number of lines, or None if the file could not be read on (listed as skipped)."""
    bits = LineFiles.BITS
    try:
        for number, record in _counting(records(path, MAX_FILE_BYTES, start, stop), counted):
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
