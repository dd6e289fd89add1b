"""The personal report's sections about the person over time and from others: since last
time, self and others, the learning plan, where you stand."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest

from assess.cli import main
from assess.model.questionnaire import Questionnaire
from assess.person.peers import standing
from assess.person.record import load_record
from assess.report import build_personal_report, personal_report_html
from tests.person.helpers import DAY0, LATE, MIDDLE, person, rating, response, write

EVIL = "<script>alert(1)</script>"


def figure(html: str, div: str) -> dict[str, object]:
    found = re.search(rf'<div id="{div}".*?var f=(\{{.*?\}});Plotly', html, re.S)
    assert found, div
    return dict(json.loads(found.group(1)))


def rated(folder: Path, q: Questionnaire, peers: int = 3) -> Path:
    current = person(folder, q)
    rating(current, q, "Grace Hopper", "manager", {**LATE, "sql": 1})
    for i, name in enumerate(["Sam Lee", "Sam Lee", "Alan Turing", "Kim Park"][:peers]):
        rating(current, q, name, "peer", LATE, file=f"peer--{i}")
    return current


def test_three_assessments_a_manager_three_peers_and_a_plan(
    ml_team: Questionnaire, tmp_path: Path
) -> None:
    record = load_record(rated(tmp_path, ml_team))
    a = record.current
    assert a is not None
    report = build_personal_report(ml_team, a.result, record=record)
    assert report.since is not None and report.since.chart is not None
    assert report.others is not None and report.others.shown
    assert report.others.who == "your manager (Grace Hopper) and 3 peers"
    assert [p.id for p in report.plans] == [fit.role for fit in a.result.roles]
    assert report.default_plan is not None and report.default_plan.id == "data-engineer"
    html = personal_report_html(ml_team, a.result, record=record)
    for section in ("since-h", "others-h", "plan-h"):
        assert f'id="{section}"' in html
    assert "Compared with your assessment of <strong>2026-06-15</strong>" in html
    assert "Data quality and validation" in html.split('id="since-h"')[1]
    assert "Manager: Grace Hopper" in html
    assert "Sam Lee" not in html and "Alan Turing" not in html  # peers are never named
    radar = figure(html, "assess-radar")
    others = [t for t in radar["data"] if t.get("name") == "Others"]  # type: ignore[attr-defined]
    assert len(others) == 1 and others[0]["line"]["dash"] == "dot"
    history = figure(html, "assess-history")
    shown = [t for t in history["data"] if t["visible"]]  # type: ignore[attr-defined]
    assert {t["meta"] for t in shown} == {"data-engineer"} and len(shown) == 2
    assert [x[:10] for x in shown[0]["x"]] == ["2026-03-02", "2026-06-15", "2026-11-02"]
    # the plan follows the role switch: one block per role, the target's shown first
    assert html.count('class="role-block plan"') == len(a.result.roles)
    assert re.search(r'https://[^"<\s]+', html.split('id="plan-h"')[1])


def test_self_vs_others_flags_what_matters(ml_team: Questionnaire, tmp_path: Path) -> None:
    record = load_record(rated(tmp_path, ml_team))
    a = record.current
    assert a is not None
    html = personal_report_html(ml_team, a.result, record=record)
    # SQL: Ada rates 3; the manager 1, three peers 3: others (1+3+3+3)/4 = 2.5, no flag
    part = html.split('id="others-h"')[1].split("</section>")[0]
    assert "No difference of 1.5 or more" in part
    record2 = load_record(rated(tmp_path / "b", ml_team, peers=0))
    a2 = record2.current
    assert a2 is not None
    html2 = personal_report_html(ml_team, a2.result, record=record2)
    part2 = html2.split('id="others-h"')[1].split("</section>")[0]
    assert "Differences that matter:" in part2 and "SQL and relational databases (you 3.0" in part2
    assert "you rate yourself higher" in part2


def test_two_peers_are_not_shown(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    for i in range(2):
        rating(current, ml_team, f"Peer {i}", "peer", {**LATE, "sql": i})
    record = load_record(current)
    a = record.current
    assert a is not None
    html = personal_report_html(ml_team, a.result, record=record)
    part = html.split('id="others-h"')[1].split("</section>")[0]
    assert "2 peer rating(s) so far" in part and "Peers (mean)" not in part
    assert "Other people have rated you, but there is no view to show yet" in part
    assert not any(t.get("name") == "Others" for t in figure(html, "assess-radar")["data"])  # type: ignore[attr-defined]
    assert "Peer 0" not in html and "Peer 1" not in html


def test_two_assessments_a_table_and_no_chart(ml_team: Questionnaire, tmp_path: Path) -> None:
    record = load_record(person(tmp_path, ml_team, [MIDDLE, LATE]))
    a = record.current
    assert a is not None
    report = build_personal_report(ml_team, a.result, record=record)
    assert report.since is not None and report.since.chart is None
    html = personal_report_html(ml_team, a.result, record=record)
    assert 'id="assess-history"' not in html and 'id="since-h"' in html
    one = load_record(person(tmp_path / "one", ml_team, [LATE]))
    assert one.current is not None
    assert build_personal_report(ml_team, one.current.result, record=one).since is None


def test_a_history_with_a_gap_says_what_it_left_out(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    (current.with_suffix("") / "history" / "2026-04-01.json").write_text("{cut short")
    record = load_record(current)
    a = record.current
    assert a is not None
    html = personal_report_html(ml_team, a.result, record=record)
    assert "2026-04-01.json (not valid JSON" in html


def test_names_are_escaped(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    rating(current, ml_team, EVIL, "manager", LATE, file="manager--evil")
    record = load_record(current)
    a = record.current
    assert a is not None
    html = personal_report_html(ml_team, a.result, record=record)
    assert EVIL not in html and "Manager: &lt;script&gt;" in html


def test_the_same_input_gives_the_same_bytes(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = rated(tmp_path, ml_team)
    pages = []
    for _ in range(2):
        record = load_record(current)
        assert record.current is not None
        pages.append(personal_report_html(ml_team, record.current.result, record=record))
    assert pages[0] == pages[1]


def crowd(folder: Path, q: Questionnaire, count: int) -> None:
    for i in range(count):
        levels = {s.id: (i + k) % 5 for k, s in enumerate(q.skills)}
        name = f"Colleague Number{i}"
        write(folder / f"c{i}.json", response(q, levels, DAY0 + timedelta(days=i), name=name))


def test_where_you_stand(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path / "responses", ml_team, [LATE])
    crowd(tmp_path / "team", ml_team, 6)
    record = load_record(current)
    a = record.current
    assert a is not None
    place = standing(ml_team, a.plan, a.result, tmp_path / "team")
    html = personal_report_html(ml_team, a.result, record=record, standing=place)
    part = html.split('id="standing-h"')[1].split("</section>")[0]
    assert "Among 6 other people" in part and "(of 6)" in part
    assert "Colleague" not in html  # nobody is named
    crowd(tmp_path / "few", ml_team, 4)
    few = standing(ml_team, a.plan, a.result, tmp_path / "few")
    html = personal_report_html(ml_team, a.result, record=record, standing=few)
    part = unescape(html.split('id="standing-h"')[1].split("</section>")[0])
    assert "holds 4 other people's responses" in part and "None is shown" in part
    assert "<table" not in part


def test_report_command(
    ml_team: Questionnaire,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    current = rated(tmp_path / "responses", ml_team)
    crowd(tmp_path / "team", ml_team, 3)
    out = tmp_path / "ada.html"
    main(["report", str(current), "-o", str(out), "--peers", str(tmp_path / "team")])
    captured = capsys.readouterr()
    assert f"Report written to {out}" in captured.out
    assert "holds 3 other people's responses" in captured.err
    html = out.read_text()
    assert 'id="since-h"' in html and 'id="others-h"' in html and 'id="standing-h"' in html
    manager = current.with_suffix("") / "ratings" / "manager--grace-hopper.json"
    main(["report", str(manager), "-o", str(tmp_path / "via-rating.html")])
    assert "is a rating of Ada Lovelace: reporting on them" in capsys.readouterr().out


def test_report_on_a_rating_without_a_self_assessment(
    ml_team: Questionnaire, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = tmp_path / "responses" / "bob-stone.json"
    manager = rating(current, ml_team, "Grace Hopper", "manager", LATE, name="Bob Stone")
    with pytest.raises(SystemExit) as stop:
        main(["report", str(manager), "-o", str(tmp_path / "x.html")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "Bob Stone has no self-assessment" in err and "no self view" in err
    assert "The rating is kept" in err and manager.exists()
    assert not (tmp_path / "x.html").exists()


def test_score_json_carries_the_other_raters(
    ml_team: Questionnaire, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = rated(tmp_path, ml_team, peers=2)
    main(["score", str(current), "-f", "json"])
    (data,) = json.loads(capsys.readouterr().out)
    others = data["others"]
    assert others["managers"] == ["Grace Hopper"] and others["peers"] == 2
    assert others["peers_shown"] is False and data["rater"] is None
    sql = next(s for s in others["skills"] if s["skill"] == "sql")
    assert sql["peers"] is None and sql["managers"] == [1.0]
    main(["schema", "result"])
    schema = json.loads(capsys.readouterr().out)
    assert "others" in schema["properties"] and "OtherRaters" in schema["$defs"]
    main(["schema", "response"])
    schema = json.loads(capsys.readouterr().out)
    assert "rater" in schema["properties"] and "Rater" in schema["$defs"]
