"""The survey tests drive a frozen 14-question form, not the built-in `quick` (whose items
change with the content): key sequences and snapshots stay meaningful."""

from __future__ import annotations

import shutil

import pytest

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import Questionnaire
from tests.conftest import FIXTURES


@pytest.fixture(scope="session")
def quick(tmp_path_factory: pytest.TempPathFactory) -> Questionnaire:
    folder = tmp_path_factory.mktemp("survey14")
    shutil.copytree(builtin_dir() / "catalogue", folder / "catalogue")
    shutil.copy(FIXTURES / "survey14.yaml", folder / "survey14.yaml")
    return load_questionnaire(folder / "survey14.yaml")
