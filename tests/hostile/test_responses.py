"""Hostile response files for score, report and validate: each bad file is listed with its
reason and the good ones are scored; a response never chooses its questionnaire by path."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

import assess.scoring.plan as plan_module
from tests.hostile.helpers import CONTROL, EXAMPLES, GOOD, call, no_control, response, run, write

GOOD_NAME = GOOD["respondent"]["name"]


def _with(**fields: object) -> dict[str, object]:
    data = response()
    data.update(fields)
    return data


QUESTIONNAIRE_IDS = {
    "absolute path": "/etc/passwd",
    "relative path": "../../etc/hostname",
    "crafted file beside": "crafted.yaml",
    "100k characters": "x" * 100_000,
    "NUL": "ml\0team",
    "escape sequence": "\x1b]0;title\x07",
}


@pytest.mark.parametrize("qid", QUESTIONNAIRE_IDS.values(), ids=QUESTIONNAIRE_IDS.keys())
def test_questionnaire_id_is_never_a_path(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qid: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    # A crafted questionnaire beside the response would make every answer count double.
    write(tmp_path / "crafted.yaml", "id: crafted\n")
    bad = write(tmp_path / "bad.json", _with(questionnaire_id=qid))
    code, out, err = call(capsys, "score", str(EXAMPLES[0]), str(bad))
    assert code == 2 and GOOD_NAME in out  # the good file is scored all the same
    assert "bad.json: questionnaire_id: answers questionnaire" in err
    assert "which is not built in" in err and "--questionnaire PATH" in err
    assert "passwd" not in err.replace("/etc/passwd", "") and "crafted.yaml:" not in err
    assert len(err) < 1000 and no_control(err)
    for command in ("validate", "report"):
        code, _, err = call(capsys, command, str(bad))
        assert code == 2 and "bad.json: questionnaire_id:" in err


def test_many_unknown_answers_are_counted_not_described(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """50,000 unknown answer ids once took 26 s (a did-you-mean each) and printed them all."""
    searches = []
    real = plan_module.did_you_mean
    monkeypatch.setattr(plan_module, "did_you_mean", lambda *a: searches.append(a) or real(*a))
    data = response()
    data["answers"].update({f"unknown-{i}": 1 for i in range(50_000)})
    bad = write(tmp_path / "many.json", data)
    code, out, err = call(capsys, "score", str(EXAMPLES[0]), str(bad))
    assert code == 2 and GOOD_NAME in out
    # (as a team batch lists it: the first three on one line, the rest counted)
    assert err.count("unknown question 'unknown-") == 3 and len(searches) == 10
    assert "(+49,997 more)" in err


def test_a_huge_answer_key_is_cut_in_the_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = response()
    data["answers"] = {"k" * (1 << 20): 1}
    bad = write(tmp_path / "key.json", data)
    code, _, err = call(capsys, "validate", str(bad))
    assert code == 2 and "more characters)" in err and len(err) < 2000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (json.dumps(GOOD).replace('"sql-rating": 4', '"sql-rating": ' + "9" * 5000), "JSON"),
        ('{"answers": ' + "[" * 5000 + "]" * 5000 + "}", "not valid JSON"),
        ("\ufeff" + "{" * 100_000, "not valid JSON"),
        (json.dumps(_with(respondent={"name": "x" * 201})), "at most 200 characters"),
        (json.dumps(_with(status="\x1b[2J")), "status"),
    ],
    ids=[
        "integer of 5,000 digits",
        "nested 5,000 deep",
        "100k open braces",
        "long name",
        "bad status",
    ],
)
def test_malformed_responses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    bad = write(tmp_path / "bad.json", text)
    code, out, err = call(capsys, "score", str(bad), str(EXAMPLES[0]))
    assert code == 2 and GOOD_NAME in out and message in err
    assert "Traceback" not in err and no_control(err)


@pytest.mark.parametrize("kind", ["fifo", "zero", "loop", "folder"])
def test_special_files_as_responses(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "r.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path.symlink_to(path)
    else:
        path.mkdir()
    for command in ("score", "validate", "report"):
        proc = run(command, str(path), timeout=60)  # a FIFO once hung here
        assert proc.returncode == 2, (command, proc.stderr)
        assert "r.json: is a" in proc.stderr and "Traceback" not in proc.stderr


def test_score_output_shows_names_as_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    names = ['=HYPERLINK("http://evil.example","Click")', "+1", "-1", "@SUM(A1)", CONTROL]
    paths = [
        str(write(tmp_path / f"{i}.json", response(name=name, team=CONTROL)))
        for i, name in enumerate(names)
    ]
    code, out, _ = call(capsys, "score", *paths)
    assert code == 0 and no_control(out) and "\\x1b]52;c;" in out
    code, out, _ = call(capsys, "score", "-f", "json", *paths)
    assert code == 0 and no_control(out)
    assert [r["respondent"]["name"] for r in json.loads(out)] == names  # the data is intact
    code, out, _ = call(capsys, "score", "-f", "csv", *paths)
    rows = list(csv.DictReader(io.StringIO(out)))
    firsts = {row["person"][:1] for row in rows} | {row["team"][:1] for row in rows}
    assert not firsts & {"=", "+", "-", "@", "\t", "\r"} and no_control(out)
    assert "'=HYPERLINK(" in out
