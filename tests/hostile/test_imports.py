"""Hostile form exports for `assess import`: no response lost or overwritten, every odd
row a warning with its row number, never a traceback or a partial import."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from assess.loading import load_response
from tests.hostile.helpers import GOOD, call, flat, no_control, run, write

SQL = "Which best describes your work with SQL and relational databases?"
MAPPING = f"""questionnaire: ml-team
respondent: {{name: Name, email: Email Address, submitted: Timestamp}}
questions:
  sql-rating:
    column: "{SQL}"
    answers: {{Working: 2, Expert: 4}}
"""


def _export(tmp_path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([["Timestamp", "Email Address", "Name", SQL], *rows])
    write(tmp_path / "form.csv", buffer.getvalue())
    write(tmp_path / "map.yaml", MAPPING)
    return tmp_path / "form.csv"


@pytest.fixture
def here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> pytest.CaptureFixture[str]:
    """The output of commands run in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    return capsys


def _import(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code, out, err = call(
        capsys, "import", "form.csv", "--mapping", "map.yaml", "-o", "resp", *extra
    )
    assert "Traceback" not in err, err
    return code, out, err


def _names(folder: Path) -> dict[str, str]:
    return {p.name: load_response(p).respondent.name for p in sorted(folder.glob("*.json"))}


def test_names_that_look_alike_get_a_file_each(tmp_path: Path, here: Any) -> None:
    """ "Bob", "bob" and "Bob 2" once all became bob-2.json: 3 written, 2 files."""
    row = ["2026/11/02 9:14:00 AM GMT+1", ""]
    _export(
        tmp_path, [[*row, name, "Expert"] for name in ["Bob", "bob", "Bob 2", "..", "!!!", "🙂"]]
    )
    code, out, _ = _import(here)
    assert code == 0 and "6 response file(s) written" in out
    names = _names(tmp_path / "resp")
    assert sorted(names.values()) == sorted(["Bob", "bob", "Bob 2", "..", "!!!", "🙂"])
    assert {"bob.json", "bob--2.json", "bob-2.json"} <= set(names)
    assert not [p for p in (tmp_path / "resp").iterdir() if p.name.startswith(".")]


def test_an_existing_response_is_never_overwritten(tmp_path: Path, here: Any) -> None:
    resp = tmp_path / "resp"
    write(resp / "ann.json", {**GOOD, "respondent": {"name": "Ann"}})  # from `assess take`
    before = (resp / "ann.json").read_bytes()
    _export(tmp_path, [["2026/11/02 9:14:00 AM GMT+1", "", "Ann", "Working"]])
    code, out, _ = _import(here)
    assert code == 0 and "1 response file(s) written" in out
    assert (resp / "ann.json").read_bytes() == before
    assert load_response(resp / "ann--2.json").answers == {"sql-rating": 2}
    code, out, _ = _import(here, "--overwrite")  # asked for: replaced
    assert code == 0 and "1 response file(s) written" in out
    assert load_response(resp / "ann.json").answers == {"sql-rating": 2}


def test_a_response_open_in_a_survey_is_not_replaced(tmp_path: Path, here: Any) -> None:
    from assess.storage import ResponseLock

    resp = tmp_path / "resp"
    write(resp / "ann.json", {**GOOD, "respondent": {"name": "Ann"}})
    lock = ResponseLock(resp / "ann.json")
    try:
        _export(tmp_path, [["", "", "Ann", "Working"]])
        code, _, _ = _import(here, "--overwrite")
    finally:
        lock.release()
    assert code == 0
    assert load_response(resp / "ann.json").respondent.name == "Ann"
    assert load_response(resp / "ann--2.json").answers == {"sql-rating": 2}


ROWS = {
    "a name over 200 characters": (
        ["", "", "N" * 201, "Expert"],
        "row 2: name 'NNNN",
        2,  # the row is not imported (the others are), and the exit says so
    ),
    "an e-mail with a space": (
        ["", "a b@c d", "Ann", "Expert"],
        "row 2: e-mail 'a b@c d' is not an e-mail address; imported without it",
        0,
    ),
    "an e-mail of two @": (["", "@@", "Cy", "Expert"], "row 2: e-mail '@@' is not an e-mail", 0),
    "a cell over 128 KiB": (
        ["", "", "Dee", "W" * (200 * 1024)],
        "row 2, column 'Which best describes your work with SQL",
        0,
    ),
    "a time past year 9999 in UTC": (
        ["9999/12/31 11:59:59 PM GMT-14", "", "Eve", "Expert"],
        "submission time '9999/12/31 11:59:59 PM GMT-14' is not a time assess reads",
        0,
    ),
    "an escape sequence in a name": (
        ["", "", "\x1b]0;pwned\x07Fay", "Expert"],
        "response file(s) written",
        0,
    ),
}


@pytest.mark.parametrize(("row", "message", "exit_code"), ROWS.values(), ids=ROWS.keys())
def test_odd_rows_are_warnings_not_tracebacks(
    tmp_path: Path, here: Any, row: list[str], message: str, exit_code: int
) -> None:
    _export(tmp_path, [row, ["", "", "Good Row", "Working"]])
    code, out, err = _import(here)
    assert code == exit_code, err
    assert message in flat(out + err) and no_control(out + err)
    assert len(err) < 5000  # a 200 KiB cell is quoted cut short
    names = list(_names(tmp_path / "resp").values())
    assert "Good Row" in names  # the other rows are imported all the same
    assert f"{len(names)} response file(s) written" in out


def test_special_files_and_workbook_bombs_are_refused(tmp_path: Path) -> None:
    write(tmp_path / "map.yaml", MAPPING)
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "zero.xlsx").symlink_to("/dev/zero")
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (80 << 20))  # 80 MB, packed small
    book = openpyxl.Workbook()
    book.active.append(["Name", SQL])
    book.active.append(['=HYPERLINK("http://evil.example")', "Expert"])
    book.save(tmp_path / "ok.xlsx")
    assert run("import", "ok.xlsx", "--init-mapping", cwd=tmp_path).returncode == 0
    expected = {
        "pipe.csv": "pipe.csv: is a FIFO (named pipe), not a regular file",
        "zero.xlsx": "zero.xlsx: is a character device, not a regular file",
        "bomb.xlsx": "the workbook unpacks to 80 MB; a form export may unpack to at most 64 MB",
    }
    for name, message in expected.items():
        proc = run("import", name, "--init-mapping", cwd=tmp_path, timeout=60)
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
