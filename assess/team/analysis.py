"""Team analysis (pandas, vectorised): whom each person is most like (match), how ready
they are (readiness), single points of failure, uncovered skills, and what to hire or train
next. Pure: arrays in, DataFrames out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import BLOCK_ROWS, Scores, rank_roles
from assess.scoring.plan import FloatArray
from assess.team.staffing import Seats, Staffing, staff


@dataclass
class TeamAnalysis:
    people: pd.DataFrame
    """One row per person: name, team, best role (by match; None without enough evidence),
    its match, readiness and coverage. Names, teams and roles are Python strings (object
    dtype; a missing team is None), the names shared with the index: read-only."""
    proficiency: pd.DataFrame
    """people x skills, 0-4, NaN = not assessed."""
    readiness: pd.DataFrame
    """people x roles, 0-100."""
    match: pd.DataFrame
    """people x roles, -100..100, NaN without enough evidence."""
    scores: Scores
    """The scores these frames view; coverage is worked out from them when asked
    (``coverage``, ``coverage_of``)."""
    skills: pd.DataFrame
    """per skill: team max, median, people assessed, and per target role how many meet it."""
    risks: pd.DataFrame
    """per (target role, required skill) held by exactly one person (single point of
    failure) or by nobody (uncovered)."""
    candidates: pd.DataFrame
    """per role: the best candidate (highest match) and their match, readiness, coverage."""
    hiring: pd.DataFrame
    """roles ranked by how much uncovered importance-weighted need a hire would cover."""
    training: pd.DataFrame
    """per uncovered (role, skill): the people closest to the required level."""
    target_roles: list[str]
    staffing: Staffing | None = None
    """The staffing of the seats asked for (``--roles r:2,...``), None without seats."""

    @property
    def coverage(self) -> pd.DataFrame:
        """people x roles, 0-1: made from the proficiency on each call and not kept (an
        export's whole table, as it is written); ``coverage_of`` for some rows."""
        return self.coverage_of(slice(None))

    def coverage_of(self, rows: slice) -> pd.DataFrame:
        """Some people (rows by position) x roles, 0-1 (``engine.role_coverage``)."""
        values = self.scores.coverage_of(rows)
        index = self.proficiency.index[rows]
        return pd.DataFrame(values, index=index, columns=self.readiness.columns, copy=False)


def analyse(
    q: Questionnaire,
    scores: Scores,
    names: list[str],
    teams: list[str | None],
    target_roles: list[str] | None = None,
    closest: int = 3,
    seats: Seats | None = None,
) -> TeamAnalysis:
    """``seats`` (roles with head counts) also staffs them; its roles are then the
    target roles unless ``target_roles`` says otherwise."""
    plan = scores.plan
    skill_ids, role_ids = list(plan.skill_ids), list(plan.role_ids)
    targets = target_roles or [role for role, _ in seats or []] or role_ids
    names = unique_labels(names)
    # object dtype: pandas 3 would copy every name into an Arrow string array (about
    # 40 MB a million people, in pyarrow's own memory pool, which keeps it)
    index = pd.Index(names, name="person", dtype=object)
    # copy=False: the frames are views on the score arrays, not second copies.
    prof = pd.DataFrame(scores.proficiency, index=index, columns=skill_ids, copy=False)
    readiness = pd.DataFrame(scores.readiness, index=index, columns=role_ids, copy=False)
    match = pd.DataFrame(scores.match, index=index, columns=role_ids, copy=False)
    role_names = {r.id: r.name for r in q.roles}
    skill_names = {s.id: s.name for s in q.skills}

    best = best_roles(scores.match, scores.readiness)
    best_match = _at(scores.match, best)
    matched = ~np.isnan(best_match)
    # Each person's best role picked from one small array of the roles (None: no match),
    # with no list of a million; copy=False keeps the columns as made (no second copy
    # of them all while the frame gathers them into blocks).
    picked = np.where(matched, best, len(role_ids))
    role_labels = np.array([*role_ids, None], dtype=object)
    role_titles = np.array([*(role_names[r] for r in role_ids), None], dtype=object)
    people = pd.DataFrame(
        {
            "person": _objects(index.to_numpy()),
            "team": _objects(np.array(teams, dtype=object)),
            "best_role": _objects(role_labels[picked]),
            "best_role_name": _objects(role_titles[picked]),
            "match": best_match,
            "readiness": np.where(matched, _at(scores.readiness, best), np.nan),
            "coverage": np.where(matched, scores.coverage_at(np.arange(len(best)), best), np.nan),
        },
        copy=False,
    )

    top, middle, assessed = skill_stats(scores.proficiency)
    skills = pd.DataFrame(
        {
            "skill": skill_ids,
            "name": [skill_names[s] for s in skill_ids],
            "max": top,
            "median": middle,
            "assessed": assessed,
        }
    )
    risk_rows = []
    for role_id in targets:
        k = role_ids.index(role_id)
        levels = plan.required[k]
        count = meeting(scores.proficiency, levels)
        skills[f"meets:{role_id}"] = np.where(levels > 0, count, -1)
        nobody = uncovered_skills(count, levels)
        for s in np.flatnonzero(levels > 0):
            if count[s] > 1:
                continue
            meets = scores.proficiency[:, s] >= levels[s]
            holder = None if nobody[s] else names[int(np.flatnonzero(meets)[0])]
            risk_rows.append(
                {
                    "role": role_id,
                    "role_name": role_names[role_id],
                    "skill": skill_ids[s],
                    "skill_name": skill_names[skill_ids[s]],
                    "level": int(levels[s]),
                    "importance": int(plan.importance[k, s]),
                    "need": float(levels[s] * plan.importance[k, s]),
                    "kind": "uncovered" if nobody[s] else "single point of failure",
                    "holder": holder,
                }
            )
    risks = pd.DataFrame(
        risk_rows,
        columns=[
            "role",
            "role_name",
            "skill",
            "skill_name",
            "level",
            "importance",
            "need",
            "kind",
            "holder",
        ],
    )
    risks["holder"] = pd.Series(
        [r["holder"] for r in risk_rows], dtype=object, index=risks.index
    )  # None, not NaN, for "nobody"
    risks = risks.sort_values(["kind", "need"], ascending=[False, False], kind="stable")

    # By position, not by name: a lookup by name would index a million names.
    best_rows = [
        _best_candidate(scores.match[:, k], scores.readiness[:, k]) for k in range(len(role_ids))
    ]
    candidates = pd.DataFrame(
        {
            "role": role_ids,
            "role_name": [role_names[r] for r in role_ids],
            "candidate": pd.Series(
                [None if row is None else str(index[row]) for row in best_rows], dtype=object
            ),
            **{
                column: [
                    np.nan if row is None else values[row, k] for k, row in enumerate(best_rows)
                ]
                for column, values in (("match", scores.match), ("readiness", scores.readiness))
            },
            "coverage": _candidate_coverage(scores, best_rows),
        }
    )

    uncovered = risks[risks["kind"] == "uncovered"]
    hiring = _hiring(plan.required, role_ids, role_names, skill_ids, uncovered, skill_names)
    training = _training(prof, uncovered, closest)
    return TeamAnalysis(
        people,
        prof,
        readiness,
        match,
        scores,
        skills,
        risks.reset_index(drop=True),
        candidates,
        hiring,
        training,
        list(targets),
        staff(scores.readiness, scores.match, scores.coverage_at, role_ids, seats, names)
        if seats
        else None,
    )


def _at(values: npt.NDArray[np.float64], columns: npt.NDArray[np.intp]) -> FloatArray:
    """Each row's value in its own column (people x roles, one role a person)."""
    picked: FloatArray = np.take_along_axis(values, columns[:, None], axis=1)[:, 0]
    return picked


def _objects(values: npt.NDArray[np.object_]) -> pd.Series:
    """A column of Python strings (and None) as they are: pandas 3 would copy strings
    into an Arrow array of its own (tens of MB for a million people)."""
    return pd.Series(values, dtype=object, copy=False)


def _candidate_coverage(scores: Scores, best_rows: list[int | None]) -> FloatArray:
    """Each role's best candidate's coverage of it (NaN without one)."""
    roles = np.array([k for k, row in enumerate(best_rows) if row is not None], np.intp)
    rows = np.array([row for row in best_rows if row is not None], np.intp)
    coverage = np.full(len(best_rows), np.nan)
    coverage[roles] = scores.coverage_at(rows, roles)
    return coverage


def _best_candidate(
    match: npt.NDArray[np.float64], readiness: npt.NDArray[np.float64]
) -> int | None:
    """The row of the person most like the role (highest match; the highest readiness
    breaks ties, then input order), or None when nobody has a match."""
    matched = ~np.isnan(match)
    if not matched.any():
        return None
    top = np.flatnonzero(match == match[matched].max())
    return int(top[np.nanargmax(readiness[top])])


def skill_stats(
    proficiency: np.ndarray,
) -> tuple[list[float], list[float], npt.NDArray[np.intp]]:
    """Per skill (column of people x skills): the team's best level (max), its median
    and how many people were assessed; max and median NaN where nobody was. The team
    profile and the team over time (``trend``) both take them from here."""
    # column by column: a whole-matrix median would copy N x S floats at once
    best = [_column_stat(np.max, column) for column in proficiency.T]
    median = [_column_stat(_median_in_place, column) for column in proficiency.T]
    assessed: npt.NDArray[np.intp] = (~np.isnan(proficiency)).sum(axis=0)
    return best, median, assessed


def meeting(proficiency: np.ndarray, levels: np.ndarray) -> npt.NDArray[np.intp]:
    """Per skill: how many people meet ``levels`` (a role's required level of each
    skill): proficiency at least the level; not assessed (NaN) never meets."""
    count = np.zeros(proficiency.shape[1], np.intp)
    for start in range(0, len(proficiency), BLOCK_ROWS):  # (no people x skills copy)
        count += (proficiency[start : start + BLOCK_ROWS] >= levels[None, :]).sum(axis=0)
    return count


def uncovered_skills(count: np.ndarray, levels: np.ndarray) -> npt.NDArray[np.bool_]:
    """The rule for an **uncovered** skill: the role needs it (level > 0) and nobody
    meets that level (``count`` from ``meeting``). Risks, hiring and training advice and
    the team over time all use it."""
    nobody: npt.NDArray[np.bool_] = (levels > 0) & (count == 0)
    return nobody


def _column_stat(stat: Any, column: np.ndarray) -> float:
    """``stat`` of the assessed values of one column (a copy ``stat`` may reorder);
    NaN when nobody was assessed."""
    values = column[~np.isnan(column)]
    return float(stat(values)) if values.size else float("nan")


def _median_in_place(values: np.ndarray) -> Any:
    """The median, partitioning ``values`` itself (np.nanmedian's own way, minus a copy)."""
    return np.median(values, overwrite_input=True)


def best_roles(
    match: npt.NDArray[np.float64], readiness: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp]:
    """(N,) each person's first role by ``rank_roles``, ranked a block of people at a time
    (the whole ranking takes four people x roles arrays at once: 300 MB for a million)."""
    best = np.zeros(len(match), np.intp)
    for start in range(0, len(match), BLOCK_ROWS):
        block = slice(start, start + BLOCK_ROWS)
        best[block] = rank_roles(match[block], readiness[block])[:, 0]
    return best


def unique_labels(names: list[str]) -> list[str]:
    """Names made unique for use as row labels: a second "Ann" becomes "Ann (2)", or the
    next number free when another person is called "Ann (2)" (a label is never another
    person's name, nor another label).

    Only names whose hash another name shares can repeat, so only those are counted
    (a dict of a million names is about 40 MB; the hashes, sorted, a fifth of that);
    ``names`` itself comes back when none repeats."""
    hashes = np.fromiter(map(hash, names), np.int64, len(names))
    ordered = np.sort(hashes)
    shared = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(shared):
        return names

    def is_a_name(label: str) -> bool:
        wanted = hash(label)
        at = int(np.searchsorted(ordered, wanted))
        if at == len(ordered) or ordered[at] != wanted:
            return False
        return any(names[row] == label for row in np.flatnonzero(hashes == wanted).tolist())

    labels = list(names)
    last: dict[str, int] = {}  # the number a name's latest label took (1: the name itself)
    made: set[str] = set()
    for row in np.flatnonzero(np.isin(hashes, shared)).tolist():
        name = names[row]
        if name not in last:
            last[name] = 1
            continue
        number = last[name] + 1
        while (label := f"{name} ({number})") in made or is_a_name(label):
            number += 1
        last[name] = number
        made.add(label)
        labels[row] = label
    return labels


def _columns(frame: pd.DataFrame, *names: str) -> list[tuple[Any, ...]]:
    """Rows of some columns as plain Python tuples."""
    return list(zip(*(frame[name].tolist() for name in names), strict=True))


def _hiring(
    required: np.ndarray,
    role_ids: list[str],
    role_names: dict[str, str],
    skill_ids: list[str],
    uncovered: pd.DataFrame,
    skill_names: dict[str, str],
) -> pd.DataFrame:
    """A hire exactly at role h's profile covers an uncovered (role, skill) need when
    h requires that skill at the needed level or above."""
    rows = []
    for h, role_id in enumerate(role_ids):
        covered = [
            (skill, need)
            for skill, level, need in _columns(uncovered, "skill", "level", "need")
            if required[h, skill_ids.index(skill)] >= level
        ]
        by_skill: dict[str, float] = {}
        for skill, need in covered:
            by_skill[skill] = max(by_skill.get(skill, 0.0), need)
        rows.append(
            {
                "role": role_id,
                "role_name": role_names[role_id],
                "covers_need": sum(by_skill.values()),
                "skills": ", ".join(skill_names[s] for s in skill_ids if s in by_skill),
            }
        )
    total = float(uncovered.groupby("skill")["need"].max().sum()) if len(uncovered) else 0.0
    hiring = pd.DataFrame(rows)
    hiring["share"] = hiring["covers_need"] / total if total else 0.0
    return hiring.sort_values("covers_need", ascending=False, kind="stable").reset_index(drop=True)


def _training(prof: pd.DataFrame, uncovered: pd.DataFrame, closest: int) -> pd.DataFrame:
    rows = []
    firsts = uncovered.drop_duplicates("skill")
    for skill, skill_name, level in _columns(firsts, "skill", "skill_name", "level"):
        current = prof[skill].fillna(0.0)
        shortfall = (float(level) - current).clip(lower=0)
        order = np.argsort(shortfall.to_numpy(), kind="stable")[:closest]
        for rank, i in enumerate(order, start=1):
            value = prof[skill].iloc[i]
            rows.append(
                {
                    "skill": skill,
                    "skill_name": skill_name,
                    "level": level,
                    "rank": rank,
                    "person": prof.index[i],
                    "current": None if pd.isna(value) else float(value),
                    "shortfall": float(shortfall.iloc[i]),
                }
            )
    return pd.DataFrame(
        rows, columns=["skill", "skill_name", "level", "rank", "person", "current", "shortfall"]
    )
