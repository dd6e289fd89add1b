"""Other raters in the team view: the ratings managers and peers gave the team's people
(each person's ``ratings`` folder), and the rater policy (``--raters``) that makes one
level per person and skill from a person's own level and theirs.

**Whose.** A rating counts for a person only if it is about them by the team's identity
rule (``people.same_person``), as in the personal report (``assess.person.record``).
Raters are told apart by their files, never merged by name; two ratings from one rater
e-mail are one rater, and the newer counts. A rating retaken keeps the earlier one in its
own ``history`` (``ratings/peer--sam-lee/history/``): the team over time reads those too,
each dated by when it was finished. Rating files that cannot be used are counted, never
named: a rating's file name names its rater.

**The policy** (``assess.scoring.raters``: ``combine_arrays``, the 3-peer rule in
``shown_others_arrays``): a person's own level is their proficiency (self-ratings checked
by knowledge checks); the others' level is the mean over their managers and, only where at
least 3 peers rated the skill, those peers (a manager's rating may count alone; one or two
peers never do).

- ``self`` (the default): each person's own assessment; other raters are not used.
- ``others``: the others' level; a skill nobody else rated is not assessed.
- ``others_else_self``: the others' level where there is one, else the person's own.
- ``self_and_others``: the mean of the two where both exist, else whichever exists.

The default is ``self``: every person in a team view has a self-assessment, held to its
knowledge checks, and only some have other raters, whose ratings carry no checks; mixing
sources makes one person's level a manager's judgement and the next person's their own,
and self-ratings run higher than others' (a well-known leniency gap, so people with raters
would look weaker for it). The team's numbers then also do not move when one rater adds
a file. The report and the terminal say how many people have other raters, so a lead can
look with ``--raters others_else_self``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assess.errors import ResponseError
from assess.infile import NotReadable, read_regular
from assess.loading import parse_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Relation, Status
from assess.scorable import Mismatch, codes_for
from assess.scoring.engine import Scores, score, score_levels
from assess.scoring.plan import FloatArray, ScoringPlan
from assess.scoring.raters import (
    MIN_PEERS,
    POLICIES,
    RaterPolicy,
    combine_arrays,
    shown_others_arrays,
)
from assess.storage import HISTORY, ratings_folder
from assess.team.batch import Batch
from assess.team.inputs import MAX_FILE_BYTES
from assess.team.people import same_person

DEFAULT_POLICY: RaterPolicy = "self"

POLICY_TEXT: dict[str, str] = {
    "self": "each person's own assessment, self-ratings checked by knowledge checks; "
    "other raters are not used",
    "others": "other raters' level (a manager alone, or the mean with at least "
    f"{MIN_PEERS} peers); a skill nobody else rated is not assessed",
    "others_else_self": "other raters' level where there is one (a manager alone, or the "
    f"mean with at least {MIN_PEERS} peers), else the person's own",
    "self_and_others": "the mean of the person's own level and other raters' (a manager "
    f"alone, or the mean with at least {MIN_PEERS} peers) where both exist, else whichever "
    "exists",
}
assert set(POLICY_TEXT) == set(POLICIES)


@dataclass
class Ratings:
    """Usable ratings of the team's people, one row each (``levels`` row for row)."""

    plan: ScoringPlan
    person: npt.NDArray[np.intp]
    """The team view's row of the person rated."""
    manager: npt.NDArray[np.bool_]
    """A manager's rating (else a peer's)."""
    rater: npt.NDArray[np.intp]
    """One number per rater: the same e-mail, else the same file."""
    finished: npt.NDArray[np.bool_]
    when: FloatArray
    """POSIX time it was finished; for one not finished, its last save."""
    levels: FloatArray
    """(ratings, skills) the rater's level of each skill, NaN where they gave none."""
    not_used: int = 0
    """Rating files in the folders that could not be used (counted, never named)."""

    def __len__(self) -> int:
        return len(self.person)

    def others(self, people: int, until: float | None = None) -> FloatArray:
        """(people, skills) the others' level that may be shown (``shown_others_arrays``)
        from each rater's newest rating; ``until``: their newest finished by then (the
        team over time), else their newest whatever its state (the team view now, as
        the personal report shows it)."""
        rows = np.arange(len(self))
        if until is not None:
            rows = rows[self.finished & (self.when < until)]
        if len(rows):
            order = rows[np.lexsort((self.when[rows], self.rater[rows]))]
            last = np.ones(len(order), bool)
            last[:-1] = self.rater[order][1:] != self.rater[order][:-1]
            rows = order[last]
        return shown_others_arrays(self.levels[rows], self.person[rows], self.manager[rows], people)

    def people_rated(self) -> int:
        """People with at least one usable rating."""
        return len(np.unique(self.person))


