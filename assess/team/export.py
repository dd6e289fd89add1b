"""Exports of a team analysis: tidy CSV files and an XLSX workbook.

Both are written all-or-nothing (``assess.outfile``): the CSV files into a hidden folder
and moved into place together, the workbook to a temporary file renamed over the target.
Every text cell goes through ``safetext.for_spreadsheet``: names and teams come from
other people, and a cell such as ``=HYPERLINK(...)`` must stay text."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from assess.outfile import atomic_path, file_set
from assess.safetext import for_spreadsheet
from assess.team.analysis import GAP_COLUMNS, TeamAnalysis
from assess.team.batch import Batch
from assess.team.staffing import staffing_table


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell as ``for_spreadsheet`` makes it (each distinct
    value is looked at once: a gaps table repeats 100k names over millions of rows)."""
    changed = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype.kind in "biufcmM":  # numbers, booleans, times: no text
            continue
        mapping = {}
        for value in pd.unique(values):
            safe = for_spreadsheet(value)
            if safe is not value and safe != value:
                mapping[value] = safe
        if mapping:
            changed[str(column)] = values.map(lambda v, m=mapping: m.get(v, v))
    return frame.assign(**changed) if changed else frame


def tidy_skills(analysis: TeamAnalysis) -> pd.DataFrame:
    frame = (
        analysis.proficiency.rename_axis("respondent")
        .reset_index()
        .melt(id_vars="respondent", var_name="skill", value_name="proficiency")
    )
    return frame.round({"proficiency": 3})


def tidy_fits(analysis: TeamAnalysis) -> pd.DataFrame:
    """One row per person x role: match, readiness and coverage."""

    def melt(frame: pd.DataFrame, name: str) -> pd.DataFrame:
        return (
            frame.rename_axis("respondent")
            .reset_index()
            .melt(id_vars="respondent", var_name="role", value_name=name)
        )

    merged = melt(analysis.match, "match")
    for frame, name in ((analysis.readiness, "readiness"), (analysis.coverage, "coverage")):
        merged[name] = melt(frame, name)[name].to_numpy()
    return merged.round({"match": 1, "readiness": 2, "coverage": 4})


def skipped_table(batch: Batch) -> pd.DataFrame:
    """Every input that could not be used, with its reason."""
    rows = [(s.source, s.reason) for s in batch.skipped]
    return pd.DataFrame(rows, columns=["input", "reason"])


def duplicates_table(batch: Batch) -> pd.DataFrame:
    """Every pair of responses from one person: the one kept (newest) and the one not."""
    rows = [(d.person, d.kept, d.dropped) for d in batch.duplicates]
    return pd.DataFrame(rows, columns=["person", "kept", "ignored"])


CSV_NAMES = (
    "skills",
    "fits",
    "gaps",
    "risks",
    "hiring",
    "training",
    "staffing",
    "skipped",
    "duplicates",
    "trend",
    "history_skipped",
)
"""Every table an export may hold (``trend`` and ``history_skipped``: with ``--history``)."""

Tables = dict[str, Callable[[], Iterable[pd.DataFrame]]]


def with_assessed(
    frame: pd.DataFrame, column: str, assessed: dict[str, str | None] | None
) -> pd.DataFrame:
    """``frame`` with the day each person's response was finished (else last saved) in a
    last column, ``assessed``, looked up by the person in ``column``."""
    if assessed is None:
        return frame
    return frame.assign(assessed=frame[column].map(assessed))


def write_csv(
    analysis: TeamAnalysis,
    folder: Path,
    gaps: Iterable[pd.DataFrame],
    batch: Batch,
    *,
    assessed: list[str | None] | None = None,
    extra: Tables | None = None,
) -> list[Path]:
    """Tidy CSV files; ``gaps`` may come in parts (see ``gap_frames``), written in turn.
    All of them are moved into ``folder`` together once every one is complete.
    ``assessed``: per person (the analysis' rows), the day of their response; ``extra``:
    more tables by name (the team over time)."""
    days = _days(analysis, assessed)
    tables: Tables = {
        "skills": lambda: [with_assessed(tidy_skills(analysis), "respondent", days)],
        "fits": lambda: [with_assessed(tidy_fits(analysis), "respondent", days)],
        "gaps": lambda: (
            with_assessed(part, "person", days)
            for part in chain(gaps, [pd.DataFrame(columns=GAP_COLUMNS)])
        ),
        "risks": lambda: [analysis.risks],
        "hiring": lambda: [analysis.hiring],
        "training": lambda: [analysis.training],
        "staffing": lambda: [staffing_table(analysis.staffing)],
        "skipped": lambda: [skipped_table(batch)],
        "duplicates": lambda: [duplicates_table(batch)],
        **(extra or {}),
    }
    with file_set(folder) as files:
        for name in CSV_NAMES:  # (made one at a time: only one is in memory)
            if name not in tables:
                continue
            parts = tables[name]
            with open(files.path(f"{name}.csv"), "w", encoding="utf-8", newline="") as out:
                header = True
                for part in parts():
                    if header or len(part):
                        spreadsheet_safe(part).to_csv(
                            out, index=False, header=header, lineterminator="\n"
                        )
                        header = False
    return files.written


