"""Errors a person can fix (``UserError``) as opposed to bugs.

The CLI prints a ``UserError`` as plain text and exits with its ``exit_code``;
any other exception escaping the CLI is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, pointing at where it is."""

    file: Path | None
    line: int | None
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        head = f"{where}: {self.field}: " if self.field else f"{where}: "
        text = head + self.message
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text


class UserError(Exception):
    """Something the person running assess can fix; printed without a traceback."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputFileError(UserError):
    """A file that cannot be read as the kind of input it should be."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class QuestionnaireError(InputFileError):
    """A questionnaire or role file that is unreadable, malformed or inconsistent."""


class ResponseError(InputFileError):
    """A response file that is unreadable, malformed or does not fit its questionnaire."""


class UsageError(UserError):
    """A command-line request that cannot be carried out as asked (unknown role, ...)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``did you mean 'x'?`` for the closest choice, else the list of valid choices."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(choices) <= 12:
        return "valid: " + ", ".join(choices)
    return f"valid: {', '.join(choices[:12])}, ... ({len(choices)} in all)"
