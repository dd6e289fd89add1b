"""Staffing: who should take which of the roles a team needs filled.

Given seats (``--roles ml-engineer:2,data-engineer``: two ML engineers and one data
engineer), the assignment of people to seats that **maximises the total readiness** is
found exactly, as a linear assignment problem (SciPy's ``linear_sum_assignment``, the
Hungarian method's modern form) over a people x seats matrix, each role's column repeated
once per seat.

**Why readiness, not match.** Staffing asks who can do each job *today*: readiness is the
share of the role's importance-weighted requirement a person meets, so it is on one scale
for every role and adds up over seats. Match says whose profile is *shaped* like the role
(a correlation): a junior with the right pattern matches as well as a senior, and two
matches do not add up to anything. Match is shown beside each assignment to say whether
the person also resembles the role. A person with too little evidence for a match still
has a readiness (a skill not assessed counts as 0, so it never helps) and can be assigned;
such a seat is marked as resting on weak evidence when its coverage is under 50%.

**Readiness lost by the second-best staffing.** For an assigned pair (person p, role r):
``loss(p, r) = best total - best total over all staffings in which p does not hold r``
(every other seat re-solved). It says how much the team gives up if p cannot take r: 0
means an equally good staffing exists without it. Staffings that differ only in which
of a role's identical seats a person takes are the same staffing. Any staffing other than
the best one must take at least one chosen pair away, so the second-best staffing overall
loses ``min loss(p, r)`` (Murty's observation for ranking assignments).

**Bench strength** of a role: how many people of the whole team are at least 80% ready
for it, whoever is assigned.

More seats than people: everyone is assigned, to the seats where the total readiness is
highest, and the other seats stay open (reported per role).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from assess.errors import UsageError, did_you_mean
from assess.safetext import clip
from assess.scoring.engine import TOLERANCE
from assess.scoring.plan import FloatArray

BENCH_READY = 80.0
"""Bench strength counts the people at least this ready (0-100) for a role."""
WEAK_COVERAGE = 0.5
"""A seat whose person has less coverage of the role rests on weak evidence."""
MAX_SEATS = 1000
"""At most this many seats: the solver's matrix is people x seats."""
LOSS_SEATS = 150
"""The readiness lost without each pair is computed up to this many seats (one more
solve per seat); above it the column is left empty and the report says why."""

Seats = list[tuple[str, int]]


def parse_seats(spec: str, role_ids: list[str]) -> Seats:
    """``ml-engineer:2,data-engineer`` -> [("ml-engineer", 2), ("data-engineer", 1)].

    ``UsageError`` for an unknown role (with a did-you-mean), a head count that is not a
    whole number of at least 1, a role given twice, or more than ``MAX_SEATS`` seats."""
    seats: Seats = []
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        role, sep, count_text = (part.strip() for part in item.partition(":"))
        shown = clip(item, 80)
        if role not in role_ids:
            hint = did_you_mean(role, role_ids) if role else "a role id comes before ':'"
            raise UsageError(f"--roles: unknown role '{clip(role, 80)}' ({hint})")
        count = 1
        if sep:
            if not count_text.isdigit() or not count_text.isascii():
                raise UsageError(
                    f"--roles: '{shown}': the head count after ':' must be a whole number "
                    f"(for example {role}:2)"
                )
            count = int(count_text)
            if count < 1:
                raise UsageError(
                    f"--roles: '{shown}' asks for no one: leave the role out, or give a "
                    "head count of at least 1"
                )
        if any(role == r for r, _ in seats):
            raise UsageError(
                f"--roles: '{role}' is given twice: give it once, with its head count "
                f"(for example {role}:2)"
            )
        seats.append((role, count))
    if not seats:
        raise UsageError("--roles: no role given (for example --roles ml-engineer:2,analyst)")
    total = sum(count for _, count in seats)
    if total > MAX_SEATS:
        raise UsageError(
            f"--roles: {total:,} seats asked for; staffing takes at most {MAX_SEATS:,}"
        )
    return seats


@dataclass(frozen=True)
class Assignment:
    person: int
    """Row of the person (input order)."""
    name: str
    role: str
    seat: int
    """1.. within the role (the most ready first)."""
    readiness: float
    match: float
    """NaN: too little evidence to say whom the person resembles."""
    coverage: float
    runner_up: str | None
    """The other staffed role this person is most ready for (None with one role)."""
    runner_up_readiness: float | None
    loss: float | None
    """Best total minus the best total without this pair; None when no staffing without
    it exists, or above ``LOSS_SEATS`` seats (not computed)."""

    @property
    def weak_evidence(self) -> bool:
        return self.coverage < WEAK_COVERAGE - TOLERANCE


