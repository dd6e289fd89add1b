"""Exports of a team analysis: tidy tables as CSV files, Parquet files, an XLSX workbook.

The tables are Arrow tables built from the score arrays (no Python object per cell):
every per-person table has ``person`` and ``team`` columns, numbers are rounded as the
report shows them. CSV and Parquet are written by pyarrow, the workbook's XML from the
same tables by Arrow's string kernels (``team.xlsx``); the gaps (about 70 rows a person)
are made and written a role at a time. Everything is all-or-nothing
(``assess.outfile``): the CSV and Parquet files into a hidden folder moved into place
together, the workbook to a temporary file renamed over the target. Every text cell goes
through ``safetext.for_spreadsheet`` (names and teams come from other people:
``=HYPERLINK(...)`` must stay text), and the workbook holds every text cell as a string,
never a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from assess.outfile import atomic_path, file_set
from assess.safetext import for_spreadsheet
from assess.scoring.gaps import role_gaps
from assess.team.batch import Batch
from assess.team.staffing import staffing_table

if TYPE_CHECKING:
    import pyarrow as pa

    from assess.team.scored import Team

TABLES = (
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
CSV_NAMES = TABLES  # (the CSV files: one per table)

Extra = dict[str, Callable[[], Iterable[pd.DataFrame]]]
"""More tables by name, each in parts (the team over time: ``extras.trend_tables``)."""
EXCEL_MAX_ROWS = 1_048_576
"""Rows in an Excel sheet, header included; longer tables continue on "name (2)" etc."""


def _safe(values: list[Any]) -> list[Any]:
    return [for_spreadsheet(v) for v in values]


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell as ``for_spreadsheet`` makes it (each distinct
    value is looked at once)."""
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


@dataclass
class _People:
    """The people as row labels (unique, made spreadsheet-safe) and their teams."""

    names: pa.Array
    teams: pa.Array
    assessed: pa.Array | None = None
    """The day each person's response was finished (else last saved), when known."""

    def columns(self, rows: pa.Array | None = None) -> dict[str, pa.Array]:
        """``person`` and ``team`` (of ``rows``, else of everyone)."""
        if rows is None:
            return {"person": self.names, "team": self.teams}
        return {"person": self.names.take(rows), "team": self.teams.take(rows)}

    def dated(self, table: pa.Table, rows: pa.Array | None = None) -> pa.Table:
        """``table`` with the ``assessed`` column last, when the days are known."""
        if self.assessed is None:
            return table
        days = self.assessed if rows is None else self.assessed.take(rows)
        return table.append_column("assessed", days)


def _people(team: Team, assessed: list[str | None] | None = None) -> _People:
    import pyarrow as pa

    labels = team.analysis.proficiency.index.tolist()
    return _People(
        pa.array(_safe(labels), pa.string()),
        pa.array(_safe(team.batch.teams), pa.string()),
        None if assessed is None else pa.array(assessed, pa.string()),
    )


def _float(values: np.ndarray, digits: int) -> pa.Array:
    import pyarrow as pa

    return pa.array(np.round(values, digits), pa.float64(), from_pandas=True)  # NaN: null


def _frame(
    frame: pd.DataFrame, rounding: dict[str, int] | None = None, digits: int | None = 4
) -> pa.Table:
    """A small analysis table as Arrow, text made spreadsheet-safe, numbers rounded
    (``rounding`` by column, else to ``digits``; None: as they are)."""
    import pyarrow as pa

    def _number(values: np.ndarray, column: str) -> pa.Array:
        places = (rounding or {}).get(column, digits)
        if places is None:
            return pa.array(values, pa.float64(), from_pandas=True)
        return _float(values, places)

    columns = {}
    for name in frame.columns:
        values = frame[name]
        if values.dtype.kind in "fc":
            columns[str(name)] = _number(values.to_numpy(dtype=float), str(name))
        elif values.dtype.kind in "biu":
            columns[str(name)] = pa.array(values.to_numpy())
        else:  # text, or numbers or flags with None among them (an object column)
            cells = values.tolist()
            given = [v for v in cells if v is not None and v == v]
            if given and all(isinstance(v, bool | np.bool_) for v in given):
                flags = [None if v is None or v != v else bool(v) for v in cells]
                columns[str(name)] = pa.array(flags, pa.bool_())
            elif given and all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in given
            ):
                numbers = np.array([np.nan if v is None else v for v in cells], dtype=float)
                columns[str(name)] = _number(numbers, str(name))
            else:
                text = [None if v is None or v != v else str(for_spreadsheet(v)) for v in cells]
                columns[str(name)] = pa.array(text, pa.string())
    return pa.table(columns) if columns else pa.table({})


