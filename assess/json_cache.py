"""A cache of validated files as JSON: start-up and repeated loads skip YAML parsing.

An entry is keyed by the file's absolute path and holds the validated model as JSON, the
size and mtime of every file it was read from, and the same of every ``assess`` module
loaded when it was written — the code that validated and dumped it is among them, so no
list of "the modules that matter" is kept by hand: any change to any of them is a miss.
Reading needs no pydantic (the first screen of ``assess take`` is drawn from a read).
Cache problems are never errors: the file is simply loaded again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from assess import __version__
from assess.errors import UserError

Stamps = list[list[object]]


def _stamps(files: list[Path]) -> Stamps:
    stamps: Stamps = []
    for file in files:
        info = file.stat()
        stamps.append([str(file.resolve()), info.st_size, info.st_mtime_ns])
    return stamps


def _loaded_code() -> list[Path]:
    """The source files of every assess module loaded now."""
    files = {
        module.__file__
        for name, module in list(sys.modules.items())
        if (name == "assess" or name.startswith("assess.")) and getattr(module, "__file__", None)
    }
    return [Path(f) for f in sorted(f for f in files if f)]


class JsonCache:
    """Entries of one kind (``questionnaires``, ``learning``) under ``$XDG_CACHE_HOME``."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def folder(self) -> Path:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "assess" / self.kind

    def _entry(self, path: Path) -> Path:
        key = hashlib.sha256(f"{__version__}\0{path.resolve()}".encode()).hexdigest()[:32]
        return self.folder() / f"{key}.json"

    def read(self, path: Path) -> str | None:
        """The cached JSON text for ``path``, if it, its sources and the code are unchanged."""
        if os.environ.get("ASSESS_NO_CACHE"):
            return None
        try:
            entry = json.loads(self._entry(path).read_text(encoding="utf-8"))
            for stamps in (entry["files"], entry["code"]):
                if not stamps or _stamps([Path(f) for f, _, _ in stamps]) != stamps:
                    return None
            text = entry["model"]
            return text if isinstance(text, str) else None
        except (OSError, ValueError, KeyError, TypeError, RuntimeError):  # (a loop of links)
            return None

    def write(self, path: Path, files: list[Path], model_json: str) -> None:
        """Remember a model that validated cleanly from ``files``."""
        if os.environ.get("ASSESS_NO_CACHE"):
            return
        try:
            from assess.outfile import write_atomic

            entry = {
                "files": _stamps(files),
                "code": _stamps(_loaded_code()),
                "model": model_json,
            }
            write_atomic(self._entry(path), json.dumps(entry))
        except (OSError, RuntimeError, UserError):
            pass  # a read-only or full cache folder only costs speed
