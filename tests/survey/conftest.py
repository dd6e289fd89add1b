"""The survey flow is tested on the same frozen form as the screens (see tests/tui)."""

from __future__ import annotations

import pytest

from assess.loading import load_questionnaire
from assess.model.questionnaire import Questionnaire
from tests.tui.helpers import copy_survey_form


@pytest.fixture(scope="session")
def quick(tmp_path_factory: pytest.TempPathFactory) -> Questionnaire:
    return load_questionnaire(copy_survey_form(tmp_path_factory.mktemp("survey14")))
