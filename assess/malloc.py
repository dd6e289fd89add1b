"""How the C library's allocator hands memory back, set per command (glibc only).

glibc serves a large request from its own mapping, handed back to the system when freed,
but raises that size limit to the size of each such block freed (up to 32 MiB). After a
few large arrays have come and gone, arrays of up to that size come from the heap, whose
freed space is kept. Each command sets what suits its pattern; elsewhere (macOS, musl)
these do nothing."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

_TRIM_THRESHOLD, _TOP_PAD, _MMAP_THRESHOLD = -1, -2, -3  # (malloc.h)

LARGE_BLOCK = 4 << 20
"""Requests from this size on get a mapping of their own once ``return_large_blocks``
is set: a million people's per-person arrays (8 MB of float64), not a scoring block's
temporaries (4,096 rows, at most about 2.4 MB)."""


def _mallopt() -> Callable[[int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[[int, int], int] = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # (another C library may have none)
        return None
    return function


def keep_freed_memory() -> None:
    """Keep memory freed for reuse rather than hand it back at once (``assess score``).

    A chunk's arrays and texts (tens of MB) are made and freed a chunk at a time; given
    back each time, the same memory is faulted in again for the next chunk, which took a
    fifth of ``assess score -f jsonl``'s time. The peak is what it was."""
    mallopt = _mallopt()
    if mallopt is None:
        return
    mallopt(_MMAP_THRESHOLD, 32 << 20)  # (glibc's largest)
    mallopt(_TRIM_THRESHOLD, 256 << 20)
    mallopt(_TOP_PAD, 16 << 20)


def return_large_blocks() -> None:
    """Hand every block of ``LARGE_BLOCK`` or more back to the system as soon as it is
    freed (``assess team``, once a large batch is read).

    The team views make and drop many per-person arrays one after another; kept in the
    heap, the ones freed stay counted against the process (about 90 MB at a million
    people) while the next are made elsewhere."""
    mallopt = _mallopt()
    if mallopt is not None:
        mallopt(_MMAP_THRESHOLD, LARGE_BLOCK)
