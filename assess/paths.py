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
    """The names of the built-in questionnaires (``ml-team``, ``quick``)."""
    return tuple(sorted(p.stem for p in builtin_dir().glob("*.yaml")))


def builtin_questionnaire(name: str) -> Path | None:
    """The built-in questionnaire called ``name``, or None: any other text (a path, a
    name too long for a file, ``..``) is never turned into a path."""
    return builtin_dir() / f"{name}.yaml" if name in builtin_names() else None


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
