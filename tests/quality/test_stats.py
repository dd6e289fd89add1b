"""Item statistics against values computed by hand, properties, and control cases.

The hand-checked set (``tests/fixtures/items.yaml``): six people P1..P6; checks a1..a4
on skill a (three options each), c1 on skill c; self-ratings a, b (area x) and c (y).
1 = right, 0 = wrong or "I don't know" (DK), S = skipped:

         a1 a2 a3 a4 c1   chosen (option numbers, authored order)
    P1    1  1  1  1  1   a1 1, a2 2, a3 3, a4 1, c1 2
    P2    1  1  1  0  1   a1 1, a2 2, a3 3, a4 2, c1 2
    P3    1  0  1  0  0   a1 1, a2 1, a3 3, a4 3, c1 1
    P4    0  1  0  0  0   a1 DK, a2 2, a3 1, a4 2, c1 DK
    P5    0  0  0  0  0   a1 2, a2 DK, a3 2, a4 DK, c1 3
    P6    1  0  0  S  -   a1 1, a2 3, a3 DK, a4 skip, c1 not answered (left out too)

a1 (key 1): answered 6, right 4: p = 4/6. Options 1: 4, 2: 1, 3: 0 (nobody), DK: 1.
  Rest score = share right on a2..a4 (the skill has three others), over those answered:
  y = (1, 2/3, 1/3, 1/3, 0, 0/2 = 0); x = (1, 1, 1, 0, 0, 1). In thirds, y3 = (3,2,1,1,0,0):
  Sxy = 6 - 6(2/3)(7/6) = 4/3; Sxx = 4 - 6(4/9) = 4/3; Syy = 15 - 6(49/36) = 41/6;
  r = (4/3) / sqrt(4/3 x 41/6) = 4 / sqrt(82) = 0.44173.
  Upper/lower 27%: g = 0.27 x 6 = 1.62. Upper: P1 (1) whole, then P2 (2/3) takes the
  0.62 left; lower: P5 and P6 tie at 0 and share 1.62 (0.81 each). Option 1: upper
  (1 + 0.62) / 1.62 = 1, lower 0.81 / 1.62 = 0.5; option 2: upper 0, lower 0.5.
a4 (key 1): P6 skipped it, so answered 5, right 1: p = 0.2. Options 1: 1, 2: 2, 3: 1,
  DK: 1, skipped 1. Rest on a1..a3: y3 = (3, 3, 2, 1, 0), x = (1, 0, 0, 0, 0):
  Sxy = 3 - 9/5 = 6/5; Sxx = 4/5; Syy = 23 - 81/5 = 34/5; r = 6 / sqrt(136) = 0.51450.
c1 (key 2): alone in area y, so its rest score is on the questionnaire's other checks
  a1..a4; answered 5 (P6 did not answer it), right 2: p = 0.4. y4 = (4, 3, 2, 1, 0),
  x = (1, 1, 0, 0, 0):
  Sxy = 7 - 4 = 3; Sxx = 6/5; Syy = 30 - 20 = 10; r = 3 / sqrt(12) = 0.86603.
Area x self-ratings a = (4, 3, 2, 1, 0, S), b = (3, 3, 1, 2, 0, 2): P6 is not complete, so
  N = 5; var(a) = 10/4 = 2.5, var(b) = 6.8/4 = 1.7, total (7, 6, 3, 3, 0) var 30.8/4 = 7.7;
  alpha = 2/1 x (1 - 4.2/7.7) = 10/11 = 0.90909. Area y has one self-rating: not defined.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from assess.loading import load_questionnaire
from assess.model.questionnaire import Questionnaire
from assess.model.response import DONT_KNOW as DK
from assess.model.response import SKIP
from assess.quality import stats
from assess.quality.analysis import analyse_items, check_statistics, signed
from assess.quality.careless import careless_flags
from assess.scoring.plan import ScoringPlan
from tests.conftest import FIXTURES

ITEMS = load_questionnaire(FIXTURES / "items.yaml")
PLAN = ScoringPlan.from_questionnaire(ITEMS)
# answers as stored: option index in the authored order (0-based), DK or skip
PEOPLE = {
    "P1": {"a1": 0, "a2": 1, "a3": 2, "a4": 0, "c1": 1, "a-rate": 4, "b-rate": 3, "c-rate": 4},
    "P2": {"a1": 0, "a2": 1, "a3": 2, "a4": 1, "c1": 1, "a-rate": 3, "b-rate": 3, "c-rate": 3},
    "P3": {"a1": 0, "a2": 0, "a3": 2, "a4": 2, "c1": 0, "a-rate": 2, "b-rate": 1, "c-rate": 2},
    "P4": {"a1": DK, "a2": 1, "a3": 0, "a4": 1, "c1": DK, "a-rate": 1, "b-rate": 2, "c-rate": 1},
    "P5": {"a1": 1, "a2": DK, "a3": 1, "a4": DK, "c1": 2, "a-rate": 0, "b-rate": 0, "c-rate": 0},
    "P6": {"a1": 0, "a2": 2, "a3": DK, "a4": SKIP, "a-rate": SKIP, "b-rate": 2, "c-rate": 0},
}
CODES = np.vstack([PLAN.encode(answers) for answers in PEOPLE.values()])


def hand_set(min_responses: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    items, options = check_statistics(ITEMS, PLAN, CODES, min_responses=min_responses)
    return items.set_index("question"), options.set_index(["question", "option"])


def test_difficulty_discrimination_and_criterion_by_hand() -> None:
    items, _ = hand_set()
    assert items.loc["a1", ["answered", "correct", "dont_know", "skipped"]].tolist() == [
        6,
        4,
        1,
        0,
    ]
    assert items.loc["a1", "p"] == pytest.approx(4 / 6)
    assert items.loc["a1", "discrimination"] == pytest.approx(4 / math.sqrt(82))
    assert items.loc["a4", ["answered", "skipped"]].tolist() == [5, 1]
    assert items.loc["a4", "p"] == pytest.approx(0.2)
    assert items.loc["a4", "discrimination"] == pytest.approx(6 / math.sqrt(136))
    assert items.loc["c1", ["answered", "skipped", "not_answered"]].tolist() == [5, 0, 1]
    assert items.loc["c1", "p"] == pytest.approx(0.4)
    assert items.loc["c1", "discrimination"] == pytest.approx(3 / math.sqrt(12))
    assert items["criterion"].to_dict() == {
        "a1": "skill",
        "a2": "skill",
        "a3": "skill",
        "a4": "skill",
        "c1": "questionnaire",
    }
    assert items.loc["a1", "criterion_checks"] == 3 and items.loc["c1", "criterion_checks"] == 4
    assert items.loc["a1", "discrimination_n"] == 6 and items.loc["c1", "discrimination_n"] == 5


def test_control_the_uncorrected_item_total_r_differs() -> None:
    """Control: the hand test tells the corrected item-total r from the uncorrected one
    (the item left in its own total), which would have passed a looser test."""
    right = np.array([[1, 1, 1, 1], [1, 1, 1, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]])
    x = right[:, 0].astype(float)
    uncorrected = np.corrcoef(x, right.sum(axis=1))[0, 1]
    assert abs(uncorrected - 4 / math.sqrt(82)) > 0.1


def test_option_counts_and_extreme_groups_by_hand() -> None:
    _, options = hand_set()
    a1 = options.loc["a1"]
    assert a1["count"].to_dict() == {"1": 4, "2": 1, "3": 0, "dont_know": 1}
    assert a1["correct"].to_dict() == {"1": True, "2": False, "3": False, "dont_know": False}
    assert a1.loc["3", "note"] == "chosen by nobody"
    assert a1.loc["1", "group_size"] == pytest.approx(1.62)
    assert a1.loc["1", "upper_share"] == pytest.approx(1.0)
    assert a1.loc["1", "lower_share"] == pytest.approx(0.5)
    assert a1.loc["2", "upper_share"] == pytest.approx(0.0)
    assert a1.loc["2", "lower_share"] == pytest.approx(0.5)
    assert a1["share"].to_dict() == pytest.approx(
        {"1": 4 / 6, "2": 1 / 6, "3": 0, "dont_know": 1 / 6}
    )
    a4 = options.loc["a4"]
    assert a4["count"].to_dict() == {"1": 1, "2": 2, "3": 1, "dont_know": 1}


def test_alpha_per_area_by_hand() -> None:
    areas = analyse_items(ITEMS, PLAN, CODES, [None] * 6, list(PEOPLE), min_responses=1).areas
    areas = areas.set_index("area")
    assert areas.loc["x", "alpha"] == pytest.approx(10 / 11)
    assert areas.loc["x", ["ratings", "n", "verdict"]].tolist() == [2, 5, "ok"]
    assert areas.loc["y", "verdict"] == "not defined" and math.isnan(areas.loc["y", "alpha"])
    assert "at least 2 self-ratings" in areas.loc["y", "reason"]


def test_too_few_responses_give_no_number() -> None:
    items, options = hand_set(min_responses=30)
    assert set(items["verdict"]) == {"too few responses"}
    assert items["p"].isna().all() and items["discrimination"].isna().all()
    assert options["upper_share"].isna().all()
    assert items.loc["a1", "reason"] == "6 answered; at least 30 needed"
    assert items.loc["a1", "answered"] == 6  # the counts are still given
    areas = analyse_items(ITEMS, PLAN, CODES, [None] * 6, list(PEOPLE)).areas.set_index("area")
    assert areas.loc["x", "verdict"] == "too few responses" and math.isnan(areas.loc["x", "alpha"])


def test_verdicts_and_reasons() -> None:
    items, _ = hand_set()
    # a1: p .67, r .44, but option 3 was chosen by nobody
    assert items.loc["a1", "verdict"] == "review"
    assert items.loc["a1", "reason"] == "option 3 chosen by nobody"
    # a4: p exactly .20 is inside the band and r = .51, but option 2 draws the strong: the
    # upper 27% (g = 1.35 of 5; P1 and P2 tie at 3/3 and share it, 0.675 each; P2 chose 2)
    # 0.675 / 1.35 = 50%, the lower (P5 whole, then P4 0.35; P4 chose 2) 0.35 / 1.35 = 26%
    assert items.loc["a4", "verdict"] == "review"
    assert items.loc["a4", "reason"] == (
        "option 2 chosen more by the upper 27% (50%) than the lower 27% (26%): "
        "miskeyed or ambiguous?"
    )
    _, options = hand_set()
    assert options.loc[("a4", "2"), "upper_share"] == pytest.approx(0.5)
    assert options.loc[("a4", "2"), "lower_share"] == pytest.approx(0.35 / 1.35)
    # c1: p .40, r .87; its distractors 1 and 3 are chosen by the weak or nobody strong
    assert items.loc["c1", "verdict"] == "keep"
    assert items.loc["c1", "reason"] == "p = 0.40, discrimination 0.87"


# -- properties -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    column=hnp.arrays(np.float64, st.integers(2, 40), elements=st.integers(0, 4).map(float)),
    k=st.integers(2, 6),
)
def test_alpha_of_identical_items_is_one(column: np.ndarray, k: int) -> None:
    alpha, n = stats.cronbach_alpha(np.repeat(column[:, None], k, axis=1))
    if column.var() > 0:
        assert alpha == pytest.approx(1.0) and n == len(column)
    else:
        assert math.isnan(alpha)  # zero variance: not defined


def test_control_alpha_of_unrelated_items_is_not_one() -> None:
    """Control: the identity above is not something any alpha would pass."""
    alpha, _ = stats.cronbach_alpha(np.array([[0.0, 4], [1, 0], [2, 3], [3, 1], [4, 2]]))
    assert alpha < 0.5


random_codes = hnp.arrays(
    np.int16,
    st.tuples(st.integers(1, 60), st.just(len(ITEMS.questions))),
    elements=st.integers(0, PLAN.missing_code),
)


def _valid(codes: np.ndarray) -> np.ndarray:
    """Map random codes onto answers each question accepts (ratings never say DK)."""
    codes = codes.copy()
    for j in range(codes.shape[1]):
        options = int(PLAN.option_count[j])
        column = codes[:, j]
        bad = (column >= options) & (column < PLAN.skip_code)
        if PLAN.is_rating[j]:
            column[bad] = PLAN.missing_code
        else:
            column[bad] = PLAN.dont_know_code
    return codes


@settings(max_examples=60, deadline=None)
@given(codes=random_codes, seed=st.integers(0, 2**32 - 1))
def test_permuting_respondents_changes_nothing(codes: np.ndarray, seed: int) -> None:
    codes = _valid(codes)
    order = np.random.default_rng(seed).permutation(len(codes))
    names = [f"p{i}" for i in range(len(codes))]
    first = analyse_items(ITEMS, PLAN, codes, [None] * len(codes), names, min_responses=1)
    again = analyse_items(
        ITEMS, PLAN, codes[order], [None] * len(codes), [names[i] for i in order], min_responses=1
    )
    pd.testing.assert_frame_equal(first.items, again.items, check_exact=False, atol=1e-9)
    pd.testing.assert_frame_equal(first.options, again.options, check_exact=False, atol=1e-9)
    pd.testing.assert_frame_equal(first.areas, again.areas, check_exact=False, atol=1e-9)
    assert set(first.careless.flags["respondent"]) == set(again.careless.flags["respondent"])
    r = first.items["discrimination"].dropna()
    assert ((r >= -1) & (r <= 1)).all()


@settings(max_examples=80, deadline=None)
@given(
    x=hnp.arrays(np.float64, (30, 3), elements=st.integers(0, 1).map(float)),
    y=hnp.arrays(np.float64, (30, 3), elements=st.integers(0, 6).map(lambda v: v / 6)),
    keep=hnp.arrays(np.bool_, (30, 3)),
)
def test_masked_correlation_is_pandas_pearson(
    x: np.ndarray, y: np.ndarray, keep: np.ndarray
) -> None:
    """Cross-check against a well-kept implementation: pandas' Pearson r on the kept rows."""
    r, n = stats.correlations(x, y, keep)
    for j in range(3):
        rows = keep[:, j]
        expected = pd.Series(x[rows, j]).corr(pd.Series(y[rows, j]))
        assert n[j] == rows.sum()
        if math.isnan(expected) or rows.sum() < 2:
            assert math.isnan(r[j]) or expected == pytest.approx(r[j], abs=1e-9)
        else:
            assert r[j] == pytest.approx(expected, abs=1e-9)
            assert -1 <= r[j] <= 1


