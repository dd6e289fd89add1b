"""`assess score` and `assess report`: results of response files, as text or a page."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import check_role, echo_error, for_terminal

if TYPE_CHECKING:
    from assess.team.forms import Form
    from assess.team.inputs import Skipped


@click.command()
@click.argument("responses", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-q",
    "--questionnaire",
    help="Questionnaire file or built-in name (default: the one each response names); "
    "responses to any other are listed as not scored.",
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
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="json: one array; jsonl: one result per line; csv: one row per person x skill "
    "and per person x role.",
)
def score(
    responses: tuple[Path, ...], questionnaire: str | None, role: str | None, fmt: str
) -> None:
    """Score response files, folders of them and JSON-lines files against the roles of
    their questionnaire.

    Results are written as they are scored (memory stays flat, whatever the number of
    files). Inputs that cannot be scored are listed on stderr with the reason; the rest
    are scored. Exits 2 if any could not be scored.
    """
    from assess.malloc import keep_freed_memory
    from assess.result_workers import score_in_workers, workers_for
    from assess.result_writer import ResultWriter
    from assess.team.inputs import Skipped
    from assess.team.stream import stream_scores

    q = None
    if questionnaire is not None:
        from assess.loading import load_questionnaire, resolve_questionnaire

        q = load_questionnaire(resolve_questionnaire(questionnaire))
        check_role([r.id for r in q.roles], role)

    def named(form: Form) -> None:  # a questionnaire met for the first time
        check_role(list(form.plan.role_ids), role)

    keep_freed_memory()
    out = sys.stdout.buffer
    writer = ResultWriter(fmt, out, role)
    failed = total = 0
    try:
        workers = workers_for(fmt, responses, out)
        if workers:  # (a large input: read, scored and written by worker processes)
            total, failed = score_in_workers(responses, q, writer, workers, _skipped)
        else:
            for item in stream_scores(responses, q, on_form=named):
                if isinstance(item, Skipped):
                    failed += 1
                    _skipped(item)
                    continue
                total += len(item.people)
                writer.write(item)
        writer.close()
    except BrokenPipeError:  # `assess score ... | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if failed:
        click.echo(f"{failed} of {failed + total} input(s) could not be scored", err=True)
        raise SystemExit(2)


def _skipped(item: Skipped) -> None:
    """An input that cannot be scored, on stderr: ``file[:line]: reason``."""
    where = f"{item.source}:{item.line}" if item.line else item.source
    echo_error(f"{where}: {item.reason}")


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
