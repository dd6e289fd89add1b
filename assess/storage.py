"""Response files: safe names, atomic writes, and what an existing file holds.

No UI here: the survey (and anything else) calls these to never lose an answer.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import ResponseError

if TYPE_CHECKING:  # imported where used: the first screen is drawn before pydantic loads
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response

DEFAULT_RESPONSES_DIR = Path("responses")
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(name: str, fallback: str = "respondent", max_length: int = 80) -> str:
    """A file-name stem from a person's name: no separators, no '..', no control chars."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("-", text.strip().lower())
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"-{2,}", "-", text).strip(".-_")
    return text[:max_length].strip(".-_") or fallback


def path_inside(folder: Path, filename: str) -> Path:
    """``folder/filename``, refusing anything that would land outside ``folder``."""
    target = (folder / filename).resolve()
    if target.parent != folder.resolve():
        raise ValueError(f"{filename!r} would be written outside {folder}")
    return folder / filename


def default_response_path(
    name: str, folder: Path = DEFAULT_RESPONSES_DIR, suffix: str = ".json"
) -> Path:
    return path_inside(folder, safe_stem(name) + suffix)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename it over ``path``.

    A reader (or a crash, or ``kill -9``) sees either the old file or the new one, never
    a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save_response(path: Path, response: Response) -> None:
    write_atomic(path, response.model_dump_json(indent=2) + "\n")


def backup(path: Path) -> Path:
    """Rename ``path`` to a timestamped ``.bak`` beside it; return the backup's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{stamp}-{counter}.bak")
        counter += 1
    os.replace(path, target)
    return target


class Existing(Enum):
    """What is already at a response path."""

    NONE = "none"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    OTHER_QUESTIONNAIRE = "other_questionnaire"
    CORRUPT = "corrupt"


@dataclass(frozen=True)
class ExistingFile:
    kind: Existing
    response: Response | None = None
    reason: str = ""


def inspect_existing(path: Path, q: Questionnaire) -> ExistingFile:
    """Classify the file at ``path`` for questionnaire ``q`` (never modifies it)."""
    if not path.exists():
        return ExistingFile(Existing.NONE)
    from assess.loading import load_response
    from assess.model.response import Status

    try:
        response = load_response(path)
    except ResponseError as exc:
        return ExistingFile(Existing.CORRUPT, reason=exc.problems[0].message)
    if (response.questionnaire_id, response.questionnaire_version) != (q.id, q.version):
        return ExistingFile(
            Existing.OTHER_QUESTIONNAIRE,
            response,
            f"it holds answers to '{response.questionnaire_id}' version "
            f"{response.questionnaire_version}, not '{q.id}' version {q.version}",
        )
    unknown = set(response.answers) - {x.id for x in q.questions}
    if unknown:
        return ExistingFile(
            Existing.CORRUPT,
            response,
            f"it answers unknown questions: {', '.join(sorted(unknown))}",
        )
    kind = Existing.COMPLETE if response.status == Status.complete else Existing.IN_PROGRESS
    return ExistingFile(kind, response)
