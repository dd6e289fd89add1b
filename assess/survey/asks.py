"""The questions the survey asks about itself (a file already there, finishing early),
as plain data: the UI shows an ``Ask`` as a dialog and answers with a choice's id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assess.answers import SKIP, counts_line

if TYPE_CHECKING:
    from assess.model.response import Response
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


VIEW = ("v", "view", "View results")
EDIT = ("e", "edit", "Edit answers")
RETAKE = ("t", "retake", "Retake (keep these answers in your history)")
RETAKE_OTHER = ("t", "retake", "Retake on this questionnaire (keep the earlier answers)")


def _whose(response: Response) -> str:
    """ "Ada Lovelace" for a self-assessment, "Ada Lovelace by Sam Lee (peer)" for a rating."""
    rater = response.rater
    name = response.respondent.name
    return name if rater is None else f"{name} by {rater.name} ({rater.relation.value})"


def existing_file(
    found: ExistingFile, path: Path, question_ids: list[str], named: bool = True
) -> Ask:
    """What to do with a response file already at ``path``.

    Ids: ``resume``, ``view``, ``edit``, ``retake``, ``new``, ``another`` (a rating by
    someone of the same name as its rater: they rate into a file of their own; offered
    when the name is ``named``, not with ``--out`` alone) or ``quit``."""
    from assess.storage import Existing, history_folder

    response = found.response
    rating = response is not None and response.rater is not None
    another = []
    if named and response is not None and response.rater is not None:
        another = [("a", "another", f"I am another {response.rater.name}: rate on my own")]
    what = "rating of" if rating else "answers of"
    if found.kind is Existing.IN_PROGRESS and response is not None:
        given = [response.answers.get(question_id) for question_id in question_ids]
        skipped = sum(1 for answer in given if answer == SKIP)
        missing = sum(1 for answer in given if answer is None)
        counts = counts_line(len(given) - skipped - missing, skipped, missing)
        return Ask(
            "Resume your rating?" if rating else "Resume your answers?",
            f"{path} holds the unfinished {what} {_whose(response)} ({counts}), "
            f"last saved {response.updated_at:%Y-%m-%d %H:%M} UTC.",
            [("r", "resume", "Resume"), *another, START_OVER, QUIT],
            cancel_id="quit",
        )
    if found.kind is Existing.COMPLETE and response is not None:
        return Ask(
            "You have already finished this " + ("rating" if rating else "survey"),
            f"{path} holds the completed {what} {_whose(response)} "
            f"({response.completed_at or response.updated_at:%Y-%m-%d}). Retake starts "
            f"again and keeps these answers in {history_folder(path)}/ (assess progress "
            "shows what changed).",
            [VIEW, EDIT, RETAKE, *another, START_OVER, QUIT],
            cancel_id="quit",
        )
    if (
        found.kind is Existing.OTHER_QUESTIONNAIRE
        and response is not None
        and response.status == "complete"
    ):
        return Ask(
            "Your earlier answers are to another questionnaire",
            f"{path} holds the completed {what} {_whose(response)} "
            f"({response.completed_at or response.updated_at:%Y-%m-%d}) to "
            f"{found.reason.removeprefix('it holds answers to ')}. "
            f"Retake starts this questionnaire and keeps them in {history_folder(path)}/: "
            "progress then compares the skills both questionnaires assess and lists the "
            "others.",
            [RETAKE_OTHER, *another, ("n", "new", "Back them up and start new"), QUIT],
            cancel_id="quit",
        )
    return Ask(
        "This file is not yours to overwrite",
        f"{path}: {found.reason}. It will not be overwritten without your say-so.",
        [*another, ("n", "new", "Back it up and start new"), ("q", "quit", "Quit, leave it")],
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
