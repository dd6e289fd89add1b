"""`assess score` and `assess report`: results of response files, as text or a page."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import check_role, echo_error, for_terminal, load_scorable
from assess.errors import InputFileError

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.scoring import ScoringPlan


@click.command()
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
    from assess.result_text import render_csv, render_json, render_table
    from assess.scoring import score_responses

    groups: dict[tuple[str, str], tuple[Questionnaire, ScoringPlan, list[Response]]] = {}
    failed = 0
    for path in responses:
        try:
            q, plan, response = load_scorable(path, questionnaire)
            check_role([r.id for r in q.roles], role)
        except InputFileError as exc:
            failed += 1
            echo_error(str(exc))
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

    q, plan, loaded = load_scorable(response, questionnaire)
    check_role([r.id for r in q.roles], role)
    result = score_responses(q, [loaded], plan)[0]
    path = write_personal_report(q, result, out=out, role=role)
    click.echo(for_terminal(f"Report written to {path}"))
    if open_it:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())
