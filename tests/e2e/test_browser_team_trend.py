"""The team report's "Team over time" in headless Chromium: every chart drawn with its key
inside it at 1280 and 390 px, the page no wider than the window, "Skills drawn", and the
tables holding the numbers with JavaScript off."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.model.questionnaire import Questionnaire
from tests.e2e.test_browser_report import ARGS, ARTIFACTS, CHROMIUM, open_offline
from tests.person.helpers import EARLY, LATE, MIDDLE, person

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found (Debian package 'chromium'); CI installs it"
    ),
]
CHARTS = ("readiness", "ready", "uncovered", "median", "best")
PEOPLE = {
    "Ada Lovelace": (EARLY, MIDDLE, LATE),
    "Bob Stone": (MIDDLE, LATE, {**LATE, "statistics": 3, "ml-modelling": 3}),
    "Cy Young": (EARLY, EARLY, MIDDLE),
    "Di Prince": (LATE, LATE, {**LATE, "ci-cd": 4, "deployment": 3}),
    "Ed Nygma": (EARLY, {**MIDDLE, "sql": 4}, {**LATE, "sql": 4, "etl": 4}),
}


@pytest.fixture(scope="module")
def trend_file(ml_team: Questionnaire, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assess.report.team import team_summary, write_team_report
    from assess.team import load_batch, score_team
    from assess.team.extras import read_extras

    folder = tmp_path_factory.mktemp("trend")
    for name, series in PEOPLE.items():
        person(folder, ml_team, list(series), name=name, stem=name.lower().replace(" ", "-"))
    batch = load_batch(ml_team, [folder])
    extras = read_extras(batch, [folder], history=True)
    team = score_team(ml_team, batch, target_roles=["data-engineer", "ml-engineer"])
    trend = extras.trend(ml_team, team.analysis.target_roles)
    assert trend is not None and len(trend.points) == 3
    summary = team_summary(ml_team, team, trend=trend, raters=extras.raters)
    return write_team_report(ml_team, team, folder / "team.html", summary=summary)


VISIBLE = """(id) => document.getElementById(id).data
    .filter((t) => t.visible !== false).map((t) => t.meta[0])"""
SCROLLED = """(id) => { const bar = document.querySelector('#' + id + ' .legend .scrollbar');
    return bar ? Number(bar.getAttribute('height') || 0) : 0; }"""


@pytest.mark.parametrize("width", [1280, 390])
def test_team_over_time_charts_fit_the_window(trend_file: Path, width: int) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, width)
        page = opened.page
        page.goto(trend_file.as_uri())
        for name in CHARTS:
            page.wait_for_selector(f"#trend-{name} .main-svg")
        page.wait_for_timeout(500)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for name in CHARTS:
            chart = page.locator(f"#trend-{name}").bounding_box()
            legend = page.locator(f"#trend-{name} .legend").bounding_box()
            plot = page.locator(f"#trend-{name} .nsewdrag").bounding_box()
            assert chart and legend and plot
            # the key stands below the plot, inside the chart, and leaves the lines room
            assert legend["y"] >= plot["y"] + plot["height"] - 1
            assert legend["y"] + legend["height"] <= chart["y"] + chart["height"] + 1
            assert plot["height"] >= 180, name
            assert page.evaluate(SCROLLED, f"trend-{name}") == 0, name  # every entry shows
        # Drawn at first: the skills whose median moved most (5 people, 3 points).
        drawn = page.evaluate(VISIBLE, "trend-median")
        assert 0 < len(drawn) <= 6
        page.select_option("#trend-median-select", "data-engineering")
        page.wait_for_timeout(300)
        assert set(page.evaluate(VISIBLE, "trend-median")) == {"data-engineering"}
        page.select_option("#trend-median-select", "all")
        page.wait_for_timeout(300)
        assert len(page.evaluate(VISIBLE, "trend-median")) == 29
        plot = page.locator("#trend-median .nsewdrag").bounding_box()
        assert plot and plot["height"] >= 180  # the chart grew with its key
        assert page.evaluate(SCROLLED, "trend-median") == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#team-trend").screenshot(path=str(ARTIFACTS / f"team-trend-{width}.png"))
        browser.close()
    assert opened.requests == [] and opened.errors == []


def test_team_over_time_reads_without_javascript(trend_file: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, 1100, javascript=False)
        page = opened.page
        page.goto(trend_file.as_uri())
        section = page.locator("#team-trend")
        assert section.locator("noscript, .chart-off").count() >= len(CHARTS)
        assert page.locator(".trend-controls").first.is_hidden()
        head = page.locator("#trend-points thead th").all_inner_texts()
        assert head == ["Period", "2026-Q1", "2026-Q2", "2026-Q4"]
        people = page.locator("#trend-points tbody tr").nth(1).locator("td").all_inner_texts()
        assert people == ["People", "5", "5", "5"]
        rows = page.locator("#trend-median-table tbody tr")
        assert rows.count() == 29
        sql = rows.first.locator("td").all_inner_texts()
        # SQL: Ada 2, 3, 3; Bob 3, 3, 3; Cy 2, 2, 3; Di 3, 3, 3; Ed 2, 4, 4
        assert sql == ["1. SQL and relational databases", "2.0", "3.0", "3.0"]
        best = page.locator("#trend-best-table tbody tr").first.locator("td").all_inner_texts()
        assert best == ["1. SQL and relational databases", "3.0", "4.0", "4.0"]
        browser.close()
    assert opened.requests == []
