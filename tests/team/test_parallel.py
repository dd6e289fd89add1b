"""A large JSON-lines file read by several processes gives exactly what one process gives."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assess.infile import records
from assess.model.questionnaire import Questionnaire
from assess.team import line_ranges, load_batch, parallel, score_batch
from assess.team.batch import Batch
from tests.conftest import make_response

_SCORE_FIELDS = ("proficiency", "readiness", "coverage", "match", "spread", "assessed")


def _lines(ml_team: Questionnaire, quick: Questionnaire, n: int) -> list[bytes]:
    """Good records, duplicates far apart (older and newer), bad ones, blank lines,
    CR and CRLF line ends, another questionnaire of the same catalogue."""
    rng = random.Random(5)
    good = make_response(ml_team, {q.id: 1 for q in ml_team.questions[:30]})
    other = make_response(quick, {q.id: 0 for q in quick.questions[:10]})
    out: list[bytes] = []
    for _ in range(n):
        roll = rng.random()
        person = rng.randrange(n // 3)  # about one in three a duplicate
        record: dict[str, Any] = json.loads((other if roll < 0.05 else good).model_dump_json())
        record["respondent"] = {
            "name": f"P {person}",
            "email": f"p{person}@example.org" if roll > 0.3 else None,
            "team": f"T{person % 7}",
        }
        record["updated_at"] = f"2026-11-{1 + rng.randrange(28):02d}T09:00:00Z"
        text = json.dumps(record).encode()
        if roll > 0.97:
            text = text[:-5]  # not JSON
        elif roll > 0.95:
            text = text.replace(b'"status": "complete"', b'"status": "done"')
        end = b"\r\n" if roll < 0.1 else b"\r" if roll < 0.12 else b"\n"
        out.append(text + end + (b"\n" if rng.random() < 0.02 else b""))
    return out


def _load(path: Path, q: Questionnaire | None, ticks: list[int]) -> tuple[Batch, Any]:
    batch = load_batch(q, [path], on_record=lambda: ticks.append(1))
    return batch, score_batch(batch)


def _same(a: tuple[Batch, Any], b: tuple[Batch, Any]) -> None:
    (one, one_scores), (two, two_scores) = a, b
    assert one.sources == two.sources
    assert [p for p in one.people] == [
        p.__class__(*(getattr(p, f) for f in p.__struct_fields__)) for p in two.people
    ]
    assert one.questionnaire_labels() == two.questionnaire_labels()
    for (_, rows, codes), (_, other_rows, other_codes) in zip(
        one.form_rows(), two.form_rows(), strict=True
    ):  # (the columns past a form's questions are not its answers)
        np.testing.assert_array_equal(rows, other_rows)
        np.testing.assert_array_equal(codes, other_codes)
    assert one.skipped == two.skipped
    assert one.duplicates == two.duplicates
    assert one.notes == two.notes
    for field in _SCORE_FIELDS:
        np.testing.assert_array_equal(getattr(one_scores, field), getattr(two_scores, field))


@pytest.mark.parametrize("given", [True, False])
def test_parallel_reading_gives_what_one_process_gives(
    ml_team: Questionnaire,
    quick: Questionnaire,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: bool,
) -> None:
    path = tmp_path / "all.jsonl"
    path.write_bytes(b"".join(_lines(ml_team, quick, 3000)))
    q = ml_team if given else None
    serial_ticks: list[int] = []
    serial = _load(path, q, serial_ticks)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)
    monkeypatch.setattr(parallel, "processes", lambda: 4)
    assert len(line_ranges.starts(str(path), 4, 1024)) == 4
    ticks: list[int] = []
    _same(serial, _load(path, q, ticks))
    assert len(ticks) == len(serial_ticks)
    assert serial[0].duplicates and serial[0].skipped  # (the file has both)


def test_a_failed_worker_leaves_its_range_to_the_main_process(
    ml_team: Questionnaire, quick: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "all.jsonl"
    path.write_bytes(b"".join(_lines(ml_team, quick, 3000)))
    serial = _load(path, None, [])
    work = parallel._work

    def part_way(*args: Any) -> None:  # writes its chunks, then loses the second half
        work(*args)
        out = args[-1]
        os.ftruncate(out, os.fstat(out).st_size // 2)
        os.lseek(out, 0, os.SEEK_END)

    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)
    monkeypatch.setattr(parallel, "processes", lambda: 3)
    monkeypatch.setattr(parallel, "_work", part_way)
    _same(serial, _load(path, None, []))
    monkeypatch.setattr(parallel, "_work", lambda *args: os._exit(3))
    _same(serial, _load(path, None, []))

    def no_room() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(parallel.tempfile, "TemporaryFile", no_room)  # (no worker starts)
    _same(serial, _load(path, None, []))


def test_a_small_file_or_one_core_reads_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "all.jsonl"
    path.write_bytes(b"{}\n" * 100)
    monkeypatch.setattr(parallel, "processes", lambda: 2)
    assert list(parallel.plan_inputs([path])) == [[path]]
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 10)
    assert list(parallel.plan_inputs([path, tmp_path, path])) == [
        parallel.LargeFile(str(path)),
        parallel.Folder(str(tmp_path)),
        parallel.LargeFile(str(path)),
    ]
    monkeypatch.setattr(parallel, "processes", lambda: 1)
    assert list(parallel.plan_inputs([path, tmp_path])) == [[path, tmp_path]]


def test_ranges_begin_after_a_line_feed_and_number_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    data = b'{"a": 1}\r\n\n{"b": 2}\r{"c": 3}\n' * 50
    path.write_bytes(data)
    whole = list(records(path, 1000))
    starts = line_ranges.starts(str(path), 5, 10)
    assert all(data[at - 1 : at] == b"\n" for at in starts[1:])
    shifted, base = [], 0
    for start, stop in zip(starts, [*starts[1:], None], strict=True):
        ranged = records(path, 1000, start, stop)
        while True:
            try:
                number, record = next(ranged)
            except StopIteration as end:
                base += end.value
                break
            shifted.append((base + number, record))
    assert shifted == whole


def test_scores_computed_in_parallel_are_the_same_to_the_bit(
    ml_team: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assess.scoring.engine import CHUNK_ROWS, score
    from assess.team import parallel_scores

    rng = np.random.default_rng(3)
    batch = load_batch(ml_team, [])
    plan = batch.plan
    n = 3 * CHUNK_ROWS + 123
    codes = rng.integers(0, plan.value_table.shape[1], (n, len(plan.question_ids)))
    codes = np.minimum(codes, plan.option_count - 1 + 3 * (rng.random(codes.shape) < 0.2))
    expected = score(plan, codes.astype(np.int16), keep_values=False, calibration=False)
    monkeypatch.setattr(parallel_scores, "processes", lambda: 3)
    for failing in (False, True):
        if failing:  # a worker that dies: its rows are scored by the main process
            monkeypatch.setattr(parallel_scores, "score_into", _dies_in_worker(os.getpid()))
        with parallel_scores.one_blas_thread():
            out = parallel_scores.shared_scores(plan, n)
            parallel_scores.score_in_parallel(out, plan, codes.astype(np.int8))
        for field in _SCORE_FIELDS:
            np.testing.assert_array_equal(getattr(out, field), getattr(expected, field))


def _dies_in_worker(main: int) -> Any:
    from assess.scoring.engine import score_into

    def scored(*args: Any) -> None:
        if os.getpid() != main:
            os._exit(1)
        score_into(*args)

    return scored


def test_a_large_batch_is_scored_in_parallel(
    ml_team: Questionnaire, quick: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assess.team import parallel_scores

    path = tmp_path / "all.jsonl"
    path.write_bytes(b"".join(_lines(ml_team, quick, 3000)))
    batch = load_batch(ml_team, [path])
    serial = score_batch(batch)
    monkeypatch.setattr("assess.team.batch.PARALLEL_ROWS", 10)
    monkeypatch.setattr(parallel_scores, "processes", lambda: 2)
    scores = score_batch(batch)
    for field in _SCORE_FIELDS:
        np.testing.assert_array_equal(getattr(scores, field), getattr(serial, field))


@pytest.mark.parametrize("given", [True, False])
def test_a_folder_read_in_parallel_gives_what_one_process_gives(
    ml_team: Questionnaire,
    quick: Questionnaire,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: bool,
) -> None:
    folder = tmp_path / "team"
    (folder / "sub").mkdir(parents=True)
    for i, line in enumerate(_lines(ml_team, quick, 600)):
        where = folder / "sub" if i % 5 == 0 else folder
        (where / f"r{i:04d}.json").write_bytes(line)
    (folder / "broken.json").symlink_to(tmp_path / "missing.json")
    (folder / "empty.json").write_bytes(b"")
    q = ml_team if given else None
    serial_ticks: list[int] = []
    serial = _load(folder, q, serial_ticks)
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 10)
    monkeypatch.setattr(parallel, "processes", lambda: 3)
    ticks: list[int] = []
    _same(serial, _load(folder, q, ticks))
    assert len(ticks) == len(serial_ticks)
    assert serial[0].duplicates and serial[0].skipped
    monkeypatch.setattr(parallel, "_work", lambda *args: os._exit(3))  # (all read here)
    _same(serial, _load(folder, q, []))
