"""`assess import`: Google/Microsoft Forms exports to response files."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import echo_error, for_terminal
from assess.errors import UsageError


@click.command("import")
@click.argument("form", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-m",
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Mapping YAML (columns and answer texts -> question ids and answers).",
)
@click.option(
    "--init-mapping",
    is_flag=True,
    help="Write a starter mapping (to --mapping, default FORM.mapping.yaml) instead of importing.",
)
@click.option(
    "-q",
    "--questionnaire",
    default="ml-team",
    show_default=True,
    help="Questionnaire the form asked (for --init-mapping).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("responses"),
    show_default=True,
    help="Folder for response files.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace existing response files of the same names (by default a new file is "
    "written beside them, as NAME--2.json).",
)
def import_form(
    form: Path,
    mapping: Path | None,
    init_mapping: bool,
    questionnaire: str,
    out: Path,
    overwrite: bool,
) -> None:
    """Turn a Google Forms CSV or Microsoft Forms XLSX export into response files.

    First run with --init-mapping to draft the mapping; check it, then import with
    --mapping. Rows with unknown answer texts are imported without those answers, and
    every such case is listed.
    """
    from assess.importing import forms
    from assess.loading import load_questionnaire, resolve_questionnaire

    header, rows = forms.read_table(form)
    if init_mapping:
        target = mapping or form.with_suffix(".mapping.yaml")
        if target.exists():
            raise UsageError(f"{target} exists; pass another --mapping path or remove it")
        q = load_questionnaire(resolve_questionnaire(questionnaire))
        draft, notes = forms.init_mapping(q, questionnaire, header, rows)
        if not draft["questions"]:  # a mapping of nothing would import empty responses
            from assess.errors import Problem

            message = f"no column matches a question of '{q.id}' ({len(header)} column(s))"
            fix = (
                "check this is the export of a form built from this questionnaire (its "
                "columns must be the question texts), or name another with -q"
            )
            raise forms.FormError([Problem(form, 1, "", message, fix)])
        from assess.outfile import write_atomic

        write_atomic(target, forms.dump_mapping(draft))
        click.echo(
            f"Starter mapping written to {target}: {len(draft['questions'])} of "
            f"{len(q.questions)} questions matched."
        )
        for note in notes:
            click.echo(f"  {note}")
        return
    if mapping is None:
        raise UsageError("pass --mapping MAP.yaml (draft one with --init-mapping)")
    from assess.importing.rows import import_form as import_rows

    spec = forms.load_mapping(mapping)
    beside = mapping.parent / spec.questionnaire  # a file named relative to the mapping
    try:
        is_beside = beside.is_file()
    except (OSError, ValueError):
        is_beside = False
    q = load_questionnaire(beside if is_beside else resolve_questionnaire(spec.questionnaire))
    spec = forms.load_mapping(mapping, q)  # its question ids and answers, at their lines
    report = import_rows(q, spec, header, rows, out, overwrite=overwrite)
    for warning in report.warnings + report.skipped_rows:
        echo_error(f"warning: {warning}")
    click.echo(for_terminal(f"{len(report.written)} response file(s) written to {out}"))
    if report.skipped_rows:  # (as `assess score`: the rest are done, and the exit says so)
        echo_error(f"{len(report.skipped_rows)} row(s) not imported: see the warnings above")
        raise SystemExit(2)
