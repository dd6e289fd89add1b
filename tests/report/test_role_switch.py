"""The personal report follows the chosen role everywhere (issue 12, item 1).

Every block that depends on the role (the banner line, the skills table, the gaps and
strengths) is in the page once per role; the role the page opens on shows, the others
are listed under <details> for a reader without JavaScript, and personal.js switches
between them (tests/e2e/test_browser_report.py drives the switch in Chromium).
"""

from __future__ import annotations

import re

import pytest

from assess.loading import builtin_dir, load_response
from assess.model.questionnaire import Questionnaire
from assess.model.result import RespondentResult
from assess.report import personal_report_html
from assess.scoring import score_responses

EXAMPLES = builtin_dir() / "examples"


@pytest.fixture(scope="module")
def priya(ml_team: Questionnaire) -> RespondentResult:
    return score_responses(ml_team, [load_response(EXAMPLES / "priya-sharma.json")])[0]


@pytest.fixture(scope="module")
def html(ml_team: Questionnaire, priya: RespondentResult) -> str:
    return personal_report_html(ml_team, priya)


def blocks(html: str, section: str) -> dict[str, str]:
    """Role id -> that role's block in a section."""
    start = html.index(f'id="{section}"')
    end = html.index("</section>", start)
    part = html[start:end]
    found = re.findall(r'<div class="role-block" data-role="([^"]+)">(.*?)\n</div>', part, re.S)
    return dict(found)


@pytest.mark.parametrize("section", ["radar-h", "gaps-h"])
def test_every_role_has_its_own_block(priya: RespondentResult, html: str, section: str) -> None:
    others = [fit.role for fit in priya.roles if fit.role != "data-scientist"]
    assert list(blocks(html, section)) == ["data-scientist", *others]


def test_the_target_shows_and_the_others_wait_under_details(html: str) -> None:
    for section in ("radar-h", "gaps-h"):
        start = html.index(f'id="{section}"')
        part = html[start : html.index("</section>", start)]
        shown, others = part.split('<details class="other-roles">', 1)
        assert shown.count('class="role-block"') == 1
        assert 'data-role="data-scientist"' in shown
        assert others.count('class="role-block"') == 9


def test_skills_table_follows_the_role(
    ml_team: Questionnaire, priya: RespondentResult, html: str
) -> None:
    engineer = ml_team.role("data-engineer")
    table = blocks(html, "radar-h")["data-engineer"]
    assert "Data Engineer requires" in table and "Data Scientist" not in table
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td><td>(.*?)</td>.*?</tr>", table, re.S)
    assert len(rows) == len(ml_team.skills)
    sql = re.search(r"SQL and relational databases</td>.*?</tr>", table, re.S)
    assert sql is not None
    need = engineer.requirements["sql"].level
    current = priya.skills["sql"]
    assert current is not None
    assert f'<td class="num">{need}</td>' in sql.group(0)
    expected = "gap" if current < need else "meets" if current < need + 1 else "above"
    assert f">{expected}</td>" in sql.group(0)


def test_gaps_and_strengths_follow_the_role(priya: RespondentResult, html: str) -> None:
    found = blocks(html, "gaps-h")
    for fit in priya.roles:
        block = found[fit.role]
        assert f"<h3>Gaps for {fit.name}</h3>" in block
        assert f"<h3>Strengths for {fit.name}</h3>" in block
        for gap in fit.gaps:
            assert gap.skill_name in block
        for strength in fit.strengths:
            assert f"{strength.skill_name}: " in block


def test_banner_line_for_every_role(priya: RespondentResult, html: str) -> None:
    header = html[: html.index("</header>")]
    lines = dict(
        re.findall(r'<p class="summary role-line" data-role="([^"]+)"[^>]*>(.*?)</p>', header)
    )
    assert list(lines) == [fit.role for fit in priya.roles]
    for fit in priya.roles:
        line = lines[fit.role]
        assert f"Compared with <strong>{fit.name}</strong>" in line
        assert f"readiness {fit.readiness:.0f}</strong>" in line
        assert f"coverage {fit.coverage:.0%}</strong>" in line
        assert f"match {fit.match:+.0f}</strong>" in line
    assert re.search(r'data-role="data-scientist">', header)  # shown
    assert re.search(r'data-role="data-engineer" hidden>', header)


def test_role_select_lists_every_role_and_the_target_is_selected(
    priya: RespondentResult, html: str
) -> None:
    select = html[html.index('<select id="role-select">') : html.index("</select>")]
    values = re.findall(r'<option value="([^"]+)"', select)
    assert values == [fit.role for fit in priya.roles]
    assert re.search(r'<option value="data-scientist"[^>]* selected>', select)
    # the control waits for the script: without JavaScript there is nothing to switch
    assert '<div class="controls" id="role-controls" hidden>' in html