@dataclass(frozen=True)
class Staffing:
    seats: Seats
    """The roles and head counts asked for, in the order given."""
    assignments: list[Assignment]
    """In the order of ``seats``, then the most ready first."""
    open_seats: dict[str, int]
    """Seats left open per role (more seats than people), only roles with some."""
    total: float
    """Summed readiness of the assignments."""
    second_best_loss: float | None
    """How much less the second-best staffing totals (min of the losses); None if there
    is no other staffing, or the losses were not computed."""
    bench: dict[str, int]
    """Per staffed role: people at least ``BENCH_READY`` ready for it."""
    people: int
    losses_computed: bool

    @property
    def seat_count(self) -> int:
        return sum(count for _, count in self.seats)


CoverageAt = Callable[[npt.NDArray[np.intp], npt.NDArray[np.intp]], FloatArray]
"""(people rows, role columns) -> each pair's coverage (``Scores.coverage_at``): asked for
the seated people only, so no people x roles coverage is needed."""


def staff(
    readiness: FloatArray,
    match: FloatArray,
    coverage_at: CoverageAt,
    role_ids: list[str],
    seats: Seats,
    names: list[str],
) -> Staffing:
    """The staffing of ``seats`` that maximises the summed readiness; ``readiness`` and
    ``match`` are (people, roles) with columns in ``role_ids`` order and rows in the order
    of ``names``, as are ``coverage_at``'s rows and columns."""
    from scipy.optimize import linear_sum_assignment  # (imported only when staffing)

    n = readiness.shape[0]
    columns = [role_ids.index(role) for role, _ in seats]
    ready = readiness[:, columns]  # (N, staffed roles)
    # Seats beyond the number of people always stay open: a role gets at most n columns.
    seat_role = np.repeat(np.arange(len(seats)), [min(count, n) for _, count in seats])
    pool = _pool(ready, len(seat_role))
    value = ready[pool][:, seat_role]  # (pool, seats)

    def solve(forbid: tuple[int, int] | None = None) -> tuple[float, list[tuple[int, int]]] | None:
        cost = -value
        if forbid is not None:
            cost = cost.copy()
            cost[forbid[0], seat_role == forbid[1]] = np.inf
        try:
            rows, cols = linear_sum_assignment(cost)
        except ValueError:  # nobody else can take it: no staffing without this pair
            return None
        if not np.isfinite(cost[rows, cols]).all():
            return None
        pairs = [(int(r), int(seat_role[c])) for r, c in zip(rows, cols, strict=True)]
        return float(value[rows, cols].sum()), pairs

    best = solve() if len(seat_role) and n else (0.0, [])
    assert best is not None
    total, pairs = best
    losses_computed = len(pairs) <= LOSS_SEATS
    losses: dict[tuple[int, int], float | None] = {}
    for pair in pairs if losses_computed else []:
        other = solve(pair)
        # (a tie shows as a float error of either sign: 0 then)
        losses[pair] = None if other is None else _clean(total - other[0])
    known = [loss for loss in losses.values() if loss is not None]

    assignments = []
    for j, (role, _) in enumerate(seats):
        held = sorted((p for p, k in pairs if k == j), key=lambda p: (-ready[pool[p], j], pool[p]))
        for number, p in enumerate(held, start=1):
            person = int(pool[p])
            others = [k for k in range(len(seats)) if k != j]
            runner = max(others, key=lambda k: (ready[person, k], -k)) if others else None
            r = columns[j]
            assignments.append(
                Assignment(
                    person=person,
                    name=names[person],
                    role=role,
                    seat=number,
                    readiness=float(readiness[person, r]),
                    match=float(match[person, r]),
                    coverage=float(coverage_at(np.array([person]), np.array([r]))[0]),
                    runner_up=None if runner is None else seats[runner][0],
                    runner_up_readiness=None if runner is None else float(ready[person, runner]),
                    loss=losses.get((p, j)),
                )
            )
    filled = {role: sum(1 for a in assignments if a.role == role) for role, _ in seats}
    return Staffing(
        seats=list(seats),
        assignments=assignments,
        open_seats={role: count - filled[role] for role, count in seats if count > filled[role]},
        total=total,
        second_best_loss=min(known) if known and losses_computed else None,
        bench={
            role: int((ready[:, j] >= BENCH_READY - TOLERANCE).sum())
            for j, (role, _) in enumerate(seats)
        },
        people=n,
        losses_computed=losses_computed,
    )


def _clean(loss: float) -> float:
    return 0.0 if loss < TOLERANCE * 1000 else loss


