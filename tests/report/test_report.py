"""The personal report: figure dicts, tables, escaping, determinism and size."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from markupsafe import escape

from assess.loading import builtin_dir, load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Respondent
from assess.model.result import RespondentResult
from assess.report import personal_report_html, write_personal_report
from assess.report.build import build_personal_report, fit_figure, radar_figure
from assess.scoring import score_responses
from tests.conftest import make_response

EXAMPLES = builtin_dir() / "examples"


@pytest.fixture(scope="module")
def priya(ml_team: Questionnaire) -> RespondentResult:
    return score_responses(ml_team, [load_response(EXAMPLES / "priya-sharma.json")])[0]


def test_radar_traces_axes_and_values(ml_team: Questionnaire, priya: RespondentResult) -> None:
    report = build_personal_report(ml_team, priya)
    assert report.target.role == "data-scientist"  # Priya's target role
    figure = go.Figure(report.radar)  # raises on any invalid property
    you = next(t for t in figure.data if t.name == "You")
    assert you.type == "scatterpolar" and len(you.r) == len(ml_team.skills)
    ordered = [s for a in ml_team.areas for s in ml_team.skills if s.area == a.id]
    assert list(you.r) == [priya.skills[s.id] or 0 for s in ordered]
    required = [t for t in figure.data if (t.name or "").endswith(" profile")]
    assert len(required) == len(ml_team.roles)
    assert [t.meta for t in required if t.visible] == ["data-scientist"]
    scientist = ml_team.role("data-scientist")
    visible = next(t for t in required if t.visible)
    # the complete profile: no drop to 0 for a skill the role does not require
    assert list(visible.r) == [scientist.profile_level(s.id) for s in ordered]
    assert list(visible.customdata).count("requires") == len(scientist.requirements)
    axis = figure.layout.polar.radialaxis
    assert list(axis.range) == [0, 4.4] and axis.ticktext[3] == "3 practitioner"
    # the level labels run between the first two spokes, not on the first skill's label
    assert axis.angle == pytest.approx(90 - 180 / len(ordered))
    buttons = figure.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [r.name for r in ml_team.roles]
    for button, role in zip(buttons, ml_team.roles, strict=True):  # each shows one role
        shown = [
            t.meta
            for t, v in zip(figure.data, button.args[0]["visible"], strict=True)
            if v and (t.name or "").endswith(" profile")
        ]
        assert shown == [role.id]


def test_unassessed_skills_are_marked(ml_team: Questionnaire) -> None:
    result = score_responses(ml_team, [make_response(ml_team, {"sql-rating": 3})])[0]
    figure = go.Figure(radar_figure(ml_team, result, result.roles[0]))
    marked = next(t for t in figure.data if t.name == "Not assessed")
    assert len(marked.theta) == len(ml_team.skills) - 1
    assert all("(not assessed)" in label for label in marked.theta)


def test_gap_table_keeps_not_assessed_skills_apart(ml_team: Questionnaire) -> None:
    # SQL rated 1 for a Data Engineer (needs it higher); the other skills are unanswered.
    response = make_response(ml_team, {"sql-rating": 1}, target_role="data-engineer")
    result = score_responses(ml_team, [response])[0]
    html = personal_report_html(ml_team, result)
    gaps = html[html.index('id="gaps-h"') : html.index("<h3>Strengths</h3>")]
    table, rest = gaps.split("</table>", 1)
    assert "SQL and relational databases" in table
    assert "not assessed" not in table.lower()
    unassessed = rest[rest.index('id="not-assessed"') :]
    role = ml_team.role("data-engineer")
    needed = [ml_team.skill(s).name for s in role.requirements if s != "sql"]
    assert needed and all(name in unassessed for name in needed)


def test_fit_chart_matches_results(priya: RespondentResult) -> None:
    figure = go.Figure(fit_figure(priya))
    (bars,) = figure.data
    assert list(bars.x) == [r.match for r in reversed(priya.roles)]
    best = priya.roles[0]
    assert bars.text[-1].startswith(f"match {best.match:+.0f} · ready {best.readiness:.0f}")


def test_html_is_self_contained_and_plotly_inlined_once(
    ml_team: Questionnaire, priya: RespondentResult
) -> None:
    html = personal_report_html(ml_team, priya)
    assert html.count("Plotly.newPlot(") == 2
    assert html.count("plotly.js v") <= 2  # the bundle's banner, once
    assert len(re.findall(r"<script>", html)) == 3  # plotly.js + two figures
    ours = re.sub(r"<script>.*?</script>", "", html, count=1, flags=re.S)  # minus plotly.js
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", ours)
    assert "<link" not in ours and "@import" not in ours and "url(" not in ours
    assert '<html lang="en">' in html and "<h1>" in html
    assert len(html.encode()) <= 5_000_000


def test_report_tables_hold_the_numbers(ml_team: Questionnaire, priya: RespondentResult) -> None:
    html = personal_report_html(ml_team, priya)
    for fit in priya.roles:
        assert f"{fit.readiness:.1f}" in html and f"{fit.match:+.0f}" in html
    for gap in next(r for r in priya.roles if r.role == "data-scientist").gaps:
        assert str(escape(gap.next_descriptor)) in html
    assert "How this is scored" in html and "Coverage" in html


def test_same_response_gives_identical_bytes(ml_team: Questionnaire, tmp_path: Path) -> None:
    response = load_response(EXAMPLES / "tom-okafor.json")
    first = personal_report_html(ml_team, score_responses(ml_team, [response])[0])
    second = personal_report_html(ml_team, score_responses(ml_team, [response])[0])
    assert first == second


def test_hostile_name_is_escaped(ml_team: Questionnaire, tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    response = make_response(ml_team, {"sql-rating": 2}, name=evil, team="<b>x</b>&co")
    result = score_responses(ml_team, [response])[0]
    html = personal_report_html(ml_team, result)
    assert evil not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;&amp;co" in html
    path = write_personal_report(ml_team, result, out_dir=tmp_path)
    # (a name not kept whole gets a hash: two such names never share a report)
    assert path.parent == tmp_path and path.name.startswith("script-alert-1-script--")


def test_role_option_changes_the_target(ml_team: Questionnaire, priya: RespondentResult) -> None:
    report = build_personal_report(ml_team, priya, role="data-engineer")
    assert report.target.role == "data-engineer"
    assert "Gaps for Data Engineer" in personal_report_html(ml_team, priya, "data-engineer")


def test_respondent_model_has_no_html_of_its_own() -> None:
    # Guard: names are data, never markup; the template must escape them.
    assert Respondent(name="<i>x</i>").name == "<i>x</i>"


def test_golden_structure(ml_team: Questionnaire, priya: RespondentResult) -> None:
    """The report's section headings and table captions, in order."""
    html = personal_report_html(ml_team, priya)
    headings = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html)
    assert headings == [
        "Skills report: Priya Sharma",
        "Skills profile",
        "Match and readiness for each role",
        "Gaps for Data Scientist",
        "Calibration",
        "How this is scored",
    ]


def test_html_matches_the_golden_snapshot(
    ml_team: Questionnaire, priya: RespondentResult, snapshot: Any
) -> None:
    """The whole page but the inlined plotly.js bundle; update with --snapshot-update."""
    html = personal_report_html(ml_team, priya)
    assert (
        re.sub(r"<script>.*?</script>", "<script>PLOTLY.JS</script>", html, count=1, flags=re.S)
        == snapshot
    )


def test_counts_have_thousands_separators() -> None:
    from assess.report.render import environment

    rendered = environment().from_string("{{ 100000|count }} {{ 999|count }} {{ 3.0|count }}")
    assert rendered.render() == "100,000 999 3"
