"""A large batch's scores computed by several processes at once (``score_batch``).

The score arrays live in memory shared with forked workers; each process scores its own
run of rows, in the very blocks of ``CHUNK_ROWS`` rows that one process would score them
in (a run begins at a multiple of it), so every number is the same to the bit. A worker
that fails leaves its rows to this process.

OpenBLAS would run each matrix product on every core as well, and its threads would
spin against the other processes (two processes scored slower than one): while the
processes score, it runs one thread each, or, where that cannot be set (another BLAS),
one process scores everything.
"""

from __future__ import annotations

import ctypes
import itertools
import mmap
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy as np

from assess.scoring.engine import CHUNK_ROWS, Scores, score_into
from assess.scoring.plan import IntArray, ScoringPlan
from assess.team.parallel import processes

PARALLEL_ROWS = 50_000
"""Fewer people than this are scored in one process (forking costs more)."""


def shared_scores(plan: ScoringPlan, n: int) -> Scores:
    """Room for the scores of ``n`` people (no item values, no calibration), in memory
    that forked processes share. Coverage, spread and the assessed count are not stored
    (``Scores`` derives them from the proficiency when asked)."""
    n_skills, n_roles = len(plan.skill_ids), len(plan.role_ids)
    shapes = [(n, n_skills), (n, n_roles), (n, n_roles)]
    sizes = [int(np.prod(shape)) * 8 for shape in shapes]  # (float64: 8 bytes)
    memory = mmap.mmap(-1, max(sum(sizes), 1))  # (anonymous and shared)
    arrays: list[Any] = []
    offset = 0
    for shape, size in zip(shapes, sizes, strict=True):
        arrays.append(np.frombuffer(memory, np.float64, size // 8, offset).reshape(shape))
        offset += size
    proficiency, readiness, match = arrays
    none = np.empty((0, n_skills))
    values = np.empty((0, len(plan.question_ids)))
    return Scores(plan, values, proficiency, none, none, readiness, match)


def score_in_parallel(out: Scores, plan: ScoringPlan, codes: IntArray) -> None:
    """``score_into(out, plan, codes)``, its rows shared out among the cores (call it
    inside ``one_blas_thread``, which said True)."""
    n = len(codes)
    blocks = -(-n // CHUNK_ROWS)
    parts = min(processes(), blocks) if hasattr(os, "fork") else 1
    cuts = [min(n, round(blocks * i / parts) * CHUNK_ROWS) for i in range(parts + 1)]
    workers: list[tuple[int, int, int]] = []
    try:
        for start, stop in itertools.pairwise(cuts[1:]):
            pid = os.fork()
            if pid == 0:  # the worker: never returns into the caller
                code = 1
                try:
                    score_into(out, plan, codes[start:stop], np.arange(start, stop))
                    code = 0
                finally:
                    os._exit(code)
            workers.append((pid, start, stop))
        score_into(out, plan, codes[: cuts[1]])
        while workers:
            pid, start, stop = workers.pop(0)
            _, status = os.waitpid(pid, 0)
            if status != 0:  # (it failed: score its rows here)
                score_into(out, plan, codes[start:stop], np.arange(start, stop))
    finally:
        for pid, _, _ in workers:
            os.kill(pid, 9)
            os.waitpid(pid, 0)


_NAMES = [  # (get, set) in numpy's own OpenBLAS, then in a system one
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
    ("openblas_get_num_threads", "openblas_set_num_threads"),
]


@contextmanager
def one_blas_thread() -> Iterator[bool]:
    """OpenBLAS on one thread inside (forked processes inherit it); False if that
    cannot be set. The products are small (4,096 x 74 by 74 x 58): more threads only
    spin, and on a busy machine made one process score 2-4x slower."""
    library = _openblas()
    if library is None:
        yield False
        return
    get, put = library
    before = get()
    put(1)
    try:
        yield True
    finally:
        put(before)


@cache
def _openblas() -> tuple[Callable[[], int], Callable[[int], None]] | None:
    """OpenBLAS's thread count getter and setter, if numpy uses OpenBLAS (Linux)."""
    try:
        with open("/proc/self/maps") as maps:
            path = next((line.split()[-1] for line in maps if "openblas" in line), None)
        if path is None:
            return None
        library = ctypes.CDLL(path)
    except (OSError, IndexError):
        return None
    for get, put in _NAMES:
        if hasattr(library, get) and hasattr(library, put):
            getter, setter = getattr(library, get), getattr(library, put)
            getter.restype, getter.argtypes = ctypes.c_int, []
            setter.restype, setter.argtypes = None, [ctypes.c_int]
            return getter, setter
    return None
