"""Other raters: what managers and peers said about a person's skills, kept apart from the
person's own answers. Pure: levels in, levels out; no files.

A rating by someone else is scored like any response, but its levels are that rater's:
``rating_levels`` gives each rater's per-skill rating (the weighted mean of the
self-rating items they answered about the person; there are no knowledge checks in a
rating). ``others_view`` puts them beside the person's own self-rating under two rules:

- **a peer's rating is never shown alone**: peers count only as a mean of at least
  ``MIN_PEERS`` peers who rated the skill (360-degree tools commonly require 3), so no single
  peer's rating can be told apart; a **manager's rating may be shown on its own** (managers
  are told so when they rate);
- **self vs others** is flagged like calibration: |self-rating - others| >= 1.5.

``combine`` turns a person's own levels and their raters' into one level per skill by a
named policy, for a view that needs one number per person (a team view decides which).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from assess.model.response import Response
from assess.model.result import OtherRaters, OtherSkill
from assess.scoring.engine import CALIBRATION_THRESHOLD, TOLERANCE, score
from assess.scoring.plan import FloatArray, ScoringPlan

MIN_PEERS = 3
"""Peers' ratings of a skill are shown only as the mean of at least this many peers."""
SELF_VS_OTHERS_THRESHOLD = CALIBRATION_THRESHOLD
"""|self-rating - others| at or above this is flagged (the calibration rule)."""

Levels = Mapping[str, float | None]
"""Skill id -> level 0-4, None where not rated."""


@dataclass(frozen=True)
class RaterLevels:
    """One other rater's levels for a person."""

    relation: Literal["manager", "peer"]
    name: str
    levels: Levels


def rating_levels(
    plan: ScoringPlan, responses: Sequence[Response]
) -> list[dict[str, float | None]]:
    """Each response's self-rating per skill (the weighted mean of its answered self-rating
    items, before any knowledge check; None where it rated none): what a rater said, or
    what a person said of themselves."""
    if not responses:
        return []
    ratings = score(plan, plan.encode_many(responses)).self_rating
    return [
        {
            sid: None if math.isnan(v) else float(v)
            for sid, v in zip(plan.skill_ids, row, strict=True)
        }
        for row in ratings.tolist()
    ]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def shown_others(
    raters: Sequence[RaterLevels], skill: str, min_peers: int = MIN_PEERS
) -> float | None:
    """The others' level of ``skill`` that may be shown: the mean over the managers who
    rated it and, when at least ``min_peers`` peers rated it, those peers (each rater
    counts once); None when there is nobody whose view may be shown."""
    managers = [r.levels.get(skill) for r in raters if r.relation == "manager"]
    peers = [r.levels.get(skill) for r in raters if r.relation == "peer"]
    given_peers = [v for v in peers if v is not None]
    shown = [v for v in managers if v is not None]
    if len(given_peers) >= min_peers:
        shown += given_peers
    return _mean(shown)


