"""`assess validate` and `assess schema`: checking files and printing their formats."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import echo_error, for_terminal
from assess.errors import UsageError, UserError


@click.command()
@click.argument("paths", nargs=-1, required=True)
def validate(paths: tuple[str, ...]) -> None:
    """Check questionnaires, learning catalogues and responses: files, folders (searched
    recursively for .yaml, .yml and .json) and built-in names (ml-team, quick).

    Prints every problem with file:line, the field and a fix. Catalogue parts (areas,
    skills, roles) are checked through the questionnaires that include them. Exits 0 when
    all files are valid, 2 otherwise.
    """
    from assess.cli.validating import CATALOGUE_PART, expand, kind_of, validate_one

    targets = expand(paths)
    included: dict[Path, list[Path]] = {}
    failed = checked = 0
    for path in targets:
        if kind_of(path) == CATALOGUE_PART:
            continue  # (checked through the questionnaires that include it: below)
        checked += 1
        try:
            click.echo(for_terminal(validate_one(path, included)))
        except UserError as exc:
            failed += 1
            echo_error(str(exc))
    for path in targets:
        if kind_of(path) != CATALOGUE_PART:
            continue
        by = included.get(path.resolve())
        if by:
            names = ", ".join(str(q) for q in by)
            click.echo(for_terminal(f"{path}: catalogue part, valid as included by {names}"))
        else:
            checked += 1
            failed += 1
            echo_error(
                f"{path}: a catalogue part (areas, skills, roles) that no questionnaire given "
                "here includes\n    fix: validate the questionnaire that includes it"
            )
    if not targets:
        raise UsageError("no .yaml, .yml or .json file found in " + ", ".join(paths))
    if failed:
        click.echo(f"{failed} of {checked} file(s) invalid", err=True)
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


@click.command()
@click.argument("questionnaire", required=False)
def roles(questionnaire: str | None) -> None:
    """List the roles of a questionnaire (default ml-team): id, name, and the skills that
    set each role apart from the others. Use the ids with --role and --roles."""
    from assess.loading import load_questionnaire, resolve_questionnaire
    from assess.model.profiles import distinctive_skills

    q = load_questionnaire(resolve_questionnaire(questionnaire))
    click.echo(for_terminal(f"{q.title} v{q.version}: {len(q.roles)} roles"))
    width = max(len(role.id) for role in q.roles)
    for role in q.roles:
        apart = ", ".join(q.skill(s).name for s in distinctive_skills(q, role.id))
        click.echo(for_terminal(f"  {role.id:<{width}}  {role.name}"))
        click.echo(for_terminal(f"  {'':<{width}}  sets it apart: {apart or '—'}"))
