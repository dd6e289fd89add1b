"""Learning catalogue YAML -> ``LearningCatalogue``, with errors people can act on.

Reads through the same functions as questionnaires (``assess.yamlsource``: size limits,
tabs, duplicate keys, line numbers; ``assess.loading``: pydantic errors as
``file:line: field: message`` with a fix and did-you-mean), then checks the catalogue
against the skill catalogue it names: every skill and every step covered, no unknown ids.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assess.errors import InputFileError, Problem, did_you_mean
from assess.learning import cache
from assess.loading import format_path, problem_from_error
from assess.model.learning import STEP_NAMES, LearningCatalogue, SkillSteps, learning_findings
from assess.model.questionnaire import LEVEL_NAMES, Area, Skill, Strict
from assess.paths import builtin_dir
from assess.yamlsource import InputProblem, Located, parse_yaml_mapping, read_text

PROBLEMS_CONVERTED = 50
"""Problems of one file turned into messages (the rest are counted)."""


class LearningError(InputFileError):
    """A learning catalogue that is unreadable, malformed or does not fit its skills."""


class SkillCatalogue(Strict):
    """A skill catalogue file (``skills.yaml``): areas and skills, as a questionnaire
    includes them."""

    areas: list[Area] = []
    """Skill areas."""
    skills: list[Skill]
    """Skills with their five level descriptors."""
    roles: list[dict[str, Any]] = []
    """Roles, if the file holds them too (not read here)."""


def builtin_learning() -> Path:
    """The built-in learning catalogue."""
    return builtin_dir() / "catalogue" / "learning.yaml"


_MARKER = re.compile(r"^skill_catalogue\s*:", re.MULTILINE)


def is_learning_file(path: Path) -> bool:
    """Whether ``path`` looks like a learning catalogue (a top-level ``skill_catalogue:``).

    A file that cannot be read is not one: the loader it is handed to says why."""
    try:
        return _MARKER.search(read_text(path, what="learning catalogue")) is not None
    except InputProblem:
        return False


def load_learning(path: str | Path | None = None, *, use_cache: bool = True) -> LearningCatalogue:
    """Load, validate and cross-check a learning catalogue (default: the built-in one)
    against the skill catalogue it names; raise ``LearningError``.

    A catalogue that loaded cleanly is cached (``assess.learning.cache``)."""
    path = builtin_learning() if path is None else Path(path)
    if use_cache:
        cached = cache.read(path)
        if cached is not None:
            return cached
    root, located = _parse(path, "learning catalogue")
    try:
        catalogue = LearningCatalogue.model_validate(root)
    except ValidationError as exc:
        raise LearningError(_problems(exc, LearningCatalogue, located)) from None
    skills_file, skills = _skill_catalogue(path, catalogue, located)
    findings = learning_findings(catalogue, [(s.id, s.name) for s in skills])
    if findings:
        problems = []
        for finding in findings[:PROBLEMS_CONVERTED]:
            file, line = located.locate(finding.path)
            problems.append(
                Problem(file, line, format_path(finding.path), finding.message, finding.fix)
            )
        raise LearningError(problems)
    if use_cache:
        cache.write(path, catalogue, [path, skills_file])
    return catalogue


def _parse(path: Path, what: str) -> tuple[Any, Located]:
    try:
        root = parse_yaml_mapping(path, read_text(path, what=what), what=what)
    except InputProblem as exc:
        raise LearningError([exc.problem]) from None
    located = Located(root, path)
    return root, located


def _skill_catalogue(
    path: Path, catalogue: LearningCatalogue, located: Located
) -> tuple[Path, list[Skill]]:
    """The file ``skill_catalogue`` names (this folder or below), and its skills."""
    name = catalogue.skill_catalogue
    line = located.locate(("skill_catalogue",))[1]
    folder = path.parent.resolve()
    try:
        file = (path.parent / name).resolve()
    except (OSError, RuntimeError, ValueError):
        file = None
    if file is None or not file.is_relative_to(folder):
        raise LearningError(
            [
                Problem(
                    path,
                    line,
                    "skill_catalogue",
                    f"'{name}' is outside this file's folder",
                    "name a skill catalogue in the same folder or below, e.g. skills.yaml",
                )
            ]
        )
    shown = path.parent / file.relative_to(folder)
    if not file.is_file():
        raise LearningError(
            [
                Problem(
                    path,
                    line,
                    "skill_catalogue",
                    f"skill catalogue '{name}' not found",
                    f"check the name; it is relative to {path.parent}",
                )
            ]
        )
    root, skills_located = _parse(shown, "skill catalogue")
    try:
        return shown, SkillCatalogue.model_validate(root).skills
    except ValidationError as exc:
        raise LearningError(_problems(exc, SkillCatalogue, skills_located)) from None


_STEP_HINT = ", ".join(f"{n} ({i}→{i + 1})" for i, n in enumerate(STEP_NAMES))


def _problems(exc: ValidationError, model: Any, located: Located) -> list[Problem]:
    out = []
    for err in exc.errors()[:PROBLEMS_CONVERTED]:
        problem = problem_from_error(err, model, located)
        loc = tuple(err["loc"])
        if loc and loc[-1] == "[key]":  # a bad dictionary key: name the key, not "[key]"
            problem = replace(problem, field=format_path(loc[:-1]))
        step_key = model is LearningCatalogue and len(loc) == 3 and loc[0] == "skills"
        if err["type"] == "extra_forbidden" and step_key:
            problem = _unknown_step(problem, str(loc[2]))
        elif err["type"] == "string_pattern_mismatch" and loc[-1] == "url":
            problem = replace(problem, fix="write a plain https:// link (no spaces or quotes)")
        out.append(problem)
    more = len(exc.errors()) - len(out)
    if more > 0:
        out.append(Problem(out[-1].file, None, "", f"… and {more} more problem(s)"))
    return out


def _unknown_step(problem: Problem, key: str) -> Problem:
    """A step key that is not a level a step can reach: say which ones are."""
    if key in ("none", "0"):
        message = "there is no step to level 0 (none): every plan starts there"
        return replace(problem, message=message, fix=f"remove it; the steps are {_STEP_HINT}")
    if key.isdigit() and 1 <= int(key) < len(LEVEL_NAMES):
        name = LEVEL_NAMES[int(key)]
        message = f"unknown step '{key}': steps are named by the level they reach"
        return replace(problem, message=message, fix=f"did you mean '{name}'?")
    if key not in SkillSteps.model_fields:
        message = f"unknown step '{key}': levels run 0-4, so a skill has four steps"
        fix = did_you_mean(key, STEP_NAMES)
        if not fix.startswith("did you mean"):
            fix = f"the steps are {_STEP_HINT}"
        return replace(problem, message=message, fix=fix)
    return problem
