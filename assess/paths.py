"""Where questionnaires are: the built-in folder and names like ``ml-team``.

Plain (no pydantic): ``assess take`` resolves its questionnaire before the models load.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from assess.errors import UsageError, did_you_mean
from assess.safetext import clip


@cache
def builtin_dir() -> Path:
    """Folder with the built-in questionnaires (in the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_questionnaires", here.parent / "questionnaires"):
        if (candidate / "ml-team.yaml").is_file():
            return candidate
    raise FileNotFoundError("built-in questionnaires are missing from this installation")


@cache
def builtin_names() -> tuple[str, ...]:
    """The names of the built-in questionnaires (``ml-team``, ``quick``); earlier versions
    kept for old responses (``ml-team@1.0.yaml``) are not names of their own."""
    return tuple(sorted(p.stem for p in builtin_dir().glob("*.yaml") if "@" not in p.stem))


@cache
def _earlier_versions() -> frozenset[str]:
    return frozenset(p.stem for p in builtin_dir().glob("*@*.yaml"))


def builtin_questionnaire(name: str, version: str | None = None) -> Path | None:
    """The built-in questionnaire called ``name`` — with ``version``, the file of that
    version when it is an earlier one kept for old responses (``ml-team@1.0.yaml``);
    None otherwise. Only names and versions of files that exist are matched: any other
    text (a path, a name too long for a file, ``..``) is never turned into a path."""
    if name not in builtin_names():
        return None
    if version is not None and f"{name}@{version}" in _earlier_versions():
        return builtin_dir() / f"{name}@{version}.yaml"
    return builtin_dir() / f"{name}.yaml"


def resolve_questionnaire(name: str | Path | None) -> Path:
    """A questionnaire path from a path or a built-in name (``ml-team``, ``quick``)."""
    if name is None:
        return builtin_dir() / "ml-team.yaml"
    path = Path(name)
    try:
        exists = path.exists()
    except (OSError, ValueError):  # a name too long for a file, a NUL in it
        exists = False
    if exists or path.suffix in (".yaml", ".yml") or "/" in str(name):
        return path
    builtin = builtin_questionnaire(str(name))
    if builtin is not None:
        return builtin
    names = builtin_names()
    raise UsageError(
        f"unknown questionnaire '{clip(str(name), 80)}': not a file here and not a built-in "
        f"({did_you_mean(str(name), names)})"
    )
