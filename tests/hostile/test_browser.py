"""The team report in headless Chromium: names that are markup stay text in the charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.model.questionnaire import Questionnaire
from assess.report.team import write_team_report
from assess.storage import save_response
from assess.team import load_batch, score_team
from tests.conftest import make_response
from tests.e2e.test_browser_report import ARGS, ARTIFACTS, CHROMIUM, open_offline

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found (Debian package 'chromium')"),
]

NAMES = ['<a href="https://evil.example">Click</a>', "<b>bold</b><br>x", "1", "2026-01-01"]


def test_markup_in_names_is_drawn_as_text(tiny: Questionnaire, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    for i, name in enumerate(NAMES):
        answers = {"a-rate": i % 5, "b-rate": 2, "c-rate": 1}
        save_response(tmp_path / f"p{i}.json", make_response(tiny, answers, name=name))
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    out = write_team_report(tiny, team, tmp_path / "team.html")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser)
        page = opened.page
        page.goto(out.as_uri())
        page.wait_for_selector("#team-skills .main-svg")
        ticks = page.locator("#team-skills .ytick text").all_text_contents()
        links = page.locator("#team-match a, #team-skills a").count()
        bold = page.locator("#team-skills .ytick text tspan[style*='bold']").count()
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#team-skills").screenshot(
            path=str(ARTIFACTS / "team-skills-hostile-names.png")
        )
        browser.close()
    assert sorted(ticks) == sorted(NAMES)  # as written, one row each (no date or number axis)
    assert links == 0 and bold == 0  # no clickable link, no bold from a name
    assert opened.requests == [] and opened.errors == []
