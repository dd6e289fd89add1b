"""Where a person stands among a folder of responses: percentiles from 5 others, nobody
named, the person left out of their own group."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from assess.errors import UsageError
from assess.model.questionnaire import Questionnaire
from assess.person.peers import standing
from assess.person.record import load_record
from assess.scoring.standing import percentile_rank
from tests.person.helpers import DAY0, LATE, person, response, write


def test_percentile_rank() -> None:
    others = np.array([1.0, 2.0, 2.0, 3.0, np.nan])
    assert percentile_rank(2.0, others) == 50.0
    assert percentile_rank(4.0, others) == 100.0
    assert percentile_rank(0.0, others) == 0.0


def team(folder: Path, q: Questionnaire, count: int) -> None:
    for i in range(count):
        levels = {s.id: (i + k) % 5 for k, s in enumerate(q.skills)}
        write(folder / f"p{i}.json", response(q, levels, DAY0 + timedelta(days=i), name=f"P{i}"))


def test_standing_needs_five_others(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path / "responses", ml_team, [LATE])
    a = load_record(current).current
    assert a is not None
    team(tmp_path / "responses", ml_team, 4)  # with Ada herself in the folder: 4 others
    few = standing(ml_team, a.plan, a.result, tmp_path / "responses")
    assert not few.enough and few.people == 4 and few.skills == {}
    assert "4 other people's responses" in few.notes[0] and "at least 5" in few.notes[0]
    assert any("Your own response" in n for n in few.notes)
    team(tmp_path / "responses", ml_team, 6)
    found = standing(ml_team, a.plan, a.result, tmp_path / "responses")
    assert found.enough and found.people == 6
    place = found.readiness["data-engineer"]
    assert place.group == 6 and place.percentile is not None and 0 <= place.percentile <= 100
    assert found.skills["sql"].group == 6


def test_peers_must_be_a_folder(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team, [LATE])
    a = load_record(current).current
    assert a is not None
    with pytest.raises(UsageError, match="takes a folder"):
        standing(ml_team, a.plan, a.result, current)
