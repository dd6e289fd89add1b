"""The workbook writer: what goes in reads back the same (openpyxl, pandas), text is
never a formula, and a table longer than a sheet continues on more sheets."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import openpyxl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.team.xlsx import column_letters, write_workbook

TEXTS = [
    "=1+1",
    '\'=HYPERLINK("http://x")',
    "a & b < c > d",
    "  spaces kept  ",
    "_x0041_ stays itself",
    "bell\x07 and nul\x00",
    "line\nfeed",
    "Zoë \u202e",
    "",
]


def _parts(*tables: pa.Table) -> Iterator[pa.Table]:
    return iter(tables)


def test_columns_are_lettered_as_excel_does() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip


def test_cells_read_back_as_written(tmp_path: Path) -> None:
    table = pa.table(
        {
            "text": pa.array([*TEXTS, None], pa.string()),
            "number": pa.array([1.5, -0.25, 1e-5, 1e20, math.nan, math.inf, 3.0, 0.0, None, 2.5]),
            "int": pa.array([1, 2, 3, None, 5, 6, 7, 8, 9, 10], pa.int64()),
            "flag": pa.array([True, False, None, True, False, True, False, True, None, True]),
        }
    )
    path = tmp_path / "t.xlsx"
    write_workbook(path, [("data", lambda: _parts(table)), ("empty", lambda: _parts())])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["data", "empty"]
    sheet = book["data"]
    assert [c.value for c in sheet[1]] == ["text", "number", "int", "flag"]
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # XML cannot hold a NUL or a bell: written as Excel's escapes (Excel shows the
    # characters; openpyxl leaves the escapes as they are)
    expected_texts = [*TEXTS[:5], "bell_x0007_ and nul_x0000_", *TEXTS[6:], None]
    assert [r[0] for r in rows] == expected_texts
    assert [r[1] for r in rows] == [1.5, -0.25, 1e-5, 1e20, None, None, 3, 0, None, 2.5]
    assert [r[2] for r in rows] == [1, 2, 3, None, 5, 6, 7, 8, 9, 10]
    assert [r[3] for r in rows] == [True, False, None, True, False, True, False, True, None, True]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert [c.value for c in book["empty"][1]] == [None]  # (no table, no header)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert "xl/sharedStrings.xml" in archive.namelist()


def test_the_same_tables_make_the_same_bytes(tmp_path: Path) -> None:
    """Every part is dated 1980-01-01 (none with the time it was written), so a workbook
    can be compared byte for byte with one written before."""
    table = pa.table({"text": pa.array(TEXTS, pa.string()), "n": pa.array(range(len(TEXTS)))})
    path = tmp_path / "t.xlsx"
    write_workbook(path, [("data", lambda: _parts(table))])
    with zipfile.ZipFile(path) as archive:
        dates = {info.filename: info.date_time for info in archive.infolist()}
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    assert set(dates.values()) == {(1980, 1, 1, 0, 0, 0)}, dates
    assert "xl/workbook.xml" in dates and "xl/styles.xml" in dates


def test_a_long_table_continues_on_more_sheets(tmp_path: Path) -> None:
    n = 23
    first = pa.table({"i": pa.array(np.arange(10)), "s": pa.array([f"r{i}" for i in range(10)])})
    second = pa.table(
        {"i": pa.array(np.arange(10, n)), "s": pa.array([f"r{i}" for i in range(10, n)])}
    )
    path = tmp_path / "t.xlsx"
    write_workbook(path, [("rows", lambda: _parts(first, second))], max_rows=6)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["rows", "rows (2)", "rows (3)", "rows (4)", "rows (5)"]
    values = [r for sheet in book for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == [(i, f"r{i}") for i in range(n)]
    assert all(sheet["A1"].value == "i" for sheet in book)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40) | st.none(), min_size=1, max_size=30))
def test_any_text_reads_back(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str | None]
) -> None:
    """Any text XML can hold reads back as itself (others as their Excel escape)."""
    path = tmp_path_factory.mktemp("x") / "t.xlsx"
    write_workbook(path, [("t", lambda: _parts(pa.table({"t": pa.array(texts, pa.string())})))])
    got = [r[0] for r in openpyxl.load_workbook(path)["t"].iter_rows(min_row=2, values_only=True)]
    got += [None] * (len(texts) - len(got))  # (trailing empty rows are not rows)
    for want, have in zip(texts, got, strict=True):
        if want is not None and any(
            (ord(c) < 0x20 and c not in "\t\n") or c in "\ufffe\uffff" for c in want
        ):
            continue  # (written as Excel's _xHHHH_ escape, which Excel reads as the character)
        assert have == want
