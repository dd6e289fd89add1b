"""Staffing: the assignment of people to seats that maximises total readiness."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.errors import UsageError
from assess.model.questionnaire import Questionnaire
from assess.team import load_batch, score_team
from assess.team.staffing import (
    MAX_SEATS,
    TABLE_COLUMNS,
    parse_seats,
    staff,
    staffing_table,
)

ROLES = ["A", "B"]


def full_coverage(rows: np.ndarray, roles: np.ndarray) -> np.ndarray:
    """Everyone covers every role fully (``staff`` asks for the seated pairs only)."""
    return np.ones(len(rows))


def run(readiness: list[list[float]], seats: list[tuple[str, int]], roles: list[str] = ROLES):
    ready = np.array(readiness, dtype=float)
    names = [f"P{i + 1}" for i in range(len(ready))]
    return staff(ready, np.full(ready.shape, np.nan), full_coverage, roles, seats, names)


def test_three_people_two_roles_with_head_counts_by_hand() -> None:
    """Seats A, A, B (``A:2,B``); readiness (A, B): P1 (90, 80), P2 (70, 85), P3 (60, 40).

    Every person holds a seat (3 people, 3 seats), so a staffing is who takes B:
      B = P1: A = P2 + P3 -> 80 + 70 + 60 = 210
      B = P2: A = P1 + P3 -> 85 + 90 + 60 = 235   <- best
      B = P3: A = P1 + P2 -> 40 + 90 + 70 = 200
    Loss without a pair (best total minus the best staffing without it):
      P2 not in B: best of 210, 200 -> 235 - 210 = 25
      P1 not in A: P1 must take B -> 210 -> 25
      P3 not in A: P3 must take B -> 200 -> 35
    so the second-best staffing totals 210 (25 less). Runner-up roles: P1 B (80), P2 A (70),
    P3 B (40). Bench (at least 80 ready): A: P1 -> 1; B: P1 (80), P2 (85) -> 2.
    """
    s = run([[90, 80], [70, 85], [60, 40]], [("A", 2), ("B", 1)])
    got = [(a.name, a.role, a.seat, a.readiness, a.runner_up, a.loss) for a in s.assignments]
    assert got == [
        ("P1", "A", 1, 90.0, "B", 25.0),
        ("P3", "A", 2, 60.0, "B", 35.0),
        ("P2", "B", 1, 85.0, "A", 25.0),
    ]
    assert [a.runner_up_readiness for a in s.assignments] == [80.0, 40.0, 70.0]
    assert s.total == 235.0 and s.second_best_loss == 25.0
    assert s.bench == {"A": 1, "B": 2} and s.open_seats == {}


def test_the_table_for_the_exports() -> None:
    s = run([[90, 80], [70, 85], [60, 40]], [("A", 2), ("B", 1)])
    table = staffing_table(s)
    assert list(table.columns) == TABLE_COLUMNS
    assert table["person"].tolist() == ["P1", "P3", "P2"]
    assert table["readiness_lost_without"].tolist() == [25.0, 35.0, 25.0]
    assert table["bench"].tolist() == [1, 1, 2]
    assert staffing_table(None).empty and list(staffing_table(None).columns) == TABLE_COLUMNS


def test_more_seats_than_people_leaves_the_least_ready_seats_open() -> None:
    """A:3, B:2 for 3 people: everyone takes their best seat (P1 A, P2 B, P3 A: 235);
    one A seat and one B seat stay open and are listed as such."""
    s = run([[90, 80], [70, 85], [60, 40]], [("A", 3), ("B", 2)])
    assert [(a.name, a.role) for a in s.assignments] == [("P1", "A"), ("P3", "A"), ("P2", "B")]
    assert s.total == 235.0 and s.open_seats == {"A": 1, "B": 1}
    table = staffing_table(s)
    assert len(table) == 5 and table["person"].isna().sum() == 2


def test_no_alternative_means_no_loss() -> None:
    s = run([[50, 10]], [("A", 1)])
    assert s.assignments[0].loss is None and s.second_best_loss is None
    assert s.assignments[0].runner_up is None  # one role staffed: no runner-up among them


def greedy_total(ready: np.ndarray, counts: list[int]) -> float:
    """Take the highest remaining (person, role) pair until seats or people run out."""
    left = list(counts)
    free = set(range(len(ready)))
    total = 0.0
    order = sorted(
        ((ready[p, k], p, k) for p in range(len(ready)) for k in range(len(counts))),
        reverse=True,
    )
    for value, p, k in order:
        if p in free and left[k] > 0:
            free.discard(p)
            left[k] -= 1
            total += value
    return total


def brute_total(ready: np.ndarray, counts: list[int]) -> float:
    seats = [k for k, c in enumerate(counts) for _ in range(c)]
    n, s = len(ready), len(seats)
    best = 0.0
    if n >= s:
        for people in itertools.permutations(range(n), s):
            best = max(best, sum(ready[p, k] for p, k in zip(people, seats, strict=True)))
    else:
        for chosen in itertools.permutations(range(s), n):
            best = max(best, sum(ready[p, seats[c]] for p, c in enumerate(chosen)))
    return best


@st.composite
def problems(draw: st.DrawFn, max_people: int = 6) -> tuple[np.ndarray, list[int]]:
    n = draw(st.integers(1, max_people))
    roles = draw(st.integers(1, 3))
    # whole numbers and a few values make ties common, the hard case for a solver
    ready = np.array(
        draw(
            st.lists(
                st.lists(st.sampled_from([0, 20, 50, 80, 80, 100]), min_size=roles, max_size=roles),
                min_size=n,
                max_size=n,
            )
        ),
        dtype=float,
    )
    counts = draw(st.lists(st.integers(1, 3), min_size=roles, max_size=roles))
    return ready, counts


@settings(max_examples=150, deadline=None)
@given(problems())
def test_never_below_greedy_exact_and_every_seat_filled_when_people_suffice(
    problem: tuple[np.ndarray, list[int]],
) -> None:
    ready, counts = problem
    roles = [f"r{k}" for k in range(ready.shape[1])]
    seats = list(zip(roles, counts, strict=True))
    names = [f"P{i}" for i in range(len(ready))]
    s = staff(ready, np.full(ready.shape, np.nan), full_coverage, roles, seats, names)
    assert s.total >= greedy_total(ready, counts) - 1e-9
    assert s.total == pytest.approx(brute_total(ready, counts))
    assert s.total == pytest.approx(sum(a.readiness for a in s.assignments))
    held = {role: sum(1 for a in s.assignments if a.role == role) for role in roles}
    if len(ready) >= sum(counts):
        assert held == dict(seats) and s.open_seats == {}
    else:
        assert len(s.assignments) == len(ready)  # everyone is placed
        assert sum(s.open_seats.values()) == sum(counts) - len(ready)
    assert len({a.person for a in s.assignments}) == len(s.assignments)  # one seat each
    for a in s.assignments:
        assert a.loss is None or a.loss >= 0


@settings(max_examples=60, deadline=None)
@given(problems(max_people=40))
def test_the_pool_of_likely_people_gives_the_exact_best_total(
    problem: tuple[np.ndarray, list[int]],
) -> None:
    """The solver sees only each role's (seats + 1) most ready people: the same total as
    solving over everyone (scipy directly)."""
    from scipy.optimize import linear_sum_assignment

    ready, counts = problem
    roles = [f"r{k}" for k in range(ready.shape[1])]
    names = [f"P{i}" for i in range(len(ready))]
    s = staff(ready, ready * 0, full_coverage, roles, list(zip(roles, counts, strict=True)), names)
    full = ready[:, np.repeat(np.arange(len(counts)), counts)]
    rows, cols = linear_sum_assignment(full, maximize=True)
    assert s.total == pytest.approx(full[rows, cols].sum())


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("ml-enginer:2", "unknown role 'ml-enginer' (did you mean 'ml-engineer'?)"),
        ("ml-engineer:0", "'ml-engineer:0' asks for no one"),
        ("ml-engineer:two", "the head count after ':' must be a whole number"),
        ("ml-engineer:-1", "the head count after ':' must be a whole number"),
        (":2", "a role id comes before ':'"),
        ("data-engineer,data-engineer:2", "'data-engineer' is given twice"),
        (",", "no role given"),
        (f"ml-engineer:{MAX_SEATS + 1}", f"staffing takes at most {MAX_SEATS:,}"),
    ],
)
def test_bad_role_specs_say_what_is_wrong(ml_team: Questionnaire, spec: str, message: str) -> None:
    with pytest.raises(UsageError, match=r"^--roles: ") as caught:
        parse_seats(spec, [r.id for r in ml_team.roles])
    assert message in str(caught.value)


def test_role_specs(ml_team: Questionnaire) -> None:
    ids = [r.id for r in ml_team.roles]
    assert parse_seats(" ml-engineer:2 , data-engineer,", ids) == [
        ("ml-engineer", 2),
        ("data-engineer", 1),
    ]


def test_score_team_staffs_and_plans_for_the_seats(tiny: Questionnaire, tmp_path: Path) -> None:
    """The five-person team of test_team: readiness r1 (P1 100, P2 50, P3 23.68, P4 0,
    P5 52.63), r2 (20, 40, 50, 0, 80). Seats r1, r2: P1 r1 + P5 r2 = 180 is best."""
    from tests.team.test_team import write_team

    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]), seats=[("r1", 1), ("r2", 1)])
    s = team.analysis.staffing
    assert s is not None and team.analysis.target_roles == ["r1", "r2"]
    assert [(a.name, a.role) for a in s.assignments] == [("P1", "r1"), ("P5", "r2")]
    assert s.total == pytest.approx(180.0)
    # without P5 in r2: P1 r1 + P3 r2 = 150 (30 less); without P1 in r1: P5 r1 + P3 r2
    # = 102.63, or P2 r1 + P5 r2 = 130 -> 50 less
    assert [round(a.loss or 0, 2) for a in s.assignments] == [50.0, 30.0]
    assert s.bench == {"r1": 1, "r2": 1}
    assert round(s.assignments[0].match, 1) == 98.0  # match shown beside it
