"""The personal report: figure dicts, tables, escaping, determinism and size."""

from __future__ import annotations

import json
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
from assess.report.build import (
    RIM_BAND,
    UNASSESSED_R,
    build_personal_report,
    fit_figure,
    radar_figure,
)
from assess.report.render import _static
from assess.scoring import score_responses
from tests.conftest import make_response

EXAMPLES = builtin_dir() / "examples"


@pytest.fixture(scope="module")
def priya(ml_team: Questionnaire) -> RespondentResult:
    return score_responses(ml_team, [load_response(EXAMPLES / "priya-sharma.json")])[0]


def role_block(html: str, section: str, role: str) -> str:
    """One role's block in a section (found by the section heading's id)."""
    start = html.index(f'id="{section}"')
    start = html.index(f'<div class="role-block" data-role="{role}">', start)
    return html[start : html.index("\n</div>", start)]


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
    kinds = [what for _, what in visible.customdata]
    assert kinds.count("requires") == len(scientist.requirements)
    assert figure.layout.updatemenus == ()  # the page's own select switches the role
    assert "Compare with" not in json.dumps(report.radar)


def test_unassessed_skills_are_marked_on_the_rim(ml_team: Questionnaire) -> None:
    result = score_responses(ml_team, [make_response(ml_team, {"sql-rating": 3})])[0]
    figure = go.Figure(radar_figure(ml_team, result, result.roles[0]))
    marked = next(t for t in figure.data if t.name == "Not assessed")
    assert len(marked.theta) == len(ml_team.skills) - 1
    assert set(marked.r) == {UNASSESSED_R} and UNASSESSED_R > RIM_BAND[1] > 4
    labels = figure.layout.polar.angularaxis.ticktext
    assert not any("not assessed" in label for label in labels)


def test_gap_table_keeps_not_assessed_skills_apart(ml_team: Questionnaire) -> None:
    # SQL rated 1 for a Data Engineer (needs it higher); the other skills are unanswered.
    response = make_response(ml_team, {"sql-rating": 1}, target_role="data-engineer")
    result = score_responses(ml_team, [response])[0]
    html = personal_report_html(ml_team, result)
    block = role_block(html, "gaps-h", "data-engineer")
    gaps = block[: block.index("<h3>Strengths for Data Engineer</h3>")]
    table, rest = gaps.split("</table>", 1)
    assert "SQL and relational databases" in table
    assert "not assessed" not in table.lower()
    unassessed = rest[rest.index('class="not-assessed"') :]
    role = ml_team.role("data-engineer")
    needed = [ml_team.skill(s).name for s in role.requirements if s != "sql"]
    assert needed and all(name in unassessed for name in needed)


def test_fit_chart_matches_results(priya: RespondentResult) -> None:
    figure = go.Figure(fit_figure(priya))
    bars, labels = figure.data
    assert list(bars.x) == [r.match for r in reversed(priya.roles)]
    best = priya.roles[0]
    assert labels.text[-1].startswith(f"match {best.match:+.0f} · readiness {best.readiness:.0f}")
    # a label starts right of its bar, or right of 0 for a negative match: never on the names
    assert list(labels.x) == [max(0.0, r.match or 0.0) for r in reversed(priya.roles)]
    assert labels.textposition == "middle right"


def test_html_is_self_contained_and_plotly_inlined_once(
    ml_team: Questionnaire, priya: RespondentResult
) -> None:
    html = personal_report_html(ml_team, priya)
    assert html.count("Plotly.newPlot(") == 2
    assert html.count('id="assess-plotly"') == 1  # the packed bundle, once
    assert html.count("<script") == 6  # queue, two figures, role switch, bundle, unpacker
    ours = re.sub(r'<script type="application/x-assess-packed".*?</script>', "", html, flags=re.S)
    # Nothing loads from elsewhere; the learning plan's resources are plain links (<a>),
    # followed only when clicked, with no referrer and no DNS prefetch.
    assert not re.search(r"""<(?!a\s)[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", ours)
    links = re.findall(r"<a\s[^>]*>", ours)
    assert links and all('rel="noreferrer"' in link for link in links)
    assert '<meta http-equiv="x-dns-prefetch-control" content="off">' in html
    assert "<link" not in ours and "@import" not in ours and "url(" not in ours
    assert '<html lang="en">' in html and "<h1>" in html


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
    assert report.default_view.id == "data-engineer"
    html = personal_report_html(ml_team, priya, "data-engineer")
    start = html.index('id="gaps-h"')
    shown = html[start : html.index('<details class="other-roles">', start)]
    assert "Gaps for Data Engineer" in shown and "Gaps for Data Scientist" not in shown


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
        "Gaps and strengths",
        "What to learn next",
        "Calibration",
        "How this is scored",
    ]


def without_scripts(html: str) -> str:
    """The page with the packed plotly.js and the page's own scripts (files of their own)
    replaced by placeholders."""
    html = re.sub(
        r'<script type="application/x-assess-packed".*?</script>',
        "<script>PACKED PLOTLY.JS</script>",
        html,
        flags=re.S,
    )
    for name in ("charts.js", "personal.js", "unpack.js"):
        html = html.replace(_static(name), name.upper())
    return html


def test_html_matches_the_golden_snapshot(
    ml_team: Questionnaire, priya: RespondentResult, snapshot: Any
) -> None:
    """The whole page but the scripts; update with --snapshot-update."""
    assert without_scripts(personal_report_html(ml_team, priya)) == snapshot


def test_counts_have_thousands_separators() -> None:
    from assess.report.render import environment

    rendered = environment().from_string("{{ 100000|count }} {{ 999|count }} {{ 3.0|count }}")
    assert rendered.render() == "100,000 999 3"