def shown_others_arrays(
    levels: FloatArray,
    person: npt.NDArray[np.intp],
    manager: npt.NDArray[np.bool_],
    people: int,
    min_peers: int = MIN_PEERS,
) -> FloatArray:
    """``shown_others`` for many people at once, (people, skills): ``levels`` holds one
    row per rater of someone (NaN where they gave no level), ``person`` whom each rated
    (0 .. people-1) and ``manager`` whether the rater is their manager (else a peer).
    Per person and skill: the mean over the managers who rated it and, where at least
    ``min_peers`` peers rated it, those peers; NaN where nobody's view may be shown. The
    input of ``combine_arrays`` (a test holds it equal to ``shown_others``)."""
    n_skills = levels.shape[1]
    given = ~np.isnan(levels)
    values = np.where(given, levels, 0.0)

    def sums(rows: npt.NDArray[np.bool_]) -> tuple[FloatArray, FloatArray]:
        total, count = np.zeros((people, n_skills)), np.zeros((people, n_skills))
        np.add.at(total, person[rows], values[rows])
        np.add.at(count, person[rows], given[rows])
        return total, count

    managers_sum, managers = sums(manager)
    peers_sum, peers = sums(~manager)
    enough = peers >= min_peers
    total = managers_sum + np.where(enough, peers_sum, 0.0)
    count = managers + np.where(enough, peers, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shown: FloatArray = np.where(count > 0, total / count, np.nan)
    return shown


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def others_view(
    skills: Sequence[tuple[str, str]],
    self_levels: Levels | None,
    raters: Sequence[RaterLevels],
    *,
    min_peers: int = MIN_PEERS,
    notes: Sequence[str] = (),
) -> OtherRaters:
    """The other raters' view beside the person's own self-rating, skill by skill
    (``skills``: (id, name) in the order to show them)."""
    managers = [r for r in raters if r.relation == "manager"]
    peers = [r for r in raters if r.relation == "peer"]
    rows = []
    for skill, name in skills:
        own = None if self_levels is None else self_levels.get(skill)
        given = [v for r in peers if (v := r.levels.get(skill)) is not None]
        peer_mean = _mean(given) if len(given) >= min_peers else None
        others = shown_others(raters, skill, min_peers)
        delta = None if own is None or others is None else own - others
        flag: Literal["higher", "lower"] | None = None
        if delta is not None and abs(delta) >= SELF_VS_OTHERS_THRESHOLD - TOLERANCE:
            flag = "higher" if delta > 0 else "lower"
        rows.append(
            OtherSkill(
                skill=skill,
                skill_name=name,
                self_rating=_round(own),
                managers=[_round(m.levels.get(skill)) for m in managers],
                peers=_round(peer_mean),
                peers_rated=len(given),
                others=_round(others),
                delta=_round(delta),
                flag=flag,
            )
        )
    said = list(notes)
    if 0 < len(peers) < min_peers:
        said.append(
            f"{len(peers)} peer rating(s) so far: peers are shown only as the mean of at "
            f"least {min_peers}, so that no single peer's rating can be told apart; theirs "
            "are kept and count once enough peers have rated."
        )
    if self_levels is None:
        said.append("There is no self-assessment to compare with: the others' view stands alone.")
    return OtherRaters(
        managers=[m.name for m in managers],
        peers=len(peers),
        min_peers=min_peers,
        peers_shown=len(peers) >= min_peers,
        skills=rows,
        notes=said,
    )


RaterPolicy = Literal["self", "others", "others_else_self", "self_and_others"]
"""How ``combine`` makes one level per skill from a person's own level and their raters':

- ``self``: the person's own level (other raters ignored);
- ``others``: the others' level that may be shown (``shown_others``), None where there is
  none;
- ``others_else_self``: the others' level where there is one, else the person's own;
- ``self_and_others``: the mean of the person's own level and the others' level where
  both exist, else whichever exists.
"""
POLICIES: tuple[RaterPolicy, ...] = ("self", "others", "others_else_self", "self_and_others")


def combine(
    self_levels: Levels | None,
    raters: Sequence[RaterLevels],
    policy: RaterPolicy,
    *,
    skills: Sequence[str] | None = None,
    min_peers: int = MIN_PEERS,
) -> dict[str, float | None]:
    """One level per skill for a person by ``policy`` (see ``RaterPolicy``); peers count
    only as the mean of at least ``min_peers`` (never one peer's rating alone). ``skills``
    defaults to every skill either side names."""
    if policy not in POLICIES:
        raise ValueError(f"unknown rater policy {policy!r}; one of {', '.join(POLICIES)}")
    own: Levels = self_levels or {}
    if skills is None:
        named = dict.fromkeys(own)
        for rater in raters:
            named.update(dict.fromkeys(rater.levels))
        skills = list(named)
    out: dict[str, float | None] = {}
    for skill in skills:
        mine = own.get(skill)
        theirs = shown_others(raters, skill, min_peers) if policy != "self" else None
        out[skill] = _pick(policy, mine, theirs)
    return out


def _pick(policy: RaterPolicy, mine: float | None, theirs: float | None) -> float | None:
    if policy == "self":
        return mine
    if policy == "others":
        return theirs
    if policy == "others_else_self":
        return mine if theirs is None else theirs
    if mine is None or theirs is None:
        return mine if theirs is None else theirs
    return (mine + theirs) / 2


def combine_arrays(own: FloatArray, others: FloatArray, policy: RaterPolicy) -> FloatArray:
    """``combine`` over arrays of the same shape (people x skills, NaN = none): ``others``
    holds the others' levels already made shown-safe (``shown_others_arrays``), for a
    vectorised view."""
    if policy not in POLICIES:
        raise ValueError(f"unknown rater policy {policy!r}; one of {', '.join(POLICIES)}")
    if policy == "self":
        return own.copy()
    if policy == "others":
        return others.copy()
    if policy == "others_else_self":
        return np.where(np.isnan(others), own, others)
    both: FloatArray = np.where(
        np.isnan(own), others, np.where(np.isnan(others), own, (own + others) / 2)
    )
    return both
