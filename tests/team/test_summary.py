"""The team summary: one view model that the report and the terminal render (issue 11,
item 4), and a report a newcomer can read (issue 12, item 4)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from assess.learning import load_learning
from assess.loading import builtin_dir
from assess.model.questionnaire import Questionnaire
from assess.report.team import render_team_report, team_summary
from assess.storage import save_response
from assess.team import load_batch, score_team
from assess.team.summary import NO_TEAM, build_summary
from assess.team.terminal import print_summary
from tests.conftest import FIXTURES, ROOT, make_response
from tests.team.test_team import write_team

TEMPLATES = ROOT / "assess" / "report" / "templates"
TEAM_TEMPLATES = ["team.html.j2", "_team_people.html.j2", "_team_staffing.html.j2"]
EXAMPLES = builtin_dir().parent / "questionnaires" / "examples"


def printed(summary: object) -> str:
    out = io.StringIO()
    print_summary(summary, Console(file=out, width=200))  # type: ignore[arg-type]
    return out.getvalue()


def visible(html: str) -> str:
    """The page's text without its scripts (the packed plotly.js is any text)."""
    return re.sub(r"<script\b.*?</script>", "", html, flags=re.S)


def test_the_summary_of_the_five_person_team_by_hand(tiny: Questionnaire, tmp_path: Path) -> None:
    """The team of test_team.py (P1 meets r1's a and b alone; nobody meets r2's c at 4)."""
    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    s = build_summary(tiny, team, generated=date(2026, 12, 1))
    assert (s.single_points, s.uncovered) == (2, 1)
    assert [(r.kind, r.skill, r.holder) for r in s.risks] == [
        ("uncovered", "Skill C", NO_TEAM),
        ("single point of failure", "Skill A", "P1"),
        ("single point of failure", "Skill B", "P1"),
    ]
    assert s.hire is not None and (s.hire.role, s.hire.need, s.hire.share) == ("Role Two", 4, 1)
    assert [h.role for h in s.hiring] == ["Role Two"]  # a hire covering nothing is left out
    (training,) = s.training
    assert (training.skill, training.level, training.roles) == ("Skill C", 4, "Role Two")
    assert [(t.person, t.current, t.shortfall) for t in training.people] == [
        ("P5", 3.0, 1.0),
        ("P3", 2.0, 2.0),
        ("P2", 1.0, 3.0),
    ]
    assert [(c.role, c.person) for c in s.candidates] == [("Role One", "P1"), ("Role Two", "P3")]
    assert [p.person for p in s.top_people] == ["P1", "P3", "P5", "P2", "P4"]  # by match
    p2 = next(p for p in s.people if p.person == "P2")
    assert p2.best_role is None and p2.match is None and p2.team == NO_TEAM
    assert s.header.generated == "2026-12-01" and s.header.newest_response == "2026-11-02"
    assert s.header.title == "Team skills report" and s.header.no_team == 5
    assert s.nobody_assessed == []
    detail = {row.person: row for row in s.detail}
    assert detail["P4"].proficiency == [None] * 5  # not assessed: no number, never NaN


def test_templates_only_display(tiny: Questionnaire) -> None:
    """No DataFrame is filtered and nothing is computed in the team templates: they read
    the summary (``s``). The old template filtered ``a.risks[...]`` and multiplied."""
    for name in TEAM_TEMPLATES:
        source = (TEMPLATES / name).read_text()
        for sign in (
            "itertuples",
            "iloc",
            "iterrows",
            "a.risks",
            "a.hiring",
            "* 100",
            "selectattr",
        ):
            assert sign not in source, (name, sign)


def test_terminal_and_report_show_the_summary_s_advice(tiny: Questionnaire, tmp_path: Path) -> None:
    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    s = team_summary(tiny, team, learning=None)
    text = printed(s)
    assert "hire a Role Two: covers 100% of the uncovered need (Skill C)" in text
    assert "uncovered: Skill C at level 4 for Role Two" in text
    assert "P5 (3.0 → 4)" in text  # the closest to Skill C
    html = render_team_report(tiny, team, summary=s)
    assert "a <strong>Role Two</strong> would cover 100% of the uncovered need" in html
    assert "2 single point(s) of failure and 1 uncovered skill requirement(s)" in html


