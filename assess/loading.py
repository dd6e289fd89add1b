"""Questionnaire YAML and response JSON -> models, with errors people can act on.

Every problem names file:line, the field path, what was expected and, for unknown keys
or ids, the closest valid one.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from assess import questionnaire_cache
from assess.errors import Problem, QuestionnaireError, ResponseError
from assess.includes import merge_includes
from assess.infile import MAX_INPUT_BYTES
from assess.model.checks import cross_check, did_you_mean
from assess.model.questionnaire import RETIRED_KEYS, Questionnaire
from assess.model.response import Respondent, Response
from assess.paths import builtin_dir, resolve_questionnaire
from assess.safetext import clip
from assess.yamlsource import (
    MAX_BYTES,
    DataPath,
    InputProblem,
    Located,
    parse_yaml_mapping,
    read_text,
)

PROBLEMS_CONVERTED = 50
"""Problems of one file turned into messages; the rest are only counted (200,000
unknown keys once took 29 s and printed 400,000 lines)."""


def load_questionnaire(path: str | Path, *, use_cache: bool = True) -> Questionnaire:
    """Load, validate and cross-check a questionnaire; raise ``QuestionnaireError``.

    A questionnaire that loaded cleanly is cached (as validated JSON, keyed by the
    size and mtime of every file it was read from), so the next start skips YAML parsing.
    """
    path = Path(path)
    if use_cache:
        cached = questionnaire_cache.read(path)
        if cached is not None:
            return cached
    located = Located(None, path)
    questionnaire = _load_uncached(path, located)
    if use_cache:
        questionnaire_cache.write(path, questionnaire, [path, *located.files()])
    return questionnaire


def _load_uncached(path: Path, located: Located) -> Questionnaire:
    try:
        text = read_text(path, what="questionnaire")
        root = parse_yaml_mapping(path, text, what="questionnaire")
        located.root = root
        merge_includes(root, path, located, len(text))
    except InputProblem as exc:
        raise QuestionnaireError([exc.problem]) from None
    try:
        questionnaire = Questionnaire.model_validate(root)
    except ValidationError as exc:
        raise QuestionnaireError(*model_problems(exc, Questionnaire, located)) from None
    findings = cross_check(questionnaire)
    if findings:
        problems = []
        for finding in findings[:PROBLEMS_CONVERTED]:
            file, line = located.locate(finding.path)
            problems.append(
                Problem(file, line, format_path(finding.path), finding.message, finding.fix)
            )
        raise QuestionnaireError(problems, len(findings) - len(problems))
    return questionnaire


def model_problems(
    exc: ValidationError, model: type[BaseModel], located: Located
) -> tuple[list[Problem], int]:
    """The first ``PROBLEMS_CONVERTED`` validation errors as problems, and how many more."""
    errors = exc.errors(include_url=False, include_context=True, include_input=True)
    shown = [problem_from_error(err, model, located) for err in errors[:PROBLEMS_CONVERTED]]
    return shown, len(errors) - len(shown)


# -- pydantic errors -> problems ----------------------------------------------------------


def format_path(path: DataPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _unwrap(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) in (Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not type(None)]
        if len(members) == 1:
            return _unwrap(members[0])
    return tp


def _tag_of(model: Any) -> str | None:
    if isinstance(model, type) and issubclass(model, BaseModel) and "kind" in model.model_fields:
        ann = model.model_fields["kind"].annotation
        if get_origin(ann) is Literal:
            return str(get_args(ann)[0])
    return None


def _walk(
    model: type[BaseModel], loc: tuple[str | int, ...]
) -> tuple[DataPath, type[BaseModel] | None, Any]:
    """Split a pydantic ``loc`` into the data path (union tags removed), the model that
    holds the last key, and the annotation of the last step."""
    data_path: list[str | int] = []
    tp: Any = model
    holder: type[BaseModel] | None = None
    for part in loc:
        tp = _unwrap(tp)
        if get_origin(tp) in (Union, types.UnionType):
            tagged = {_tag_of(m): m for m in get_args(tp)}
            if part in tagged:
                tp = tagged[part]
                continue
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            holder = tp
            data_path.append(part)
            field = tp.model_fields.get(str(part))
            tp = field.annotation if field else None
        elif get_origin(tp) in (list, tuple):
            data_path.append(part)
            tp = get_args(tp)[0]
            holder = None
        elif get_origin(tp) is dict:
            data_path.append(part)
            tp = get_args(tp)[1]
            holder = None
        else:
            data_path.append(part)
            tp = None
            holder = None
    return tuple(data_path), holder, tp


def problem_from_error(err: ErrorDetails, model: type[BaseModel], located: Located) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        data_path: DataPath = (*_walk(model, loc)[0], "kind")
        file, line = located.locate(data_path)
        if kind == "union_tag_not_found":
            return Problem(
                file,
                line,
                format_path(data_path),
                "missing 'kind'",
                "add 'kind: rating' (self-rating) or 'kind: choice' (knowledge check)",
            )
        tag = str(ctx.get("tag", ""))
        return Problem(
            file,
            line,
            format_path(data_path),
            f"unknown kind '{tag}'",
            did_you_mean(tag, ["rating", "choice"]),
        )
    data_path, holder, _ = _walk(model, loc)
    file, line = located.locate(data_path)
    field = format_path(data_path)
    leaf = data_path[-1] if data_path else ""
    if kind == "extra_forbidden" and holder is not None:
        retired = RETIRED_KEYS.get((holder.__name__, str(leaf)))
        if retired:
            return Problem(file, line, field, f"'{leaf}' is no longer used", retired)
        allowed = list(holder.model_fields)
        return Problem(file, line, field, f"unknown key '{leaf}'", did_you_mean(str(leaf), allowed))
    if kind == "missing":
        info = holder.model_fields.get(str(leaf)) if holder else None
        hint = f"add '{leaf}:'"
        if info and info.description:
            hint += " — " + info.description.splitlines()[0]
        return Problem(file, line, field, "required field is missing", hint)
    got = err.get("input")
    message = err["msg"]
    if not isinstance(got, dict | list) and got is not None:
        message += f" (got {got!r})"
    return Problem(file, line, field, message, _fix_for(kind, ctx, holder, leaf))


def _fix_for(kind: str, ctx: dict[str, Any], holder: type[BaseModel] | None, leaf: Any) -> str:
    info = holder.model_fields.get(str(leaf)) if holder else None
    described = info.description.splitlines()[0] if info and info.description else ""
    if kind == "string_pattern_mismatch":
        return "use lower-case letters, digits and single '-' or '_' (e.g. 'data-quality')"
    if kind == "string_type" and leaf == "version":
        return 'quote the version so it stays text: version: "1.0"'
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return described or "use a value within the allowed range"
    return described


# -- responses ----------------------------------------------------------------------------


def load_response(path: str | Path) -> Response:
    """Read and validate one response JSON file; raise ``ResponseError``."""
    path = Path(path)
    try:
        text = read_text(path, what="response", limit=MAX_INPUT_BYTES)
    except InputProblem as exc:
        raise ResponseError([exc.problem]) from None
    return parse_response(text, path)


def parse_response(text: str | bytes, path: Path | None = None) -> Response:
    try:
        return Response.model_validate_json(text)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = [_response_problem(err, path, text) for err in errors[:PROBLEMS_CONVERTED]]
        raise ResponseError(problems, len(errors) - len(problems)) from None


def _response_problem(err: ErrorDetails, path: Path | None, text: str | bytes) -> Problem:
    loc = tuple(err["loc"])
    if err["type"] == "json_invalid":
        raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        offset = (err.get("ctx") or {}).get("error", "")
        return Problem(
            path,
            _json_error_line(raw),
            "",
            f"not valid JSON: {offset}",
            "was the file cut short or edited by hand? restore it from a backup",
            "not valid JSON",
        )
    if err["type"] == "model_type" and not loc:
        message = "expected a JSON object with questionnaire_id, respondent and answers"
        return Problem(path, 1, "", message, "check this is an assess response file", message)
    field = format_path(loc)
    if err["type"] == "extra_forbidden":
        allowed = list(Response.model_fields) if len(loc) == 1 else []
        return Problem(
            path,
            None,
            field,
            f"unknown key '{loc[-1]}'",
            did_you_mean(str(loc[-1]), allowed) if allowed else "",
            "unknown key",
        )
    message = err["msg"]  # pydantic's message quotes no input; "(got ...)" does
    public = message
    got = err.get("input")
    if err["type"] != "missing" and not isinstance(got, dict | list):
        message += f" (got {clip(repr(got), 200)})"
    return Problem(path, None, field, message, public=public)


_PUBLIC_FIELDS = frozenset(Response.model_fields) | frozenset(Respondent.model_fields)


def public_field(field: str) -> str:
    """A field path with every part that is not a field name of the response format (an
    answer's key, an unknown key) shown as "…": it may be someone's name."""
    parts = []
    for part in field.split("."):
        name = part.split("[", 1)[0]
        parts.append(part if name in _PUBLIC_FIELDS else "…")
    return ".".join(parts)


def _json_error_line(text: str) -> int | None:
    import json

    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno
    except (ValueError, RecursionError):  # RecursionError: nested thousands of levels deep
        return None
    return None


__all__ = [
    "MAX_BYTES",
    "builtin_dir",
    "load_questionnaire",
    "load_response",
    "parse_response",
    "resolve_questionnaire",
]