@dataclass(frozen=True)
class RaterView:
    """What the views say about the rater policy."""

    policy: str
    text: str
    people_rated: int
    """People with at least one usable rating by someone else."""
    people_used: int
    """People for whom the policy takes others' level of at least one skill."""
    not_used: int
    """Rating files that could not be used."""


def read_ratings(batch: Batch, questionnaire: Questionnaire | None = None) -> Ratings:
    """The ratings in the ``ratings`` folders beside the team view's response files
    (``batch`` read, not yet anonymized), with their retakes' histories, scored against
    the team view's questionnaire (``questionnaire``, ``-q``: the one the batch was read
    for)."""
    plan = batch.plan
    person: list[int] = []
    manager: list[bool] = []
    raters: dict[tuple[int, str], int] = {}
    rater: list[int] = []
    finished: list[bool] = []
    when: list[float] = []
    codes = []
    not_used = 0
    for row, folder in _ratings_folders(batch):
        name, email = batch.people.names[row], batch.people.emails[row]
        for path, stem in _rating_files(folder):
            try:
                response = parse_response(read_regular(path, MAX_FILE_BYTES, "a response file"))
                by = response.rater
                if by is None or not same_person(
                    name, email, response.respondent.name, response.respondent.email
                ):
                    not_used += 1
                    continue
                answer_codes = codes_for(plan, response)
            except (NotReadable, ResponseError, Mismatch, OSError):
                not_used += 1
                continue
            key = f"e:{by.email.casefold()}" if by.email else f"f:{stem}"
            person.append(row)
            manager.append(by.relation is Relation.manager)
            rater.append(raters.setdefault((row, key), len(raters)))
            done = response.status is Status.complete and response.completed_at is not None
            stamp = response.completed_at if done else response.updated_at
            assert stamp is not None
            finished.append(done)
            when.append(stamp.timestamp())
            codes.append(answer_codes)
    n_skills = len(plan.skill_ids)
    levels = (
        score(plan, np.vstack(codes), keep_values=False).self_rating
        if codes
        else np.empty((0, n_skills))
    )
    return Ratings(
        plan,
        np.asarray(person, np.intp),
        np.asarray(manager, bool),
        np.asarray(rater, np.intp),
        np.asarray(finished, bool),
        np.asarray(when, float),
        levels,
        not_used,
    )


def _ratings_folders(batch: Batch) -> list[tuple[int, Path]]:
    """(row, its ``ratings`` folder) of each response file that has one. Each folder of
    response files is listed once (a team of 100k files in one folder: one listing, not
    100k look-ups), and only a person folder found there is looked into. A JSON-lines
    record has no folder of its own: its name is never made (a million of them would
    take 100 MB)."""
    by_folder: dict[str, list[tuple[int, str]]] = {}
    for row, source in batch.people.files():
        if source.endswith(".json"):
            where, file = os.path.split(source)
            by_folder.setdefault(where, []).append((row, file[: -len(".json")]))
    found: list[tuple[int, Path]] = []
    for where, files in by_folder.items():
        try:
            with os.scandir(where or ".") as entries:
                folders = {e.name for e in entries if e.is_dir(follow_symlinks=False)}
        except OSError:
            continue
        for row, stem in files:
            if stem in folders:
                ratings = ratings_folder(Path(where, stem + ".json"))
                if ratings.is_dir():
                    found.append((row, ratings))
    return found


def _rating_files(folder: Path) -> list[tuple[Path, str]]:
    """(file, the rater's file stem) of each rating in a ``ratings`` folder and in the
    ``history`` of each rating retaken (``peer--sam-lee/history/2026-03-02.json``)."""
    found: list[tuple[Path, str]] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.suffix == ".json" and entry.is_file():
            found.append((entry, entry.stem))
        elif entry.is_dir() and not entry.is_symlink():
            past = entry / HISTORY
            try:
                found += [(p, entry.name) for p in sorted(past.glob("*.json")) if p.is_file()]
            except OSError:
                continue
    return found


def with_policy(scores: Scores, others: FloatArray, policy: RaterPolicy) -> Scores:
    """``scores`` of the levels ``policy`` makes from each person's own proficiency and
    ``others`` (``Ratings.others``), scored by the same formulas; ``self``: unchanged."""
    if policy == "self":
        return scores
    combined = combine_arrays(scores.proficiency, others, policy)
    return score_levels(scores.plan, combined)


def rater_view(ratings: Ratings | None, others: FloatArray | None, policy: str) -> RaterView:
    """The policy in words and what it rests on (``others``: ``Ratings.others`` of the
    team view, None under ``self``)."""
    used = 0
    if policy != "self" and others is not None:
        used = int((~np.isnan(others)).any(axis=1).sum())
    return RaterView(
        policy,
        POLICY_TEXT[policy],
        ratings.people_rated() if ratings is not None else 0,
        used,
        ratings.not_used if ratings is not None else 0,
    )
