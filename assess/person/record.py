"""A person's record: their assessments over time and other people's ratings of them.

The layout (``assess.storage``)::

    responses/ada-lovelace.json                    the newest self-assessment
    responses/ada-lovelace/history/*.json          the earlier ones
    responses/ada-lovelace/ratings/*.json          managers' and peers' ratings of Ada

**Identity.** A file in those folders counts for the person only if it is about them by
the rule ``assess team`` uses (``assess.team.people``): the same e-mail, or the same name
(case does not matter) unless the two carry different e-mails. Anything else there — about
another person, unreadable, for a questionnaire that cannot be loaded, a rating where an
assessment belongs or the reverse — is listed in ``left_out`` with the reason, and the
rest is used. **Raters** are told apart by their files (``peer--sam-lee.json`` and
``peer--sam-lee--2.json`` are two people called Sam Lee); two rating files from the same
rater e-mail are one rater, and the newer counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assess.errors import InputFileError, UsageError, UserError
from assess.model.questionnaire import Questionnaire
from assess.model.response import Respondent, Response
from assess.model.result import OtherRaters, RespondentResult
from assess.safetext import clip
from assess.scorable import load_scorable
from assess.scoring import ScoringPlan, score_responses
from assess.scoring.raters import RaterLevels, others_view, rating_levels
from assess.storage import (
    DEFAULT_RESPONSES_DIR,
    default_response_path,
    history_folder,
    rated_person_path,
    ratings_folder,
)
from assess.team.people import same_person as same_identity


def same_person(a: Respondent, b: Respondent) -> bool:
    """Whether two responses are from one person, by the rule of ``assess team``
    (``assess.team.people.People``): the same e-mail, or the same name (any case) unless
    they carry two different e-mails."""
    return same_identity(a.name, a.email, b.name, b.email)


@dataclass(frozen=True, eq=False)
class Assessment:
    """One self-assessment of the person, scored against its own questionnaire."""

    path: Path
    questionnaire: Questionnaire
    plan: ScoringPlan
    response: Response
    result: RespondentResult

    @property
    def when(self) -> datetime:
        """When it was finished (or last saved, if it is not)."""
        return self.response.completed_at or self.response.updated_at

    @property
    def day(self) -> str:
        return f"{self.when:%Y-%m-%d}"

    @property
    def complete(self) -> bool:
        return self.response.status == "complete"

    @property
    def version(self) -> str:
        """``ml-team v2.0``: which questionnaire it answers."""
        return f"{self.response.questionnaire_id} v{self.response.questionnaire_version}"


@dataclass(frozen=True, eq=False)
class Rating:
    """One other person's rating of the person."""

    path: Path
    response: Response
    levels: dict[str, float | None]
    """Skill id -> the level the rater gave (None where they gave none)."""

    @property
    def rater(self) -> RaterLevels:
        rater = self.response.rater
        assert rater is not None
        return RaterLevels(rater.relation.value, rater.name, self.levels)

    @property
    def when(self) -> datetime:
        return self.response.completed_at or self.response.updated_at


@dataclass(frozen=True)
class LeftOut:
    """A file in the person's folders that is not used, and why."""

    path: Path
    reason: str
    rating: bool = False
    """Found among the ratings (its name may name a rater: a report does not show it)."""


@dataclass
class PersonRecord:
    """Everything known about one person."""

    subject: Respondent
    """Who the record is about (from the newest self-assessment, else a rating)."""
    self_path: Path | None
    """The newest self-assessment's file (None: there is none)."""
    assessments: list[Assessment] = field(default_factory=list)
    """Self-assessments, oldest first (finished or not)."""
    ratings: list[Rating] = field(default_factory=list)
    """Other people's ratings, oldest first, one per rater."""
    left_out: list[LeftOut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    self_levels: dict[str, float | None] | None = None
    """The newest self-assessment's self-ratings per skill (for self vs others)."""

    @property
    def current(self) -> Assessment | None:
        """The newest self-assessment (the one the report is about)."""
        return self.assessments[-1] if self.assessments else None

    @property
    def finished(self) -> list[Assessment]:
        """The finished self-assessments, oldest first."""
        return [a for a in self.assessments if a.complete]

    def others(self, q: Questionnaire) -> OtherRaters | None:
        """The other raters' view beside the self-ratings, on ``q``'s skills (None when
        nobody else rated the person)."""
        if not self.ratings:
            return None
        skills = [(s.id, s.name) for area in q.areas for s in q.skills if s.area == area.id]
        raters = [r.rater for r in self.ratings]
        return others_view(skills, self.self_levels, raters, notes=self.notes)

    def with_others(self, result: RespondentResult, q: Questionnaire) -> RespondentResult:
        """``result`` carrying the other raters' view (``RespondentResult.others``)."""
        others = self.others(q)
        return result if others is None else result.model_copy(update={"others": others})


def _reason(exc: UserError) -> str:
    if isinstance(exc, InputFileError) and exc.problems:
        first = exc.problems[0]
        where = f"{first.field}: " if first.field else ""
        return clip(f"{where}{first.message}", 300)
    return clip(str(exc).splitlines()[0], 300)


def _load(path: Path, questionnaire: str | None) -> tuple[Questionnaire, ScoringPlan, Response]:
    """A file of the record, scored against the built-in questionnaire it names, else the
    one given (an earlier version may not be built in any more)."""
    try:
        return load_scorable(path, None)
    except UserError:
        if questionnaire is None:
            raise
    return load_scorable(path, questionnaire)


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.is_file())
    except OSError:
        return []


