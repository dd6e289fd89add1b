"""A team's coverage is computed for the rows it shows (each person's best role, each
role's candidate, each seat), not as people x roles beside the analysis; the exports
take the whole table when written. Its values are those of the whole array."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from assess.cli import main
from assess.loading import builtin_dir
from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores, role_coverage
from assess.team import load_batch, score_team
from assess.team.analysis import TeamAnalysis

EXAMPLES = builtin_dir().parent / "questionnaires" / "examples"
DERIVED = ("coverage", "spread", "assessed")


def _not_asked(name: str) -> property:
    def fail(self: object) -> None:
        raise AssertionError(f"the team asked for every person's {name}")

    return property(fail)


EXPORTS = ["--csv", "csv", "--xlsx", "team.xlsx", "--parquet", "parquet"]


@pytest.mark.parametrize("exports", [False, True])
def test_assess_team_never_takes_whole_derived_arrays(tmp_path: Path, exports: bool) -> None:
    """Report, terminal, staffing (and exports), with the whole-array properties made to
    fail: the scores' always; the analysis' unless exports are written (they take the
    whole coverage table as they write it)."""
    patches = [mock.patch.object(Scores, name, _not_asked(name)) for name in DERIVED]
    if not exports:
        patches.append(mock.patch.object(TeamAnalysis, "coverage", _not_asked("coverage")))
    out = [str(tmp_path / arg) if i % 2 else arg for i, arg in enumerate(EXPORTS)]
    for patch in patches:
        patch.start()
    try:
        main(
            ["team", str(EXAMPLES), "-o", str(tmp_path / "team.html")]
            + ["--roles", "ml-engineer:2,data-engineer"]
            + (out if exports else [])
        )
    except SystemExit as stop:
        assert stop.code == 0
    finally:
        for patch in patches:
            patch.stop()
    assert (tmp_path / "team.html").exists()
    assert (tmp_path / "csv" / "fits.csv").exists() == exports


def test_shown_coverage_is_the_whole_arrays(ml_team: Questionnaire) -> None:
    seats = [("ml-engineer", 2), ("data-engineer", 1)]
    team = score_team(ml_team, load_batch(ml_team, [EXAMPLES]), seats=seats)
    scores, a = team.scores, team.analysis
    whole = role_coverage(scores.proficiency, scores.plan.required, scores.plan.importance)
    assert not any(name in vars(scores) for name in DERIVED)  # (nothing kept)
    role_ids = list(scores.plan.role_ids)
    best = [role_ids.index(r) if r else -1 for r in a.people["best_role"].tolist()]
    expected = [whole[i, k] if k >= 0 else np.nan for i, k in enumerate(best)]
    np.testing.assert_array_equal(a.people["coverage"].to_numpy(), expected)
    names = a.proficiency.index.tolist()
    for k, person in enumerate(a.candidates["candidate"].tolist()):
        value = a.candidates["coverage"].iloc[k]
        assert value == whole[names.index(person), k] if person else np.isnan(value)
    assert a.staffing is not None and a.staffing.assignments
    for seat in a.staffing.assignments:
        assert seat.coverage == whole[seat.person, role_ids.index(seat.role)]
    np.testing.assert_array_equal(a.coverage.to_numpy(), whole)
    assert a.coverage.index.equals(a.proficiency.index)
    np.testing.assert_array_equal(a.coverage_of(slice(3)).to_numpy(), whole[:3])


@pytest.mark.parametrize("rows", [0, 1, 5])
def test_coverage_at_no_rows_or_few(ml_team: Questionnaire, rows: int) -> None:
    team = score_team(ml_team, load_batch(ml_team, [EXAMPLES]))
    scores = team.scores
    picked = np.arange(rows, dtype=np.intp) % len(scores.proficiency)
    roles = np.arange(rows, dtype=np.intp) % len(scores.plan.role_ids)
    got = scores.coverage_at(picked, roles)
    assert got.shape == (rows,)
    np.testing.assert_array_equal(got, scores.coverage_of(picked)[np.arange(rows), roles])
