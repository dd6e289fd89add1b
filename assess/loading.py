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
from assess.infile import MAX_INPUT_BYTES, megabytes
from assess.model.checks import cross_check, did_you_mean
from assess.model.questionnaire import RETIRED_KEYS, Questionnaire
from assess.model.response import Respondent, Response
from assess.paths import builtin_dir, resolve_questionnaire
from assess.safetext import clip, for_terminal
from assess.yamlsource import (
    MAX_BYTES,
    MAX_YAML_BYTES,
    DataPath,
    InputProblem,
    Located,
    parse_yaml_mapping,
    read_text,
)

INCLUDABLE = ("areas", "skills", "roles")
MAX_INCLUDES = 16
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
        _merge_includes(root, path, located, len(text))
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


def _include_problem(
    path: Path, located: Located, index: int, message: str, fix: str
) -> InputProblem:
    field = "include" if index < 0 else f"include[{index}]"
    return InputProblem(Problem(path, located.locate(("include",))[1], field, message, fix))


def _merge_includes(root: Any, path: Path, located: Located, size: int) -> None:
    """Merge the included catalogue files into ``root``. At most ``MAX_INCLUDES`` files,
    each once, from this folder or below; with the questionnaire at most
    ``MAX_YAML_BYTES`` together (``size`` is the questionnaire's own)."""
    includes = root.get("include") or []
    if not isinstance(includes, list):
        return  # the model reports the type error with its line
    if len(includes) > MAX_INCLUDES:
        raise _include_problem(
            path,
            located,
            -1,
            f"{len(includes):,} files included; at most {MAX_INCLUDES} may be",
            "merge catalogue files, or include each file once",
        )
    folder = path.parent.resolve()
    seen = {path.resolve(): -1}  # resolved file -> where it was included (-1: the root)
    for index, name in enumerate(includes):
        if not isinstance(name, str):
            continue
        if not name.isprintable() or not name.strip():
            raise _include_problem(
                path,
                located,
                index,
                f"'{for_terminal(name)}' is not a file name",
                "name a catalogue file in this questionnaire's folder, e.g. catalogue/skills.yaml",
            )
        try:
            file = (path.parent / name).resolve()
        except (OSError, RuntimeError, ValueError):  # a loop of links, a name too long
            raise _include_problem(
                path, located, index, f"'{clip(name, 80)}' cannot be opened", "check the name"
            ) from None
        if not file.is_relative_to(folder):
            raise _include_problem(
                path,
                located,
                index,
                f"'{clip(name, 80)}' is outside this questionnaire's folder",
                "include files from the same folder or below",
            )
        if file in seen:
            first = seen[file]
            raise _include_problem(
                path,
                located,
                index,
                "the questionnaire includes itself"
                if first < 0
                else f"'{clip(name, 80)}' is already included (include[{first}])",
                "include each catalogue file once",
            )
        seen[file] = index
        shown = path.parent / file.relative_to(folder)
        try:
            text = read_text(shown, what="catalogue", limit=max(0, MAX_YAML_BYTES - size))
        except InputProblem as exc:
            if exc.problem.line is not None:  # empty, not UTF-8: at its line in that file
                raise
            reason = exc.problem.message
            if "may be at most" in reason:
                raise _include_problem(
                    path,
                    located,
                    index,
                    f"'{clip(name, 80)}' makes the questionnaire over "
                    f"{megabytes(MAX_YAML_BYTES)} with its included files",
                    "a questionnaire with its catalogue needs far less; check the files",
                ) from None
            raise _include_problem(
                path,
                located,
                index,
                f"included file '{clip(name, 80)}' {reason.removeprefix('file ')}",
                f"check the name; paths are relative to {path.parent}"
                if reason == "file not found"
                else "include a catalogue file (YAML text)",
            ) from None
        size += len(text)
        part = parse_yaml_mapping(shown, text, what="catalogue")
        for key in part:
            if key not in INCLUDABLE:
                line = part.lc.key(key)[0] + 1
                raise InputProblem(
                    Problem(
                        shown,
                        line,
                        str(key),
                        "an included file may only hold " + ", ".join(INCLUDABLE),
                        did_you_mean(str(key), INCLUDABLE),
                    )
                )
        for key in INCLUDABLE:
            items = part.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                line = part.lc.key(key)[0] + 1
                raise InputProblem(
                    Problem(
                        shown,
                        line,
                        key,
                        "expected a list of entries",
                        "write each entry on a line starting with '- '",
                    )
                )
            for item in items:
                located.adopt(item, shown)
            existing = root.get(key)
            if existing is None:
                root[key] = list(items)
            elif isinstance(existing, list):
                existing.extend(items)


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