@settings(max_examples=80, deadline=None)
@given(
    score=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 50), st.just(2)),
        elements=st.sampled_from([0, 0.5, 1, np.nan]),
    )
)
def test_extreme_groups_are_exactly_27_percent(score: np.ndarray) -> None:
    upper, lower, size = stats.extreme_groups(score)
    valid = ~np.isnan(score)
    assert size == pytest.approx(0.27 * valid.sum(axis=0))
    for weights in (upper, lower):
        assert np.all((weights >= 0) & (weights <= 1 + 1e-12))
        assert weights.sum(axis=0) == pytest.approx(size)
        assert not weights[~valid].any()
    # everyone in the upper group scores at least as much as anyone in the lower group
    for j in range(2):
        if (upper[:, j] > 0).any() and (lower[:, j] > 0).any():
            assert score[upper[:, j] > 0, j].min() >= score[lower[:, j] > 0, j].max()


# -- control cases on simulated respondents -------------------------------------------------


def test_a_miskeyed_check_is_caught_and_the_right_key_kept(ml_team: Questionnaire) -> None:
    """400 simulated people whose checks follow their ability: every check is kept and
    every area's self-ratings reach alpha .7; moving one check's key to a distractor turns
    it into "rewrite" (negative discrimination), and the real answer is the option the
    strongest pick."""
    from tests.quality.simulate import rekey, simulate

    plan = ScoringPlan.from_questionnaire(ml_team)
    codes = simulate(ml_team, 400)
    names = [f"p{i}" for i in range(400)]
    good = analyse_items(ml_team, plan, codes, [None] * 400, names)
    assert set(good.items["verdict"]) <= {"keep", "review"}
    assert (good.items["discrimination"] > 0.2).all()
    assert (good.areas["alpha"] >= 0.7).all()
    real_key = next(
        k
        for k, o in enumerate(ml_team.question("sql-window").options)
        if o.correct  # type: ignore[union-attr]
    )
    wrong_key = (real_key + 1) % 4
    bad = analyse_items(rekey(ml_team, "sql-window", wrong_key), plan, codes, [None] * 400, names)
    row = bad.items.set_index("question").loc["sql-window"]
    assert row["verdict"] == "rewrite" and row["discrimination"] < 0
    assert row["reason"].startswith(f"discrimination {row['discrimination']:.2f}".replace("-", "−"))
    assert f"option {real_key + 1} chosen more by the upper 27%" in row["reason"]
    others = bad.items.set_index("question").drop(index="sql-window")
    assert (others["verdict"] != "rewrite").all()


