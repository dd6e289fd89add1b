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


def open_offline(browser: Any) -> OfflinePage:
    """A page that lets file: URLs through and blocks and records every other request."""
    opened = OfflinePage(browser.new_page(viewport={"width": 1100, "height": 1400}))

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

        def visible_target() -> list[str]:
            return list(
                page.evaluate(
                    "() => document.getElementById('assess-radar').data"
                    ".filter(t => t.meta && t.visible === true).map(t => t.meta)"
                )
            )

        assert visible_target() == ["ml-engineer"]
        page.locator("#assess-radar .updatemenu-header").click()
        page.locator("#assess-radar .updatemenu-dropdown-button", has_text="Data Engineer").click()
        page.wait_for_timeout(300)
        assert visible_target() == ["data-engineer"]
        assert "Data Engineer" in (page.locator("#assess-radar .gtitle").text_content() or "")

        assert EVIL in page.locator("h1").inner_text()
        assert "Team <b>bold</b>" in page.locator(".meta").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "personal-report.png"), full_page=True)
        browser.close()
    assert opened.requests == [], f"network requests were made: {opened.requests}"
    assert opened.errors == []
    assert opened.dialogs == [], "a script from the respondent's name ran"


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
        assert "broken.json" in page.locator("#inputs-h + table").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "team-report.png"), full_page=True)
        browser.close()
    assert opened.requests == [] and opened.errors == []
