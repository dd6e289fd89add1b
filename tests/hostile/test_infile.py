"""Inputs are regular files read within a cap: nothing hangs, fills memory or raises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import assess.infile as infile
from assess.infile import NotReadable, read_regular, records


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        (tmp_path / "other.json").symlink_to(path)
        path.symlink_to(tmp_path / "other.json")
    elif kind == "dangling":
        path.symlink_to(tmp_path / "gone.json")
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("fifo", "is a FIFO (named pipe), not a regular file"),
        ("loop", "is a loop of symbolic links"),
        ("dangling", "is a link to a missing file (broken link)"),
        ("device", "is a character device, not a regular file"),
        ("folder", "is a folder, not a regular file"),
    ],
)
def test_only_regular_files_are_read(tmp_path: Path, kind: str, reason: str) -> None:
    with pytest.raises(NotReadable) as caught:
        read_regular(_special(tmp_path, kind), 1000)  # a FIFO would block here, forever
    assert caught.value.reason == reason
    with pytest.raises(NotReadable):  # (JSON-lines files are opened the same way)
        list(records(tmp_path / f"{kind}.json", 9))


@pytest.mark.parametrize(
    ("name", "reason"),
    [("x" * 5000, "is a file name that is too long"), ("a\0b", "has a NUL character in its name")],
)
def test_odd_names_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(NotReadable) as caught:
        read_regular(tmp_path / name, 1000)
    assert caught.value.reason == reason


def test_the_cap_holds_for_any_size(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    assert read_regular(path, 101) == b"x" * 101
    with pytest.raises(NotReadable) as caught:
        read_regular(path, 100, "a response file")
    assert "a response file may be at most" in caught.value.reason


def test_a_file_that_says_it_is_empty_is_still_capped(tmp_path: Path) -> None:
    """Files under /proc report size 0; the read stops at the cap all the same."""
    assert len(read_regular("/proc/self/status", 1 << 20)) > 0
    with pytest.raises(NotReadable):
        read_regular("/proc/self/status", 10)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary().map(lambda b: b.replace(b"x", b"\n"))
    | st.text("ab \r\n").map(str.encode)
    | st.text("a{ \n").map(str.encode),  # (LF alone: the usual file's faster path)
    limit=st.integers(0, 8),
    block=st.sampled_from([1, 2, 3, 7, 1 << 20]),
)
def test_records_number_lines_as_splitlines(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, limit: int, block: int
) -> None:
    """Read a block at a time, lines are numbered as bytes.splitlines numbers them, and a
    line over the cap is passed over (None) without being kept."""
    path = tmp_path_factory.mktemp("lines") / "r.jsonl"
    path.write_bytes(data)
    expected = [
        (n, None if len(line) > limit else line)
        for n, line in enumerate(data.splitlines(), start=1)
        if len(line) > limit or line.strip()
    ]
    previous = infile._BLOCK
    infile._BLOCK = block
    try:
        assert list(records(path, limit)) == expected
    finally:
        infile._BLOCK = previous


def test_a_line_longer_than_several_blocks_is_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    with open(path, "wb") as out:
        out.write(b'{"a": 1}\n')
        out.write(b"x" * (3 << 20) + b"\n")  # three blocks of one line
        out.write(b'{"b": 2}')
    assert list(records(path, 1 << 20)) == [(1, b'{"a": 1}'), (2, None), (3, b'{"b": 2}')]


@settings(max_examples=200, deadline=None)
@given(data=st.text("a{ \r\n").map(str.encode), block=st.sampled_from([1, 2, 3, 7, 1 << 20]))
def test_records_are_counted_about_right(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, block: int
) -> None:
    """The count for a progress bar: every record and a blank line or so more, estimated
    from the first block for a file longer than that."""
    path = tmp_path_factory.mktemp("count") / "r.jsonl"
    path.write_bytes(data)
    previous = infile._BLOCK
    infile._BLOCK = block
    try:
        counted = infile.count_records(path, 1 << 20)
    finally:
        infile._BLOCK = previous
    lines = data.splitlines()
    if len(data) < block:  # (the whole file in one block: counted)
        assert len([line for line in lines if line.strip()]) <= counted <= len(lines) + 1
    else:  # estimated from the first block: within a factor of the truth
        assert counted >= 1


def test_a_long_file_is_counted_from_its_first_block(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(
        b'{"a": "' + b"x" * 140 + b'"}\n' * 1 + (b'{"a": "' + b"x" * 140 + b'"}\n') * 9_999
    )
    assert 9_000 <= infile.count_records(path, 1 << 20) <= 11_000  # (1.5 MB: over a block)
