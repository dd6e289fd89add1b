"""A cache of validated questionnaires, so start-up skips YAML parsing.

Entries are keyed by the questionnaire's absolute path and hold the validated model as
JSON plus the size and mtime of every file it was read from; any change to any of them
is a miss. Cache problems are never errors: the questionnaire is simply loaded again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess import __version__
from assess.brief import Brief, brief_from_dump
from assess.errors import UserError

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire

_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assess" / "questionnaires"


def _entry(path: Path) -> Path:
    key = hashlib.sha256(f"{__version__}\0{path.resolve()}".encode()).hexdigest()[:32]
    return cache_dir() / f"{key}.json"


def _code_files() -> list[Path]:
    """The code that decides what a valid questionnaire is: a change to it is a miss.

    (Paths, not imports: reading the cache must not import pydantic.)"""
    return [
        _PACKAGE / "model" / "questionnaire.py",
        _PACKAGE / "model" / "checks.py",
        _PACKAGE / "loading.py",
        _PACKAGE / "includes.py",
        _PACKAGE / "yamlsource.py",
        _PACKAGE / "answers.py",  # the level names the models check against
    ]


def _stamp(files: list[Path]) -> list[list[object]]:
    stamps: list[list[object]] = []
    for file in [*files, *_code_files()]:
        info = file.stat()
        stamps.append([str(file.resolve()), info.st_size, info.st_mtime_ns])
    return stamps


def _current(path: Path) -> str | None:
    """The cached questionnaire's JSON text, if every file it came from is unchanged."""
    if os.environ.get("ASSESS_NO_CACHE"):
        return None
    try:
        entry = json.loads(_entry(path).read_text(encoding="utf-8"))
        files = [Path(f) for f, _, _ in entry["files"]][: -len(_code_files())]
        if _stamp(files) != entry["files"]:
            return None
        text = entry["questionnaire"]
        return text if isinstance(text, str) else None
    except (OSError, ValueError, KeyError, TypeError, RuntimeError):  # (a loop of links)
        return None


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
    if os.environ.get("ASSESS_NO_CACHE"):
        return
    try:
        from assess.outfile import write_atomic

        entry = {"files": _stamp(files), "questionnaire": questionnaire.model_dump_json()}
        write_atomic(_entry(path), json.dumps(entry))
    except (OSError, RuntimeError, UserError):
        pass  # a read-only or full cache folder only costs speed