def tidy_skills(team: Team, people: _People) -> pa.Table:
    import pyarrow as pa

    prof = team.scores.proficiency
    n, s = prof.shape
    rows = pa.array(np.repeat(np.arange(n, dtype=np.int32), s))
    skill_ids = pa.array(list(team.scores.plan.skill_ids), pa.string())
    table = pa.table(
        {
            **people.columns(rows),
            "skill": skill_ids.take(pa.array(np.tile(np.arange(s, dtype=np.int32), n))),
            "proficiency": _float(prof.reshape(-1), 3),
        }
    )
    return people.dated(table, rows)


def tidy_fits(team: Team, people: _People) -> pa.Table:
    """One row per person x role: match, readiness and coverage."""
    import pyarrow as pa

    scores = team.scores
    n, r = scores.readiness.shape
    rows = pa.array(np.repeat(np.arange(n, dtype=np.int32), r))
    role_ids = pa.array(list(scores.plan.role_ids), pa.string())
    table = pa.table(
        {
            **people.columns(rows),
            "role": role_ids.take(pa.array(np.tile(np.arange(r, dtype=np.int32), n))),
            "match": _float(scores.match.reshape(-1), 1),
            "readiness": _float(scores.readiness.reshape(-1), 2),
            "coverage": _float(scores.coverage_of(slice(None)).reshape(-1), 4),  # (not kept)
        }
    )
    return people.dated(table, rows)


GAP_COLUMNS = [
    "person",
    "team",
    "role",
    "skill",
    "current",
    "required",
    "importance",
    "weighted_gap",
]


def gap_tables(team: Team, people: _People) -> Iterator[pa.Table]:
    """Tidy gaps a role at a time (100k people make about 6M rows): one row per person x
    required skill below the role's level, for each target role; the gap rule and size
    are those of the results (``scoring.gaps``)."""
    import pyarrow as pa

    scores = team.scores
    plan = scores.plan
    prof = scores.proficiency
    skill_ids = pa.array(list(plan.skill_ids), pa.string())
    for role_id in team.analysis.target_roles:
        k = plan.role_ids.index(role_id)
        is_gap, weighted = role_gaps(prof, plan.required[k], plan.importance[k])
        person, skill = np.nonzero(is_gap)
        rows, cols = pa.array(person.astype(np.int32)), pa.array(skill.astype(np.int32))
        table = pa.table(
            {
                **people.columns(rows),
                "role": pa.repeat(pa.scalar(role_id, pa.string()), len(person)),
                "skill": skill_ids.take(cols),
                "current": _float(prof[person, skill], 3),
                "required": pa.array(plan.required[k][skill].astype(np.int64)),
                "importance": pa.array(plan.importance[k][skill].astype(np.int64)),
                "weighted_gap": _float(weighted[person, skill], 3),
            }
        )
        yield people.dated(table, rows)


def _training(team: Team) -> pd.DataFrame:
    frame = team.analysis.training
    teams = dict(zip(team.analysis.proficiency.index.tolist(), team.batch.teams, strict=True))
    if "team" not in frame.columns:
        team_column = pd.Series([teams.get(p) for p in frame["person"].tolist()], dtype=object)
        frame = frame.assign(team=team_column.to_numpy())
        order = ["skill", "skill_name", "level", "rank", "person", "team", "current", "shortfall"]
        frame = frame[[c for c in order if c in frame.columns]]
    return frame


STAFFING_DIGITS = {
    "readiness": 2,
    "match": 1,
    "coverage": 4,
    "runner_up_readiness": 2,
    "readiness_lost_without": 2,
}


def _staffing(team: Team) -> pd.DataFrame:
    """The staffing table (``staffing.staffing_table``) with each seated person's team
    beside them (an open seat has neither)."""
    frame = staffing_table(team.analysis.staffing)
    teams = dict(zip(team.analysis.proficiency.index.tolist(), team.batch.teams, strict=True))
    people = frame["person"].tolist()
    team_column = [None if p is None or p != p else teams.get(p) for p in people]
    frame.insert(list(frame.columns).index("person") + 1, "team", team_column)
    return frame


def skipped_table(batch: Batch) -> pd.DataFrame:
    """Every input that could not be used, with its reason."""
    rows = [(s.source, s.reason) for s in batch.skipped]
    return pd.DataFrame(rows, columns=["input", "reason"])


def duplicates_table(batch: Batch) -> pd.DataFrame:
    """Every pair of responses from one person: the one kept (newest) and the one not."""
    rows = [(d.person, d.kept, d.dropped) for d in batch.duplicates]
    return pd.DataFrame(rows, columns=["person", "kept", "ignored"])


