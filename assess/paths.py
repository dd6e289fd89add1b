"""Where questionnaires are: the built-in folder and names like ``ml-team``.

Plain (no pydantic): ``assess take`` resolves its questionnaire before the models load.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from assess.errors import UsageError, did_you_mean


@cache
def builtin_dir() -> Path:
    """Folder with the built-in questionnaires (in the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_questionnaires", here.parent / "questionnaires"):
        if (candidate / "ml-team.yaml").is_file():
            return candidate
    raise FileNotFoundError("built-in questionnaires are missing from this installation")


def resolve_questionnaire(name: str | Path | None) -> Path:
    """A questionnaire path from a path or a built-in name (``ml-team``, ``quick``)."""
    if name is None:
        return builtin_dir() / "ml-team.yaml"
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in str(name):
        return path
    builtin = builtin_dir() / f"{name}.yaml"
    if builtin.is_file():
        return builtin
    names = sorted(p.stem for p in builtin_dir().glob("*.yaml"))
    raise UsageError(
        f"unknown questionnaire '{name}': not a file here and not a built-in "
        f"({did_you_mean(str(name), names)})"
    )
