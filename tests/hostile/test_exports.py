"""Exports under an interrupt or a full disk: the previous version or the new one, whole;
never half a set, never a corrupt workbook, and one clear message."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assess.team.export import CSV_NAMES
from tests.hostile.helpers import GOOD, response

PEOPLE = 3000


@pytest.fixture(scope="module")
def team_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team") / "team.jsonl"
    with open(path, "w") as out:
        for i in range(PEOPLE):
            data = response(name=f"Person {i}")
            data["answers"] = {
                k: (v if not k.endswith("-rating") else i % 5) for k, v in GOOD["answers"].items()
            }
            out.write(json.dumps(data) + "\n")
    return path


def _previous(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in CSV_NAMES:
        (folder / f"{name}.csv").write_text(f"previous {name}\n")
    return _state(folder)


def _state(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text()[:40] for p in sorted(folder.iterdir())}


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "assess", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # (a background process may inherit an ignored SIGINT)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_an_interrupted_csv_export_leaves_the_previous_set(
    tmp_path: Path, team_file: Path, number: int
) -> None:
    folder = tmp_path / "csv"
    before = _previous(folder)
    process = _start("team", str(team_file), "-o", str(tmp_path / "t.html"), "--csv", str(folder))
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if any(p.name.startswith(".assess-") for p in folder.iterdir()):
            break  # the export is being written: interrupt it now
        time.sleep(0.01)
    process.send_signal(number)
    _, err = process.communicate(timeout=120)
    after = _state(folder)
    if process.returncode == 0:  # (it finished first: then the new set is whole)
        assert sorted(after) == sorted(before) and all(
            not text.startswith("previous") for text in after.values()
        )
    else:
        assert process.returncode == 128 + number, err
        assert after == before  # no file of the set changed, no temporary folder left
        assert "nothing half-written was left behind" in err and "Traceback" not in err


def _file_size_limit(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail (EFBIG)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("export", ["--xlsx", "--csv"])
def test_a_full_disk_keeps_the_previous_export(
    tmp_path: Path, team_file: Path, export: str
) -> None:
    target = tmp_path / ("t.xlsx" if export == "--xlsx" else "csv")
    if export == "--xlsx":
        target.write_text("previous workbook")
        before = {"t.xlsx": "previous workbook"}
    else:
        before = _previous(target)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "assess",
            "team",
            str(team_file),
            "-o",
            str(tmp_path / "t.html"),
            export,
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        # the report (6.4 MB) fits; the gaps table (8 MB) does not, as on a disk filling up
        preexec_fn=lambda: _file_size_limit(7_000_000),
    )
    assert proc.returncode == 1, proc.stderr
    assert f"cannot write {target}" in proc.stderr and "File too large" in proc.stderr
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    if export == "--xlsx":
        assert target.read_text() == "previous workbook"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["t.html", "t.xlsx"]
    else:
        assert _state(target) == before
