"""Hostile inputs to `assess team`: one bad input never stops or stalls the batch, and
names, teams and answer keys are data in the terminal, the report and the exports."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import openpyxl
import pytest

from assess.loading import builtin_dir, load_questionnaire
from assess.report.team import heatmap, team_radar
from assess.team import load_batch, score_team
from tests.hostile.helpers import CONTROL, GOOD, flat, no_control, response, run, write

FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2", "@SUM(A1)", "=1+2"]
MARKUP = ['<a href="https://evil.example">Click</a>', "<b>bold</b><br>x"]


def _folder_of_special_files(tmp_path: Path) -> Path:
    team = tmp_path / "team"
    write(team / "good.json", GOOD)
    write(team / "other.json", response(name="Other Person"))
    (team / "loop-a.json").symlink_to(team / "loop-b.json")
    (team / "loop-b.json").symlink_to(team / "loop-a.json")
    os.mkfifo(team / "pipe.json")
    (team / "zero.jsonl").symlink_to("/dev/zero")
    (team / "null.json").symlink_to("/dev/null")
    (team / "gone.json").symlink_to(team / "nowhere.json")
    (team / "linked.json").symlink_to(team / "good.json")  # a link to a response is fine
    (team / "folder-link.json").symlink_to(team, target_is_directory=True)  # not followed
    return team


def test_special_files_in_a_folder_are_listed_and_the_rest_scored(tmp_path: Path) -> None:
    team = _folder_of_special_files(tmp_path)
    proc = run("team", str(team), "-o", str(tmp_path / "t.html"), "--csv", str(tmp_path / "csv"))
    assert proc.returncode == 0, proc.stderr
    skipped = {row["input"].rsplit("/", 1)[-1]: row["reason"] for row in _csv(tmp_path, "skipped")}
    assert skipped == {
        "gone.json": "is a link to a missing file (broken link)",
        "loop-a.json": "is a loop of symbolic links",
        "loop-b.json": "is a loop of symbolic links",
        "null.json": "is a character device, not a regular file",
        "pipe.json": "is a FIFO (named pipe), not a regular file",
        "zero.jsonl": "is a character device, not a regular file",
    }
    assert "2 people scored, 6 input(s) skipped, 1 duplicate(s)" in flat(proc.stdout)
    assert (tmp_path / "t.html").exists()


@pytest.mark.parametrize("kind", ["fifo", "zero", "loop"])
def test_a_special_file_given_directly_is_listed(tmp_path: Path, kind: str) -> None:
    good = write(tmp_path / "good.json", GOOD)
    path = tmp_path / ("bad.jsonl" if kind == "zero" else "bad.json")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")  # once ended in a MemoryError
    else:
        path.symlink_to(path)
    proc = run("team", str(path), str(good), "-o", str(tmp_path / "t.html"), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "1 person scored, 1 input(s) skipped" in flat(proc.stdout)


def test_a_json_lines_record_over_the_cap_is_listed(tmp_path: Path) -> None:
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    lines = tmp_path / "team.jsonl"
    with open(lines, "w") as out:
        out.write(json.dumps(GOOD) + "\n")
        out.write('{"respondent": "' + "x" * (6 << 20) + '"}\n')  # one 6 MB record
        out.write(json.dumps(response(name="After")) + "\n")
    batch = load_batch(q, [lines])
    assert batch.names == [GOOD["respondent"]["name"], "After"]
    assert [(s.source, s.reason) for s in batch.skipped] == [
        (f"{lines}:2", "line is over 5 MB; a response is far smaller")
    ]


def test_a_flood_of_unknown_answers_costs_no_more_report(tmp_path: Path) -> None:
    """50,000 unknown answer ids once made a 17.5 MB report (every reason in one string)."""
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    good = write(tmp_path / "good.json", GOOD)
    data = response(name="Flood")
    data["answers"].update({f"unknown-{i}": 1 for i in range(50_000)})
    flood = write(tmp_path / "flood.json", data)
    batch = load_batch(q, [good, flood])
    (skipped,) = batch.skipped
    assert skipped.reason.endswith("(+49,997 more)") and len(skipped.reason) < 1000
    assert skipped.public == "answers: 50,000 answer(s) do not fit this questionnaire"


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / "csv" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _hostile_team(tmp_path: Path) -> Path:
    team = tmp_path / "team"
    for i, name in enumerate([*FORMULAS, *MARKUP, CONTROL, "Ctl\x01\x02\x7f", "1", "2026-01-01"]):
        write(team / f"p{i}.json", response(name=name, team=FORMULAS[i % len(FORMULAS)]))
    bad = response(name="Bad")
    bad["answers"]["=cmd|' /C calc'!A0"] = 1  # an answer key reaches the reasons
    bad["answers"][CONTROL] = 1
    write(team / "bad.json", bad)
    return team


def test_exports_and_terminal_show_hostile_text_as_data(tmp_path: Path) -> None:
    team = _hostile_team(tmp_path)
    proc = run(
        "team",
        str(team),
        "-o",
        str(tmp_path / "t.html"),
        "--csv",
        str(tmp_path / "csv"),
        "--xlsx",
        str(tmp_path / "t.xlsx"),
    )
    assert proc.returncode == 0, proc.stderr
    assert no_control(proc.stdout + proc.stderr)
    assert "\\x1b]52;c;" in proc.stdout  # shown, escaped
    for name in ("skills", "fits", "gaps", "risks", "training", "skipped", "duplicates"):
        for row in _csv(tmp_path, name):
            for value in row.values():
                if not _number(value):  # (a negative match is a number, not a formula)
                    assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), (name, value)
                assert no_control(value) and "\n" not in value
    people = {row["person"] for row in _csv(tmp_path, "skills")}
    assert '\'=HYPERLINK("http://evil.example","Click")' in people
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")  # (a control character once crashed it)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert texts and all(t[:1] not in ("=", "+", "-", "@") and no_control(t) for t in texts)


def test_chart_labels_are_text_and_categories(tmp_path: Path) -> None:
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    team = score_team(q, load_batch(q, [_hostile_team(tmp_path)]))
    fit = team.analysis.readiness
    figure = heatmap(fit, ["<i>Role</i>"] * len(fit.columns), 100, "")
    labels = figure["data"][0]["y"] + figure["data"][0]["x"]
    assert all("<" not in label and ">" not in label for label in labels)
    assert '&lt;a href="https://evil.example"&gt;Click&lt;/a&gt;' in labels
    assert figure["layout"]["yaxis"]["type"] == "category"  # "1", "2026-01-01" are names
    radar = team_radar(q, team)
    labels = [
        t
        for size in radar["layout"]["meta"]["sizes"]
        for t in size["relayout"]["polar.angularaxis.ticktext"]
    ]
    labels += [trace["name"] for trace in radar["data"]]
    assert labels and all("<a" not in t for t in labels)


def test_anonymized_runs_show_no_name_or_e_mail_anywhere(tmp_path: Path) -> None:
    team = tmp_path / "team"
    write(team / "ok.json", response(name="Ann Visible", email="ann.visible@corp.example"))
    write(team / "mail.json", response(name="Jane Doe", email="jane.doe @corp.example"))
    write(team / "long.json", response(name="Jane Long" * 30))
    write(team / "extra.json", response(name="Jimbo Secretname", jim_secret_key="x"))
    key = response(name="Kim")
    key["answers"]["kim.poe@corp.example"] = 1
    write(team / "key.json", key)
    write(team / "qid.json", {**response(name="Lu"), "questionnaire_id": "lu.poe@corp.example"})
    write(team / "ver.json", {**response(name="Mo"), "questionnaire_version": "mo.poe"})
    value = response(name="Ny")
    value["answers"]["sql-rating"] = "ny.poe@corp.example"
    write(team / "value.json", value)
    out = tmp_path / "out"
    proc = run(
        "team",
        str(team),
        "--anonymize",
        "-o",
        str(out / "t.html"),
        "--csv",
        str(out / "csv"),
        "--xlsx",
        str(out / "t.xlsx"),
    )
    assert proc.returncode == 0, proc.stderr
    assert "7 input(s) skipped" in flat(proc.stdout)
    texts = [proc.stdout, proc.stderr, (out / "t.html").read_text()]
    texts += [p.read_text() for p in (out / "csv").iterdir()]
    book = openpyxl.load_workbook(out / "t.xlsx")
    texts += [str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r]
    # (long enough not to turn up by chance in the packed plotly.js of the report)
    secrets = ["Ann Visible", "ann.visible", "Jane Doe", "jane.doe", "Jane Long"]
    secrets += ["Secretname", "jim_secret"]
    secrets += ["kim.poe", "lu.poe", "mo.poe", "ny.poe", "corp.example"]
    for text in texts:
        for secret in secrets:
            assert secret.casefold() not in text.casefold(), secret
