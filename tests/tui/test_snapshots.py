"""SVG snapshots at 80x24: welcome, a rating question, results. Deterministic:
relative paths, no timestamps on screen, no cursor blink, no animation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from assess.model.questionnaire import Questionnaire
from assess.tui.app import make_app

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # (and the option seed is fixed: see conftest)


async def _no_blink(pilot: Any) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_welcome(snap_compare: Any, quick: Questionnaire) -> None:
    app = make_app(quick, handle_signals=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_no_blink)


def test_rating_question(snap_compare: Any, ml_team: Questionnaire) -> None:
    app = make_app(ml_team, name="Ada Lovelace", handle_signals=False)
    assert snap_compare(app, terminal_size=SIZE, press=["3", "b"])


def test_results(snap_compare: Any, quick: Questionnaire) -> None:
    app = make_app(quick, name="Ada Lovelace", target_role="ml-engineer", handle_signals=False)
    assert snap_compare(app, terminal_size=SIZE, press=[*"32341232142301", "f"])
