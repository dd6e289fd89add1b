"""The report in headless Chromium with every non-file request blocked and recorded."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from assess.model.questionnaire import Questionnaire
from assess.report import write_personal_report
from assess.scoring import score_responses
from tests.conftest import ROOT, make_response

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EVIL = "<script>alert(1)</script>"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found (Debian package 'chromium'); CI installs it"
    ),
]


@dataclass
class OfflinePage:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_offline(browser: Any, width: int = 1100, javascript: bool = True) -> OfflinePage:
    """A page that lets file: URLs through and blocks and records every other request."""
    context = browser.new_context(
        viewport={"width": width, "height": 1400}, java_script_enabled=javascript
    )
    opened = OfflinePage(context.new_page())

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            opened.requests.append(r.request.url)
            r.abort()

    opened.page.route("**/*", route)
    opened.page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    opened.page.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    return opened


@pytest.fixture
def report_file(ml_team: Questionnaire, tmp_path: Path) -> Path:
    answers: dict[str, object] = {q.id: 3 for q in ml_team.questions if q.kind == "rating"}
    answers.update({"nosql-rating": "skip", "data-enrichment-rating": "skip"})
    response = make_response(
        ml_team, answers, name=EVIL, team="Team <b>bold</b>", target_role="ml-engineer"
    )
    result = score_responses(ml_team, [response])[0]
    return write_personal_report(ml_team, result, out_dir=tmp_path)


def test_report_renders_offline_and_safely(report_file: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.goto(report_file.as_uri())
        page.wait_for_selector("#assess-radar .main-svg")
        page.wait_for_selector("#assess-fit .main-svg")
        assert page.locator("#assess-radar .polarlayer path").count() > 0
        assert page.locator("#assess-fit .barlayer .point").count() == 10
        assert page.locator("#assess-plotly").count() == 0  # unpacked and dropped
        page.wait_for_timeout(300)
        for chart in ("#assess-radar", "#assess-fit"):
            box = page.locator(chart).bounding_box()
            assert box is not None and box["height"] >= 400, chart

        assert EVIL in page.locator("h1").inner_text()
        assert "Team <b>bold</b>" in page.locator(".meta").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "personal-report.png"), full_page=True)
        browser.close()
    assert opened.requests == [], f"network requests were made: {opened.requests}"
    assert opened.errors == []
    assert opened.dialogs == [], "a script from the respondent's name ran"


def shown_roles(page: Any) -> dict[str, list[str]]:
    """Which role's blocks are on screen, by kind of block."""
    return dict(
        page.evaluate(
            """() => {
              const on = (sel) => Array.from(document.querySelectorAll(sel))
                .filter((e) => e.checkVisibility()).map((e) => e.dataset.role);
              return {line: on("header [data-role]"),
                      table: on("[aria-labelledby=radar-h] .role-block"),
                      gaps: on("[aria-labelledby=gaps-h] .role-block")};
            }"""
        )
    )


def test_compare_with_switches_everything_that_depends_on_the_role(report_file: Path) -> None:
    """Issue 12, item 1: the banner line, the skills table, the gaps and strengths, the
    radar and the match chart all follow the "Compare with" choice, with no round trip."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.goto(report_file.as_uri())
        page.wait_for_selector("#assess-radar .main-svg")
        assert page.locator("details.other-roles").count() == 0  # blocks moved out
        each = ["ml-engineer"]
        assert shown_roles(page) == {"line": each, "table": each, "gaps": each}

        def radar_role() -> list[str]:
            return list(
                page.evaluate(
                    "() => document.getElementById('assess-radar').data"
                    ".filter(t => typeof t.meta === 'string' && t.visible === true)"
                    ".map(t => t.meta)"
                )
            )

        assert radar_role() == ["ml-engineer"]
        page.select_option("#role-select", "data-engineer")
        page.wait_for_timeout(400)
        each = ["data-engineer"]
        assert shown_roles(page) == {"line": each, "table": each, "gaps": each}
        assert radar_role() == ["data-engineer"]
        assert "Data Engineer" in (page.locator("#assess-radar .gtitle").text_content() or "")
        marked = page.evaluate(
            """() => { const t = document.getElementById('assess-fit').data[0];
                       return t.meta.filter((id, i) => t.marker.color[i] === '#D55E00'); }"""
        )
        assert marked == ["data-engineer"]
        line = page.locator("header [data-role=data-engineer]").inner_text()
        assert "Compared with Data Engineer" in line and "readiness" in line
        assert "Data Engineer requires" in page.locator(".skills:visible").inner_text()
        assert page.locator("h3:visible", has_text="Gaps for").inner_text() == (
            "Gaps for Data Engineer"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "personal-report-data-engineer.png"), full_page=True)
        browser.close()
    assert opened.requests == [] and opened.errors == []


def overlaps(boxes: list[dict[str, float]], pad: float = 0.5) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["left"] < b["right"] - pad
                and b["left"] < a["right"] - pad
                and a["top"] < b["bottom"] - pad
                and b["top"] < a["bottom"] - pad
            ):
                found.append((a["text"], b["text"]))
    return found


LABEL_BOXES = """() => Array.from(document.querySelectorAll(
    '#assess-radar .angularaxistick text, #assess-radar .xtick text, #assess-radar .gtitle'))
  .map((t) => { const r = t.getBoundingClientRect();
                return {text: t.textContent, left: r.left, right: r.right, top: r.top,
                        bottom: r.bottom}; })"""


@pytest.mark.parametrize("width", [1280, 800, 390])
def test_radar_labels_do_not_collide(report_file: Path, width: int) -> None:
    """Issue 12, item 2: at 29 skills no label, ring number or title overlaps another,
    on a desktop, a narrow window and a phone (where the skills are numbered)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, width)
        page = opened.page
        page.goto(report_file.as_uri())
        page.wait_for_selector("#assess-radar .main-svg")
        page.wait_for_timeout(400)
        boxes = page.evaluate(LABEL_BOXES)
        assert len(boxes) >= 29 + 4
        assert overlaps(boxes) == []
        chart = page.locator("#assess-radar").bounding_box()
        assert chart is not None
        for box in boxes:  # and every label stays inside the chart
            assert chart["x"] - 1 <= box["left"] and box["right"] <= chart["x"] + chart["width"] + 1
        labels = [b["text"] for b in boxes][: len(boxes)]
        if width < 600:
            assert "29" in labels
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#assess-radar").screenshot(path=str(ARTIFACTS / f"radar-{width}.png"))
        browser.close()
    assert opened.errors == []


