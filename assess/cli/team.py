"""`assess team`: score a whole team and write its report and exports."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from assess.cli.common import echo_error, for_terminal
from assess.errors import UsageError

if TYPE_CHECKING:
    from assess.scoring.raters import RaterPolicy


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
@click.option(
    "--history",
    is_flag=True,
    help="Also read each person's history/ folder and show the team over time: at the end "
    "of each period, each person's newest finished assessment by then.",
)
@click.option(
    "--by",
    type=click.Choice(["auto", "day", "week", "month", "quarter", "year"]),
    default="auto",
    show_default=True,
    help="With --history: one point per period; auto takes the finest that gives at most "
    "12 points.",
)
@click.option(
    "--raters",
    type=click.Choice(["self", "others", "others_else_self", "self_and_others"]),
    default="self",
    show_default=True,
    help="Whose levels the team view uses: each person's own (self), other raters' "
    "(managers, and peers only as the mean of 3 or more), others' where there are any "
    "else self, or the mean of both.",
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
    history: bool,
    by: str,
    raters: str,
    strict: bool,
) -> None:
    """Score a team: response files, folders of them, or JSON-lines files.

    Lists every input that could not be used with its reason and scores the rest; shows
    who fits which role, single points of failure, uncovered skills, and what to hire or
    train next. Exits 0 unless --strict and something was skipped, or nothing was scored.
    """
    from assess.loading import load_questionnaire, resolve_questionnaire
    from assess.malloc import return_large_blocks
    from assess.team import anonymize_batch, load_batch, score_team
    from assess.team.progress import batch_progress
    from assess.team.staffing import parse_seats
    from assess.team.terminal import MAX_INPUTS_SHOWN, print_summary

    q = load_questionnaire(resolve_questionnaire(questionnaire)) if questionnaire else None
    # (without -q, the roles are known once the responses have named their questionnaires)
    seats = parse_seats(roles, [r.id for r in q.roles]) if roles and q is not None else None

    context = click.get_current_context()
    source = context.get_parameter_source("pseudonym_key")
    if source is click.core.ParameterSource.COMMANDLINE and not anonymize:
        raise UsageError("--pseudonym-key only applies with --anonymize")
    if context.get_parameter_source("by") is click.core.ParameterSource.COMMANDLINE and not history:
        raise UsageError("--by only applies with --history")
    _check_outputs(out, csv_dir, xlsx, parquet_dir)
    with batch_progress("Reading responses") as progress:
        batch = load_batch(q, inputs, on_record=progress.tick, on_found=progress.found)
    return_large_blocks()  # (from here on, per-person arrays come and go)
    for note in batch.notes:
        echo_error(f"note: {note}")
    if not len(batch):
        for skipped in batch.skipped[:MAX_INPUTS_SHOWN]:
            echo_error(f"skipped {skipped.source}: {skipped.reason}")
        if len(batch.skipped) > MAX_INPUTS_SHOWN:
            echo_error(f"… and {len(batch.skipped) - MAX_INPUTS_SHOWN:,} more skipped input(s)")
        raise UsageError("no response could be scored")
    given = q  # (-q; else each response's own, read from the built-in ones)
    q = batch.questionnaire  # (with -q, that one; else the one most people answered)
    if roles and seats is None:
        seats = parse_seats(roles, [r.id for r in q.roles])
    from assess.team.extras import read_extras

    extras = read_extras(  # (before --anonymize: it reads the people's folders)
        batch,
        inputs,
        questionnaire=given,
        history=history,
        policy=cast("RaterPolicy", raters),
        dated=bool(csv_dir or xlsx or parquet_dir),
    )
    anonymized = anonymize_batch(batch, pseudonym_key) if anonymize else False
    scored = score_team(q, batch, seats=seats, rescore=extras.rescore)
    from rich.console import Console

    from assess.learning import load_learning
    from assess.report.team import team_summary, write_team_report
    from assess.team.summary import PEOPLE_SHOWN

    trend = extras.trend(
        q,
        scored.analysis.target_roles,
        by=by,
        labels=batch.names,
        anonymize_key=pseudonym_key,
        anonymized=anonymize,
    )
    summary = team_summary(
        q, scored, anonymized, learning=load_learning(), trend=trend, raters=extras.raters
    )

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
        from assess.team.extras import trend_tables

        assessed, extra = extras.assessed, trend_tables(trend)

        if csv_dir:
            written = write_csv(scored, csv_dir, assessed=assessed, extra=extra)
            _say(f"CSV files written to {csv_dir}: {', '.join(p.name for p in written)}")
        if parquet_dir:
            written = write_parquet(scored, parquet_dir, assessed=assessed, extra=extra)
            _say(f"Parquet files written to {parquet_dir}: {', '.join(p.name for p in written)}")
        if xlsx:
            book = write_xlsx(scored, xlsx, assessed=assessed, extra=extra)
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
