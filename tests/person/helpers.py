"""A person's folder for the tests: assessments over time and other people's ratings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assess.model.questionnaire import Questionnaire
from assess.model.response import Answer, Rater, Relation, Respondent, Response, Status
from assess.storage import history_folder, ratings_folder, save_response

DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

EARLY = {"sql": 2, "etl": 1, "data-cleaning": 2, "data-quality": 1, "python-r": 3}
MIDDLE = {**EARLY, "sql": 3, "etl": 2, "data-quality": 2}
LATE = {**MIDDLE, "etl": 3, "data-quality": 3, "statistics": 0}


def answers(
    q: Questionnaire, levels: Mapping[str, int], default: int = 1, checks: bool = True
) -> dict[str, Answer]:
    """A self-rating of ``levels`` (else ``default``) on every skill; each knowledge check
    right where the level is 2 or more, else "I don't know" (left out when not ``checks``)."""
    out: dict[str, Answer] = {}
    for question in q.questions:
        level = levels.get(question.skill, default)
        if question.kind == "rating":
            out[question.id] = max(0, min(4, level))
        elif checks:
            right = next(i for i, o in enumerate(question.options) if o.correct)
            out[question.id] = right if level >= 2 else "dont_know"
    return out


def response(
    q: Questionnaire,
    levels: Mapping[str, int],
    when: datetime,
    *,
    name: str = "Ada Lovelace",
    email: str | None = None,
    rater: tuple[str, str] | None = None,
    rater_email: str | None = None,
    status: Status = Status.complete,
    target: str | None = "data-engineer",
    default: int = 1,
) -> Response:
    """A response of ``name`` (or a rating of them by ``rater``: (name, relation))."""
    who = Respondent(name=name, email=email, target_role=None if rater else target)
    by = None
    if rater is not None:
        by = Rater(name=rater[0], relation=Relation(rater[1]), email=rater_email)
    return Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=who,
        answers=answers(q, levels, default, checks=rater is None),
        started_at=when - timedelta(minutes=20),
        updated_at=when,
        completed_at=when if status == Status.complete else None,
        status=status,
        rater=by,
    )


def write(path: Path, r: Response) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    save_response(path, r)
    return path


def person(
    folder: Path,
    q: Questionnaire,
    series: list[Mapping[str, int]] = (EARLY, MIDDLE, LATE),  # type: ignore[assignment]
    name: str = "Ada Lovelace",
    stem: str = "ada-lovelace",
) -> Path:
    """``folder/<stem>.json`` (the last of ``series``) and the earlier ones in its history,
    105 and 245 days apart; returns the newest file."""
    current = folder / f"{stem}.json"
    days = [0, 105, 245, 300, 400]
    for levels, day in zip(series[:-1], days, strict=False):
        when = DAY0 + timedelta(days=day)
        write(
            history_folder(current) / f"{when:%Y-%m-%d}.json", response(q, levels, when, name=name)
        )
    write(current, response(q, series[-1], DAY0 + timedelta(days=days[len(series) - 1]), name=name))
    return current


def rating(
    current: Path,
    q: Questionnaire,
    rater: str,
    relation: str,
    levels: Mapping[str, int],
    *,
    file: str | None = None,
    name: str = "Ada Lovelace",
    default: int = 1,
    rater_email: str | None = None,
    day: int = 250,
) -> Path:
    """A rating of the person of ``current`` in its ratings folder."""
    stem = file or f"{relation}--{rater.lower().replace(' ', '-')}"
    when = DAY0 + timedelta(days=day)
    return write(
        ratings_folder(current) / f"{stem}.json",
        response(
            q,
            levels,
            when,
            name=name,
            rater=(rater, relation),
            default=default,
            rater_email=rater_email,
        ),
    )
