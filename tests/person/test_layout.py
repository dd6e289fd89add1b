"""The layout as the team views read it: a folder walk passes over ``history`` and
``ratings`` (each person once, from their own newest answers), and a rating named
explicitly is never taken for the person's own answers."""

from __future__ import annotations

from pathlib import Path

from assess.model.questionnaire import Questionnaire
from assess.team.batch import load_batch
from tests.person.helpers import LATE, person, rating


def test_team_reads_each_person_once_from_their_own_answers(
    ml_team: Questionnaire, tmp_path: Path
) -> None:
    current = person(tmp_path, ml_team)
    manager = rating(current, ml_team, "Grace Hopper", "manager", LATE)
    batch = load_batch(ml_team, [tmp_path])
    assert batch.names == ["Ada Lovelace"] and batch.sources == [str(current)]
    assert batch.skipped == [] and batch.duplicates == []
    named = load_batch(ml_team, [current, manager])
    assert named.names == ["Ada Lovelace"] and named.sources == [str(current)]
    (skipped,) = named.skipped
    assert "a rating of Ada Lovelace by Grace Hopper (their manager)" in skipped.reason
    assert "Grace" not in skipped.public


def test_naming_a_history_folder_reads_it(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    batch = load_batch(ml_team, [current.with_suffix("") / "history"])
    assert batch.names == ["Ada Lovelace"] and len(batch.duplicates) == 1


def test_a_self_assessment_is_written_as_before(ml_team: Questionnaire, tmp_path: Path) -> None:
    """No ``rater`` key in a self-assessment: earlier versions and the team's fast path
    read the file as they always did."""
    current = person(tmp_path, ml_team)
    assert '"rater"' not in current.read_text()
    manager = rating(current, ml_team, "Grace Hopper", "manager", LATE)
    assert '"relation": "manager"' in manager.read_text()
