from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assess.learning import builtin_learning, load_learning
from assess.model.learning import LearningCatalogue

CATALOGUE = builtin_learning().parent


@pytest.fixture(scope="session")
def learning() -> LearningCatalogue:
    return load_learning()


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A copy of the built-in learning catalogue (with its skills.yaml) to break."""
    for name in ("learning.yaml", "skills.yaml"):
        shutil.copy(CATALOGUE / name, tmp_path / name)
    return tmp_path / "learning.yaml"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")