def no_team_folder(tiny: Questionnaire, folder: Path) -> Path:
    folder.mkdir()
    answers = {"a-rate": 3, "a-check": 1, "c-rate": 1, "d-rate": 4, "e-rate": 0}
    for i, team in enumerate(["Red", None, "Red", None]):
        extra = {"team": team} if team else {}
        response = make_response(tiny, {**answers, "b-rate": i % 3}, name=f"P{i}", **extra)
        save_response(folder / f"p{i}.json", response)
    return folder


def test_a_missing_team_is_a_dash_never_nan(tiny: Questionnaire, tmp_path: Path) -> None:
    """A person without a team printed "nan" in the terminal's and the report's "Best role
    per person"."""
    data = no_team_folder(tiny, tmp_path / "in")
    out = tmp_path / "team.html"
    command = [sys.executable, "-m", "assess", "team", str(data), "-q", str(FIXTURES / "tiny.yaml")]
    proc = subprocess.run([*command, "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    page = visible(out.read_text())
    for text in (proc.stdout, page):
        assert not re.search(r"\bnan\b", text, re.I)
    assert re.search(r"P1 +— +Role One", proc.stdout)
    assert "<tr><td>P1</td><td>—</td><td>Role One</td>" in page
    assert "Red (2), — no team (2)" in proc.stdout and "Red (2), no team: 2" in page


def test_the_heading_names_teams_dates_and_questionnaire(ml_team: Questionnaire) -> None:
    team = score_team(ml_team, load_batch(ml_team, [EXAMPLES]))
    html = render_team_report(
        ml_team,
        team,
        summary=team_summary(ml_team, team, learning=None, generated=date(2026, 12, 1)),
    )
    assert "<h1>Team skills report: Data, Insights and Platform</h1>" in html
    assert "<title>Team skills report: Data, Insights and Platform</title>" in html
    assert "<dt>Newest response</dt><dd>2026-11-02</dd>" in html
    assert "<dt>Report</dt><dd>2026-12-01</dd>" in html
    assert f"{ml_team.title} (ml-team v{ml_team.version})" in html


def test_per_person_detail_shows_coverage_and_weak_evidence(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """The caption promises coverage below each readiness, and weak evidence marked: P6
    answered only skill C (coverage of r1 0, of r2 4/5 = 80%)."""
    write_team(tiny, tmp_path)
    save_response(tmp_path / "p6.json", make_response(tiny, {"c-rate": 2}, name="P6"))
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    s = build_summary(tiny, team)
    p6 = next(row for row in s.detail if row.person == "P6")
    assert [(c.readiness, c.coverage, c.weak, c.match) for c in p6.roles] == [
        (0.0, 0.0, True, None),
        (pytest.approx(40.0), pytest.approx(0.8), False, None),
    ]
    html = render_team_report(tiny, team, summary=s)
    start = html.index('id="detail-roles-cap"')
    table = html[start : html.index("</table>", start)]
    assert "and coverage" in table  # the caption says so, and the cells show it:
    assert "<tr><td>P6</td><td>0<b>*</b><i>— · 0%</i></td><td>40<i>— · 80%</i></td></tr>" in table


def test_every_table_scrolls_in_its_own_box(tiny: Questionnaire, tmp_path: Path) -> None:
    """The proficiency table was 2,239 px wide in a 1,280 px page: every table of the page
    now stands in a box that scrolls sideways (its first column sticks; the browser test
    measures it)."""
    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]), seats=[("r1", 1), ("r2", 1)])
    html = visible(render_team_report(tiny, team))
    tables = re.findall(r"(.{0,40})<table\b", html, flags=re.S)
    assert len(tables) >= 10
    outside = [before for before in tables if not before.endswith('<div class="scroll">')]
    assert outside == [] or all("careless" in b for b in outside)