def load_record(
    path: Path,
    questionnaire: str | None = None,
    *,
    current: tuple[Questionnaire, ScoringPlan, Response] | None = None,
    history: bool = True,
    ratings: bool = True,
) -> PersonRecord:
    """The record of the person of ``path``: a self-assessment file (its history and the
    ratings beside it are found by the layout), or a rating file (the record of the person
    it rates; with no self-assessment of theirs, ratings only). ``current``: ``path``
    already loaded. ``UserError`` when ``path`` itself cannot be used."""
    loaded = current or load_scorable(path, questionnaire)
    options = (questionnaire, history, ratings)
    subject = loaded[2].respondent
    if loaded[2].rater is None:
        return _self_record(path, loaded, *options)
    self_path = rated_person_path(path)
    problem = None
    if self_path is not None and self_path.is_file():
        try:
            anchor = _load(self_path, questionnaire)
        except UserError as exc:
            problem = LeftOut(self_path, _reason(exc))
        else:
            if anchor[2].rater is None and same_person(subject, anchor[2].respondent):
                return _self_record(self_path, anchor, *options)
            problem = LeftOut(self_path, _someone_else(anchor[2].respondent))
    record = PersonRecord(subject, None)
    if problem is not None:
        record.left_out.append(problem)
    record.notes.append(
        f"{subject.name} has no self-assessment"
        + (f" at {self_path}" if self_path is not None else "")
        + ": there is no self view, only how others rated them."
    )
    if self_path is not None and ratings:
        _add_ratings(record, path.parent, questionnaire)
    else:
        _add_rating(record, path, loaded)
    return record


def _self_record(
    path: Path,
    loaded: tuple[Questionnaire, ScoringPlan, Response],
    questionnaire: str | None,
    history: bool,
    ratings: bool,
) -> PersonRecord:
    q, plan, response = loaded
    record = PersonRecord(response.respondent, path)
    record.assessments.append(_assessment(path, q, plan, response))
    record.self_levels = rating_levels(plan, [response])[0]
    if history:
        _add_history(record, history_folder(path), questionnaire)
    if ratings:
        _add_ratings(record, ratings_folder(path), questionnaire)
    return record


def _assessment(path: Path, q: Questionnaire, plan: ScoringPlan, response: Response) -> Assessment:
    return Assessment(path, q, plan, response, score_responses(q, [response], plan)[0])


def _add_history(record: PersonRecord, folder: Path, questionnaire: str | None) -> None:
    found = []
    for path in _files(folder):
        try:
            q, plan, response = _load(path, questionnaire)
        except UserError as exc:
            record.left_out.append(LeftOut(path, _reason(exc)))
            continue
        if response.rater is not None:
            record.left_out.append(LeftOut(path, "a rating by someone else, not an assessment"))
        elif not same_person(record.subject, response.respondent):
            record.left_out.append(LeftOut(path, _someone_else(response.respondent)))
        else:
            found.append(_assessment(path, q, plan, response))
    current = record.assessments
    record.assessments = sorted(found, key=lambda a: a.when) + current


def _someone_else(who: Respondent) -> str:
    email = f" <{who.email}>" if who.email else ""
    return f"about {clip(who.name, 80)}{email}, someone else by name or e-mail"


