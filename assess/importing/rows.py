"""Importing the rows of a form export as response files, with a mapping (``forms``).

Every row becomes a response, or a warning saying why not (row, column, value); the
responses are written all together once every row is read (an interrupt leaves none
of them), each under a name of its own: an existing response is never overwritten
without ``overwrite``, and two people never share a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import ValidationError

from assess.errors import Problem, QuestionnaireError
from assess.importing.forms import FormMapping, closest_text
from assess.model.checks import did_you_mean
from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.model.response import DONT_KNOW, SKIP, Answer, Respondent, Response, Status
from assess.outfile import FileSet
from assess.safetext import clip
from assess.scoring.plan import AnswerMismatch, ScoringPlan
from assess.storage import person_stem, place_response


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped_rows: list[str] = field(default_factory=list)


def _quoted(text: str) -> str:
    """A value from the export, quoted for a warning (cut if long)."""
    return clip(repr(text), 120)


def _parse_time(text: str) -> datetime | None:
    """Form timestamps: Google's "2026/11/02 9:14:00 AM GMT+1", Excel's ISO, and others;
    None for text that is not one (or a time that is not on the calendar in UTC)."""
    text = text.strip()
    offset = timedelta(0)
    zone = re.search(r"\s*GMT([+-])(\d{1,2})(?::?(\d{2}))?$", text)
    if zone:
        sign = 1 if zone.group(1) == "+" else -1
        offset = sign * timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3) or 0))
        text = text[: zone.start()]
    parsed = _parse_naive(text.removesuffix(" GMT").removesuffix(" UTC"))
    if parsed is None:
        return None
    try:
        if parsed.tzinfo is None:
            return (parsed - offset).replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):  # 9999-12-31 23:00 GMT-14 is past year 9999 in UTC
        return None


def _parse_naive(text: str) -> datetime | None:
    for fmt in (
        "%Y/%m/%d %I:%M:%S %p",
        "%Y/%m/%d %H:%M:%S",
        "%m/%d/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%m/%d/%Y %I:%M:%S %p",
    ):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _target_role(
    q: Questionnaire, number: int, text: str | None, report: ImportReport
) -> str | None:
    """A role id from a form's answer: the id itself or the role's name (any case)."""
    if not text:
        return None
    by_text = {r.id.casefold(): r.id for r in q.roles} | {r.name.casefold(): r.id for r in q.roles}
    role = by_text.get(" ".join(text.split()).casefold())
    if role is None:
        close = closest_text(text, [r.name for r in q.roles], cutoff=0.8)
        report.warnings.append(
            f"row {number}: target role {_quoted(text)} is not a role of {q.id}"
            + (f" (did you mean {_quoted(close)}?)" if close else "")
            + "; imported without it"
        )
    return role


def _respondent(
    number: int,
    name: str,
    email: str | None,
    team: str | None,
    report: ImportReport,
    target_role: str | None = None,
) -> Respondent | None:
    """The row's respondent by the response format's own rules; an e-mail that is not
    one is left out (with a warning), a name that cannot be one skips the row."""
    try:
        return Respondent(name=name, email=email, team=team, target_role=target_role)
    except ValidationError as exc:
        fields = {str(err["loc"][0]) for err in exc.errors()}
        first = exc.errors()[0]
        if fields == {"email"}:
            report.warnings.append(
                f"row {number}: e-mail {_quoted(email or '')} is not an e-mail address; "
                "imported without it"
            )
            return _respondent(number, name, None, team, report, target_role)
        where = str(first["loc"][0])
        report.skipped_rows.append(
            f"row {number}: {where} {_quoted(name if where == 'name' else str(first['input']))}"
            f": {first['msg']}; not imported (correct the export and import it again)"
        )
        return None


def import_form(
    q: Questionnaire,
    mapping: FormMapping,
    header: list[str],
    rows: list[dict[str, str]],
    out_dir: Path,
    *,
    overwrite: bool = False,
) -> ImportReport:
    report = ImportReport()
    plan = ScoringPlan.from_questionnaire(q)
    question_ids = {x.id for x in q.questions}
    for qid, spec in mapping.questions.items():
        if qid not in question_ids:
            raise QuestionnaireError(
                [
                    Problem(
                        None,
                        None,
                        f"questions.{qid}",
                        "unknown question id",
                        did_you_mean(qid, [x.id for x in q.questions]),
                    )
                ]
            )
        if spec.column not in header:
            report.warnings.append(
                f"column missing from the export: {_quoted(spec.column)} ({qid} left unanswered)"
            )
    ready: list[tuple[str, Response]] = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        response = _row_response(q, plan, mapping, number, row, report)
        if response is not None:
            ready.append((person_stem(response.respondent.name), response))
    if not ready:
        return report
    # Every response to a hidden folder first, then each moved to a name of its own.
    files = FileSet(out_dir)
    try:
        stems = {}
        for index, (stem, response) in enumerate(ready):
            name = f"{index}.json"
            stems[name] = stem
            files.path(name, check=False).write_text(
                response.model_dump_json(indent=2) + "\n", encoding="utf-8"
            )
    except BaseException:
        files.discard()
        raise
    taken: set[str] = set()
    report.written = files.commit(
        lambda finished, name: place_response(finished, out_dir, stems[name], taken, overwrite)
    )
    return report


def _row_response(
    q: Questionnaire,
    plan: ScoringPlan,
    mapping: FormMapping,
    number: int,
    row: dict[str, str],
    report: ImportReport,
) -> Response | None:
    name = " ".join(
        (_get(row, mapping.respondent.name) or _get(row, mapping.respondent.email) or "").split()
    )
    if not name:
        report.skipped_rows.append(f"row {number}: no name or e-mail")
        return None
    respondent = _respondent(
        number,
        name,
        _get(row, mapping.respondent.email),
        _get(row, mapping.respondent.team),
        report,
        _target_role(q, number, _get(row, mapping.respondent.target_role), report),
    )
    if respondent is None:
        return None
    answers: dict[str, Answer] = {}
    for qid, spec in mapping.questions.items():
        text = row.get(spec.column, "").strip()
        if not text:
            continue
        value = spec.answers.get(text)
        if value is None:
            if text in spec.answers:
                why = "has no value in the mapping yet; set it"
            else:
                close = closest_text(text, list(spec.answers), cutoff=0.8)
                why = (
                    "is not in the mapping"
                    + (f" (did you mean {_quoted(close)}?)" if close else "")
                    + "; add it"
                )
            report.warnings.append(
                f"row {number}, column {_quoted(spec.column)}: answer text "
                f"{_quoted(text)} {why}; left unanswered"
            )
            continue
        answer = _to_answer(q, qid, value)
        try:
            plan.encode({qid: answer})
        except (AnswerMismatch, ValueError) as exc:
            report.warnings.append(
                f"row {number}, column {_quoted(spec.column)}: mapping value "
                f"{value!r} is not valid ({exc}); left unanswered"
            )
            continue
        answers[qid] = answer
    stamp = _get(row, mapping.respondent.submitted)
    submitted = _parse_time(stamp or "")
    if stamp and submitted is None:
        report.warnings.append(
            f"row {number}: submission time {_quoted(stamp)} is not a time assess reads; "
            "the time of the import is used"
        )
    now = submitted or datetime.now(UTC).replace(microsecond=0)
    began = _get(row, mapping.respondent.started)
    started = _parse_time(began or "")
    if began and started is None:
        report.warnings.append(
            f"row {number}: start time {_quoted(began)} is not a time assess reads; "
            "the submission time is used"
        )
    if started is None or started > now:
        started = now
    return Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=respondent,
        answers=answers,
        started_at=started,
        updated_at=now,
        completed_at=now,
        status=Status.complete,
    )


def _get(row: dict[str, str], column: str | None) -> str | None:
    if not column:
        return None
    value = row.get(column, "").strip()
    return value or None


def _to_answer(q: Questionnaire, qid: str, value: int | str) -> Answer:
    if value in (SKIP, DONT_KNOW):
        return value  # type: ignore[return-value]
    if isinstance(value, int) and isinstance(q.question(qid), ChoiceQuestion):
        return value - 1
    if isinstance(value, int):
        return value
    return value  # type: ignore[return-value]  # invalid text: reported by the caller
