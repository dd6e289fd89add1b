"""The team report in headless Chromium: tables that fit the page, the radar's role switch
and labels, print."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.loading import builtin_dir
from assess.model.questionnaire import Questionnaire
from tests.e2e.test_browser_report import ARGS, ARTIFACTS, CHROMIUM, open_offline, overlaps

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found (Debian package 'chromium'); CI installs it"
    ),
]
EXAMPLES = builtin_dir().parent / "questionnaires" / "examples"

LABEL_BOXES = """() => Array.from(document.querySelectorAll(
    '#team-radar .angularaxistick text, #team-radar .xtick text, #team-radar .gtitle'))
  .map((t) => { const r = t.getBoundingClientRect();
                return {text: t.textContent, left: r.left, right: r.right, top: r.top,
                        bottom: r.bottom}; })"""


@pytest.fixture(scope="module")
def team_file(ml_team: Questionnaire, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assess.report.team import write_team_report
    from assess.team import load_batch, score_team

    team = score_team(ml_team, load_batch(ml_team, [EXAMPLES]))
    return write_team_report(ml_team, team, tmp_path_factory.mktemp("team") / "team.html")


@pytest.mark.parametrize("width", [1280, 390])
def test_wide_tables_scroll_in_their_box_with_the_names_in_view(
    team_file: Path, width: int
) -> None:
    """Issue 12, item 4: the proficiency table was 2,239 px wide in a 1,280 px page. Now
    the page is never wider than the window; the table scrolls in its own box, and its
    first column (the names) stays in view when it does."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, width)
        page = opened.page
        page.goto(team_file.as_uri())
        page.wait_for_selector("#team-radar .main-svg")
        page.locator("details summary", has_text="Per-person detail").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        box = page.locator("#detail-skills").locator("xpath=..")
        sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert sizes[0] > sizes[1]  # 29 skills: wider than its box, which scrolls
        first = page.locator("#detail-skills tbody tr td").first
        before = first.bounding_box()
        box.evaluate("b => { b.scrollLeft = 600; }")
        after = first.bounding_box()
        assert before is not None and after is not None
        assert abs(after["x"] - before["x"]) < 1  # the name stays put
        assert first.inner_text() in {"Lena Fischer", "Priya Sharma", "Tom Okafor"}
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"team-report-{width}.png"), full_page=True)
        browser.close()
    assert opened.requests == [] and opened.errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_team_radar_labels_do_not_collide(team_file: Path, width: int) -> None:
    """The team radar is the personal report's: labels laid out per size, none overlapping
    another or the ring numbers, every one inside the chart."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, width)
        page = opened.page
        page.goto(team_file.as_uri())
        page.wait_for_selector("#team-radar .main-svg")
        page.wait_for_timeout(400)
        boxes = page.evaluate(LABEL_BOXES)
        assert len(boxes) >= 29 + 4
        assert overlaps(boxes) == []
        chart = page.locator("#team-radar").bounding_box()
        assert chart is not None
        for box in boxes:
            assert chart["x"] - 1 <= box["left"] and box["right"] <= chart["x"] + chart["width"] + 1
        page.locator("#team-radar").screenshot(path=str(ARTIFACTS / f"team-radar-{width}.png"))
        browser.close()
    assert opened.errors == []


def test_compare_with_switches_the_radar_s_role(team_file: Path) -> None:
    """It opens on the most common target role (Priya aims for Data Scientist); the select
    shows another role's profile and names it in the title."""
    sync_api = pytest.importorskip("playwright.sync_api")
    shown = """() => document.getElementById('team-radar').data
        .filter((t) => typeof t.meta === 'string' && t.visible !== false).map((t) => t.meta)"""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.goto(team_file.as_uri())
        page.wait_for_selector("#team-radar .main-svg")
        assert page.locator("#team-role-select").input_value() == "data-scientist"
        assert page.evaluate(shown) == ["data-scientist"]
        page.select_option("#team-role-select", "data-engineer")
        page.wait_for_timeout(300)
        assert page.evaluate(shown) == ["data-engineer"]
        title = page.locator("#team-radar .gtitle").text_content()
        assert title == "Team skills vs. Data Engineer"
        browser.close()
    assert opened.errors == []


def test_printed_team_report_fits_the_page(team_file: Path) -> None:
    """On paper (about 700 px) the matrices stand upright in small type, nothing scrolls
    (a scroll box would cut them off), the radar is redrawn to the page's width."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.goto(team_file.as_uri())
        page.wait_for_selector("#team-radar .main-svg")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 700, "height": 1000})
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_timeout(600)
        assert page.locator("#team-role-controls").is_hidden()
        assert page.locator("#detail-skills").is_visible()  # the detail opens for paper
        for table in ("#detail-skills", "#detail-roles", "#people"):
            box = page.locator(table).bounding_box()
            assert box is not None and box["x"] + box["width"] <= 700 + 1, table
        svg = page.locator("#team-radar .main-svg").first.bounding_box()
        assert svg is not None and svg["width"] <= 700
        assert overlaps(page.evaluate(LABEL_BOXES)) == []
        for paper in ("A4", "Letter"):
            page.pdf(path=str(ARTIFACTS / f"team-report-{paper}.pdf"), format=paper)
        browser.close()
    assert opened.errors == []
