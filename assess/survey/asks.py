"""The questions the survey asks about itself (a file already there, finishing early),
as plain data: the UI shows an ``Ask`` as a dialog and answers with a choice's id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assess.answers import SKIP, counts_line

if TYPE_CHECKING:
    from assess.storage import ExistingFile


@dataclass(frozen=True)
class Ask:
    title: str
    message: str
    choices: list[tuple[str, str, str]]
    """(key, id, label) of each choice, in order."""
    cancel_id: str
    """The choice Escape makes."""


QUIT = ("q", "quit", "Quit")
START_OVER = ("n", "new", "Start over (keep a backup)")


def existing_file(found: ExistingFile, path: Path, question_ids: list[str]) -> Ask:
    """What to do with a response file already at ``path``.

    Ids: ``resume``, ``view``, ``edit``, ``new`` or ``quit``."""
    from assess.storage import Existing

    response = found.response
    if found.kind is Existing.IN_PROGRESS and response is not None:
        given = [response.answers.get(question_id) for question_id in question_ids]
        skipped = sum(1 for answer in given if answer == SKIP)
        missing = sum(1 for answer in given if answer is None)
        counts = counts_line(len(given) - skipped - missing, skipped, missing)
        return Ask(
            "Resume your answers?",
            f"{path} holds an unfinished survey by {response.respondent.name} ({counts}), "
            f"last saved {response.updated_at:%Y-%m-%d %H:%M} UTC.",
            [("r", "resume", "Resume"), START_OVER, QUIT],
            cancel_id="quit",
        )
    if found.kind is Existing.COMPLETE and response is not None:
        return Ask(
            "You have already finished this survey",
            f"{path} holds the completed answers of {response.respondent.name} "
            f"({response.completed_at or response.updated_at:%Y-%m-%d}).",
            [("v", "view", "View results"), ("e", "edit", "Edit answers"), START_OVER, QUIT],
            cancel_id="quit",
        )
    return Ask(
        "This file is not yours to overwrite",
        f"{path}: {found.reason}. It will not be overwritten without your say-so.",
        [("n", "new", "Back it up and start new"), ("q", "quit", "Quit, leave it")],
        cancel_id="quit",
    )


def finish_early(not_answered: int, open_checks: int) -> Ask:
    """Finishing with questions not answered. Ids: ``finish``, ``answer``, ``back``."""
    lines = []
    if not_answered:
        lines.append(
            f"{not_answered} question(s) are not answered; their skills count as not assessed."
        )
    if open_checks:
        lines.append(
            f"{open_checks} knowledge check(s) on skills you rated are not answered; "
            'finishing records them as "I don\'t know".'
        )
    return Ask(
        "Finish with questions not answered?",
        "\n".join(lines),
        [
            ("f", "finish", "Finish anyway"),
            ("a", "answer", "Answer them now"),
            ("b", "back", "Back to review"),
        ],
        cancel_id="back",
    )
