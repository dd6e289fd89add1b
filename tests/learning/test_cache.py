"""A learning catalogue that loaded cleanly is cached; an edit to it or to its skill
catalogue is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.learning import LearningError, cache, load_learning
from tests.learning.conftest import edit


def test_cache_hit_and_misses(catalogue_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_learning(catalogue_copy)
    hit = cache.read(catalogue_copy)
    assert hit == first
    edit(catalogue_copy.parent / "skills.yaml", "\n  - id: nosql\n", "\n  - id: nosq1\n")
    assert cache.read(catalogue_copy) is None
    with pytest.raises(LearningError, match="unknown skill 'nosql'"):
        load_learning(catalogue_copy)
    monkeypatch.setenv("ASSESS_NO_CACHE", "1")
    assert cache.read(catalogue_copy) is None