EXCEL_MAX_ROWS = 1_048_576
"""Rows in an Excel sheet, header included; longer tables continue on "name (2)" etc."""
_ROWS_AT_ONCE = 20_000  # rows turned into Python values at a time (memory stays flat)


def _to_sheets(
    book: Workbook, frame: pd.DataFrame, name: str, index_label: str | None = None
) -> None:
    if index_label is not None:
        frame = frame.rename_axis(index_label).reset_index()
    frame = spreadsheet_safe(frame)  # (no text starts with "=": none becomes a formula)
    per_sheet = EXCEL_MAX_ROWS - 1  # the header takes a row
    for part, start in enumerate(range(0, max(len(frame), 1), per_sheet), start=1):
        sheet = book.create_sheet(name if part == 1 else f"{name} ({part})")
        header = []
        for column in frame.columns:
            cell = WriteOnlyCell(sheet, value=str(column))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        stop = min(start + per_sheet, len(frame))
        for at in range(start, stop, _ROWS_AT_ONCE):
            rows = frame.iloc[at : min(at + _ROWS_AT_ONCE, stop)].astype(object)
            for row in rows.where(rows.notna(), None).itertuples(index=False, name=None):
                sheet.append(row)


def _days(
    analysis: TeamAnalysis, assessed: list[str | None] | None
) -> dict[str, str | None] | None:
    if assessed is None:
        return None
    return dict(zip(analysis.proficiency.index.tolist(), assessed, strict=True))


def write_xlsx(
    analysis: TeamAnalysis,
    path: Path,
    gaps: pd.DataFrame,
    batch: Batch,
    *,
    assessed: list[str | None] | None = None,
    extra: Tables | None = None,
) -> Path:
    """The workbook, streamed to disk sheet by sheet (openpyxl's write-only mode: a
    10,000-person team took 1.5 GB and 77 s through pandas' writer), then renamed over
    ``path`` once complete. ``assessed`` and ``extra`` as for ``write_csv``."""
    try:
        _write_book(analysis, path, gaps, batch, _days(analysis, assessed), extra or {})
    except BaseException:
        _quiet_openpyxl_cleanup()
        raise
    return path


def _write_book(
    analysis: TeamAnalysis,
    path: Path,
    gaps: pd.DataFrame,
    batch: Batch,
    days: dict[str, str | None] | None,
    extra: Tables,
) -> None:
    def wide(frame: pd.DataFrame) -> pd.DataFrame:
        if days is None:
            return frame
        dated = frame.copy()
        dated.insert(0, "assessed", [days[p] for p in frame.index])
        return dated

    with atomic_path(path) as tmp:  # (openpyxl streams the sheets to temporary files)
        book = Workbook(write_only=True)
        _to_sheets(book, wide(analysis.proficiency.round(3)), "skills", "respondent")
        _to_sheets(book, wide(analysis.match.round(1)), "match", "respondent")
        _to_sheets(book, wide(analysis.readiness.round(2)), "readiness", "respondent")
        _to_sheets(book, with_assessed(gaps, "person", days), "gaps")
        _to_sheets(book, wide(analysis.coverage.round(4)), "coverage", "respondent")
        _to_sheets(book, analysis.risks, "risks")
        _to_sheets(book, analysis.hiring, "hiring")
        _to_sheets(book, analysis.training, "training")
        _to_sheets(book, staffing_table(analysis.staffing), "staffing")
        _to_sheets(book, skipped_table(batch), "skipped inputs")
        _to_sheets(book, duplicates_table(batch), "duplicates")
        for name, parts in extra.items():
            _to_sheets(book, pd.concat(list(parts()), ignore_index=True), name.replace("_", " "))
        book.save(tmp)


def _quiet_openpyxl_cleanup() -> None:
    """After a failed write (a full disk), openpyxl's half-written sheets report the
    failure again as each is collected: some 80 lines of "Exception ignored in:
    <generator ...>". The error is reported once, by the caller; drop those."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        code = getattr(unraisable.object, "gi_code", None)
        if code is None or "openpyxl" not in code.co_filename:
            previous(unraisable)

    sys.unraisablehook = hook