def test_print_fits_the_page_without_controls(report_file: Path) -> None:
    """A4 and Letter are about 700 px wide: the charts are redrawn to fit before printing,
    the role control and Plotly's tool bar are not printed, nothing overlaps."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.goto(report_file.as_uri())
        page.wait_for_selector("#assess-radar .main-svg")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 700, "height": 1000})
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_timeout(600)
        assert page.locator("#role-controls").is_hidden()
        assert page.locator(".modebar-container").first.is_hidden()
        for chart in ("#assess-radar", "#assess-fit"):
            svg = page.locator(f"{chart} .main-svg").first.bounding_box()
            assert svg is not None and svg["width"] <= 700
        radar = page.locator("#assess-radar").bounding_box()
        key = page.locator("#radar-key").bounding_box()
        assert radar is not None and key is not None
        assert radar["y"] + radar["height"] <= key["y"] + 1  # nothing drawn over the key
        assert overlaps(page.evaluate(LABEL_BOXES)) == []
        for paper in ("A4", "Letter"):
            page.pdf(path=str(ARTIFACTS / f"personal-report-{paper}.pdf"), format=paper)
        browser.close()
    assert opened.errors == []


def test_personal_report_reads_without_javascript(report_file: Path) -> None:
    """With JavaScript off the page shows the target role's table and gaps, lists the
    other roles under <details>, and says the charts need JavaScript."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, javascript=False)
        page = opened.page
        page.goto(report_file.as_uri())
        each = ["ml-engineer"]
        assert shown_roles(page) == {"line": each, "table": each, "gaps": each}
        assert page.locator("#role-controls").is_hidden()
        table = page.locator(".skills:visible")
        assert table.count() == 1 and "ML Engineer requires" in table.inner_text()
        assert page.locator("tr", has_text="SQL and relational databases").first.is_visible()
        assert page.locator("table.fits").is_visible()
        assert page.locator(".chart-off").first.is_visible()
        others = page.locator("details.other-roles").first
        others.locator("summary").click()
        assert "Data Engineer requires" in others.inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "personal-report-nojs.png"), full_page=True)
        browser.close()
    assert opened.requests == []


def test_team_report_renders_offline(tiny: Questionnaire, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    from assess.report.team import write_team_report
    from assess.team import load_batch, score_team
    from tests.team.test_team import write_team

    write_team(tiny, tmp_path)
    (tmp_path / "broken.json").write_text("{")
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    out = write_team_report(tiny, team, tmp_path / "team.html")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.goto(out.as_uri())
        for chart in ("team-radar", "team-skills", "team-match"):
            page.wait_for_selector(f"#{chart} .main-svg")
        assert page.locator("#team-skills .heatmaplayer").count() == 1
        assert "broken.json" in page.locator("#skipped").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "team-report.png"), full_page=True)
        browser.close()
    assert opened.requests == [] and opened.errors == []


def test_a_browser_that_cannot_unpack_says_so_and_keeps_the_tables(report_file: Path) -> None:
    """Where the bundle cannot be unpacked (here: no TextDecoder), every chart says so in
    words and the page still reads; nothing throws."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.add_init_script("delete window.TextDecoder")
        page.goto(report_file.as_uri())
        page.wait_for_selector(".chart-failed")
        assert page.locator(".chart-failed").count() == 2
        assert "could not be drawn" in page.locator("#assess-radar").inner_text()
        assert page.locator(".skills:visible").count() == 1
        page.select_option("#role-select", "data-engineer")  # the switch works without charts
        assert "Data Engineer requires" in page.locator(".skills:visible").inner_text()
        browser.close()
    assert opened.errors == [] and opened.requests == []


def test_team_report_reads_without_javascript(tiny: Questionnaire, tmp_path: Path) -> None:
    """Issue 14: with JavaScript off (or where the bundle cannot be unpacked) the team
    report's tables still read, and each chart says it needs JavaScript."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from assess.report.team import write_team_report
    from assess.team import load_batch, score_team
    from tests.team.test_team import write_team

    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    out = write_team_report(tiny, team, tmp_path / "team.html")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, javascript=False)
        page = opened.page
        page.goto(out.as_uri())
        profile = page.locator("#radar-h ~ .scroll table").first
        assert profile.is_visible() and "Skill A" in profile.inner_text()
        people = page.locator("#people")
        assert people.is_visible() and "P1" in people.inner_text()
        assert page.locator("#candidates").is_visible()
        assert page.locator(".chart-off").count() == 3
        assert page.locator(".chart-off").first.is_visible()
        page.locator("details summary", has_text="Per-person detail").click()
        assert page.locator("#detail-skills").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "team-report-nojs.png"), full_page=True)
        browser.close()
    assert opened.requests == []
