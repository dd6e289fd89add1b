"""Errors a person can fix (``UserError``) as opposed to bugs.

The CLI prints a ``UserError`` as plain text and exits with its ``exit_code``;
any other exception escaping the CLI is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assess.safetext import clip, for_terminal


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, pointing at where it is."""

    file: Path | None
    line: int | None
    field: str
    message: str
    fix: str = ""
    public: str = ""
    """The message without any value quoted from the input, where one is known (what
    ``--anonymize`` shows of a response that cannot be used)."""

    def __str__(self) -> str:
        # Each part may quote input (a key, a value, a file name): shown as written,
        # cut to a readable length, never able to drive the terminal.
        where = for_terminal(clip(str(self.file), 300)) if self.file else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        field = for_terminal(clip(self.field, 200))
        head = f"{where}: {field}: " if field else f"{where}: "
        text = head + for_terminal(clip(self.message, 500))
        if self.fix:
            text += f"\n    fix: {for_terminal(clip(self.fix, 500))}"
        return text


class UserError(Exception):
    """Something the person running assess can fix; printed without a traceback."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


MAX_PROBLEMS_SHOWN = 20
"""Problems of one file shown in full; the rest are counted ("… and 199,990 more")."""


class InputFileError(UserError):
    """A file that cannot be read as the kind of input it should be.

    ``problems`` are the problems found (callers stop converting after a few dozen);
    ``more`` counts those found but not converted. At most ``MAX_PROBLEMS_SHOWN`` are
    printed, then how many more there are."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        self.problems = problems
        self.more = more + max(0, len(problems) - MAX_PROBLEMS_SHOWN)
        lines = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
        if self.more:
            where = problems[0].file if problems and problems[0].file else "this file"
            lines.append(f"… and {self.more:,} more problem(s) in {where}")
        super().__init__("\n".join(lines))


class QuestionnaireError(InputFileError):
    """A questionnaire or role file that is unreadable, malformed or inconsistent."""


class ResponseError(InputFileError):
    """A response file that is unreadable, malformed or does not fit its questionnaire."""


class UsageError(UserError):
    """A command-line request that cannot be carried out as asked (unknown role, ...)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``did you mean 'x'?`` for the closest choice, else the list of valid choices."""
    choices = list(choices)
    # difflib's ratio is 2·matches / (len(a) + len(b)), so a word over 7/3 times the
    # longest choice cannot reach 0.6: skip the search (a 1 MB key costs nothing).
    longest = max((len(c) for c in choices), default=0)
    close = (
        difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        if 3 * len(word) <= 7 * longest
        else []
    )
    if close:
        return f"did you mean '{clip(close[0], 80)}'?"
    if len(choices) <= 12:
        return "valid: " + ", ".join(clip(c, 80) for c in choices)
    return f"valid: {', '.join(clip(c, 80) for c in choices[:12])}, ... ({len(choices)} in all)"
