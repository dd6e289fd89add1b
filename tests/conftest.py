from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import Questionnaire
from assess.model.response import Answer, Respondent, Response, Status

# CI gates a landing on the examples a developer can run again: the same examples every run
# (CI=true), where a local run keeps exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

FIXTURES = Path(__file__).parent / "fixtures"
STAMP = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
"""A fixed time for responses made in tests (results must not change run to run)."""
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the questionnaire cache of test runs out of the user's own cache folder."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def ml_team() -> Questionnaire:
    return load_questionnaire(builtin_dir() / "ml-team.yaml")


@pytest.fixture(scope="session")
def quick() -> Questionnaire:
    return load_questionnaire(builtin_dir() / "quick.yaml")


@pytest.fixture(scope="session")
def tiny() -> Questionnaire:
    return load_questionnaire(FIXTURES / "tiny.yaml")


def make_response(
    q: Questionnaire, answers: Mapping[str, Answer], name: str = "Test Person", **respondent: str
) -> Response:
    return Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=Respondent(name=name, **respondent),
        answers=dict(answers),
        started_at=STAMP,
        updated_at=STAMP,
        status=Status.complete,
    )


# The tmux fixtures, for tests/e2e and tests/hostile alike (one definition, so one server).
from tests.e2e.fixtures import form, terminal, tmux_server  # noqa: E402, F401
