"""A progress bar that appears only when a batch takes more than a second."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

DELAY_SECONDS = 1.0
CHECK_EVERY = 256
"""Records between looks at the clock (a clock read per record would cost more)."""


class BatchProgress:
    """Counts records (``tick``) against the records found so far (``found``); shows a
    bar on a terminal once the batch has taken ``delay`` seconds."""

    def __init__(self, label: str, delay: float, stream: TextIO) -> None:
        self.label, self.delay, self.stream = label, delay, stream
        self.count = 0
        self.total = 0
        self._start = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def found(self, records: int) -> None:
        """``records`` more records to come (a folder walked, a JSON-lines file read)."""
        self.total += records
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=max(self.total, self.count))

    def tick(self) -> None:
        self.count += 1
        if self.count % CHECK_EVERY:
            return
        if self._progress is None:
            if time.monotonic() - self._start < self.delay or not self.stream.isatty():
                return
            self._show()
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.count)

    def _show(self) -> None:
        self._progress = Progress(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
            get_time=time.monotonic,
        )
        self._progress.start()
        total = max(self.total, self.count) or None  # None: not known yet
        self._task = self._progress.add_task(self.label, total=total, completed=self.count)
        # Elapsed from the start of the batch, not from the moment the bar appeared.
        self._progress.tasks[-1].start_time = self._start

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def batch_progress(
    label: str, delay: float = DELAY_SECONDS, stream: TextIO | None = None
) -> Iterator[BatchProgress]:
    """A ``BatchProgress`` on ``stream`` (stderr), taken down when the batch ends."""
    progress = BatchProgress(label, delay, stream or sys.stderr)
    try:
        yield progress
    finally:
        progress.stop()
