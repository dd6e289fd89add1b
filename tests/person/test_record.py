"""A person's record: the layout, the identity rule, and files that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess.errors import UsageError
from assess.model.questionnaire import Questionnaire
from assess.model.response import Respondent, Status
from assess.person.record import (
    find_response,
    labels,
    load_record,
    report_record,
    same_person,
    with_other_raters,
)
from assess.scoring import ScoringPlan, score_responses
from assess.storage import history_folder, rated_person_path, rating_path, ratings_folder, retire
from tests.person.helpers import DAY0, LATE, person, rating, response, write


def test_the_identity_rule_is_the_team_views() -> None:
    ada = Respondent(name="Ada Lovelace")
    assert same_person(ada, Respondent(name="ada lovelace"))
    assert same_person(ada, Respondent(name="Ada Lovelace", email="ada@x.org"))
    mailed = Respondent(name="Ada Lovelace", email="ada@x.org")
    assert same_person(mailed, Respondent(name="Ada Lovelace"))
    assert same_person(mailed, Respondent(name="A. Lovelace", email="ADA@x.org"))
    assert not same_person(mailed, Respondent(name="Ada Lovelace", email="other@x.org"))
    assert not same_person(ada, Respondent(name="Ada Byron"))


def test_history_oldest_first_with_the_current_last(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    record = load_record(current)
    assert [a.day for a in record.assessments] == ["2026-03-02", "2026-06-15", "2026-11-02"]
    assert record.current is not None and record.current.path == current
    assert record.left_out == [] and record.ratings == []
    assert record.self_levels is not None and record.self_levels["sql"] == 3.0


def test_files_in_the_folders_that_cannot_be_used_are_listed(
    ml_team: Questionnaire, tmp_path: Path
) -> None:
    """A history with a gap: an unreadable file, someone else's, a rating in the wrong
    place, an assessment among the ratings; the rest is used."""
    current = person(tmp_path, ml_team)
    history = history_folder(current)
    (history / "2026-05-01.json").write_text("{not json")
    write(history / "2026-05-02.json", response(ml_team, LATE, DAY0, name="Bob Stone"))
    write(history / "2026-05-03.json", response(ml_team, LATE, DAY0, rater=("Gus", "peer")))
    write(ratings_folder(current) / "mine.json", response(ml_team, LATE, DAY0))
    (history / "notes.txt").write_text("not a response")
    record = load_record(current)
    assert len(record.assessments) == 3
    reasons = {x.path.name: x.reason for x in record.left_out}
    assert "not valid JSON" in reasons["2026-05-01.json"]
    assert "Bob Stone" in reasons["2026-05-02.json"]
    assert "rating by someone else" in reasons["2026-05-03.json"]
    assert "self-assessment, not a rating" in reasons["mine.json"]
    assert "notes.txt" not in reasons


def test_an_earlier_version_not_built_in_is_listed(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    old = history_folder(current) / "2026-03-02.json"
    data = json.loads(old.read_text())
    data["questionnaire_version"] = "0.9"
    old.write_text(json.dumps(data))
    record = load_record(current)
    assert len(record.assessments) == 2
    (left,) = record.left_out
    assert left.path == old and "version 0.9" in left.reason


def test_raters_with_one_name_are_told_apart_and_one_email_is_one_rater(
    ml_team: Questionnaire, tmp_path: Path
) -> None:
    current = person(tmp_path, ml_team)
    rating(current, ml_team, "Sam Lee", "peer", LATE)
    rating(current, ml_team, "Sam Lee", "peer", LATE, file="peer--sam-lee--2")
    rating(current, ml_team, "Kim Park", "peer", LATE, rater_email="kim@x.org", day=240)
    rating(current, ml_team, "Kim P.", "peer", LATE, file="peer--kim-p", rater_email="KIM@x.org")
    record = load_record(current)
    assert sorted(r.path.name for r in record.ratings) == [
        "peer--kim-p.json",
        "peer--sam-lee--2.json",
        "peer--sam-lee.json",
    ]
    (older,) = record.left_out
    assert older.path.name == "peer--kim-park.json" and "same rater" in older.reason
    assert any("counted as different people" in note for note in record.notes)


def test_a_rating_leads_to_the_person_it_is_about(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    manager = rating(current, ml_team, "Grace Hopper", "manager", LATE)
    assert rated_person_path(manager) == current
    record = load_record(manager)
    assert record.current is not None and record.current.path == current
    assert [r.path for r in record.ratings] == [manager]


def test_a_rating_of_someone_without_a_self_assessment(
    ml_team: Questionnaire, tmp_path: Path
) -> None:
    """Allowed and kept; the record says there is no self view, and a report refuses
    with the reason rather than showing a rating as the person's own answers."""
    manager = rating_path("Ada Lovelace", "manager", "Grace Hopper", tmp_path)
    write(manager, response(ml_team, LATE, DAY0, rater=("Grace Hopper", "manager")))
    record = load_record(manager)
    assert record.current is None and [r.path for r in record.ratings] == [manager]
    assert any("no self-assessment" in note and "no self view" in note for note in record.notes)
    with pytest.raises(UsageError, match="would have no self view"):
        report_record(manager)


def test_retire_keeps_every_assessment(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = write(tmp_path / "ada.json", response(ml_team, LATE, DAY0))
    first = retire(current, DAY0)
    write(current, response(ml_team, LATE, DAY0))
    second = retire(current, DAY0)
    assert (first.name, second.name) == ("2026-03-02.json", "2026-03-02--2.json")
    assert not current.exists() and first.parent == history_folder(current)


def test_labels_tell_apart_two_on_one_day(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = write(tmp_path / "ada.json", response(ml_team, LATE, DAY0))
    retire(current, DAY0)
    write(current, response(ml_team, LATE, DAY0))
    assert labels(load_record(current).assessments) == ["2026-03-02 #1", "2026-03-02 #2"]


def test_find_response_by_name_or_file(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    assert find_response("Ada Lovelace", tmp_path) == current
    assert find_response(str(current), tmp_path) == current
    with pytest.raises(Exception, match="no response for 'Bob'"):
        find_response("Bob", tmp_path)


def test_score_carries_the_other_raters(ml_team: Questionnaire, tmp_path: Path) -> None:
    current = person(tmp_path, ml_team)
    plan = ScoringPlan.from_questionnaire(ml_team)
    r = response(ml_team, LATE, DAY0 + (DAY0 - DAY0))
    result = score_responses(ml_team, [r], plan)[0]
    assert with_other_raters(result, current, ml_team, plan, r) is result  # nobody rated
    rating(current, ml_team, "Grace Hopper", "manager", {**LATE, "sql": 1})
    rated = with_other_raters(result, current, ml_team, plan, r)
    assert rated.others is not None and rated.others.managers == ["Grace Hopper"]
    sql = next(s for s in rated.others.skills if s.skill == "sql")
    assert (sql.self_rating, sql.managers, sql.flag) == (3.0, [1.0], "higher")
    assert r.status == Status.complete
