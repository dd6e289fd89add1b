"""A cache of validated learning catalogues: YAML with line numbers parses at well under
1 MB a second (about 1 s for the built-in catalogue), the cached JSON in milliseconds.

Like ``assess.questionnaire_cache``: an entry is keyed by the catalogue's absolute path and
holds the validated model plus the size and mtime of every file it was read from and of the
code that validates it; any change is a miss. Cache problems are never errors.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pydantic import ValidationError

from assess import __version__
from assess.errors import UserError
from assess.model.learning import LearningCatalogue

_PACKAGE = Path(__file__).resolve().parent.parent
_CODE = [
    _PACKAGE / "model" / "learning.py",
    _PACKAGE / "model" / "questionnaire.py",
    _PACKAGE / "learning" / "load.py",
]


def _entry(path: Path) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    key = hashlib.sha256(f"{__version__}\0{path.resolve()}".encode()).hexdigest()[:32]
    return Path(base) / "assess" / "learning" / f"{key}.json"


def _stamp(files: list[Path]) -> list[list[object]]:
    stamps: list[list[object]] = []
    for file in [*files, *_CODE]:
        info = file.stat()
        stamps.append([str(file.resolve()), info.st_size, info.st_mtime_ns])
    return stamps


def read(path: Path) -> LearningCatalogue | None:
    """The cached catalogue, if it and every file it came from are unchanged."""
    if os.environ.get("ASSESS_NO_CACHE"):
        return None
    try:
        entry = json.loads(_entry(path).read_text(encoding="utf-8"))
        files = [Path(f) for f, _, _ in entry["files"]][: -len(_CODE)]
        if not files or _stamp(files) != entry["files"]:
            return None
        return LearningCatalogue.model_validate_json(entry["catalogue"])
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, ValidationError):
        return None


def write(path: Path, catalogue: LearningCatalogue, files: list[Path]) -> None:
    """Remember a catalogue that loaded cleanly from ``files``."""
    if os.environ.get("ASSESS_NO_CACHE"):
        return
    try:
        from assess.storage import write_atomic

        entry = {"files": _stamp(files), "catalogue": catalogue.model_dump_json()}
        write_atomic(_entry(path), json.dumps(entry))
    except (OSError, RuntimeError, UserError):
        pass  # a read-only or full cache folder only costs speed
