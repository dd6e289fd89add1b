"""Honest framing (issue 12, item 3; issue 10): the report says what its numbers rest on."""

from __future__ import annotations

import re

import pytest

from assess.loading import builtin_dir, load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Status
from assess.report import personal_report_html
from assess.report.build import fit_label
from assess.scoring import score_responses
from assess.scoring.engine import CALIBRATION_THRESHOLD, MIN_RANGE, MIN_SKILLS
from assess.scoring.results import STRENGTH_LEVEL, WEAK_COVERAGE
from tests.conftest import ROOT, make_response

EXAMPLES = builtin_dir() / "examples"


def flat(text: str) -> str:
    """Text with tags dropped and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))


def test_unfinished_survey_says_how_much_it_covers(ml_team: Questionnaire) -> None:
    ratings = [q.id for q in ml_team.questions if q.kind == "rating"][:5]
    response = make_response(ml_team, dict.fromkeys(ratings, 3)).model_copy(
        update={"status": Status.in_progress, "completed_at": None}
    )
    result = score_responses(ml_team, [response])[0]
    html = personal_report_html(ml_team, result)
    total = len(ml_team.questions)
    banner = flat(
        html[html.index('id="unfinished"') : html.index("</div>", html.index('id="unfinished"'))]
    )
    share = f"{5 / total:.0%}"
    assert f"Unfinished survey: this report covers {share} of the survey" in banner
    assert f"5 of {total} questions answered" in banner
    assert f"{total - 5} not answered yet" in banner and "assess take" in banner
    # it comes before any number
    assert html.index('id="unfinished"') < html.index('class="summary role-line"')


def test_finished_survey_has_no_such_banner(ml_team: Questionnaire) -> None:
    result = score_responses(ml_team, [load_response(EXAMPLES / "priya-sharma.json")])[0]
    assert 'id="unfinished"' not in personal_report_html(ml_team, result)


def test_no_best_role_is_said_plainly_and_first(ml_team: Questionnaire) -> None:
    response = make_response(ml_team, {"sql-rating": 3, "etl-rating": 2})
    result = score_responses(ml_team, [response])[0]
    assert result.best_role is None and result.no_match_reason
    html = personal_report_html(ml_team, result)
    start = html.rindex("<div", 0, html.index('id="no-best-role"'))
    banner = html[start : html.index("</div>", start)]
    assert banner.startswith('<div class="banner" id="no-best-role"') and "No best role" in banner
    assert flat(result.no_match_reason) in flat(banner)
    assert "most like" not in flat(html[: html.index("</header>")]).replace(
        "no role is named as most like you", ""
    )
    # every role says it has no match, and none is ranked
    assert flat(html).count("no match (too little evidence)") == len(ml_team.roles)


def test_weak_evidence_is_marked_wherever_a_role_is_named(ml_team: Questionnaire) -> None:
    response = make_response(ml_team, {"sql-rating": 3, "etl-rating": 2, "statistics-rating": 1})
    result = score_responses(ml_team, [response])[0]
    weak = [fit for fit in result.roles if fit.weak_evidence]
    assert weak
    html = personal_report_html(ml_team, result)
    for fit in weak:
        line = re.search(rf'data-role="{fit.role}"[^>]*>(.*?)</p>', html, re.S)
        assert line is not None and "weak evidence" in line.group(1)
        option = re.search(rf'<option value="{fit.role}"[^>]*>(.*?)</option>', html)
        assert option is not None and "weak evidence" in option.group(1)
        assert "weak evidence" in fit_label(fit)


def test_every_number_is_named(ml_team: Questionnaire) -> None:
    result = score_responses(ml_team, [load_response(EXAMPLES / "priya-sharma.json")])[0]
    html = personal_report_html(ml_team, result)
    for fit in result.roles:
        assert re.fullmatch(
            r"match [+-]\d+ · readiness \d+ · coverage \d+%( · weak evidence)?", fit_label(fit)
        )
    header = html[: html.index("</header>")]
    for line in re.findall(r'class="summary role-line"[^>]*>(.*?)</p>', header):
        # each number right after its name: "readiness 95", "coverage 100%", "match +91"
        numbers = re.findall(r"(\w+) ([+-]?\d+%?)</strong>", line)
        assert [name for name, _ in numbers] == ["readiness", "coverage", "match"]
    assert "Match (-100..100)" in html and "Readiness (0-100)" in html


def test_strengths_start_at_practitioner(ml_team: Questionnaire) -> None:
    # Business framing needs 2 for a Data Scientist; met at 2, it is not a strength
    result = score_responses(ml_team, [load_response(EXAMPLES / "priya-sharma.json")])[0]
    html = personal_report_html(ml_team, result)
    assert f"practitioner level ({STRENGTH_LEVEL}) or above" in flat(html)
    scientist = next(f for f in result.roles if f.role == "data-scientist")
    start = html.index('id="gaps-h"')
    block = html[html.index('data-role="data-scientist"', start) :]
    strengths = block[block.index("<h3>Strengths for") : block.index("</ul>")]
    assert "Business framing and value" not in strengths
    assert all(s.current >= STRENGTH_LEVEL for s in scientist.strengths)


def test_self_rated_only_skills_are_listed_and_marked(ml_team: Questionnaire) -> None:
    ratings = {q.id: 3 for q in ml_team.questions if q.kind == "rating"}  # no check answered
    result = score_responses(ml_team, [make_response(ml_team, ratings)])[0]
    assert result.self_rated_only
    html = personal_report_html(ml_team, result)
    start = html.index('id="self-rated-only"')
    listed = html[start : html.index("</p>", start)]
    for skill in result.self_rated_only:
        assert ml_team.skill(skill).name in listed
    assert " †</td>" in html


def readme_scoring() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    scoring = text[text.index("## Scoring") : text.index("### Why match is a shape index")]
    return re.sub(r"\s+", " ", scoring.replace("*", "").replace("`", ""))


@pytest.fixture(scope="module")
def method(ml_team: Questionnaire) -> str:
    result = score_responses(ml_team, [load_response(EXAMPLES / "priya-sharma.json")])[0]
    html = personal_report_html(ml_team, result)
    return flat(
        html[html.index('id="method-h"') : html.index("</section>", html.index('id="method-h"'))]
    )


EARN_NOTHING = 'a wrong option, "I don\'t know" and a skipped check all earn nothing'
NEVER_ANSWERED = (
    "a check never answered at all (not reached yet, or a form that did not ask it) is no "
    "evidence either way, and the skill then rests on the self-rating alone and is listed so"
)


@pytest.mark.parametrize(
    ("readme", "report"),
    [
        (
            'Skip ("not applicable") is missing, never 0',
            'A skip ("not applicable") is missing, never 0',
        ),
        (
            "skipping a skill's self-rating skips its knowledge checks",
            "skipping a skill's self-rating skips its knowledge checks",
        ),
        (
            "C_s = 4 × the weighted share of the skill's answered checks that were right",
            "4 × the weighted share of the skill's answered checks that were right",
        ),
        (EARN_NOTHING, EARN_NOTHING),
        (NEVER_ANSWERED, NEVER_ANSWERED),
        (
            "when at least two checks on the skill were answered",
            "when at least two checks on the skill were answered",
        ),
        ("P_s = min(R_s, (R_s + C_s) / 2)", "P = min(R, (R + C) / 2)"),
        ("never above it", "never above it"),
        (
            "A skill with checks but no self-rating question is C_s",
            "A skill with checks but no self-rating question is C",
        ),
        ("Pearson correlation", "correlation"),
        (
            f"fewer than {MIN_SKILLS} skills are assessed",
            f"fewer than {MIN_SKILLS} skills are assessed",
        ),
        ("less than one level apart", "less than one level apart"),
        (
            "A not-assessed skill counts as P = 0 here, so skipping never raises it",
            "A not-assessed skill counts as 0 here, so skipping never raises it",
        ),
        (
            f"coverage below {WEAK_COVERAGE:.0%} is marked weak evidence",
            f"under {WEAK_COVERAGE:.0%} the role is marked weak evidence",
        ),
        ("practitioner level (3) or above", "practitioner level (3) or above"),
        (f"|Δ| ≥ {CALIBRATION_THRESHOLD}", f"{CALIBRATION_THRESHOLD} or more"),
        ("Rounding is for display only", "Rounding is for display only"),
        ("Ties keep the order of the roles file", "Ties keep the order of the roles file"),
    ],
)
def test_how_this_is_scored_matches_the_readme(method: str, readme: str, report: str) -> None:
    assert MIN_RANGE == 1.0  # "one level"
    assert readme in readme_scoring()
    assert report in method
