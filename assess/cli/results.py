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
    where: dict[int, Path] = {}  # (a response's file: other raters' ratings are beside it)
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
        where[id(response)] = path
    from assess.person.record import with_other_raters

    results = []
    for q, plan, batch in groups.values():
        scored = score_responses(q, batch, plan)
        results += [
            with_other_raters(r, where[id(x)], q, plan, x)
            for r, x in zip(scored, batch, strict=True)
        ]
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
@click.option(
    "--peers",
    type=click.Path(path_type=Path),
    help="A folder of responses: add your percentile among them per skill and role (only "
    "with at least 5 other people in it; nobody is named).",
)
def report(
    response: Path,
    questionnaire: str | None,
    role: str | None,
    out: Path | None,
    open_it: bool,
    peers: Path | None,
) -> None:
    """Write a self-contained HTML report (radar chart, fits, gaps, what to learn next) for
    one response; with the earlier assessments kept in its history (since last time) and
    other people's ratings (self and others) found beside it.

    The file works offline and can be shared: plotly.js is inlined, nothing is fetched.
    """
    from assess.person.record import report_record
    from assess.report import write_personal_report

    record = report_record(response, questionnaire)
    current = record.current
    assert current is not None
    q, result = current.questionnaire, current.result
    check_role([r.id for r in q.roles], role)
    standing = None
    if peers is not None:
        from assess.person.peers import standing as place_among

        standing = place_among(q, current.plan, result, peers)
        if not standing.enough:
            echo_error(standing.notes[0])
    for item in record.left_out:
        echo_error(f"not used: {item.path}: {item.reason}")
    if current.path != response:
        click.echo(
            for_terminal(f"{response} is a rating of {record.subject.name}: reporting on them")
        )
    path = write_personal_report(q, result, out=out, role=role, record=record, standing=standing)
    click.echo(for_terminal(f"Report written to {path}"))
    if open_it:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())
