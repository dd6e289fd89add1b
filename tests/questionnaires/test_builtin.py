"""The shipped questionnaires: valid, and holding what the seeds call for."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import ChoiceQuestion, Questionnaire

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_ROLES = {
    "business-analyst": "Business Analyst",
    "data-engineer": "Data Engineer",
    "data-scientist": "Data Scientist",
    "ml-engineer": "ML Engineer",
    "production-engineer": "Production Engineer",
    "mlops-engineer": "MLOps/DevOps Engineer",
    "ml-researcher": "ML Researcher",
    "developer": "Developer",
    "data-labeler": "Data Labeler",
    "domain-expert": "Domain Expert",
}

TWO_CHECKS = (
    *("sql", "etl", "data-access", "statistics", "mathematics", "python-r", "ml-modelling"),
    *("ml-productionisation", "app-integration", "release-operations", "business-framing"),
    *("communication", "domain-knowledge", "annotation-quality", "state-of-the-art"),
    "algorithm-design",
)
"""Skills with at least two knowledge checks in ml-team."""


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_questionnaire_validates(path: Path) -> None:
    q = load_questionnaire(path)
    assert q.questions and q.roles


def test_ml_team_covers_the_seed_skill_areas(ml_team: Questionnaire) -> None:
    assert len(ml_team.skills) >= 20
    assert {a.id for a in ml_team.areas} == {
        "data-engineering",
        "data-science",
        "engineering",
        "business",
        "labeling",
        "research",
    }
    names = " ".join(f"{s.name} {s.description}".lower() for s in ml_team.skills)
    for needed in (
        "sql",
        "nosql",
        "cql",
        "graphql",
        "etl",
        "cleaning",
        "quality",
        "statistics",
        "probability",
        "mathematics",
        "python",
        "ci/cd",
        "deployment",
        "infrastructure",
        "monitoring",
        "business",
        "domain",
        "annotation",
        "labeling",
        "state of the art",
        "algorithm",
    ):
        assert needed in names, needed


def test_ml_team_has_a_rating_for_every_skill_and_enough_checks(ml_team: Questionnaire) -> None:
    rated = {x.skill for x in ml_team.questions if x.kind == "rating"}
    assert rated == {s.id for s in ml_team.skills}
    checks = [x for x in ml_team.questions if isinstance(x, ChoiceQuestion)]
    assert len(checks) >= 15
    assert 45 <= len(ml_team.questions) <= 80
    for check in checks:
        assert sum(o.correct for o in check.options) == 1
        assert len(check.options) >= 3, check.id
    # evidence beyond self-rating on every skill; two checks on the core technical skills and
    # on the skills a role needs at level 3+ with importance 5 that have no other check
    per_skill = {s.id: sum(c.skill == s.id for c in checks) for s in ml_team.skills}
    assert min(per_skill.values()) >= 1, per_skill
    for skill in TWO_CHECKS:
        assert per_skill[skill] >= 2, skill
    # honest length: about 15 s per rating and 20 s per check
    seconds = 15 * len(rated) + 20 * len(checks)
    assert abs(ml_team.estimated_minutes - seconds / 60) <= 2, seconds / 60


def test_checks_are_named_after_their_skill(ml_team: Questionnaire, quick: Questionnaire) -> None:
    for q in (ml_team, quick):
        for check in q.questions:
            assert check.id.startswith(check.skill + "-"), check.id


def test_all_ten_seed_roles_with_seed_sources(ml_team: Questionnaire) -> None:
    assert {r.id: r.name for r in ml_team.roles} == SEED_ROLES
    seed_files = {p.name for p in SEEDS.glob("*.txt")} if SEEDS.is_dir() else set()
    for role in ml_team.roles:
        cited = [
            s.split(":")[0].removeprefix("seed ").strip()
            for s in role.source
            if s.startswith("seed ")
        ]
        assert cited, f"{role.id} cites no seed"
        if seed_files:
            assert set(cited) <= seed_files, role.id


def test_every_skill_names_its_source(ml_team: Questionnaire) -> None:
    for skill in ml_team.skills:
        assert any(s.startswith("seed ") for s in skill.source), skill.id


def test_quick_form_is_short_and_scores_the_same_roles(
    quick: Questionnaire, ml_team: Questionnaire
) -> None:
    ratings = [x for x in quick.questions if x.kind == "rating"]
    checks = [x for x in quick.questions if isinstance(x, ChoiceQuestion)]
    assert 10 <= len(ratings) <= 15
    assert len(checks) == len(ratings)  # one check per self-rating
    seconds = 15 * len(ratings) + 20 * len(checks)  # about 15 s a rating, 20 s a check
    assert abs(quick.estimated_minutes - seconds / 60) <= 1, seconds / 60
    assert quick.estimated_minutes <= 8
    assert [r.id for r in quick.roles] == [r.id for r in ml_team.roles]
    asked = set(quick.asked_skill_ids)
    for role in quick.roles:  # every role is at least partly assessed by the short form
        assert asked & set(role.requirements), role.id