def test_random_answers_do_not_pass_as_a_scale(ml_team: Questionnaire) -> None:
    """Control: answers unrelated to any ability give discrimination near 0 and low alpha,
    so the checks above are not passed by any data."""
    plan = ScoringPlan.from_questionnaire(ml_team)
    rng = np.random.default_rng(3)
    codes = np.column_stack(
        [rng.integers(0, int(plan.option_count[j]), 400) for j in range(len(ml_team.questions))]
    ).astype(np.int16)
    result = analyse_items(ml_team, plan, codes, [None] * 400, [str(i) for i in range(400)])
    assert (result.items["discrimination"].abs() < 0.2).all()
    assert (result.areas["verdict"] == "low").all()
    assert (result.items["verdict"] != "keep").sum() >= 20


# -- careless responding ----------------------------------------------------------------------


def test_straight_lining_and_speeding_by_hand(ml_team: Questionnaire) -> None:
    """ml-team's 29 self-ratings, estimated here at 15 minutes: speeding is under 300 s.

    - A: 27 of 29 ratings at 2 (93%): straight-lining; 299 s: speeding too.
    - B: 26 of 29 at 2 (89.7%): not flagged; 300 s is not under 300 s.
    - C: 9 ratings, all 3: too few answered to judge (10 needed); no time (in progress).
    - D: 10 ratings, 9 at 4 (90% exactly): straight-lining; 0 s (a form import): no time.
    - E: nothing odd, 20 minutes."""
    ml_team = ml_team.model_copy(update={"estimated_minutes": 15})
    plan = ScoringPlan.from_questionnaire(ml_team)
    ratings = np.flatnonzero(plan.is_rating)
    assert len(ratings) == 29
    codes = np.full((5, len(ml_team.questions)), plan.missing_code, dtype=np.int16)
    codes[0, ratings] = [2] * 27 + [0, 4]
    codes[1, ratings] = [2] * 26 + [0, 4, 3]
    codes[2, ratings[:9]] = 3
    codes[3, ratings[:10]] = [4] * 9 + [1]
    codes[4, ratings] = np.arange(29) % 5
    careless = careless_flags(
        ml_team, plan, codes, [299.0, 300.0, None, 0.0, 1200.0], list("ABCDE")
    )
    flags = careless.flags.set_index("respondent")
    assert list(flags.index) == ["A", "D"]
    assert flags["straight_lining"].tolist() == [True, True]
    assert flags["speeding"].tolist() == [True, False]
    assert flags.loc["A", "modal_share"] == pytest.approx(27 / 29)
    assert flags.loc["D", "modal_rating"] == 4 and flags.loc["D", "ratings_answered"] == 10
    assert flags.loc["A", "reason"] == (
        "straight-lining: rated 2 (working) on 27 of 29 self-ratings (93%); speeding: finished "
        "in 4 min 59 s, under a third of the 15 minutes estimated (5 min 00 s)"
    )
    assert (careless.respondents, careless.rated, careless.timed) == (5, 4, 3)
    assert careless.limit_minutes == pytest.approx(5.0)