def test_the_radar_opens_on_the_most_common_target_role(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """It opened on the first role of the file (r1); two of five people aim for r2."""
    write_team(tiny, tmp_path)
    for name in ("p3", "p5"):
        path = tmp_path / f"{name}.json"
        path.write_text(path.read_text().replace('"target_role": null', '"target_role": "r2"'))
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    s = build_summary(tiny, team)
    assert (s.radar.role, s.radar.reason) == (
        "r2",
        "the most common target role: 2 of 5 people aim for it",
    )
    html = render_team_report(tiny, team, summary=s)
    assert '<option value="r2" data-plotly-name="Role Two" selected>' in html
    assert "Team skills vs. Role Two" in html


def test_without_target_roles_the_radar_opens_on_the_best_covered_role(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """Team best levels (a 4, b 2, c 3): r1 needs a 3 (I5), b 2 (I2): all met, 100%;
    r2 needs c 4 (I1), a 1 (I1): short 1 of 5, 80%. Make r1 the second role and it is still
    chosen; the file's first role is r2."""
    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]), target_roles=["r2", "r1"])
    s = build_summary(tiny, team)
    assert s.radar.role == "r1"
    assert s.radar.reason.endswith("its best levels meet 100% of it")


def test_training_advice_gives_the_learning_plan_s_next_step(ml_team: Questionnaire) -> None:
    learning = load_learning()
    team = score_team(ml_team, load_batch(ml_team, [EXAMPLES]), target_roles=["data-scientist"])
    s = team_summary(ml_team, team, learning=learning)
    row = next(r for r in s.training if r.skill == "ML modelling and evaluation")
    lena = next(t for t in row.people if t.person == "Lena Fischer")
    assert (lena.current, row.level) == (1.5, 4)
    # from 1.5: the steps 1 -> 2, 2 -> 3, 3 -> 4 of the catalogue
    entry = learning.skills["ml-modelling"]
    steps = [entry.to_level(level) for level in (2, 3, 4)]
    assert lena.next_step is not None and lena.next_step.to_level == 2
    assert lena.next_step.tasks == steps[0].tasks[:1]
    assert (lena.next_step.min_hours, lena.next_step.max_hours) == (
        steps[0].effort.min_hours,
        steps[0].effort.max_hours,
    )
    assert (lena.steps, lena.min_hours, lena.max_hours) == (
        3,
        sum(x.effort.min_hours for x in steps),
        sum(x.effort.max_hours for x in steps),
    )
    html = render_team_report(ml_team, team, summary=s)
    assert steps[0].tasks[0] in html and "3 steps: " in html
    assert f"next working (2), {steps[0].effort.min_hours}–" in printed(s)


def test_the_staffing_section_and_bad_role_specs(tiny: Questionnaire, tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    write_team(tiny, data)
    base = [sys.executable, "-m", "assess", "team", str(data), "-q", str(FIXTURES / "tiny.yaml")]
    base += ["-o", str(tmp_path / "t.html")]
    proc = subprocess.run(
        [*base, "--roles", "r1,r2:2", "--csv", str(tmp_path / "csv")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    # r1: P1 (100); r2 x 2: P5 (80) and P3 (50) = 230
    assert re.search(r"Role One 1 +P1 +100", proc.stdout)
    assert re.search(r"Role Two 1 +P5 +80", proc.stdout)
    assert re.search(r"Role Two 2 +P3 +50", proc.stdout)
    assert "total readiness 230 of 300" in proc.stdout
    html = (tmp_path / "t.html").read_text()
    assert 'id="staffing"' in html and "<td>Role Two #2</td><td>P3</td>" in html
    csv = (tmp_path / "csv" / "staffing.csv").read_text().splitlines()
    assert csv[0].startswith("role,seat,person,team,readiness,match") and len(csv) == 1 + 3
    assert csv[1].startswith('"r1",1,"P1",,100,') and ",false," in csv[1]  # (no team given)
    for spec, message in [
        ("r3", "unknown role 'r3'"),
        ("r1:0", "'r1:0' asks for no one"),
        ("r1:x", "must be a whole number"),
    ]:
        bad = subprocess.run([*base, "--roles", spec], capture_output=True, text=True)
        assert bad.returncode == 2 and message in bad.stderr, bad.stderr
    many = subprocess.run([*base, "--roles", "r1:4,r2:3"], capture_output=True, text=True)
    assert many.returncode == 0, many.stderr
    assert "7 seats for 5 people: everyone is placed" in " ".join(many.stdout.split())
