"""`assess items` as a person runs it: outputs, exit codes, messages, no tracebacks; and
the careless-responding flags in the team report (the same rule, one home)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from assess.cli import main
from assess.loading import load_questionnaire, resolve_questionnaire
from assess.model.response import Respondent, Response, Status
from assess.storage import save_response
from tests.conftest import FIXTURES, STAMP
from tests.quality.test_stats import ITEMS, PEOPLE

ITEMS_YAML = str(FIXTURES / "items.yaml")


def write_people(folder: Path, seconds: dict[str, int] | None = None) -> None:
    """The hand-checked six (test_stats), P1 finishing in a minute (a speeder: the fixture
    is estimated at 6 minutes, so under 2 is flagged), the rest in ten."""
    folder.mkdir(parents=True, exist_ok=True)
    seconds = seconds or {"P1": 60}
    for name, answers in PEOPLE.items():
        done = STAMP + timedelta(seconds=seconds.get(name, 600))
        response = Response(
            questionnaire_id=ITEMS.id,
            questionnaire_version=ITEMS.version,
            respondent=Respondent(name=name, team="T"),
            answers=dict(answers),
            started_at=STAMP,
            updated_at=done,
            completed_at=done,
            status=Status.complete,
        )
        save_response(folder / f"{name}.json", response)


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_page_csv_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_people(tmp_path / "in")
    (tmp_path / "in" / "[bold]broken[red].json").write_text("{")
    page, tables = tmp_path / "out" / "items.html", tmp_path / "csv"
    code, out, err = call(
        capsys,
        "items",
        str(tmp_path / "in"),
        "-q",
        ITEMS_YAML,
        "-o",
        str(page),
        "--csv",
        str(tables),
    )
    assert code == 0, err
    assert "Item check v1: 6 response(s) analysed, 1 input(s) skipped" in out
    assert "[bold]broken[red].json: not valid JSON" in out  # a file name is data, not markup
    assert "Knowledge checks (5): 0 keep, 0 review, 0 rewrite, 5 with too few responses" in out
    assert "Area X: — (too few responses; 2 self-rating(s), N = 5)" in out
    assert "Careless responding: 1 respondent(s) flagged (0 straight-lining, 1 speeding)" in out
    html = page.read_text()
    assert "Item quality: Item check" in html and "too few responses" in html
    assert "https://" not in html.split("<script>")[0]  # nothing fetched: plotly is inline
    headers = {
        "items": "question,skill,area,text,options,answered,skipped,not_answered,correct,"
        "dont_know,p,"
        "discrimination,discrimination_n,criterion,criterion_checks,verdict,reason",
        "options": "question,option,text,correct,count,share,upper_share,lower_share,"
        "upper_minus_lower,group_size,note",
        "areas": "area,name,ratings,n,alpha,verdict,reason",
        "flags": "respondent,team,straight_lining,ratings_answered,modal_rating,modal_share,"
        "speeding,minutes,reason",
    }
    for name, header in headers.items():
        lines = (tables / f"{name}.csv").read_text().splitlines()
        assert lines[0] == header  # one header, tidy
        assert header not in lines[1:]
    options = list(csv.DictReader((tables / "options.csv").open()))
    assert len(options) == 5 * 4  # 3 options and "I don't know" per check
    a1 = {row["option"]: int(row["count"]) for row in options if row["question"] == "a1"}
    assert a1 == {"1": 4, "2": 1, "3": 0, "dont_know": 1}
    (flag,) = csv.DictReader((tables / "flags.csv").open())
    assert flag["respondent"] == "P1" and flag["speeding"] == "True" and flag["minutes"] == "1.0"


def test_default_questionnaire_is_the_one_the_responses_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quick = load_questionnaire(resolve_questionnaire("quick"))
    from tests.conftest import make_response

    for i in range(3):
        save_response(tmp_path / f"r{i}.json", make_response(quick, {}, name=f"R{i}"))
    code, out, err = call(capsys, "items", str(tmp_path), "-o", str(tmp_path / "i.html"))
    assert code == 0, err
    assert out.startswith(f"{quick.title} v{quick.version}: 3 response(s) analysed")


@pytest.mark.parametrize("other", ["0-first.json", "other.json"])
def test_several_questionnaires_need_a_choice(tmp_path: Path, other: str) -> None:
    """Whichever is read first (a built-in one, or one that is not built in)."""
    write_people(tmp_path)
    quick = load_questionnaire(resolve_questionnaire("quick"))
    from tests.conftest import make_response

    save_response(tmp_path / other, make_response(quick, {}, name="Q"))
    proc = subprocess.run(
        [sys.executable, "-m", "assess", "items", str(tmp_path), "-o", str(tmp_path / "x.html")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "the responses answer 2 questionnaires ('itemcheck' v'1': 6, 'quick'" in proc.stderr
    assert "pick one with -q" in proc.stderr
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("people", [], "the responses answer questionnaire 'itemcheck', which is not built in"),
        ("people", ["-q", "nosuch"], "unknown questionnaire 'nosuch'"),
        ("broken", ["-q", ITEMS_YAML], "no response to 'itemcheck' v1 could be analysed"),
        ("nothing", ["-q", ITEMS_YAML], "no response to 'itemcheck' v1 could be analysed"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, args: list[str], message: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    if setup == "people":
        write_people(folder)
    elif setup == "broken":
        (folder / "[red]broken.json").write_text("{")
    code, _, err = call(capsys, "items", str(folder), *args, "-o", str(tmp_path / "x.html"))
    assert code == 2
    assert message in err
    if setup == "broken":
        assert "[red]broken.json: not valid JSON" in err
    assert not (tmp_path / "x.html").exists()


def test_names_are_data_on_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_people(tmp_path / "in")
    doc = json.loads((tmp_path / "in" / "P1.json").read_text())
    doc["respondent"]["name"] = "<img src=x onerror=alert(1)> [bold]Eve[/]"
    (tmp_path / "in" / "P1.json").write_text(json.dumps(doc))
    page = tmp_path / "items.html"
    code, _, _ = call(capsys, "items", str(tmp_path / "in"), "-q", ITEMS_YAML, "-o", str(page))
    assert code == 0
    html = page.read_text()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; [bold]Eve[/]" in html


def test_team_report_lists_flagged_people_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_people(tmp_path / "in", {"P1": 60, "P2": 119, "P3": 120})
    page = tmp_path / "team.html"
    code, _, err = call(capsys, "team", str(tmp_path / "in"), "-q", ITEMS_YAML, "-o", str(page))
    assert code == 0, err
    html = page.read_text()
    section = html.split('id="careless-h"')[1].split("</section>")[0]
    assert "2 of 6 respondent(s) flagged" in section
    assert "<td>P1</td><td>T</td><td>speeding: finished in 1 min 00 s" in section
    assert "<td>P2</td>" in section and "<td>P3</td>" not in section  # 120 s is not under 2 min
    assert "still scored" in section
    assert html.count("<td>P1</td>") >= 2  # and P1 is still in the people table
