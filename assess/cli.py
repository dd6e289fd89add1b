"""The ``assess`` command: thin shells over the core. UserError -> message, exit 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess import __version__
from assess.errors import InputFileError, Problem, ResponseError, UsageError, UserError

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.scoring import ScoringPlan


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assess")
def cli() -> None:
    """Skills-gap assessment for data & ML teams.

    Take the survey (assess take), write a personal HTML report (assess report), plan
    what to learn (assess plan), score responses (assess score) or a whole team (assess
    team), import form exports (assess import), check questionnaire files (assess
    validate), see which knowledge checks work (assess items) or print the file formats
    (assess schema).
    """


# -- validate --------------------------------------------------------------------------------


@cli.command()
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
                _load_scorable(path, None)
                click.echo(f"{path}: valid response")
            elif is_learning_file(path):
                c = load_learning(path)
                click.echo(
                    f"{path}: valid learning catalogue — {len(c.skills)} skills, "
                    f"{c.step_count()} steps, {len(c.resources)} resources"
                )
            else:
                q = load_questionnaire(path)
                click.echo(
                    f"{path}: valid — {q.title} v{q.version}: {len(q.skills)} skills, "
                    f"{len(q.questions)} questions, {len(q.roles)} roles"
                )
        except UserError as exc:
            failed += 1
            click.echo(str(exc), err=True)
    if failed:
        click.echo(f"{failed} of {len(paths)} file(s) invalid", err=True)
        raise SystemExit(2)


# -- schema ----------------------------------------------------------------------------------


@cli.command()
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


# -- score -----------------------------------------------------------------------------------


_LOADED: dict[Path, tuple[Questionnaire, ScoringPlan]] = {}


def _load_scorable(
    path: Path, questionnaire: str | None
) -> tuple[Questionnaire, ScoringPlan, Response]:
    """Load a response and the questionnaire it answers; check they fit together."""
    from assess.loading import load_questionnaire, load_response, resolve_questionnaire
    from assess.scoring import AnswerMismatch, ScoringPlan

    response = load_response(path)
    try:
        source = resolve_questionnaire(questionnaire or response.questionnaire_id)
    except UsageError:
        if questionnaire is not None:
            raise
        source = Path(response.questionnaire_id)
    if questionnaire is None and not source.is_file():
        raise ResponseError(
            [
                Problem(
                    path,
                    None,
                    "questionnaire_id",
                    f"answers questionnaire '{response.questionnaire_id}', which is not built in",
                    "pass the questionnaire file with --questionnaire PATH",
                )
            ]
        )
    source = source.resolve()
    if source not in _LOADED:  # many responses share one questionnaire: load it once
        q = load_questionnaire(source)
        _LOADED[source] = (q, ScoringPlan.from_questionnaire(q))
    q, plan = _LOADED[source]
    reasons = plan.check_identity(response)
    if reasons:  # another questionnaire or version
        other = response.questionnaire_id != plan.questionnaire_id
        field = "questionnaire_id" if other else "questionnaire_version"
        raise ResponseError([Problem(path, None, field, r) for r in reasons])
    try:
        plan.encode(response.answers)
    except AnswerMismatch as exc:
        raise ResponseError([Problem(path, None, "answers", r) for r in exc.reasons]) from None
    return q, plan, response


def _check_role(ids: list[str], role: str | None) -> None:
    from assess.errors import did_you_mean

    if role is not None and role not in ids:
        raise UsageError(f"unknown role '{role}' ({did_you_mean(role, ids)})")


@cli.command()
@click.argument("responses", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-q",
    "--questionnaire",
    help="Questionnaire file or built-in name (default: the one each response names).",
)
@click.option(
    "-r",
    "--role",
    help="Role id to focus on (gaps shown for it; JSON/CSV "
    "limited to it). Default: the respondent's target role, else the best fit.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def score(
    responses: tuple[Path, ...], questionnaire: str | None, role: str | None, fmt: str
) -> None:
    """Score response files against the roles of their questionnaire.

    Files that cannot be scored are listed on stderr with the reason; the rest are
    scored. Exits 2 if any file could not be scored.
    """
    from assess.output import render_csv, render_json, render_table
    from assess.scoring import score_responses

    groups: dict[tuple[str, str], tuple[Questionnaire, ScoringPlan, list[Response]]] = {}
    failed = 0
    for path in responses:
        try:
            q, plan, response = _load_scorable(path, questionnaire)
            _check_role([r.id for r in q.roles], role)
        except InputFileError as exc:
            failed += 1
            click.echo(str(exc), err=True)
            continue
        groups.setdefault((q.id, q.version), (q, plan, []))[2].append(response)
    results = []
    for q, plan, batch in groups.values():
        results += score_responses(q, batch, plan)
    if fmt == "json":
        sys.stdout.write(render_json(results, role))
    elif fmt == "csv":
        sys.stdout.write(render_csv(results, role))
    else:
        from rich.console import Console

        render_table(results, Console(), role)
    if failed:
        click.echo(f"{failed} of {len(responses)} file(s) could not be scored", err=True)
        raise SystemExit(2)


# -- report ----------------------------------------------------------------------------------


@cli.command()
@click.argument("response", type=click.Path(path_type=Path))
@click.option(
    "-q",
    "--questionnaire",
    help="Questionnaire file or built-in name (default: the one the response names).",
)
@click.option(
    "-r",
    "--role",
    help="Role to compare with (default: the respondent's target "
    "role, else the best fit). The page can switch to any role.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="HTML file to write (default: reports/<name>.html).",
)
@click.option("--open", "open_it", is_flag=True, help="Open the report in the browser.")
def report(
    response: Path, questionnaire: str | None, role: str | None, out: Path | None, open_it: bool
) -> None:
    """Write a self-contained HTML report (radar chart, fits, gaps) for one response.

    The file works offline and can be shared: plotly.js is inlined, nothing is fetched.
    """
    from assess.report import write_personal_report
    from assess.scoring import score_responses

    q, plan, loaded = _load_scorable(response, questionnaire)
    _check_role([r.id for r in q.roles], role)
    result = score_responses(q, [loaded], plan)[0]
    path = write_personal_report(q, result, out=out, role=role)
    click.echo(f"Report written to {path}")
    if open_it:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


# -- take ------------------------------------------------------------------------------------


@cli.command()
@click.argument("questionnaire", required=False)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Response file to write (default: responses/<your-name>.json).",
)
@click.option("--name", help="Your name (skips the welcome screen).")
@click.option("--team", help="Your team (with --name).")
@click.option("--role", "target_role", help="Role id you are aiming for (with --name).")
def take(
    questionnaire: str | None,
    out: Path | None,
    name: str | None,
    team: str | None,
    target_role: str | None,
) -> None:
    """Take the self-assessment in the terminal.

    QUESTIONNAIRE is a file or a built-in name (ml-team, quick); default ml-team.
    Every answer is saved at once; run the same command again to resume.
    """
    if name is not None:  # as the welcome screen takes it: stripped, 1-200 characters
        name = name.strip()
        if not name:
            raise UsageError("--name must not be blank")
        if len(name) > 200:
            raise UsageError(f"--name is {len(name)} characters long; the limit is 200")
    if team is not None:
        team = team.strip() or None
    # Start-up must feel instant: with a current cache, the first screen is drawn from a
    # plain brief and pydantic loads after it is on screen (see assess.brief).
    from assess.brief import brief_of
    from assess.paths import resolve_questionnaire
    from assess.questionnaire_cache import read_brief

    path = resolve_questionnaire(questionnaire)
    brief = read_brief(path)
    q = None
    if brief is None:
        from assess.loading import load_questionnaire

        q = load_questionnaire(path)
        brief = brief_of(q)
    _check_role([role_id for role_id, _ in brief.roles], target_role)
    from assess.tui.app import make_app

    app = make_app(
        q,
        brief=brief,
        load=partial(_load_questionnaire, path),
        out=out,
        name=name,
        team=team,
        target_role=target_role,
    )
    app.run()
    if app.return_code:
        click.echo(app.exit_message, err=True)
        raise SystemExit(app.return_code)
    if app.exit_message:
        click.echo(app.exit_message)


def _load_questionnaire(path: Path) -> Questionnaire:
    from assess.loading import load_questionnaire

    return load_questionnaire(path)


# The team commands live in their own module; registering them here keeps one `assess`.
from assess.cli_plan import plan  # noqa: E402
from assess.cli_team import import_form, team  # noqa: E402
from assess.quality.command import items  # noqa: E402

cli.add_command(team)
cli.add_command(import_form)
cli.add_command(plan)
cli.add_command(items)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: a UserError is printed plainly; anything else is a bug."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None, prog_name="assess", standalone_mode=False
        )
    except UserError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(exc.exit_code) from None
    except BrokenPipeError:  # `assess ... | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # (so the exit's flush has nowhere to fail)
        raise SystemExit(1) from None
    except OSError as exc:  # an output the user named cannot be written (or read)
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
        raise SystemExit(1) from None
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        raise SystemExit(130) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except SystemExit:
        raise
    except KeyboardInterrupt:
        raise SystemExit(130) from None