def _add_ratings(record: PersonRecord, folder: Path, questionnaire: str | None) -> None:
    for path in _files(folder):
        try:
            loaded = _load(path, questionnaire)
        except UserError as exc:
            record.left_out.append(LeftOut(path, _reason(exc), rating=True))
            continue
        _add_rating(record, path, loaded)
    _one_per_rater(record)


def _add_rating(
    record: PersonRecord, path: Path, loaded: tuple[Questionnaire, ScoringPlan, Response]
) -> None:
    _q, plan, response = loaded
    if response.rater is None:
        why = "a self-assessment, not a rating by someone else"
        record.left_out.append(LeftOut(path, why, rating=True))
    elif not same_person(record.subject, response.respondent):
        record.left_out.append(LeftOut(path, _someone_else(response.respondent), rating=True))
    else:
        record.ratings.append(Rating(path, response, rating_levels(plan, [response])[0]))


def _one_per_rater(record: PersonRecord) -> None:
    """Two ratings from one rater e-mail: the newer counts. Raters without an e-mail are
    told apart by their files, whatever their names."""
    by_email: dict[str, Rating] = {}
    kept: list[Rating] = []
    for rating in sorted(record.ratings, key=lambda r: r.when):
        rater = rating.response.rater
        assert rater is not None
        key = rater.email.casefold() if rater.email else None
        if key is not None and key in by_email:
            older = by_email[key]
            kept.remove(older)
            record.left_out.append(
                LeftOut(
                    older.path,
                    f"an older rating by the same rater ({rating.path.name} counts)",
                    rating=True,
                )
            )
        if key is not None:
            by_email[key] = rating
        kept.append(rating)
    record.ratings = kept
    names = [r.response.rater.name.casefold() for r in kept if r.response.rater]
    repeated = {n for n in names if names.count(n) > 1}
    if repeated:
        record.notes.append(
            "Some raters share a name: they are counted as different people (their "
            "ratings are in different files), never merged."
        )


def report_record(path: Path, questionnaire: str | None = None) -> PersonRecord:
    """The record a personal report is about: ``path``'s person, with a self-assessment
    (``UsageError`` when there is none: a report sets others' ratings beside the person's
    own answers, and without them it would have no self view)."""
    record = load_record(path, questionnaire)
    if record.current is None:
        rated = record.subject.name
        raise UsageError(
            f"{path} is a rating of {rated} by someone else, and {rated} has no "
            "self-assessment"
            + (f" at {rated_person_path(path)}" if rated_person_path(path) else "")
            + f": a report on {rated} would have no self view. The rating is kept; once "
            f"{rated} takes the survey (assess take --name {_quoted(rated)}), their report "
            "shows it beside their own answers."
        )
    return record


def _quoted(name: str) -> str:
    import shlex

    return shlex.quote(name)


def with_other_raters(
    result: RespondentResult, path: Path, q: Questionnaire, plan: ScoringPlan, response: Response
) -> RespondentResult:
    """``result`` with the other raters' view when ratings of the person are kept beside
    ``path`` (``responses/<name>/ratings/``); unchanged otherwise (one look at the
    folder: no cost to a file without it)."""
    if response.rater is not None:
        return result
    folder = ratings_folder(path)
    if not folder.is_dir():
        return result
    record = PersonRecord(response.respondent, path)
    record.self_levels = rating_levels(plan, [response])[0]
    _add_ratings(record, folder, None)
    return record.with_others(result, q)


def find_response(person: str, folder: Path = DEFAULT_RESPONSES_DIR) -> Path:
    """A person's response file: ``person`` if it is a file, else the file their name
    gives in ``folder`` (``UserError`` if there is neither)."""
    given = Path(person)
    if given.suffix == ".json" or given.is_file():
        return given
    try:
        path = default_response_path(person, folder)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if not path.exists() and not history_folder(path).is_dir():
        raise UserError(
            f"no response for {clip(person, 80)!r}: {path} does not exist (give a response "
            "file, or the name as it was typed in the survey)"
        )
    return path


def newest_in_history(path: Path) -> Path | None:
    """The newest file of ``path``'s history, when ``path`` itself is gone."""
    files = _files(history_folder(path))
    return files[-1] if files else None


def labels(assessments: Sequence[Assessment]) -> list[str]:
    """A label per assessment: its day, with ``#2``... when two share a day."""
    out = []
    for a in assessments:
        same = [b for b in assessments if b.day == a.day]
        out.append(a.day if len(same) == 1 else f"{a.day} #{same.index(a) + 1}")
    return out
