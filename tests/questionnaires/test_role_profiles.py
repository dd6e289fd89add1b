"""The built-in role profiles are complete, distinct and follow the seeds."""

from __future__ import annotations

import numpy as np

from assess.model.profiles import distinctive_skills, profile_matrix
from assess.model.questionnaire import Questionnaire
from assess.scoring import score_responses
from tests.validity.conftest import Persona, answer_as

MAX_COSINE = 0.85


def _cosines(q: Questionnaire) -> np.ndarray:
    matrix = np.array(profile_matrix(q), dtype=float)
    norms = np.linalg.norm(matrix, axis=1)
    return matrix @ matrix.T / np.outer(norms, norms)


def test_profiles_are_complete(ml_team: Questionnaire) -> None:
    skills = {s.id for s in ml_team.skills}
    for role in ml_team.roles:
        assert set(role.requirements) | set(role.typical) == skills, role.id
        assert not set(role.requirements) & set(role.typical), role.id


def test_no_two_profiles_alike(ml_team: Questionnaire) -> None:
    cos = _cosines(ml_team)
    ids = [r.id for r in ml_team.roles]
    print("\ncosine similarity of the complete role profiles")
    print(" " * 20 + " ".join(f"{i[:6]:>6}" for i in ids))
    for role_id, row in zip(ids, cos, strict=True):
        print(f"{role_id:20s}" + " ".join(f"{v:6.2f}" for v in row))
    off_diagonal = cos[~np.eye(len(ids), dtype=bool)]
    assert off_diagonal.max() <= MAX_COSINE


def test_every_role_has_two_skills_that_set_it_apart(ml_team: Questionnaire) -> None:
    print()
    for role in ml_team.roles:
        apart = distinctive_skills(ml_team, role.id)
        print(f"{role.id:20s} {', '.join(apart)}")
        assert len(apart) >= 2, role.id


def test_distinctive_skills_control(ml_team: Questionnaire) -> None:
    """The rule can fail: a role at the average level of all roles sets itself apart on
    nothing."""
    matrix = np.array(profile_matrix(ml_team), dtype=float)
    average = np.rint(matrix.mean(axis=0)).astype(int)
    bland = ml_team.roles[0].model_copy(
        update={
            "id": "bland",
            "requirements": {},
            "typical": {s.id: int(v) for s, v in zip(ml_team.skills, average, strict=True)},
        }
    )
    q = ml_team.model_copy(update={"roles": [*ml_team.roles, bland]})
    assert distinctive_skills(q, "bland") == []


def _level(q: Questionnaire, role: str, skill: str) -> int:
    return q.role(role).profile_level(skill)


def test_engineering_roles_differ_as_the_seeds_say(ml_team: Questionnaire) -> None:
    q = ml_team
    # seed 000: the production engineer deploys, with traditional IT practices and staged releases
    for other in ("mlops-engineer", "ml-engineer", "developer"):
        assert _level(q, "production-engineer", "release-operations") > _level(
            q, other, "release-operations"
        )
        assert _level(q, "production-engineer", "deployment") > _level(q, other, "deployment")
    # seeds 001/003: MLOps automates deployment and monitoring on infrastructure as code
    for other in ("production-engineer", "ml-engineer", "developer"):
        for skill in ("infrastructure", "ci-cd", "monitoring"):
            assert _level(q, "mlops-engineer", skill) > _level(q, other, skill), (other, skill)
    # seed 002: the ML engineer translates prototypes into robust code and owns the architecture
    for other in ("production-engineer", "mlops-engineer", "developer"):
        assert _level(q, "ml-engineer", "ml-productionisation") > _level(
            q, other, "ml-productionisation"
        )
        assert _level(q, "ml-engineer", "ml-modelling") > _level(q, other, "ml-modelling")
    # seed 003: the developer integrates ML into end-user applications; not an ML role
    for other in ("production-engineer", "mlops-engineer", "ml-engineer"):
        assert _level(q, "developer", "app-integration") > _level(q, other, "app-integration")
        assert _level(q, "developer", "software-engineering") > _level(
            q, other, "software-engineering"
        )
        assert _level(q, "developer", "ml-modelling") < _level(q, "ml-engineer", "ml-modelling")


def test_only_the_distinctive_skills_rank_that_role_first(ml_team: Questionnaire) -> None:
    """A person strong in exactly one role's distinctive skills, and nothing else, is
    matched with that role."""
    q = ml_team
    for role in q.roles:
        apart = distinctive_skills(q, role.id)
        levels = {s.id: (4 if s.id in apart else 0) for s in q.skills}
        (result,) = score_responses(q, [answer_as(Persona("p", role.id, levels, {}), q)])
        assert result.best_role == role.id, (role.id, apart, [r.role for r in result.roles][:3])