def _pool(ready: FloatArray, seat_count: int) -> npt.NDArray[np.intp]:
    """The people who can be in a best staffing, in input order: for each role, the
    ``seat_count + 1`` most ready. Whoever holds a seat of role r in a best staffing can be
    swapped for a free person at least as ready for r, and among r's ``seat_count`` most
    ready someone is always free; one more covers a staffing with one pair forbidden.
    So 100k people and 5 seats make a 30 x 5 problem, with the same best total."""
    n = ready.shape[0]
    keep = seat_count + 1
    if n <= keep:
        return np.arange(n)
    top = np.argsort(-ready, axis=0, kind="stable")[:keep]  # (keep, roles)
    return np.unique(top)


TABLE_COLUMNS = [
    "role",
    "seat",
    "person",
    "readiness",
    "match",
    "coverage",
    "weak_evidence",
    "runner_up_role",
    "runner_up_readiness",
    "readiness_lost_without",
    "bench",
]


def staffing_table(staffing: Staffing | None) -> pd.DataFrame:
    """Tidy: one row per seat (an open seat has no person), for the CSV and XLSX exports.
    ``readiness_lost_without`` is the best total minus the best total without that person
    in that role; ``bench`` the role's people at least 80% ready."""
    if staffing is None:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    rows: list[dict[str, object]] = []
    for role, count in staffing.seats:
        held = [a for a in staffing.assignments if a.role == role]
        for a in held:
            rows.append(
                {
                    "role": role,
                    "seat": a.seat,
                    "person": a.name,
                    "readiness": round(a.readiness, 2),
                    "match": None if np.isnan(a.match) else round(a.match, 1),
                    "coverage": round(a.coverage, 4),
                    "weak_evidence": a.weak_evidence,
                    "runner_up_role": a.runner_up,
                    "runner_up_readiness": None
                    if a.runner_up_readiness is None
                    else round(a.runner_up_readiness, 2),
                    "readiness_lost_without": None if a.loss is None else round(a.loss, 2),
                    "bench": staffing.bench[role],
                }
            )
        for seat in range(len(held) + 1, count + 1):
            rows.append({"role": role, "seat": seat, "bench": staffing.bench[role]})
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


@dataclass(frozen=True)
class SeatRow:
    """One seat as the views show it (an open seat has no person)."""

    role: str
    seat: int
    person: str | None
    team: str
    readiness: float | None
    match: float | None
    coverage: float | None
    weak: bool
    runner_up: str | None
    runner_up_readiness: float | None
    loss: float | None


@dataclass(frozen=True)
class BenchRow:
    role: str
    seats: int
    filled: int
    bench: int


@dataclass(frozen=True)
class StaffingView:
    """Staffing for the team report and the terminal (``TeamSummary.staffing``)."""

    rows: list[SeatRow]
    bench: list[BenchRow]
    total: float
    best_possible: float
    """100 x the seats filled: the total if everyone were fully ready."""
    second_best_loss: float | None
    losses_computed: bool
    seat_count: int
    filled: int
    people: int
    open_note: str | None
    """More seats than people, in words."""


def staffing_view(staffing: Staffing, role_names: dict[str, str], teams: list[str]) -> StaffingView:
    """``staffing`` with role names and each person's team (as shown: "—" for none)."""
    rows = []
    for role, count in staffing.seats:
        held = [a for a in staffing.assignments if a.role == role]
        for a in held:
            rows.append(
                SeatRow(
                    role_names[role],
                    a.seat,
                    a.name,
                    teams[a.person],
                    a.readiness,
                    None if np.isnan(a.match) else a.match,
                    a.coverage,
                    a.weak_evidence,
                    None if a.runner_up is None else role_names[a.runner_up],
                    a.runner_up_readiness,
                    a.loss,
                )
            )
        rows.extend(
            SeatRow(role_names[role], seat, None, "", None, None, None, False, None, None, None)
            for seat in range(len(held) + 1, count + 1)
        )
    note = None
    if staffing.open_seats:
        left = ", ".join(f"{role_names[r]} × {n}" for r, n in staffing.open_seats.items())
        note = (
            f"{staffing.seat_count:,} seats for {staffing.people:,} people: everyone is placed "
            f"where the total readiness is highest, and {sum(staffing.open_seats.values()):,} "
            f"seat(s) stay open ({left})"
        )
    return StaffingView(
        rows=rows,
        bench=[
            BenchRow(
                role_names[role],
                count,
                sum(1 for a in staffing.assignments if a.role == role),
                staffing.bench[role],
            )
            for role, count in staffing.seats
        ],
        total=staffing.total,
        best_possible=100.0 * len(staffing.assignments),
        second_best_loss=staffing.second_best_loss,
        losses_computed=staffing.losses_computed,
        seat_count=staffing.seat_count,
        filled=len(staffing.assignments),
        people=staffing.people,
        open_note=note,
    )
