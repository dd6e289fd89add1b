"""Shared by the Pilot and tmux tests of the survey."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assess.answers import option_order
from assess.loading import builtin_dir, load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Answer, Respondent, Response, Status
from assess.storage import save_response
from assess.tui.app import AssessApp, make_app
from tests.conftest import FIXTURES, STAMP

SIZE = (100, 30)
SEED = 20261102
"""The option seed of the responses these tests make (files, and new surveys: see
``fixed_seed``), so a digit picks the same option every run."""


def copy_survey_form(folder: Path) -> Path:
    """The frozen 14-question form the survey tests drive (``tests/fixtures/survey14.yaml``:
    not the built-in ``quick``, whose items change with the content), with the built-in
    catalogue beside it. Ratings 0-3, the check of ``ml-modelling`` at 4, ratings 5-8, the
    check of ``monitoring`` at 9, ratings 10-13."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(builtin_dir() / "catalogue", folder / "catalogue", dirs_exist_ok=True)
    shutil.copy(FIXTURES / "survey14.yaml", folder / "survey14.yaml")
    return folder / "survey14.yaml"


def app_for(q: Questionnaire, tmp_path: Path, **kwargs: Any) -> AssessApp:
    return make_app(
        q,
        responses_dir=tmp_path / "responses",
        reports_dir=tmp_path / "reports",
        handle_signals=False,
        **kwargs,
    )


def saved(tmp_path: Path, stem: str = "ada-lovelace") -> Response:
    return load_response(tmp_path / "responses" / f"{stem}.json")


def value_of(q: Questionnaire, question_id: str, key: str, seed: int | None) -> Answer:
    """What pressing ``key`` on question ``question_id`` stores, for a response whose
    option seed is ``seed`` (check options are shown shuffled; the authored index is
    stored)."""
    question = q.question(question_id)
    if question.kind == "rating":
        return int(key)
    if key == "0":
        return "dont_know"
    return option_order(seed, question.id, len(question.options))[int(key) - 1]


def expected_values(q: Questionnaire, keys: str, seed: int | None) -> dict[str, Answer]:
    """What pressing one digit per question stores."""
    return {
        question.id: value_of(q, question.id, key, seed)
        for question, key in zip(q.questions, keys, strict=False)
    }


def existing(
    q: Questionnaire,
    tmp_path: Path,
    answers: Mapping[str, Answer],
    status: Status = Status.in_progress,
    seed: int | None = SEED,
    path: Path | None = None,
    **respondent: str,
) -> Path:
    """A response file already there (by default where Ada Lovelace's goes)."""
    path = path or tmp_path / "responses" / "ada-lovelace.json"
    save_response(
        path,
        Response(
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            respondent=Respondent(name="Ada Lovelace", **respondent),
            answers=dict(answers),
            option_seed=seed,
            status=status,
            started_at=STAMP,
            updated_at=STAMP,
            completed_at=STAMP if status == Status.complete else None,
        ),
    )
    return path
