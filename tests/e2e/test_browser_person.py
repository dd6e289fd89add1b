"""The personal report's sections about the person over time and from others, in headless
Chromium (offline, every non-file request blocked and recorded): three assessments, a
manager's and three peers' ratings, the plan, and where the person stands; at 1280 and
390 px and printed. Screenshots go to test-artifacts/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from assess.model.questionnaire import Questionnaire
from assess.person.peers import standing
from assess.person.record import load_record
from assess.report import write_personal_report
from tests.e2e.test_browser_report import ARGS, ARTIFACTS, CHROMIUM, open_offline
from tests.person.helpers import DAY0, LATE, person, rating, response, write

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium found (Debian package 'chromium'); CI installs it"
    ),
]


@pytest.fixture
def person_report(ml_team: Questionnaire, tmp_path: Path) -> Path:
    current = person(tmp_path / "responses", ml_team)
    rating(current, ml_team, "Grace Hopper", "manager", {**LATE, "sql": 1, "statistics": 3})
    for i, name in enumerate(["Sam Lee", "Sam Lee", "Alan Turing"]):
        rating(current, ml_team, name, "peer", {**LATE, "etl": 2 + i % 2}, file=f"peer--{i}")
    for i in range(6):
        levels = {s.id: (i + k) % 5 for k, s in enumerate(ml_team.skills)}
        when = DAY0 + timedelta(days=i)
        write(tmp_path / "team" / f"c{i}.json", response(ml_team, levels, when, name=f"C{i}"))
    record = load_record(current)
    a = record.current
    assert a is not None
    place = standing(ml_team, a.plan, a.result, tmp_path / "team")
    return write_personal_report(
        ml_team, a.result, out_dir=tmp_path / "reports", record=record, standing=place
    )


def visible_meta(page: Any, chart: str) -> list[str]:
    return list(
        page.evaluate(
            f"() => document.getElementById('{chart}').data"
            ".filter(t => typeof t.meta === 'string' && t.visible === true).map(t => t.meta)"
        )
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_the_sections_render_offline(person_report: Path, width: int) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, width)
        page = opened.page
        page.goto(person_report.as_uri())
        page.wait_for_selector("#assess-radar .main-svg")
        page.wait_for_selector("#assess-history .main-svg")
        page.wait_for_timeout(500)
        # the radar draws the others' view as a line of its own
        names = page.evaluate("() => document.getElementById('assess-radar').data.map(t => t.name)")
        assert "Others" in names
        assert page.locator("#assess-history .scatterlayer .trace").count() >= 2
        for section in ("others", "since", "plan", "standing"):
            box = page.locator(f"#{section}").bounding_box()
            assert box is not None and box["height"] > 100, section
        # nothing wider than the page: tables scroll on their own on a phone
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= width + 1
        assert "Sam Lee" not in page.content() and "Alan Turing" not in page.content()
        ARTIFACTS.mkdir(exist_ok=True)
        for section in ("others", "since", "plan", "standing"):
            page.locator(f"#{section}").screenshot(
                path=str(ARTIFACTS / f"person-{section}-{width}.png")
            )
        page.locator("#assess-radar").screenshot(path=str(ARTIFACTS / f"person-radar-{width}.png"))
        browser.close()
    assert opened.requests == [], f"network requests were made: {opened.requests}"
    assert opened.errors == []


def test_the_plan_and_the_history_follow_the_role_switch(person_report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, 1280)
        page = opened.page
        page.goto(person_report.as_uri())
        page.wait_for_selector("#assess-history .main-svg")
        assert visible_meta(page, "assess-history") == ["data-engineer", "data-engineer"]
        plan = page.locator("#plan .role-block:visible")
        assert plan.count() == 1 and "Plan for Data Engineer" in plan.inner_text()
        since = page.locator("#since .role-block:visible")
        assert "Gaps for Data Engineer, then and now" in since.inner_text()
        page.select_option("#role-select", "data-scientist")
        page.wait_for_timeout(400)
        assert visible_meta(page, "assess-history") == ["data-scientist", "data-scientist"]
        title = page.locator("#assess-history .gtitle").text_content() or ""
        assert title == "Data Scientist over time"
        plan = page.locator("#plan .role-block:visible")
        assert plan.count() == 1 and "Plan for Data Scientist" in plan.inner_text()
        assert "Gaps for Data Scientist" in page.locator("#since .role-block:visible").inner_text()
        links = page.locator("#plan .role-block:visible a")
        assert links.count() > 0
        assert all(
            (links.nth(i).get_attribute("href") or "").startswith("https://")
            for i in range(links.count())
        )
        page.locator("#plan").screenshot(path=str(ARTIFACTS / "person-plan-switched.png"))
        browser.close()
    assert opened.requests == [] and opened.errors == []


def test_print_keeps_every_section(person_report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, 1100)
        page = opened.page
        page.goto(person_report.as_uri())
        page.wait_for_selector("#assess-history .main-svg")
        page.emulate_media(media="print")
        # (the window keeps its width, as when printing: only beforeprint fits the charts)
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_timeout(600)
        for section in ("others", "since", "plan", "standing"):
            assert page.locator(f"#{section}").is_visible(), section
        for chart in ("#assess-radar", "#assess-fit", "#assess-history"):  # each fits paper
            svg = page.locator(f"{chart} .main-svg").first.bounding_box()
            assert svg is not None and svg["width"] <= 700, chart
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(ARTIFACTS / "person-report-A4.pdf"), format="A4")
        assert len(pdf) > 10_000
        browser.close()
    assert opened.requests == []


def test_without_javascript_the_tables_hold_everything(person_report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = open_offline(browser, 1100, javascript=False)
        page = opened.page
        page.goto(person_report.as_uri())
        assert page.locator("#since table.since-series").first.is_visible()
        assert page.locator("#plan summary", has_text="Plans for the other 9 roles").is_visible()
        assert page.locator("#others table.others").is_visible()
        browser.close()
    assert opened.requests == []
