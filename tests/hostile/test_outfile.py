"""Outputs are all-or-nothing; a link or a special file at the target is refused."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

import assess.outfile as outfile
from assess.outfile import OutputError, file_set, signals_held, write_atomic


def _targets(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "real.txt").write_text("keep me")
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "real.txt")
    fifo = tmp_path / "fifo.html"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.html"
    folder.mkdir()
    found = {"link": link, "fifo": fifo, "folder": folder}
    if os.geteuid() == 0:  # a device node of our own (never the machine's /dev/full)
        device = tmp_path / "full.html"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        found["device"] = device
    return found


def test_links_and_special_files_are_refused_not_replaced(tmp_path: Path) -> None:
    for kind, target in _targets(tmp_path).items():
        before = os.lstat(target)
        with pytest.raises(OutputError) as caught:
            write_atomic(target, "report")
        assert str(target) in str(caught.value), kind
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), kind
    assert (tmp_path / "real.txt").read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".assess-")]


def test_a_failed_write_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("previous")

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outfile, "_fsync", full)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "new")
    assert "No space left on device" in str(caught.value) and str(target) in str(caught.value)
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left


def test_a_file_set_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "a.csv").write_text("old a")
    (folder / "mine.txt").write_text("not ours")
    with pytest.raises(KeyboardInterrupt), file_set(folder) as files:
        files.path("a.csv").write_text("new a")
        files.path("b.csv").write_text("new b")
        raise KeyboardInterrupt  # Ctrl+C before the set is complete
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "mine.txt"]
    assert (folder / "a.csv").read_text() == "old a"
    with file_set(folder) as files:
        files.path("a.csv").write_text("new a")
        files.path("b.csv").write_text("new b")
    assert files.written == [folder / "a.csv", folder / "b.csv"]
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "b.csv", "mine.txt"]


def test_signals_wait_for_the_renames() -> None:
    done = []
    with pytest.raises(KeyboardInterrupt), signals_held():
        os.kill(os.getpid(), signal.SIGINT)
        done.append("renames")  # reached: the interrupt waits for the end of the block
    assert done == ["renames"]