def tables(
    team: Team, people: _People | None = None, extra: Extra | None = None
) -> Iterator[tuple[str, Callable[[], Iterator[pa.Table]]]]:
    """(name, a function giving the table in parts) for every export table, in order:
    only one table's parts need be in memory at a time. ``extra``: more tables by name
    (written as they are, numbers unrounded)."""
    people = people or _people(team)
    a, batch = team.analysis, team.batch
    yield "skills", lambda: iter([tidy_skills(team, people)])
    yield "fits", lambda: iter([tidy_fits(team, people)])
    yield "gaps", lambda: gap_tables(team, people)
    yield "risks", lambda: iter([_frame(a.risks, {"need": 3})])
    yield "hiring", lambda: iter([_frame(a.hiring, {"covers_need": 3, "share": 4})])
    yield "training", lambda: iter([_frame(_training(team), {"current": 3, "shortfall": 3})])
    yield "staffing", lambda: iter([_frame(_staffing(team), STAFFING_DIGITS)])
    yield "skipped", lambda: iter([_frame(skipped_table(batch))])
    yield "duplicates", lambda: iter([_frame(duplicates_table(batch))])
    for name, parts in (extra or {}).items():
        yield name, lambda parts=parts: (_frame(part, digits=None) for part in parts())  # type: ignore[misc]


def write_csv(
    team: Team,
    folder: Path,
    *,
    assessed: list[str | None] | None = None,
    extra: Extra | None = None,
) -> list[Path]:
    """Tidy CSV files, written by pyarrow; moved into ``folder`` together once every one
    is complete. ``assessed``: per person (the analysis' rows), the day of their
    response, a last column of every per-person table; ``extra``: more tables by name
    (the team over time)."""
    import pyarrow.csv as pacsv

    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    with file_set(folder) as files:
        for name, parts in tables(team, _people(team, assessed), extra):
            with open(files.path(f"{name}.csv"), "wb") as out:
                header = False
                for part in parts():
                    if not header:
                        out.write((",".join(part.column_names) + "\n").encode())
                        header = True
                    if part.num_rows:
                        pacsv.write_csv(part, out, options)
    return files.written


def write_parquet(
    team: Team,
    folder: Path,
    *,
    assessed: list[str | None] | None = None,
    extra: Extra | None = None,
) -> list[Path]:
    """The same tables as Parquet files (typed: numbers as numbers, none as null), for
    pandas, DuckDB or Polars; moved into ``folder`` together once every one is complete.
    ``assessed`` and ``extra`` as for ``write_csv``."""
    import pyarrow.parquet as pq

    with file_set(folder) as files:
        for name, parts in tables(team, _people(team, assessed), extra):
            writer = None
            try:
                for part in parts():
                    if writer is None:
                        writer = pq.ParquetWriter(files.path(f"{name}.parquet"), part.schema)
                    writer.write_table(part)
            finally:
                if writer is not None:
                    writer.close()
    return files.written


def _wide(frame: pd.DataFrame, people: _People, digits: int) -> pa.Table:
    """people x skills (or roles) with the person and team first (and the day of their
    response, when known)."""
    import pyarrow as pa

    columns: dict[str, Any] = people.columns()
    if people.assessed is not None:
        columns["assessed"] = people.assessed
    values = frame.to_numpy(dtype=float)
    for j, column in enumerate(frame.columns):
        columns[str(column)] = _float(values[:, j], digits)
    return pa.table(columns)


def write_xlsx(
    team: Team,
    path: Path,
    *,
    assessed: list[str | None] | None = None,
    extra: Extra | None = None,
) -> Path:
    """The workbook, its sheets' XML made from the Arrow tables a column at a time and
    streamed into the zip (``team.xlsx``), to a temporary file renamed over ``path``
    once complete. ``assessed`` and ``extra`` as for ``write_csv``."""
    from assess.team.xlsx import write_workbook

    a = team.analysis
    people = _people(team, assessed)
    book_tables = dict(tables(team, people, extra))
    sheets: list[tuple[str, Callable[[], Iterator[pa.Table]]]] = [
        ("skills", lambda: iter([_wide(a.proficiency, people, 3)])),
        ("match", lambda: iter([_wide(a.match, people, 1)])),
        ("readiness", lambda: iter([_wide(a.readiness, people, 2)])),
        ("gaps", book_tables["gaps"]),
        ("coverage", lambda: iter([_wide(a.coverage, people, 4)])),
        ("risks", book_tables["risks"]),
        ("hiring", book_tables["hiring"]),
        ("training", book_tables["training"]),
        ("staffing", book_tables["staffing"]),
        ("skipped inputs", book_tables["skipped"]),
        ("duplicates", book_tables["duplicates"]),
        *((name.replace("_", " "), book_tables[name]) for name in extra or {}),
    ]
    with atomic_path(path) as tmp:
        write_workbook(tmp, sheets, EXCEL_MAX_ROWS)
    return path
