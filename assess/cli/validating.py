"""What `assess validate` checks: which files an argument means, and what each file is."""

from __future__ import annotations

import os
import re
from pathlib import Path

from assess.errors import UsageError

SUFFIXES = (".yaml", ".yml", ".json")
QUESTIONNAIRE, LEARNING, RESPONSE, CATALOGUE_PART = "questionnaire", "learning", "response", "part"
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)


def expand(arguments: tuple[str, ...]) -> list[Path]:
    """Files to check: files as given, folders searched recursively (hidden entries and
    links to folders left out), and built-in questionnaire names resolved."""
    from assess.paths import resolve_questionnaire

    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir() and path.suffix.lower() not in SUFFIXES:  # (r.json/: its loader
            found += _walk(path)  # says "is a folder")
        elif path.exists() or path.suffix in SUFFIXES or "/" in argument:
            found.append(path)  # (a missing file: its loader says so)
        else:
            found.append(resolve_questionnaire(argument))  # a built-in name, or UsageError
    unique: dict[Path, Path] = {}
    for path in found:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a loop of links: its loader says so
            key = path.absolute()
        unique.setdefault(key, path)
    return list(unique.values())


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):  # (os.walk does not follow folder links)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [
            Path(root) / name
            for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES
        ]
    return files


def kind_of(path: Path) -> str:
    """What a file is, from its suffix and its top-level keys (read cheaply: no YAML
    parsing; the loader that gets the file reports its problems)."""
    if path.suffix.lower() == ".json":
        return RESPONSE
    from assess.infile import NotReadable, read_regular
    from assess.yamlsource import MAX_BYTES

    try:  # (regular files only, capped: a FIFO or /dev/zero is for the loader to refuse)
        head = read_regular(path, MAX_BYTES).decode("utf-8", errors="replace")
    except (NotReadable, OSError):
        return QUESTIONNAIRE
    keys = set(_TOP_KEY.findall(head))
    if "skill_catalogue" in keys:
        return LEARNING
    if "questions" not in keys and keys & {"areas", "skills", "roles"} and "id" not in keys:
        return CATALOGUE_PART
    return QUESTIONNAIRE


def validate_one(path: Path, included: dict[Path, list[Path]]) -> str:
    """Check one file; the line to print when it is valid (``UserError`` when not).
    Records which catalogue parts a valid questionnaire included, in ``included``."""
    kind = kind_of(path)
    if kind == RESPONSE:
        from assess.scorable import load_scorable

        load_scorable(path, None)
        return f"{path}: valid response"
    if kind == LEARNING:
        from assess.learning import load_learning

        catalogue = load_learning(path)
        return (
            f"{path}: valid learning catalogue — {len(catalogue.skills)} skills, "
            f"{catalogue.step_count()} steps, {len(catalogue.resources)} resources"
        )
    from assess.loading import load_questionnaire

    q = load_questionnaire(path)
    for name in q.include:
        included.setdefault((path.parent / name).resolve(), []).append(path)  # (loaded: no loop)
    return (
        f"{path}: valid — {q.title} v{q.version}: {len(q.skills)} skills, "
        f"{len(q.questions)} questions, {len(q.roles)} roles"
    )


__all__ = ["CATALOGUE_PART", "UsageError", "expand", "kind_of", "validate_one"]
