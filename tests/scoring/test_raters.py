"""Other raters: the 3-peer rule, a manager shown alone, self vs others, and combining a
person's own levels with their raters' by a named policy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.model.questionnaire import Questionnaire
from assess.scoring import ScoringPlan
from assess.scoring.raters import (
    MIN_PEERS,
    POLICIES,
    RaterLevels,
    combine,
    combine_arrays,
    others_view,
    rating_levels,
    shown_others,
    shown_others_arrays,
)
from tests.conftest import make_response

SKILLS = [("sql", "SQL"), ("etl", "ETL")]


def peer(name: str, sql: float | None, etl: float | None = None) -> RaterLevels:
    return RaterLevels("peer", name, {"sql": sql, "etl": etl})


def manager(name: str, sql: float | None, etl: float | None = None) -> RaterLevels:
    return RaterLevels("manager", name, {"sql": sql, "etl": etl})


def test_peers_only_as_the_mean_of_three() -> None:
    two = [peer("a", 1.0), peer("b", 3.0)]
    view = others_view(SKILLS, {"sql": 2.0, "etl": 2.0}, two)
    assert not view.peers_shown and view.peers == 2
    sql = view.skills[0]
    assert (sql.peers, sql.peers_rated, sql.others, sql.delta) == (None, 2, None, None)
    assert any("shown only as the mean of at least 3" in n for n in view.notes)
    three = [*two, peer("c", 2.0)]
    view = others_view(SKILLS, {"sql": 2.0, "etl": 2.0}, three)
    assert view.peers_shown and view.skills[0].peers == 2.0 and view.skills[0].others == 2.0
    # per skill too: only two peers rated ETL, so its peer mean stays hidden
    etl = view.skills[1]
    assert (etl.peers, etl.peers_rated, etl.others) == (None, 0, None)
    assert MIN_PEERS == 3


def test_a_manager_may_be_shown_alone_and_peers_are_not_mixed_in_below_three() -> None:
    raters = [manager("Grace Hopper", 1.0), peer("a", 4.0), peer("b", 4.0)]
    view = others_view(SKILLS, {"sql": 3.0}, raters)
    sql = view.skills[0]
    assert view.managers == ["Grace Hopper"] and sql.managers == [1.0]
    assert sql.others == 1.0  # the two peers do not count: they could be told apart
    assert (sql.delta, sql.flag) == (2.0, "higher")


def test_self_vs_others_uses_the_calibration_threshold() -> None:
    raters = [manager("M", 2.5)]
    assert others_view(SKILLS, {"sql": 1.0}, raters).skills[0].flag == "lower"
    assert others_view(SKILLS, {"sql": 1.1}, raters).skills[0].flag is None
    assert others_view(SKILLS, None, raters).skills[0].self_rating is None


def test_shown_others_counts_each_rater_once() -> None:
    raters = [manager("M", 1.0), peer("a", 2.0), peer("b", 3.0), peer("c", 4.0)]
    assert shown_others(raters, "sql") == pytest.approx(2.5)
    assert shown_others(raters, "etl") is None


@pytest.mark.parametrize("policy", POLICIES)
def test_combine_by_policy(policy: str) -> None:
    own = {"sql": 2.0, "etl": 1.0, "stats": None}
    raters = [manager("M", 4.0), peer("a", 3.0), peer("b", 3.0)]  # peers too few: M alone
    got = combine(own, raters, policy, skills=["sql", "etl", "stats"])  # type: ignore[arg-type]
    expected = {
        "self": {"sql": 2.0, "etl": 1.0, "stats": None},
        "others": {"sql": 4.0, "etl": None, "stats": None},
        "others_else_self": {"sql": 4.0, "etl": 1.0, "stats": None},
        "self_and_others": {"sql": 3.0, "etl": 1.0, "stats": None},
    }[policy]
    assert got == expected
    own_a = np.array([[2.0, 1.0, np.nan]])
    theirs = np.array([[4.0, np.nan, np.nan]])
    arrays = combine_arrays(own_a, theirs, policy)  # type: ignore[arg-type]
    assert [None if np.isnan(v) else v for v in arrays[0]] == list(expected.values())


def test_unknown_policy() -> None:
    with pytest.raises(ValueError, match="unknown rater policy"):
        combine({}, [], "mean")  # type: ignore[arg-type]


def test_rating_levels_are_the_self_ratings(ml_team: Questionnaire) -> None:
    plan = ScoringPlan.from_questionnaire(ml_team)
    answers = {"sql-rating": 3, "sql-left-join": "dont_know", "nosql-rating": "skip"}
    (levels,) = rating_levels(plan, [make_response(ml_team, answers)])
    assert levels["sql"] == 3.0  # the rating, not pulled down by the check
    assert levels["nosql"] is None and levels["etl"] is None


LEVEL = st.one_of(st.none(), st.sampled_from([0.0, 0.5, 1.0, 2.0, 2.5, 3.0, 4.0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.booleans(), LEVEL, LEVEL), min_size=0, max_size=14))
def test_shown_others_arrays_is_shown_others_for_many_people(
    raters: list[tuple[int, bool, float | None, float | None]],
) -> None:
    """The vectorised others' view (the team's) equals the one-person rule skill by skill:
    managers alone, peers only from 3 who rated the skill."""
    people = 4
    levels = np.array(
        [[np.nan if v is None else v for v in (sql, etl)] for _, _, sql, etl in raters]
    ).reshape(len(raters), 2)
    person = np.array([p for p, *_ in raters], dtype=np.intp)
    is_manager = np.array([m for _, m, *_ in raters], dtype=bool)
    got = shown_others_arrays(levels, person, is_manager, people)
    assert got.shape == (people, 2)
    for who in range(people):
        theirs = [
            (manager if m else peer)(f"r{i}", sql, etl)
            for i, (p, m, sql, etl) in enumerate(raters)
            if p == who
        ]
        for column, skill in enumerate(("sql", "etl")):
            expected = shown_others(theirs, skill)
            if expected is None:
                assert np.isnan(got[who, column])
            else:
                assert got[who, column] == pytest.approx(expected)


def test_shown_others_arrays_by_hand() -> None:
    """Person 0: a manager (2) and two peers (4, 4) on sql: the manager alone, 2.0; three
    peers (1, 2, 3) on etl: their mean, 2.0. Person 1: one peer only: nothing shown."""
    levels = np.array([[2.0, np.nan], [4.0, 1.0], [4.0, 2.0], [np.nan, 3.0], [3.0, 3.0]])
    person = np.array([0, 0, 0, 0, 1])
    is_manager = np.array([True, False, False, False, False])
    got = shown_others_arrays(levels, person, is_manager, 2)
    assert got[0].tolist() == [2.0, 2.0]
    assert np.isnan(got[1]).all()
