"""What changed between two assessments, across questionnaire versions too."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from assess.cli import main
from assess.errors import UsageError
from assess.model.questionnaire import Questionnaire
from assess.model.response import Status
from assess.person.progress import choose, compare, timeline
from assess.person.record import load_record
from assess.storage import history_folder
from tests.person.helpers import DAY0, EARLY, LATE, MIDDLE, person, response, write


def test_compare_the_last_two(ml_team: Questionnaire, tmp_path: Path) -> None:
    record = load_record(person(tmp_path, ml_team))
    older, newer, notes = choose(record.assessments)
    assert (older.day, newer.day, notes) == ("2026-06-15", "2026-11-02", [])
    p = compare(older, newer)
    changed = {s.skill: (s.before, s.after, s.change) for s in p.skills if s.change}
    assert changed == {
        "etl": (2.0, 3.0, 1.0),
        "data-quality": (2.0, 3.0, 1.0),
        "statistics": (0.5, 0.0, -0.5),
    }
    assert p.not_compared == [] and p.days == 140 and p.focus == "data-engineer"
    de = p.role("data-engineer")
    assert de.readiness[1] > de.readiness[0]
    assert "Data quality and validation" in de.closed and de.opened == []


def test_gaps_opened(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team, [LATE, {**LATE, "data-quality": 1}])
    p = compare(*choose(load_record(current).assessments)[:2])
    assert p.role("data-engineer").opened == ["Data quality and validation"]


def test_choose_by_day_or_number(ml_team: Questionnaire, tmp_path: Path) -> None:
    a = load_record(person(tmp_path, ml_team)).assessments
    assert choose(a, "1")[:2] == (a[0], a[2])
    assert choose(a, "2026-03-02", "2026-06-15")[:2] == (a[0], a[1])
    assert choose(a, "-1", "1")[:2] == (a[0], a[2])  # (given the wrong way round)
    with pytest.raises(UsageError, match="no assessment on '2025-01-01'"):
        choose(a, "2025-01-01")
    with pytest.raises(UsageError, match="same assessment"):
        choose(a, "2", "2026-06-15")
    with pytest.raises(UsageError, match="there are 3 assessments"):
        choose(a, "7")


def test_an_unfinished_retake_is_left_out_and_said(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    write(current, response(ml_team, LATE, DAY0 + timedelta(days=400), status=Status.in_progress))
    a = load_record(current).assessments
    older, newer, notes = choose(a)
    assert (older.day, newer.day) == ("2026-03-02", "2026-11-02") or newer is not a[-1]
    assert newer.complete and any("not finished, left out" in n for n in notes)


def test_one_assessment_is_nothing_to_compare(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team, [LATE])
    with pytest.raises(UsageError, match=r"only one finished assessment.*Retake"):
        choose(load_record(current).assessments)


def test_a_retake_on_another_questionnaire_compares_what_both_assess(
    ml_team: Questionnaire, quick: Questionnaire, tmp_path: Path
) -> None:
    current = tmp_path / "ada-lovelace.json"
    write(history_folder(current) / "2026-03-02.json", response(quick, EARLY, DAY0))
    write(current, response(ml_team, MIDDLE, DAY0 + timedelta(days=30)))
    p = compare(*choose(load_record(current).assessments)[:2])
    asked = {s.skill for s in p.skills}
    assert asked == {x.skill for x in quick.questions}  # quick's 12 skills
    reasons = {s.skill: s.note for s in p.not_compared}
    assert reasons["nosql"] == "not asked by quick v2.0 (2026-03-02)"
    assert any("different questionnaires (quick v2.0 and ml-team v2.0)" in n for n in p.notes)
    assert [r.role for r in p.roles] == [fit.role for fit in p.after.result.roles]
    assert any(r.note.startswith("coverage") for r in p.roles)


def test_a_retake_after_a_version_change(ml_team: Questionnaire, tmp_path: Path) -> None:
    """ml-team 1.0 (kept for old responses) to 2.0: the skills 1.0 did not ask are said."""
    from assess.loading import builtin_dir, load_questionnaire

    v1 = load_questionnaire(builtin_dir() / "ml-team@1.0.yaml")
    current = tmp_path / "ada-lovelace.json"
    write(history_folder(current) / "2026-03-02.json", response(v1, EARLY, DAY0))
    write(current, response(ml_team, MIDDLE, DAY0 + timedelta(days=30)))
    p = compare(*choose(load_record(current).assessments)[:2])
    assert p.before.version == "ml-team v1.0" and p.after.version == "ml-team v2.0"
    reasons = {s.skill: s.note for s in p.not_compared}
    assert set(reasons) == set(v1.not_asked)
    assert all(r == "not asked by ml-team v1.0 (2026-03-02)" for r in reasons.values())
    assert {s.skill: s.change for s in p.skills}["sql"] == 1.0


def test_timeline(ml_team: Questionnaire, tmp_path: Path) -> None:
    series = timeline(load_record(person(tmp_path, ml_team)).assessments)
    assert series.days == ["2026-03-02", "2026-06-15", "2026-11-02"]
    assert series.skills["etl"] == [0.5, 2.0, 3.0]
    assert series.readiness["data-engineer"] == sorted(series.readiness["data-engineer"])


def test_progress_command(
    ml_team: Questionnaire,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    current = person(tmp_path / "responses", ml_team)
    main(["progress", "Ada Lovelace"])
    out = capsys.readouterr().out
    assert "Progress of Ada Lovelace: 2026-06-15 → 2026-11-02 (140 days)" in out
    assert "ETL pipelines" in out and "+1.0 ▲" in out
    assert "closed: Data quality and validation" in out
    assert "Readiness for Data Engineer over time" in out  # three assessments
    main(["progress", str(current), "--from", "1", "-f", "json", "-r", "data-scientist"])
    data = json.loads(capsys.readouterr().out)
    assert data["before"]["label"] == "2026-03-02" and data["focus_role"] == "data-scientist"
    assert data["timeline"]["labels"] == ["2026-03-02", "2026-06-15", "2026-11-02"]
    first = history_folder(current) / "2026-03-02.json"
    main(["progress", str(current), str(first)])
    assert "2026-03-02 → 2026-11-02" in capsys.readouterr().out


def test_progress_command_refuses_what_it_cannot_compare(
    ml_team: Questionnaire, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = person(tmp_path, ml_team, [LATE])
    other = write(tmp_path / "bob.json", response(ml_team, LATE, DAY0, name="Bob Stone"))
    for argv, message in [
        (["progress", str(current)], "only one finished assessment"),
        (["progress", str(current), str(other)], "not all about one person"),
        (["progress", "Nobody", "--responses", str(tmp_path)], "no response for 'Nobody'"),
    ]:
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
        assert message in capsys.readouterr().err


def test_long_lists_wrap_inside_their_block(
    ml_team: Questionnaire, quick: Questionnaire, tmp_path: Path
) -> None:
    """Piped at 80 columns, a list of names (skills not compared, gaps) once wrapped back
    to the margin, where it read as a new item."""
    import io

    from rich.console import Console

    from assess.person.text import render_progress

    current = tmp_path / "ada-lovelace.json"
    write(history_folder(current) / "2026-03-02.json", response(quick, EARLY, DAY0))
    write(current, response(ml_team, MIDDLE, DAY0 + timedelta(days=30)))
    p = compare(*choose(load_record(current).assessments)[:2])
    console = Console(width=80, file=io.StringIO(), record=True)
    render_progress(p, console)
    lines = console.export_text().splitlines()
    start = lines.index("Not compared:") + 1
    block = lines[start : lines.index("", start)]
    assert len(block) > 1 and all(line.startswith("  ") for line in block), block
