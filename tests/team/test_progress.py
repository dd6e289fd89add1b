"""The batch progress bar: shown only on a terminal and only once a batch is slow, with
the records found so far as its total."""

from __future__ import annotations

import io
import json
from pathlib import Path

from assess.model.questionnaire import Questionnaire
from assess.team import load_batch
from assess.team.progress import batch_progress
from tests.team.test_team import write_team


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(stream: io.StringIO, delay: float) -> str:
    with batch_progress("Reading responses", delay=delay, stream=stream) as progress:
        progress.found(1000)
        for _ in range(512):
            progress.tick()
        progress.found(500)  # a JSON-lines file read: more records than counted
    return stream.getvalue()


def test_bar_counts_against_the_records_found() -> None:
    shown = run(Terminal(), delay=0)
    assert "Reading responses" in shown and "512/1500" in shown


def test_no_bar_off_a_terminal_or_on_a_quick_batch() -> None:
    assert run(io.StringIO(), delay=0) == ""
    assert run(Terminal(), delay=60) == ""


def test_load_batch_finds_every_record_it_reads(tiny: Questionnaire, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    files = write_team(tiny, folder)  # five files
    lines = tmp_path / "more.jsonl"
    records = [json.loads(path.read_text()) for path in files[:3]]
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n\n")  # 3 + a blank
    found: list[int] = []
    ticks: list[None] = []
    load_batch(
        tiny,
        [folder, lines, files[0]],
        on_record=lambda: ticks.append(None),
        on_found=found.append,
    )
    # the two files given; the folder's five; the lines' extra three (a JSON-lines file's
    # line ends are counted, the blank one too: a byte search, not a parse)
    assert found == [2, 5, 3]
    assert len(ticks) == 5 + 3 + 1 <= sum(found)


def test_elapsed_time_counts_from_the_start_of_the_batch() -> None:
    """The bar appears after a second; its clock must not start from zero then."""
    stream = Terminal()
    with batch_progress("Reading responses", delay=0, stream=stream) as progress:
        progress._start -= 75  # the batch began 75 s ago
        progress.found(1000)
        for _ in range(512):
            progress.tick()
    assert "0:01:15" in stream.getvalue()
