"""The survey tests drive a frozen 14-question form, not the built-in `quick` (whose items
change with the content): key sequences and snapshots stay meaningful. New surveys get a
fixed option seed, so a digit picks the same check option every run."""

from __future__ import annotations

import pytest

from assess.loading import load_questionnaire
from assess.model.questionnaire import Questionnaire
from tests.tui.helpers import SEED, copy_survey_form


@pytest.fixture(scope="session")
def quick(tmp_path_factory: pytest.TempPathFactory) -> Questionnaire:
    return load_questionnaire(copy_survey_form(tmp_path_factory.mktemp("survey14")))


@pytest.fixture(autouse=True)
def fixed_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assess.survey.controller.new_option_seed", lambda: SEED)
