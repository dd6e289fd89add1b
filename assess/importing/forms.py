"""Importing Google Forms (CSV) and Microsoft Forms (XLSX) exports as response files.

A mapping file ties form columns to question ids and answer texts to answers;
``init_mapping`` drafts one by matching column titles and answer texts to the
questionnaire (close matches suggested, unmatched ones listed).
"""

from __future__ import annotations

import csv
import difflib
import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assess.errors import InputFileError, Problem
from assess.infile import NotReadable, megabytes, read_regular
from assess.loading import model_problems
from assess.model.questionnaire import LEVEL_NAMES, ChoiceQuestion, Questionnaire
from assess.model.response import DONT_KNOW, SKIP, Answer
from assess.safetext import clip
from assess.yamlsource import MAX_BYTES, InputProblem, Located, parse_yaml_mapping, read_text

MAX_XLSX_XML_BYTES = 64 * 1024 * 1024
"""What a workbook may unpack to (a 5 MB file can hold gigabytes of sheet XML)."""

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
    target_role: str | None = None
    """Column with the role the respondent aims for (a role id or name; others are left
    out with a warning)."""
    started: str | None = None
    """Column with the time the respondent started (Microsoft Forms: Start time)."""
    submitted: str | None = None
    """Column with the submission time (Timestamp / Completion time)."""


RESPONDENT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "your name",
        "full name",
        "first and last name",
        "your full name",
        "respondent",
        "respondent name",
        "what is your name",
        "participant",
        "employee name",
    ),
    "email": ("email address", "email", "e mail", "your email", "your email address", "mail"),
    "team": ("team", "your team", "team name", "which team are you in", "department", "group"),
    "target_role": (
        "target role",
        "role you are aiming for",
        "which role are you aiming for",
        "desired role",
        "aspired role",
        "target",
    ),
    "started": ("start time", "started", "start"),
    "submitted": ("timestamp", "completion time", "submitted", "submitted at", "end time"),
}
"""Form column titles (casefolded, punctuation as spaces) that fill each respondent field."""


def _plain(title: str) -> str:
    text = "".join(ch if ch.isalnum() else " " for ch in title.casefold())
    return " ".join(text.split())


def respondent_columns(header: list[str]) -> dict[str, str | None]:
    """Which column fills each respondent field: an exact known title, or a title that
    starts with one ("Name (first and last)"); the first column found wins."""
    found: dict[str, str | None] = dict.fromkeys(RESPONDENT_HEADERS)
    used: set[str] = set()
    for exact in (True, False):
        for field, titles in RESPONDENT_HEADERS.items():
            if found[field]:
                continue
            for column in header:
                plain = _plain(column)
                hit = (
                    plain in titles
                    if exact
                    else any(plain.startswith(t + " ") for t in titles if len(t) > 3)
                )
                if hit and column not in used:
                    found[field] = column
                    used.add(column)
                    break
    return found


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
        values = _xlsx_values(path)
    else:
        try:
            text = read_text(path, what="form export", limit=MAX_BYTES)
        except InputProblem as exc:
            raise FormError([exc.problem]) from None
        reader = csv.reader(io.StringIO(text, newline=""))
        previous = csv.field_size_limit(MAX_BYTES)  # (one cell may be the whole file)
        try:
            values = list(reader)
        except csv.Error as exc:
            raise FormError(
                [
                    Problem(
                        path,
                        reader.line_num,
                        "",
                        f"not a readable CSV file ({exc})",
                        "download the export again",
                    )
                ]
            ) from None
        finally:
            csv.field_size_limit(previous)
    if not values:
        raise FormError([Problem(path, 1, "", "the export has no header row")])
    header = [h.strip() for h in values[0]]
    rows = [
        dict(zip(header, (c.strip() for c in row), strict=False))
        for row in values[1:]
        if any(c.strip() for c in row)
    ]
    return header, rows


