"""`assess team`: score a whole team and write its report and exports."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from assess.cli.common import echo_error, for_terminal
from assess.errors import UsageError


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-q",
    "--questionnaire",
    help="Only responses to this questionnaire (a file or built-in name); the others are "
    "listed as skipped. Default: each response is scored against the built-in "
    "questionnaire it names, and those of one catalogue are shown together.",
)
@click.option(
    "--roles",
    help="Role ids to plan for and staff, with optional head counts: "
    "ml-engineer:2,data-engineer (default: plan for all roles, staff none).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("reports/team.html"),
    show_default=True,
    help="Team report (self-contained HTML).",
)
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write tidy CSV files into this folder.",
)
@click.option(
    "--xlsx", type=click.Path(path_type=Path, dir_okay=False), help="Also write an Excel workbook."
)
@click.option(
    "--parquet",
    "parquet_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write the tidy tables as typed Parquet files into this folder (for pandas, "
    "DuckDB, Polars).",
)
@click.option(
    "--anonymize",
    is_flag=True,
    help="Replace names and teams with stable pseudonyms everywhere (report, terminal, "
    "exports), fold teams of fewer than 5 people into 'other teams'; drop e-mails and "
    "file names.",
)
@click.option(
    "--pseudonym-key",
    envvar="ASSESS_PSEUDONYM_KEY",
    metavar="KEY",
    help="Secret for --anonymize (or $ASSESS_PSEUDONYM_KEY): pseudonyms stay stable for "
    "the same key, and nobody without it can recompute one from a guessed name.",
)
@click.option("--strict", is_flag=True, help="Exit 2 if any input could not be used.")
def team(
    inputs: tuple[Path, ...],
    questionnaire: str | None,
    roles: str | None,
    out: Path,
    csv_dir: Path | None,
    xlsx: Path | None,
    parquet_dir: Path | None,
    anonymize: bool,
    pseudonym_key: str | None,
    strict: bool,
) -> None:
    """Score a team: response files, folders of them, or JSON-lines files.

    Lists every input that could not be used with its reason and scores the rest; shows
    who fits which role, single points of failure, uncovered skills, and what to hire or
    train next. Exits 0 unless --strict and something was skipped, or nothing was scored.
    """
    from assess.loading import load_questionnaire, resolve_questionnaire
    from assess.team import anonymize_batch, load_batch, score_team
    from assess.team.progress import batch_progress
    from assess.team.staffing import parse_seats
    from assess.team.terminal import MAX_INPUTS_SHOWN, print_summary

    q = load_questionnaire(resolve_questionnaire(questionnaire)) if questionnaire else None
    # (without -q, the roles are known once the responses have named their questionnaires)
    seats = parse_seats(roles, [r.id for r in q.roles]) if roles and q is not None else None

    source = click.get_current_context().get_parameter_source("pseudonym_key")
    if source is click.core.ParameterSource.COMMANDLINE and not anonymize:
        raise UsageError("--pseudonym-key only applies with --anonymize")
    _check_outputs(out, csv_dir, xlsx, parquet_dir)
    with batch_progress("Reading responses") as progress:
        batch = load_batch(q, inputs, on_record=progress.tick, on_found=progress.found)
    anonymized = anonymize_batch(batch, pseudonym_key) if anonymize else False
    for note in batch.notes:
        echo_error(f"note: {note}")
    if not len(batch):
        for skipped in batch.skipped[:MAX_INPUTS_SHOWN]:
            echo_error(f"skipped {skipped.source}: {skipped.reason}")
        if len(batch.skipped) > MAX_INPUTS_SHOWN:
            echo_error(f"… and {len(batch.skipped) - MAX_INPUTS_SHOWN:,} more skipped input(s)")
        raise UsageError("no response could be scored")
    q = batch.questionnaire  # (with -q, that one; else the one most people answered)
    if roles and seats is None:
        seats = parse_seats(roles, [r.id for r in q.roles])
    scored = score_team(q, batch, seats=seats)
    from rich.console import Console

    from assess.learning import load_learning
    from assess.report.team import team_summary, write_team_report
    from assess.team.summary import PEOPLE_SHOWN

    summary = team_summary(q, scored, anonymized, learning=load_learning())

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit(1) before the report is written
            _silence_stdout()
            self.quiet = True

    with _printing():
        print_summary(summary, _Console())
    path = write_team_report(q, scored, out, summary=summary)
    _say(f"Team report written to {path}")
    if len(scored.batch) > PEOPLE_SHOWN:
        _say(
            f"  (its person-by-person sections list the first {PEOPLE_SHOWN:,} of "
            f"{len(scored.batch):,} people; --csv/--xlsx export everyone)"
        )
    if csv_dir or xlsx or parquet_dir:
        from assess.team.export import write_csv, write_parquet, write_xlsx

        if csv_dir:
            written = write_csv(scored, csv_dir)
            _say(f"CSV files written to {csv_dir}: {', '.join(p.name for p in written)}")
        if parquet_dir:
            written = write_parquet(scored, parquet_dir)
            _say(f"Parquet files written to {parquet_dir}: {', '.join(p.name for p in written)}")
        if xlsx:
            book = write_xlsx(scored, xlsx)
            _say(f"Workbook written to {book}")
    if strict and batch.skipped:
        click.echo(f"--strict: {len(batch.skipped)} input(s) could not be used", err=True)
        raise SystemExit(2)


def _check_outputs(
    out: Path, csv_dir: Path | None, xlsx: Path | None, parquet_dir: Path | None
) -> None:
    """Refuse a link or a special file among the outputs before any work is done (each
    is checked again as it is written)."""
    from assess.outfile import check_target
    from assess.team.export import TABLES

    check_target(out)
    if xlsx is not None:
        check_target(xlsx)
    for folder, suffix in ((csv_dir, "csv"), (parquet_dir, "parquet")):
        if folder is not None:
            for name in TABLES:
                check_target(folder / f"{name}.{suffix}")


@contextmanager
def _printing() -> Iterator[None]:
    """`assess team ... | head` closes the terminal output early: from then on print into
    nothing, but go on writing the report and the exports."""
    try:
        yield
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _say(text: str) -> None:
    with _printing():
        click.echo(for_terminal(text))
