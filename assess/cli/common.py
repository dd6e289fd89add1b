"""What every command shares: printing errors as data, and stopping cleanly on a signal."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from assess.safetext import for_terminal

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.scoring import ScoringPlan

__all__ = [
    "STOPPED_NOTE",
    "Stopped",
    "check_role",
    "echo_error",
    "for_terminal",
    "load_scorable",
    "stop_on_signals",
]


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


def load_scorable(
    path: Path, questionnaire: str | None
) -> tuple[Questionnaire, ScoringPlan, Response]:
    """A response and the questionnaire it answers (``assess.scorable``, imported late:
    the first screen of ``assess take`` is drawn before pydantic loads)."""
    from assess.scorable import load_scorable as load

    return load(path, questionnaire)


def check_role(ids: list[str], role: str | None) -> None:
    """A role named on the command line must exist (``assess.scorable.check_role``)."""
    from assess.scorable import check_role as check

    check(ids, role)
