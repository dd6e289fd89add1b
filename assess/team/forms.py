"""Importing Google Forms (CSV) and Microsoft Forms (XLSX) exports as response files.

A mapping file ties form columns to question ids and answer texts to answers;
``init_mapping`` drafts one by matching column titles and answer texts to the
questionnaire (close matches suggested, unmatched ones listed).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assess.errors import InputFileError, Problem, QuestionnaireError
from assess.loading import problem_from_error
from assess.model.checks import did_you_mean
from assess.model.questionnaire import LEVEL_NAMES, ChoiceQuestion, Questionnaire
from assess.model.response import DONT_KNOW, SKIP, Answer, Respondent, Response, Status
from assess.scoring.plan import AnswerMismatch, ScoringPlan
from assess.storage import path_inside, safe_stem, save_response
from assess.yamlsource import InputProblem, Located, parse_yaml_mapping, read_text

GOOGLE_META = ("Timestamp", "Email Address")
MICROSOFT_META = ("ID", "Start time", "Completion time", "Email", "Name")


class FormError(InputFileError):
    """A form export or mapping file that cannot be used."""


class QuestionMapping(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    column: str
    """The form column (its title) holding this question's answers."""
    answers: dict[str, Annotated[int | str, Field()] | None] = Field(default_factory=dict)
    """Answer text -> level (ratings), option number 1..n (checks), 'dont_know' or 'skip'.
    A null value is a text not yet mapped: rows with it are imported without that answer."""


