"""The ``assess plan`` command: a thin shell over ``assess.learning``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assess.cli.common import echo_error

DEFAULT_STEPS = 5
"""``assess.learning.build.DEFAULT_STEPS``, repeated here: importing it would load pydantic
with every command (``assess take`` draws its first screen without it)."""


@click.command()
@click.argument("response", type=click.Path(path_type=Path))
@click.option(
    "-q",
    "--questionnaire",
    help="Questionnaire file or built-in name (default: the one the response names).",
)
@click.option(
    "-r",
    "--role",
    help="Role to plan for (default: the respondent's target role, else the best-matching "
    "role, else the role with the highest readiness).",
)
@click.option(
    "-n",
    "--steps",
    type=click.IntRange(1, 100),
    default=DEFAULT_STEPS,
    show_default=True,
    help="Level steps in the plan, taken gap by gap (largest gap first).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
@click.option(
    "--learning",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Learning catalogue YAML (default: the built-in questionnaires/catalogue/learning.yaml).",
)
def plan(
    response: Path,
    questionnaire: str | None,
    role: str | None,
    steps: int,
    fmt: str,
    learning: Path | None,
) -> None:
    """A learning plan for one response: the top gaps of a role, each with the level
    steps from the current level to the required one - what to practise, what to read
    and how long it usually takes - and the total effort.

    Exits 2 (with the reason, no traceback) for an unreadable or foreign response, an
    unknown role or a broken learning catalogue.
    """
    from assess.learning import build_plan, load_learning
    from assess.learning.render import render_json, render_markdown, render_text
    from assess.person.record import report_record
    from assess.scorable import check_role

    # A rating of someone (responses/<them>/ratings/...) plans for them, from their own
    # answers, as the report does: a plan is the person's, never a rater's view of them.
    record = report_record(response, questionnaire)
    current = record.current
    assert current is not None
    q, result = current.questionnaire, current.result
    check_role([r.id for r in q.roles], role)
    if current.path != response:
        echo_error(
            f"{response} is a rating of {record.subject.name}: a plan from their own answers"
        )
    catalogue = load_learning(learning)
    source = str(learning) if learning is not None else "built-in"
    the_plan = build_plan(q, result, catalogue, role=role, max_steps=steps, source=source)
    if fmt == "json":
        sys.stdout.write(render_json(the_plan))
    elif fmt == "md":
        sys.stdout.write(render_markdown(the_plan))
    else:
        from rich.console import Console

        render_text(the_plan, Console())
