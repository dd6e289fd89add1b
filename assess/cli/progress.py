"""`assess progress`: what changed between a person's assessments."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.errors import UsageError
from assess.storage import DEFAULT_RESPONSES_DIR

if TYPE_CHECKING:
    from assess.person.record import Assessment, LeftOut


@click.command()
@click.argument("person", nargs=-1, required=True)
@click.option(
    "-q",
    "--questionnaire",
    help="Questionnaire file or built-in name for assessments whose own is not built in "
    "(an earlier version, say).",
)
@click.option(
    "-r",
    "--role",
    help="Role whose gaps to show first (default: the target role, else the best match).",
)
@click.option(
    "--from",
    "first",
    metavar="DAY|N",
    help="The earlier assessment: its day (YYYY-MM-DD) or number (1 = the oldest).",
)
@click.option(
    "--to",
    "last",
    metavar="DAY|N",
    help="The later assessment: its day or number (-1 = the newest).",
)
@click.option(
    "--responses",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_RESPONSES_DIR,
    show_default=True,
    help="Where to look for a person given by name.",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def progress(
    person: tuple[str, ...],
    questionnaire: str | None,
    role: str | None,
    first: str | None,
    last: str | None,
    responses: Path,
    fmt: str,
) -> None:
    """What changed between a person's last two assessments (or the ones chosen): per
    skill the proficiency, per role readiness and match, and the gaps closed and opened.

    PERSON is a name as typed in the survey, or a response file: its earlier assessments
    are found in its history folder (responses/<name>/history/). Several files compare
    the oldest with the newest of them. Assessments of different questionnaires or
    versions are compared on the skills both assess; the others are listed.
    """
    from assess.person.progress import choose, compare, timeline
    from assess.person.record import find_response, labels, load_record
    from assess.person.text import progress_json, render_progress

    if len(person) == 1:
        record = load_record(find_response(person[0], responses), questionnaire, ratings=False)
        if not record.assessments:
            raise UsageError(
                f"{person[0]}: a rating by someone else, not an assessment; "
                "progress compares a person's own assessments"
            )
        assessments = record.assessments
        left_out, notes = record.left_out, list[str]()
    else:
        assessments, left_out, notes = _given(person, questionnaire)
    older, newer, passed_over = choose(assessments, first, last)
    names = labels(assessments)
    compared = compare(
        older,
        newer,
        role,
        names[assessments.index(older)],
        names[assessments.index(newer)],
    )
    series = timeline(assessments) if len(assessments) > 2 else None
    notes = [*notes, *passed_over]
    if fmt == "json":
        sys.stdout.write(progress_json(compared, timeline=series, left_out=left_out, notes=notes))
    else:
        from rich.console import Console

        render_progress(compared, Console(), timeline=series, left_out=left_out, notes=notes)


def _given(
    paths: tuple[str, ...], questionnaire: str | None
) -> tuple[list[Assessment], list[LeftOut], list[str]]:
    """Assessments named one by one: all about one person (the newest one's), oldest first."""
    from assess.person.record import load_record, same_person

    assessments = []
    for name in paths:
        record = load_record(Path(name), questionnaire, history=False, ratings=False)
        if not record.assessments:
            raise UsageError(f"{name}: a rating by someone else, not an assessment")
        assessments.append(record.assessments[-1])
    assessments.sort(key=lambda a: a.when)
    who = assessments[-1].response.respondent
    from assess.person.record import LeftOut

    left_out: list[LeftOut] = []
    kept = []
    for a in assessments:
        if same_person(who, a.response.respondent):
            kept.append(a)
        else:
            left_out.append(LeftOut(a.path, f"about {a.response.respondent.name}, not {who.name}"))
    if left_out:
        raise UsageError(
            "the files are not all about one person: "
            + "; ".join(f"{x.path} is {x.reason}" for x in left_out)
        )
    return kept, left_out, []