def _xlsx_values(path: Path) -> list[list[str]]:
    """The first sheet's cells as text: from a regular file of at most 5 MB that
    unpacks to at most ``MAX_XLSX_XML_BYTES``."""
    import openpyxl

    try:
        data = read_regular(path, MAX_BYTES, "a form export")
    except NotReadable as exc:
        raise FormError([Problem(path, None, "", exc.reason)]) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_XML_BYTES:
            raise FormError(
                [
                    Problem(
                        path,
                        None,
                        "",
                        f"the workbook unpacks to {megabytes(unpacked)}; a form export "
                        f"may unpack to at most {megabytes(MAX_XLSX_XML_BYTES)}",
                        "check this is the form's export",
                    )
                ]
            )
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        values = [
            ["" if v is None else _cell(v) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
    except FormError:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many types for a bad file
        raise FormError(
            [Problem(path, None, "", f"not a readable .xlsx file ({clip(str(exc), 200)})")]
        ) from None
    return values


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


def closest_text(text: str, choices: list[str], cutoff: float = 0.6) -> str | None:
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
    respondent = respondent_columns(header)
    used = {v for v in respondent.values() if v}
    for field, column in respondent.items():
        if column is None and field in ("name", "email"):
            notes.append(
                f"no column found for respondent.{field}: set it in the mapping "
                f"(rows need a name or an e-mail)"
            )
    texts = {x.text: x.id for x in q.questions}
    questions: dict[str, Any] = {}
    for column in header:
        if column in used or column in GOOGLE_META + MICROSOFT_META:
            continue
        match = closest_text(column, list(texts), cutoff=0.75)
        if match is None or texts[match] in questions:
            notes.append(f"column not matched to any question: {clip(repr(column), 120)}")
            continue
        qid = texts[match]
        labels = answer_labels(q, qid)
        answers: dict[str, Any] = {}
        for text in sorted({row.get(column, "") for row in rows} - {""}):
            label = closest_text(text, list(labels))
            answers[text] = None if label is None else _stored(q, qid, labels[label])
            if label is None:
                notes.append(
                    f"{qid}: answer text not matched: {clip(repr(text), 120)} (set its value)"
                )
        questions[qid] = {"column": column, "answers": answers}
    missing = [x.id for x in q.questions if x.id not in questions]
    if missing:
        shown = ", ".join(missing[:8]) + (
            f", ... ({len(missing)} in all)" if len(missing) > 8 else ""
        )
        notes.append(f"questions with no column (left unanswered): {shown}")
    mapping = {
        "questionnaire": questionnaire_ref,
        "respondent": respondent,  # every field, null where no column was found
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
        "# answers (ratings: level 0-4; checks: option 1..n in the written order of the\n"
        "# questionnaire, dont_know; any: skip).\n"
        "# respondent: the column that fills each field, null where none was found:\n"
        "#   name, email (a row needs one of them), team, target_role (a role id or\n"
        "#   name), started, submitted (times; submitted is used for both if no start).\n"
    )
    yaml.dump(mapping, stream)
    return stream.getvalue()


def load_mapping(path: Path, q: Questionnaire | None = None) -> FormMapping:
    """Read and validate a mapping; with ``q``, also check its question ids and answer
    values against the questionnaire. Every problem names the mapping file and line."""
    try:
        root = parse_yaml_mapping(path, read_text(path, what="mapping"), what="mapping")
    except InputProblem as exc:
        raise FormError([exc.problem]) from None
    located = Located(root, path)
    try:
        mapping = FormMapping.model_validate(root)
    except ValidationError as exc:
        raise FormError(*model_problems(exc, FormMapping, located)) from None
    problems = [] if q is None else _mapping_problems(mapping, q, located)
    if problems:
        raise FormError(problems)
    return mapping


def _mapping_problems(mapping: FormMapping, q: Questionnaire, located: Located) -> list[Problem]:
    from assess.model.checks import did_you_mean

    ids = [x.id for x in q.questions]
    problems: list[Problem] = []
    for qid, spec in mapping.questions.items():
        if qid not in ids:
            file, line = located.locate(("questions", qid))
            problems.append(
                Problem(
                    file, line, f"questions.{qid}", "unknown question id", did_you_mean(qid, ids)
                )
            )
            continue
        question = q.question(qid)
        is_check = isinstance(question, ChoiceQuestion)
        low, high = (0, len(LEVEL_NAMES) - 1)
        if isinstance(question, ChoiceQuestion):
            low, high = 1, len(question.options)
        for text, value in spec.answers.items():
            if value is None or value == SKIP or (value == DONT_KNOW and is_check):
                continue
            if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
                continue
            file, line = located.locate(("questions", qid, "answers", text))
            what = f"an option {low}-{high}, 'dont_know'" if is_check else f"a level 0-{high}"
            problems.append(
                Problem(
                    file,
                    line,
                    f"questions.{qid}.answers",
                    f"{clip(repr(value), 40)} is not an answer to '{qid}'",
                    f"use {what} or 'skip' (null: not mapped yet)",
                )
            )
    return problems
