"""A progress bar that appears only when a batch takes more than a second."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

DELAY_SECONDS = 1.0


@contextmanager
def counting_progress(label: str, delay: float = DELAY_SECONDS) -> Iterator[Callable[[], None]]:
    """Yield a ``tick()`` to call per item; a bar shows on stderr after ``delay`` seconds."""
    start = time.monotonic()
    count = 0
    progress: Progress | None = None
    task = None

    def tick() -> None:
        nonlocal count, progress, task
        count += 1
        if progress is None:
            if count % 256 or time.monotonic() - start < delay or not sys.stderr.isatty():
                return
            progress = Progress(
                TextColumn(label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            progress.start()
            task = progress.add_task(label, total=None)
        if task is not None and count % 64 == 0:
            progress.update(task, completed=count)

    try:
        yield tick
    finally:
        if progress is not None:
            progress.stop()