def test_careless_flags_a_block_at_a_time_and_from_an_array(ml_team: Questionnaire) -> None:
    """The flags taken a few people at a time, with the durations as an array (NaN for
    none), equal those taken at once from the list."""
    from unittest import mock

    from assess.quality import careless as careless_rules

    plan = ScoringPlan.from_questionnaire(ml_team)
    rng = np.random.default_rng(7)
    ratings = np.flatnonzero(plan.is_rating)
    codes = np.full((40, len(ml_team.questions)), plan.missing_code, dtype=np.int16)
    codes[:, ratings] = rng.integers(0, 5, size=(40, len(ratings)))
    codes[::3, ratings] = 2  # (every third person straight-lines)
    durations: list[float | None] = [
        None if i % 4 == 0 else float(rng.integers(1, 3600)) for i in range(40)
    ]
    names = [f"P{i}" for i in range(40)]
    whole = careless_flags(ml_team, plan, codes, durations, names)
    seconds = np.array([np.nan if d is None else d for d in durations])
    with mock.patch.object(careless_rules, "BLOCK_ROWS", 3):
        blocks = careless_flags(ml_team, plan, codes, seconds, names)
    pd.testing.assert_frame_equal(blocks.flags, whole.flags)
    assert (blocks.rated, blocks.timed) == (whole.rated, whole.timed)
    assert whole.flags["straight_lining"].sum() >= 14


def test_a_value_on_a_rounding_edge_reads_the_same_in_any_order() -> None:
    """Summed in another order, a discrimination of −0.375 came out a hair either side and
    read −0.37 or −0.38 (found by the permutation property above)."""
    assert signed(-0.375 + 1e-15) == signed(-0.375 - 1e-15) == "−0.38"
    assert signed(0.125 + 1e-15) == signed(0.125 - 1e-15)
    assert signed(-0.001) == "0.00"
