"""What every command shares: printing errors as data, and stopping cleanly on a signal."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from assess.safetext import for_terminal

__all__ = ["Stopped", "echo_error", "for_terminal", "stop_on_signals"]


def echo_error(text: str) -> None:
    """A message on stderr, with any control character from the input shown escaped
    (the lines assess puts together stay lines)."""
    click.echo(for_terminal(text, keep_newlines=True), err=True)


class Stopped(BaseException):
    """SIGTERM or SIGHUP, raised like Ctrl+C's KeyboardInterrupt so that every file being
    written is discarded on the way out (the default ends the process on the spot)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _stop(number: int, _frame: FrameType | None) -> None:
    raise Stopped(number)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Stopped`` while the block runs (unless ignored, as under
    ``nohup``); the survey's app puts its own handlers in place while it runs."""
    previous = {}
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            previous[number] = signal.signal(number, _stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


STOPPED_NOTE = "nothing half-written was left behind; files from earlier runs are unchanged"
