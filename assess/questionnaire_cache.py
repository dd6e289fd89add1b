"""A cache of validated questionnaires, so start-up skips YAML parsing.

Entries (``assess.json_cache``) are keyed by the questionnaire's absolute path and hold
the validated model as JSON plus the size and mtime of every file it was read from and of
the code loaded when it was written; any change to any of them is a miss.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.brief import Brief, brief_from_dump
from assess.json_cache import JsonCache

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire

_CACHE = JsonCache("questionnaires")


def cache_dir() -> Path:
    return _CACHE.folder()


def _current(path: Path) -> str | None:
    """The cached questionnaire's JSON text, if every file it came from is unchanged."""
    return _CACHE.read(path)


def read_dump(path: Path) -> dict[str, Any] | None:
    """The cached questionnaire as JSON data, without importing pydantic."""
    text = _current(path)
    try:
        dump = None if text is None else json.loads(text)
    except ValueError:
        return None
    return dump if isinstance(dump, dict) else None


def read_brief(path: Path) -> Brief | None:
    """What the first screen needs, from a current cache entry; no pydantic."""
    dump = read_dump(path)
    try:
        return None if dump is None else brief_from_dump(dump)
    except (KeyError, IndexError, TypeError, ValueError):  # an entry of another shape
        return None


def read(path: Path) -> Questionnaire | None:
    """The cached questionnaire as a model."""
    text = _current(path)
    if text is None:
        return None
    from pydantic import ValidationError

    from assess.model.questionnaire import Questionnaire

    try:
        return Questionnaire.model_validate_json(text)
    except ValidationError:
        return None


def write(path: Path, questionnaire: Questionnaire, files: list[Path]) -> None:
    _CACHE.write(path, files, questionnaire.model_dump_json())
