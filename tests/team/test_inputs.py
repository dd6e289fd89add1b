"""Where a record came from: JSON-lines records are numbered until a name is shown."""

from __future__ import annotations

import json
from pathlib import Path

from assess.model.questionnaire import Questionnaire
from assess.team import load_batch
from assess.team.inputs import LineFiles, iter_records


def test_numbered_records_are_named_file_and_line() -> None:
    lines = LineFiles()
    first, second = lines.add("a.jsonl"), lines.add("b.jsonl")
    assert (first, second) == (0, 1)
    assert lines.name(7 << LineFiles.BITS | 1) == "b.jsonl:7"
    assert lines.name("c.json") == "c.json"


def test_records_are_named_by_text_without_a_line_files(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n\n{"a": 2}\n')
    assert [source for source, _ in iter_records([path])] == [f"{path}:1", f"{path}:3"]
    lines = LineFiles()
    numbered = [source for source, _ in iter_records([path], lines=lines)]
    assert [lines.name(source) for source in numbered] == [f"{path}:1", f"{path}:3"]


def test_batch_sources_name_the_line(tiny: Questionnaire, tmp_path: Path) -> None:
    from tests.team.test_team import write_team

    write_team(tiny, tmp_path)
    records = [json.loads(p.read_text()) for p in sorted(tmp_path.glob("*.json"))]
    (tmp_path / "all.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    for p in tmp_path.glob("*.json"):
        p.unlink()
    batch = load_batch(tiny, [tmp_path / "all.jsonl"])
    assert batch.sources == [f"{tmp_path / 'all.jsonl'}:{i + 1}" for i in range(len(records))]
    assert batch.source_name(batch.people[0]) == batch.sources[0]
