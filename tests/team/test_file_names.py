"""The packed list of a walk's files reads back as the sorted list of strings would."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from assess.team import file_names
from assess.team.file_names import Collector, FileNames
from assess.team.inputs import walk_folder

# Path tails as a walk makes them: a separator, then names of any characters a file
# name may hold (letters from every plane, punctuation sorting either side of "/").
_NAME = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"),
    min_size=1,
    max_size=12,
)
_TAIL = st.lists(_NAME, min_size=1, max_size=3).map(lambda parts: "/" + "/".join(parts))


def _collect(root: str, paths: list[str]) -> list[str]:
    found = Collector(root)
    for path in paths:
        found.add(path)
    return list(found.sorted())


@given(st.lists(_TAIL, max_size=40))
def test_packed_paths_read_back_sorted_as_strings(tails: list[str]) -> None:
    paths = ["data/responses" + tail for tail in tails]
    assert _collect("data/responses", paths) == sorted(paths)


def test_many_paths_are_packed_in_blocks_and_sliced(monkeypatch) -> None:
    monkeypatch.setattr(file_names, "_BLOCK", 7)
    paths = [f"in/r{n:03d}.json" for n in range(50, 0, -1)] + ["in/sub/é.json", "in/a-b.json"]
    found = Collector("in")
    for path in paths:
        found.add(path)
    result = found.sorted()
    assert isinstance(result, FileNames)  # (packed: a few bytes a file)
    assert result.tails.itemsize <= len("/sub/é.json".encode())
    assert list(result) == sorted(paths)
    assert list(result[10:20]) == sorted(paths)[10:20]
    assert result[3] == sorted(paths)[3] and len(result) == len(paths)


def test_a_name_that_is_not_utf8_is_sorted_as_a_string(monkeypatch) -> None:
    monkeypatch.setattr(file_names, "_BLOCK", 3)
    odd = os.fsdecode(b"in/caf\xe9.json")  # (an undecodable byte, kept as a surrogate)
    paths = ["in/z.json", "in/a.json", "in/b.json", odd, "in/\u00e9.json", "in/c.json"]
    result = _collect("in", paths)
    assert result == sorted(paths)


def test_one_long_path_among_short_ones_is_not_padded_for_all() -> None:
    paths = [f"in/{n}.json" for n in range(100)] + ["in/" + "x" * 2000 + ".json"]
    found = Collector("in")
    for path in paths:
        found.add(path)
    result = found.sorted()
    assert not isinstance(result, FileNames)
    assert list(result) == sorted(paths)


def test_a_folder_walk_lists_its_files_in_order(tmp_path) -> None:
    names = ["b.json", "a.json", "a-b.json", "sub/c.json", "sub/a.jsonl", "é.json"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}")
    skipped, files = walk_folder(str(tmp_path))
    assert skipped == []
    assert list(files) == sorted(str(tmp_path / name) for name in names)
