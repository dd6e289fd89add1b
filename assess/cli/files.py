"""`assess validate` and `assess schema`: checking files and printing their formats."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import echo_error, for_terminal, load_scorable
from assess.errors import UserError


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check questionnaire YAML files (and learning catalogues, response JSON files).

    Prints every problem with file:line, the field and a fix. Exits 0 when all files
    are valid, 2 otherwise.
    """
    from assess.learning import is_learning_file, load_learning
    from assess.loading import load_questionnaire

    failed = 0
    for path in paths:
        try:
            if path.suffix.lower() == ".json":
                load_scorable(path, None)
                click.echo(for_terminal(f"{path}: valid response"))
            elif is_learning_file(path):
                c = load_learning(path)
                click.echo(
                    for_terminal(
                        f"{path}: valid learning catalogue — {len(c.skills)} skills, "
                        f"{c.step_count()} steps, {len(c.resources)} resources"
                    )
                )
            else:
                q = load_questionnaire(path)
                click.echo(
                    for_terminal(
                        f"{path}: valid — {q.title} v{q.version}: {len(q.skills)} skills, "
                        f"{len(q.questions)} questions, {len(q.roles)} roles"
                    )
                )
        except UserError as exc:
            failed += 1
            echo_error(str(exc))
    if failed:
        click.echo(f"{failed} of {len(paths)} file(s) invalid", err=True)
        raise SystemExit(2)


@click.command()
@click.argument(
    "kind", type=click.Choice(["questionnaire", "response", "result", "learning", "plan"])
)
def schema(kind: str) -> None:
    """Print the JSON Schema of a questionnaire, response, result, learning catalogue or
    learning plan (assess plan -f json)."""
    import json

    from pydantic import BaseModel

    from assess.model.learning import LearningCatalogue
    from assess.model.learning_plan import LearningPlan
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.model.result import RespondentResult

    models: dict[str, type[BaseModel]] = {
        "questionnaire": Questionnaire,
        "response": Response,
        "result": RespondentResult,
        "learning": LearningCatalogue,
        "plan": LearningPlan,
    }
    model = models[kind]
    click.echo(json.dumps(model.model_json_schema(), indent=2))
