"""`assess score` in worker processes (a large input): the output is byte for byte what
one process writes, in input order, with bad and skipped files listed as they come, a
role check failing where it fails in one process, and a closed pipe ending it quietly."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from assess.result_workers import LARGE, workers_for
from tests.cli.test_score_stream import ML_TEAM, QUICK, random_answers

ROOT = Path(__file__).resolve().parents[2]
FILES = LARGE + 300


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Responses to two questionnaires, with bad files among them."""
    where = tmp_path_factory.mktemp("many")
    rnd = random.Random(11)
    for i in range(FILES):
        q = QUICK if i % 700 == 650 else ML_TEAM
        record = {
            "questionnaire_id": q.id,
            "questionnaire_version": q.version,
            "respondent": {
                "name": f"Person {i} ✓" if i % 97 == 0 else f"Person {i}",
                "team": f"Team {i % 7}" if i % 5 else None,
                "email": f"p{i}@example.org",
                "target_role": rnd.choice([None, *(r.id for r in q.roles)]),
            },
            "answers": random_answers(q, rnd, i % 5),
            "started_at": "2026-11-01T09:00:00Z",
            "updated_at": f"2026-11-01T09:{i % 60:02d}:00Z",
            "completed_at": "2026-11-01T10:00:00Z" if i % 3 else None,
            "status": "complete" if i % 3 else "in_progress",
        }
        text = json.dumps(record)
        if i in (5, 1500):
            text = text[:40]  # cut short: not JSON
        elif i in (1024, 2100):
            text = text.replace('"ml-team"', '"nowhere"')
        (where / f"r{i:05d}.json").write_text(text)
    return where


def run(*args: str, workers: int) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "ASSESS_WORKERS": str(workers), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "assess", "score", *args], capture_output=True, env=env
    )


def test_workers_are_used_for_a_large_input_only(folder: Path, tmp_path: Path) -> None:
    with open(os.devnull, "wb") as sink:
        os.environ["ASSESS_WORKERS"] = "2"
        try:
            assert workers_for("jsonl", [folder], sink) == 2
            assert workers_for("jsonl", [tmp_path], sink) == 0
            assert workers_for("jsonl", sorted(folder.iterdir())[:100], sink) == 0
        finally:
            del os.environ["ASSESS_WORKERS"]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_workers_write_what_one_process_writes(folder: Path, fmt: str) -> None:
    one = run("-f", fmt, str(folder), workers=0)
    two = run("-f", fmt, str(folder), workers=2)
    assert one.returncode == two.returncode == 2  # (the bad files)
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert two.stderr.decode().count("\n") == 5  # four bad files, then the count


def test_an_unknown_role_fails_in_a_worker_as_in_one_process(folder: Path) -> None:
    one = run("-f", "jsonl", "-r", "nobody", str(folder), workers=0)
    two = run("-f", "jsonl", "-r", "nobody", str(folder), workers=2)
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout == b""
    assert one.stderr == two.stderr
    assert b"unknown role 'nobody'" in two.stderr and b"Traceback" not in two.stderr


def test_a_closed_pipe_ends_the_workers_quietly(folder: Path) -> None:
    env = {**os.environ, "ASSESS_WORKERS": "2", "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-m", "assess", "score", "-f", "jsonl", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert json.loads(first)["respondent"]["name"] == "Person 0 ✓"
    assert "Traceback" not in err
    assert code in (0, 2)
