"""``assess items``: item quality for questionnaire authors (loading and output glue)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import echo_error, for_terminal
from assess.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from assess.model.questionnaire import Questionnaire
    from assess.quality.analysis import ItemAnalysis
    from assess.team.batch import Batch

SKIPPED_SHOWN = 30


@click.command("items")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-q",
    "--questionnaire",
    help="Questionnaire file or built-in name (default: the one the responses name; if "
    "they name several, pick one with -q: the others are then listed as skipped).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("reports/items.html"),
    show_default=True,
    help="Item-quality page (self-contained HTML).",
)
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write items.csv, options.csv, areas.csv and flags.csv into this folder.",
)
def items(
    inputs: tuple[Path, ...], questionnaire: str | None, out: Path, csv_dir: Path | None
) -> None:
    """Item quality for authors: which knowledge checks to keep, review or rewrite.

    INPUTS are response files, folders of them and JSON-lines files, read as `assess team`
    reads them. Per knowledge check: difficulty, discrimination, option use and a verdict;
    per area: Cronbach's alpha of the self-ratings; respondents flagged for straight-lining
    or speeding. Exits 0 once the page is written, 2 if nothing could be analysed.
    """
    from assess.loading import load_questionnaire, resolve_questionnaire
    from assess.quality.analysis import analyse_items
    from assess.team.analysis import unique_labels
    from assess.team.batch import load_batch
    from assess.team.progress import batch_progress

    source = resolve_questionnaire(questionnaire) if questionnaire else _named_questionnaire(inputs)
    q = load_questionnaire(source)
    with batch_progress("Reading responses") as progress:
        batch = load_batch(q, inputs, on_record=progress.tick, on_found=progress.found)
    if questionnaire is None and batch.skipped:
        _only_one_named(inputs)  # were some skipped for answering another questionnaire?
    if not len(batch):
        for skipped in batch.skipped[:SKIPPED_SHOWN]:
            echo_error(f"skipped {skipped.source}: {skipped.reason}")
        raise UsageError(f"no response to '{q.id}' v{q.version} could be analysed")
    result = analyse_items(
        q, batch.plan, batch.codes, batch.people.durations, unique_labels(batch.names), batch.teams
    )
    from rich.console import Console

    from assess.report.items import write_csv, write_items_page

    print_summary(q, result, batch, Console(highlight=False, soft_wrap=True))
    write_items_page(q, result, batch, out)
    click.echo(f"Item report written to {out}")
    if csv_dir:
        written = write_csv(result, csv_dir)
        click.echo(f"CSV files written to {csv_dir}: {', '.join(p.name for p in written)}")


def _named_questionnaire(inputs: Iterable[Path]) -> Path:
    """The built-in questionnaire the first readable response names (the batch then
    lists any response to another, and ``_only_one_named`` turns that into a usage error);
    a usage error if it is not built in or is another version."""
    from assess.loading import load_questionnaire
    from assess.paths import builtin_dir, resolve_questionnaire

    first = next(iter(questionnaires_named(inputs, first_only=True)), None)
    if first is None:  # nothing readable: load the default and let the batch list why
        return resolve_questionnaire(None)
    qid, version = first
    path = builtin_dir() / f"{qid}.yaml"
    if not qid.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        _only_one_named(inputs)
        raise UsageError(
            f"the responses answer questionnaire {qid!r}, which is not built in: pass its "
            "file with -q FILE"
        )
    built_in = load_questionnaire(path).version
    if built_in != version:
        _only_one_named(inputs)
        raise UsageError(
            f"the responses answer version {version!r} of {qid!r}; the built-in one is version "
            f"{built_in!r}: pass the file of version {version!r} with -q FILE"
        )
    return path


def _only_one_named(inputs: Iterable[Path]) -> None:
    """A usage error if the responses name several questionnaires (or versions): item
    statistics are per questionnaire version, so the person picks one with -q."""
    named = questionnaires_named(inputs)
    if len(named) > 1:
        listed = ", ".join(
            f"{qid!r} v{version!r}: {n:,}" for (qid, version), n in named.most_common()
        )
        raise UsageError(
            f"the responses answer {len(named)} questionnaires ({listed}); item statistics "
            "are per questionnaire version: pick one with -q (responses to the others are "
            "then listed as skipped)"
        )


def questionnaires_named(
    inputs: Iterable[Path], first_only: bool = False
) -> Counter[tuple[str, str]]:
    """(questionnaire id, version) -> how many readable records name it (msgspec reads
    only those two keys), or only the first one found; records it cannot read are left
    for the batch, which lists them with the reason."""
    import msgspec

    from assess.team.batch import iter_records

    class Named(msgspec.Struct):
        questionnaire_id: str
        questionnaire_version: str

    decode = msgspec.json.Decoder(Named).decode
    found: Counter[tuple[str, str]] = Counter()
    for _, raw in iter_records(inputs):
        if isinstance(raw, bytes):
            try:
                named = decode(raw)
            except (msgspec.DecodeError, ValueError):
                continue
            found[named.questionnaire_id, named.questionnaire_version] += 1
            if first_only:
                break
    return found


def print_summary(q: Questionnaire, result: ItemAnalysis, batch: Batch, console: Console) -> None:
    """Counts of verdicts, the checks to rewrite, alpha per area, how many were flagged.
    Names and file names are data: printed with markup off."""
    from rich.text import Text

    from assess.quality.analysis import verdict_counts

    header = Text(for_terminal(q.title), style="bold")
    header.append(
        for_terminal(
            f" v{q.version}: {result.respondents:,} response(s) analysed, "
            f"{len(batch.skipped):,} input(s) skipped, {len(batch.duplicates):,} duplicate(s)"
        )
    )
    console.print(header)
    for skipped in batch.skipped[:SKIPPED_SHOWN]:
        console.print(for_terminal(f"  skipped {skipped.source}: {skipped.reason}"), markup=False)
    if len(batch.skipped) > SKIPPED_SHOWN:
        console.print(f"  … and {len(batch.skipped) - SKIPPED_SHOWN:,} more (see the report)")
    counts = verdict_counts(result.items)
    line = (
        f"\nKnowledge checks ({len(result.items)}): {counts['keep']} keep, "
        f"{counts['review']} review, {counts['rewrite']} rewrite"
    )
    if counts["too few responses"]:
        line += (
            f", {counts['too few responses']} with too few responses "
            f"(under {result.min_responses} answers)"
        )
    console.print(line, markup=False)
    rewrite = result.items[result.items["verdict"] == "rewrite"]
    for row in rewrite.itertuples():
        console.print(for_terminal(f"  rewrite {row.question}: {row.reason}"), markup=False)
    console.print(
        "\nSelf-ratings, Cronbach's alpha per area (0.70 is the usual floor):", markup=False
    )
    for area in result.areas.itertuples():
        value = "—" if area.verdict not in ("ok", "low") else f"{area.alpha:.2f}"
        console.print(
            for_terminal(
                f"  {area.name}: {value} ({area.verdict}; {area.ratings} self-rating(s), "
                f"N = {area.n:,})"
            ),
            markup=False,
        )
    flags = result.careless.flags
    console.print(
        f"\nCareless responding: {len(flags):,} respondent(s) flagged "
        f"({int(flags['straight_lining'].sum()):,} straight-lining, "
        f"{int(flags['speeding'].sum()):,} speeding); still counted, listed in the report",
        markup=False,
    )