class RespondentColumns(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    name: str | None = None
    """Column with the respondent's name (else the e-mail address is used)."""
    email: str | None = None
    """Column with the e-mail address."""
    team: str | None = None
    """Column with the team."""
    submitted: str | None = None
    """Column with the submission time (Timestamp / Completion time)."""


class FormMapping(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    questionnaire: str
    """Questionnaire the form asked: a file (relative to this mapping) or built-in name."""
    respondent: RespondentColumns
    """Which columns identify the respondent."""
    questions: dict[str, QuestionMapping]
    """Question id -> its column and answer texts."""


# -- reading exports ----------------------------------------------------------------------


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV (UTF-8, BOM and CRLF tolerated) or XLSX export."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise FormError(
            [
                Problem(
                    path,
                    None,
                    "",
                    "not a form export: expected a .csv (Google Forms) or .xlsx (Microsoft "
                    f"Forms) file, not {suffix or 'a file without an extension'}",
                    "download the responses as a CSV file (Google Forms: Responses, "
                    "Download responses) or as an Excel workbook (Microsoft Forms: Open "
                    "results in Excel)",
                )
            ]
        )
    if suffix == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a bad file
            raise FormError(
                [Problem(path, None, "", f"not a readable .xlsx file ({exc})")]
            ) from None
        sheet = book.worksheets[0]
        values = [
            ["" if v is None else _cell(v) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
    else:
        try:
            text = read_text(path, what="form export")
        except InputProblem as exc:
            raise FormError([exc.problem]) from None
        values = list(csv.reader(io.StringIO(text, newline="")))
    if not values:
        raise FormError([Problem(path, 1, "", "the export has no header row")])
    header = [h.strip() for h in values[0]]
    rows = [
        dict(zip(header, (c.strip() for c in row), strict=False))
        for row in values[1:]
        if any(c.strip() for c in row)
    ]
    return header, rows


def _cell(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- answer texts ------------------------------------------------------------------------


def answer_labels(q: Questionnaire, question_id: str) -> dict[str, Answer]:
    """Texts a form may show for each answer of a question."""
    question = q.question(question_id)
    labels: dict[str, Answer] = {}
    if isinstance(question, ChoiceQuestion):
        for i, option in enumerate(question.options):
            labels[option.text] = i
        labels["I don't know"] = DONT_KNOW
        labels["Don't know"] = DONT_KNOW
    else:
        descriptors = q.skill(question.skill).levels.as_list()
        for level, name in enumerate(LEVEL_NAMES):
            labels[f"{level} - {name.capitalize()}: {descriptors[level]}"] = level
            labels[f"{name.capitalize()} — {descriptors[level]}"] = level
            labels[descriptors[level]] = level
            labels[name.capitalize()] = level
            labels[str(level)] = level
    labels["Not applicable"] = SKIP
    labels["Skip"] = SKIP
    return labels


def _closest(text: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    folded = {c.casefold(): c for c in choices}
    if text.casefold() in folded:
        return folded[text.casefold()]
    close = difflib.get_close_matches(text.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


def _stored(q: Questionnaire, question_id: str, value: Answer) -> int | str:
    """Mapping files show check options as 1..n, as the form and the survey do."""
    if isinstance(value, int) and isinstance(q.question(question_id), ChoiceQuestion):
        return value + 1
    return value


def init_mapping(
    q: Questionnaire, questionnaire_ref: str, header: list[str], rows: list[dict[str, str]]
) -> tuple[dict[str, Any], list[str]]:
    """A starter mapping and the notes to show (unmatched columns and answer texts)."""
    notes: list[str] = []
    meta = {h.casefold(): h for h in header}
    respondent = {
        "name": meta.get("name"),
        "email": meta.get("email address") or meta.get("email"),
        "team": meta.get("team"),
        "submitted": meta.get("timestamp") or meta.get("completion time"),
    }
    used = {v for v in respondent.values() if v}
    texts = {x.text: x.id for x in q.questions}
    questions: dict[str, Any] = {}
    for column in header:
        if column in used or column in GOOGLE_META + MICROSOFT_META:
            continue
        match = _closest(column, list(texts), cutoff=0.75)
        if match is None or texts[match] in questions:
            notes.append(f"column not matched to any question: {column!r}")
            continue
        qid = texts[match]
        labels = answer_labels(q, qid)
        answers: dict[str, Any] = {}
        for text in sorted({row.get(column, "") for row in rows} - {""}):
            label = _closest(text, list(labels))
            answers[text] = None if label is None else _stored(q, qid, labels[label])
            if label is None:
                notes.append(f"{qid}: answer text not matched: {text!r} (set its value)")
        questions[qid] = {"column": column, "answers": answers}
    missing = [x.id for x in q.questions if x.id not in questions]
    if missing:
        shown = ", ".join(missing[:8]) + (
            f", ... ({len(missing)} in all)" if len(missing) > 8 else ""
        )
        notes.append(f"questions with no column (left unanswered): {shown}")
    mapping = {
        "questionnaire": questionnaire_ref,
        "respondent": {k: v for k, v in respondent.items() if v},
        "questions": questions,
    }
    return mapping, notes


def dump_mapping(mapping: dict[str, Any]) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    stream = io.StringIO()
    stream.write(
        "# assess form mapping: column titles and answer texts -> question ids and\n"
        "# answers (ratings: level 0-4; checks: option 1..n, dont_know; any: skip).\n"
    )
    yaml.dump(mapping, stream)
    return stream.getvalue()


def load_mapping(path: Path) -> FormMapping:
    try:
        root = parse_yaml_mapping(path, read_text(path, what="mapping"), what="mapping")
    except InputProblem as exc:
        raise FormError([exc.problem]) from None
    try:
        return FormMapping.model_validate(root)
    except ValidationError as exc:
        located = Located(root, path)
        raise FormError(
            [problem_from_error(e, FormMapping, located) for e in exc.errors()]
        ) from None


# -- import --------------------------------------------------------------------------------


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped_rows: list[str] = field(default_factory=list)


def _parse_time(text: str) -> datetime | None:
    """Form timestamps: Google's "2026/11/02 9:14:00 AM GMT+1", Excel's ISO, and others."""
    text = text.strip()
    offset = timedelta(0)
    zone = re.search(r"\s*GMT([+-])(\d{1,2})(?::?(\d{2}))?$", text)
    if zone:
        sign = 1 if zone.group(1) == "+" else -1
        offset = sign * timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3) or 0))
        text = text[: zone.start()]
    parsed = _parse_naive(text.removesuffix(" GMT").removesuffix(" UTC"))
    return (
        None
        if parsed is None
        else (parsed - offset).replace(tzinfo=UTC)
        if parsed.tzinfo is None
        else parsed.astimezone(UTC)
    )


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


def import_form(
    q: Questionnaire,
    mapping: FormMapping,
    header: list[str],
    rows: list[dict[str, str]],
    out_dir: Path,
) -> ImportReport:
    report = ImportReport()
    plan = ScoringPlan.from_questionnaire(q)
    for qid, spec in mapping.questions.items():
        if qid not in {x.id for x in q.questions}:
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
                f"column missing from the export: {spec.column!r} ({qid} left unanswered)"
            )
    names_used: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        name = " ".join(
            (
                _get(row, mapping.respondent.name) or _get(row, mapping.respondent.email) or ""
            ).split()
        )
        if not name:
            report.skipped_rows.append(f"row {number}: no name or e-mail")
            continue
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
                    close = _closest(text, list(spec.answers), cutoff=0.8)
                    why = (
                        "is not in the mapping"
                        + (f" (did you mean {close!r}?)" if close else "")
                        + "; add it"
                    )
                report.warnings.append(
                    f"row {number}, column {spec.column!r}: answer text "
                    f"{text!r} {why}; left unanswered"
                )
                continue
            answer = _to_answer(q, qid, value)
            try:
                plan.encode({qid: answer})
            except (AnswerMismatch, ValueError) as exc:
                report.warnings.append(
                    f"row {number}, column {spec.column!r}: mapping value "
                    f"{value!r} is not valid ({exc}); left unanswered"
                )
                continue
            answers[qid] = answer
        submitted = _parse_time(_get(row, mapping.respondent.submitted) or "")
        now = submitted or datetime.now(UTC).replace(microsecond=0)
        email = _get(row, mapping.respondent.email)
        response = Response(
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            respondent=Respondent(
                name=name,
                email=email if email and "@" in email else None,
                team=_get(row, mapping.respondent.team),
            ),
            answers=answers,
            started_at=now,
            updated_at=now,
            completed_at=now,
            status=Status.complete,
        )
        stem = safe_stem(name)
        names_used[stem] = names_used.get(stem, 0) + 1
        if names_used[stem] > 1:
            stem = f"{stem}-{names_used[stem]}"
        path = path_inside(out_dir, f"{stem}.json")
        save_response(path, response)
        report.written.append(path)
    return report


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
