"""A team of responses to several questionnaires: each scored against its own, those of
one catalogue shown together, another catalogue left out with the reason."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import assess.scorable
from assess.loading import builtin_dir, load_questionnaire
from assess.scoring import score_responses
from assess.storage import save_response
from assess.team import MixedForms, load_batch, score_batch, score_team
from tests.cli.test_score_stream import responses
from tests.conftest import FIXTURES

ML_TEAM = load_questionnaire(builtin_dir() / "ml-team.yaml")
QUICK = load_questionnaire(builtin_dir() / "quick.yaml")
TINY = load_questionnaire(FIXTURES / "tiny.yaml")


def _mixed(folder: Path) -> dict[str, list[str]]:
    """Quick and full responses in one folder, in an order that mixes them."""
    folder.mkdir(parents=True, exist_ok=True)
    named = {
        q.id: [
            r.model_copy(
                update={"respondent": r.respondent.model_copy(update={"name": f"{q.id} {i}"})}
            )
            for i, r in enumerate(responses(q, seed, n))
        ]
        for q, seed, n in ((ML_TEAM, 11, 7), (QUICK, 12, 5))
    }
    order = [*named["ml-team"], *named["quick"]]
    random.Random(3).shuffle(order)
    for i, response in enumerate(order):
        save_response(folder / f"r{i:02d}.json", response)
    return {qid: [r.respondent.name for r in rs] for qid, rs in named.items()}


def test_each_response_is_scored_against_the_questionnaire_it_names(tmp_path: Path) -> None:
    names = _mixed(tmp_path / "team")
    batch = load_batch(None, [tmp_path / "team"])
    assert len(batch) == 12 and batch.skipped == []
    assert [f.label for f in batch.forms_used] == ["ml-team v2.0", "quick v2.0"]
    assert batch.questionnaire.id == "ml-team"  # most people answered it
    with pytest.raises(MixedForms):
        _ = batch.codes
    scores = score_batch(batch)
    labels = batch.questionnaire_labels()
    for q in (ML_TEAM, QUICK):
        rows = [i for i, label in enumerate(labels) if label.startswith(q.id + " ")]
        assert sorted(batch.names[i] for i in rows) == sorted(names[q.id])
        files = [Path(batch.sources[i]) for i in rows]
        from assess.loading import load_response

        alone = score_responses(q, [load_response(f) for f in files])
        expected = np.array(
            [[np.nan if v is None else v for v in r.skills.values()] for r in alone]
        )
        np.testing.assert_allclose(scores.proficiency[rows].round(3), expected)
        for k, role in enumerate(q.roles):
            got = scores.readiness[rows, k].round(2)
            want = [next(f for f in r.roles if f.role == role.id).readiness for r in alone]
            np.testing.assert_allclose(got, want)
    # a skill quick does not ask is not assessed for its people, and coverage says so
    quick_rows = [i for i, label in enumerate(labels) if label.startswith("quick")]
    nosql = list(scores.plan.skill_ids).index("nosql")
    assert np.isnan(scores.proficiency[quick_rows, nosql]).all()
    team = score_team(None, batch)
    assert team.analysis.proficiency.shape == (12, len(ML_TEAM.skills))
    from assess.report.team import render_team_report

    assert "Careless responding" in render_team_report(batch.questionnaire, team)


def test_minus_q_only_filters(tmp_path: Path) -> None:
    _mixed(tmp_path / "team")
    batch = load_batch(QUICK, [tmp_path / "team"])
    assert len(batch) == 5 and len(batch.skipped) == 7
    assert {s.reason for s in batch.skipped} == {
        "questionnaire_id: answers questionnaire 'ml-team', not 'quick'"
    }
    assert batch.codes.shape == (5, len(QUICK.questions))


def test_another_catalogue_is_left_out_and_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = assess.scorable.builtin_questionnaire
    monkeypatch.setattr(
        assess.scorable,
        "builtin_questionnaire",
        lambda name, version=None: (
            FIXTURES / "tiny.yaml" if name == "tiny" else real(name, version)
        ),
    )
    _mixed(tmp_path / "team")
    for i, response in enumerate(responses(TINY, 4, 3)):
        save_response(tmp_path / "team" / f"tiny{i}.json", response)
    batch = load_batch(None, [tmp_path / "team"])
    assert len(batch) == 12
    left_out = [s for s in batch.skipped if s.source.rsplit("/", 1)[-1].startswith("tiny")]
    assert len(left_out) == 3
    assert "answers tiny v1, whose skills and roles differ from those of ml-team v2.0, " in (
        left_out[0].reason
    )
    (note,) = batch.notes
    assert note.startswith("3 response(s) to tiny v1 left out")


def test_a_folder_of_quick_responses_is_a_team(tmp_path: Path) -> None:
    """`assess team` once defaulted to ml-team: "error: no response could be scored"."""
    folder = tmp_path / "quick"
    folder.mkdir()
    for i, response in enumerate(responses(QUICK, 5, 4)):
        save_response(folder / f"q{i}.json", response)
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "assess",
            "team",
            str(folder),
            "-o",
            str(out / "t.html"),
            "--csv",
            str(out / "csv"),
            "--parquet",
            str(out / "parquet"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "4 people scored" in " ".join(proc.stdout.split())
    import pandas as pd

    skills = pd.read_parquet(out / "parquet" / "skills.parquet")
    assert list(skills.columns) == ["person", "team", "skill", "proficiency", "assessed"]
    assert skills["proficiency"].dtype == float and len(skills) == 4 * len(QUICK.skills)
    csv_skills = pd.read_csv(out / "csv" / "skills.csv")
    pd.testing.assert_frame_equal(csv_skills, skills, check_dtype=False)


def test_unknown_questionnaire_names_are_skipped_with_the_reason(tmp_path: Path) -> None:
    save_response(tmp_path / "ok.json", responses(QUICK, 6, 1)[0])
    other = json.loads((tmp_path / "ok.json").read_text())
    other["questionnaire_id"] = "../crafted"
    (tmp_path / "other.json").write_text(json.dumps(other))
    old = dict(other, questionnaire_id="quick", questionnaire_version="0.9")  # (not kept)
    (tmp_path / "old.json").write_text(json.dumps(old))
    batch = load_batch(None, [tmp_path])
    reasons = {Path(s.source).name: s.reason for s in batch.skipped}
    assert "which is not built in" in reasons["other.json"]
    assert reasons["old.json"].startswith(
        "questionnaire_version: answers version 0.9 of 'quick', not version 2.0"
    )
    assert len(batch) == 1 and batch.questionnaire is not None


def test_a_folder_of_ml_team_1_0_and_2_0_responses_is_scored(tmp_path: Path) -> None:
    """Responses written before version 2.0 are scored against the 1.0 questions they
    answered (``ml-team@1.0.yaml``, found as ``assess score`` finds it), beside 2.0 ones:
    one catalogue, one team."""
    old_q = load_questionnaire(builtin_dir() / "ml-team@1.0.yaml")
    folder = tmp_path / "team"
    folder.mkdir()
    for q, seed, n in ((ML_TEAM, 21, 4), (old_q, 22, 3)):
        for i, r in enumerate(responses(q, seed, n)):
            who = r.respondent.model_copy(update={"name": f"{q.version} {i}"})
            save_response(
                folder / f"v{q.version}-{i}.json", r.model_copy(update={"respondent": who})
            )
    old_file = FIXTURES / "v1" / "priya-sharma-1.0.json"
    (folder / "priya.json").write_bytes(old_file.read_bytes())
    batch = load_batch(None, [folder])
    assert batch.skipped == [] and len(batch) == 8
    assert sorted(f.label for f in batch.forms_used) == ["ml-team v1.0", "ml-team v2.0"]
    scores = score_batch(batch)
    # each row equals that response scored alone against its own version
    for path in sorted(folder.glob("*.json")):
        q, plan, response = assess.scorable.load_scorable(path, None)
        alone = score_responses(q, [response], plan)[0]
        row = batch.sources.index(str(path))
        for s, skill in enumerate(scores.plan.skill_ids):
            expected = alone.skills.get(skill)
            got = scores.proficiency[row, s]
            if expected is None:
                assert np.isnan(got), (path.name, skill)
            else:
                assert round(float(got), 3) == expected, (path.name, skill)
    team = subprocess.run(
        [sys.executable, "-m", "assess", "team", str(folder), "-o", str(tmp_path / "t.html")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert team.returncode == 0, team.stderr
    assert "skipped" not in team.stderr
