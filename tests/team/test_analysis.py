"""The analysis's memory-lean helpers equal their plain definitions."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from assess.team import analysis
from assess.team.analysis import meeting, unique_labels


def _plain_labels(names: list[str]) -> list[str]:
    """The rule, plainly: a repeat takes the next number whose label is nobody's name
    and no label made before."""
    taken = set(names)
    last: dict[str, int] = {}
    made: set[str] = set()
    labels = []
    for name in names:
        if name not in last:
            last[name] = 1
            labels.append(name)
            continue
        number = last[name] + 1
        while f"{name} ({number})" in taken or f"{name} ({number})" in made:
            number += 1
        last[name] = number
        made.add(f"{name} ({number})")
        labels.append(f"{name} ({number})")
    return labels


@given(st.lists(st.sampled_from(["Ann", "ann", "Bo", "Ann (2)", "", "Çé", "Bo (3)"]) | st.text()))
def test_unique_labels_are_the_plain_rule(names: list[str]) -> None:
    labels = unique_labels(names)
    assert labels == _plain_labels(names)
    assert len(set(labels)) == len(labels)


def test_a_label_is_never_another_persons_name() -> None:
    names = ["Ann", "Ann", "Ann (2)", "Ann", "Ann (2)"]
    assert unique_labels(names) == ["Ann", "Ann (3)", "Ann (2)", "Ann (4)", "Ann (2) (2)"]


def test_unique_labels_hand_back_names_without_a_repeat() -> None:
    names = [f"P{i}" for i in range(1000)]
    assert unique_labels(names) is names
    assert unique_labels(["Ann", "Bo", "Ann", "Ann"]) == ["Ann", "Bo", "Ann (2)", "Ann (3)"]


def test_unique_labels_count_names_that_share_a_hash(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # every name hashes alike: all are counted, and only real repeats are renamed
    names = ["Ann", "Bo", "Ann", "Cy", "Bo", "Bo (2)"]
    monkeypatch.setattr(analysis, "hash", lambda _: 7, raising=False)
    assert unique_labels(names) == ["Ann", "Bo", "Ann (2)", "Cy", "Bo (3)", "Bo (2)"]


@given(
    st.integers(0, 300),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
)
def test_meeting_counts_blocks_as_one(n: int, skills: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    proficiency = rng.choice([np.nan, 0.0, 1.0, 2.5, 3.0, 4.0], size=(n, skills))
    levels = rng.integers(0, 5, size=skills).astype(float)
    expected = (proficiency >= levels[None, :]).sum(axis=0)
    old = analysis.BLOCK_ROWS
    try:
        analysis.BLOCK_ROWS = 7  # (many blocks, and a short last one)
        np.testing.assert_array_equal(meeting(proficiency, levels), expected)
    finally:
        analysis.BLOCK_ROWS = old


@given(st.integers(0, 60), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_skill_stats_are_nanmax_and_nanmedian_and_leave_the_levels(
    n: int, skills: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    proficiency = rng.choice([np.nan, 0.0, 1.0, 1.5, 2.0, 3.25, 4.0], size=(n, skills))
    before = proficiency.copy()
    top, middle, assessed = analysis.skill_stats(proficiency)
    np.testing.assert_array_equal(proficiency, before)  # (the median partitions a copy)
    for s in range(skills):
        column = proficiency[:, s]
        if np.isnan(column).all():
            assert np.isnan(top[s]) and np.isnan(middle[s])
        else:
            assert top[s] == np.nanmax(column)
            assert middle[s] == np.nanmedian(column)
    np.testing.assert_array_equal(assessed, (~np.isnan(proficiency)).sum(axis=0))
