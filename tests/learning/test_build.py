"""The plan builder: gaps from scoring, steps from the catalogue, efforts added up."""

from __future__ import annotations

import pytest

from assess.errors import UsageError
from assess.learning import build_plan, choose_role, skill_steps, total_effort
from assess.learning.build import NO_STEPS, NOT_ASSESSED
from assess.loading import builtin_dir, load_response
from assess.model.learning import LearningCatalogue
from assess.model.questionnaire import Questionnaire
from assess.model.result import RespondentResult
from assess.scoring import score_responses
from tests.conftest import make_response

EXAMPLES = sorted((builtin_dir() / "examples").glob("*.json"))


def scored(q: Questionnaire, name: str) -> RespondentResult:
    return score_responses(q, [load_response(builtin_dir() / "examples" / f"{name}.json")])[0]


def steps_of(plan: object) -> list[tuple[str, int, int, int, int]]:
    return [
        (item.skill, s.from_level, s.to_level, s.effort.min_hours, s.effort.max_hours)
        for item in plan.items  # type: ignore[attr-defined]
        for s in item.steps
    ]


def test_hand_checked_plan_for_tom(ml_team: Questionnaire, learning: LearningCatalogue) -> None:
    """Tom Okafor aims for MLOps/DevOps Engineer. His gaps (importance x shortfall): ETL
    1.0 of 3 (3 x 2 = 6), monitoring 3.0 of 4 (5 x 1 = 5), ML modelling 0.5 of 2
    (2 x 1.5 = 3). Steps and hours from learning.yaml: etl working 25-50 and practitioner
    60-120, monitoring expert 150-300, ml-modelling aware 8-15 and working 30-60."""
    plan = build_plan(ml_team, scored(ml_team, "tom-okafor"), learning)
    assert (plan.role, plan.role_basis, plan.role_note) == ("mlops-engineer", "target", None)
    assert [(i.skill, i.current, i.required, i.weighted_gap) for i in plan.items] == [
        ("etl", 1.0, 3, 6.0),
        ("monitoring", 3.0, 4, 5.0),
        ("ml-modelling", 0.5, 2, 3.0),
    ]
    assert steps_of(plan) == [
        ("etl", 1, 2, 25, 50),
        ("etl", 2, 3, 60, 120),
        ("monitoring", 3, 4, 150, 300),
        ("ml-modelling", 0, 1, 8, 15),
        ("ml-modelling", 1, 2, 30, 60),
    ]
    assert (plan.total.min_hours, plan.total.max_hours) == (273, 545)
    assert (plan.total.min_weeks, plan.total.max_weeks) == (68.2, 136.2)  # at 4 h a week
    assert plan.all_gaps_total == plan.total and plan.all_gaps_steps == 5
    assert plan.not_planned == [] and all(i.steps_left_out == 0 for i in plan.items)
    first = plan.items[0].steps[0]
    assert first.to_level_name == "working"
    assert first.descriptor == ml_team.skill("etl").levels.working
    assert first.tasks == list(learning.skills["etl"].working.tasks)
    assert [r.id for r in first.resources] == ["de-zoomcamp", "airflow-docs", "fundamentals-de"]
    assert first.resources[2].citation == (
        "Fundamentals of Data Engineering — Joe Reis, Matt Housley (O'Reilly, 2022)"
    )


def test_the_step_limit_cuts_the_plan_gap_by_gap(
    ml_team: Questionnaire, learning: LearningCatalogue
) -> None:
    result = scored(ml_team, "tom-okafor")
    plan = build_plan(ml_team, result, learning, max_steps=3)
    assert [s[:3] for s in steps_of(plan)] == [
        ("etl", 1, 2),
        ("etl", 2, 3),
        ("monitoring", 3, 4),
    ]
    assert [(g.skill, g.steps) for g in plan.not_planned] == [("ml-modelling", 2)]
    assert (plan.total.min_hours, plan.total.max_hours) == (235, 470)
    assert (plan.all_gaps_total.min_hours, plan.all_gaps_total.max_hours) == (273, 545)
    one = build_plan(ml_team, result, learning, max_steps=1)
    assert [(i.skill, len(i.steps), i.steps_left_out) for i in one.items] == [("etl", 1, 1)]
    with pytest.raises(UsageError):
        build_plan(ml_team, result, learning, max_steps=0)


def test_plan_follows_scoring_for_every_example_and_role(
    ml_team: Questionnaire, learning: LearningCatalogue
) -> None:
    """Never re-implemented: the items are the result's gaps in its order (measured gaps
    first, then those of skills not assessed), each with the steps from scoring's next level
    up to the required one."""
    for path in EXAMPLES:
        result = score_responses(ml_team, [load_response(path)])[0]
        for fit in result.roles:
            plan = build_plan(ml_team, result, learning, role=fit.role, max_steps=100)
            gaps = [g for g in fit.gaps if g.current is not None]
            gaps += [g for g in fit.gaps if g.current is None]
            assert [i.skill for i in plan.items] == [g.skill for g in gaps]
            for item, gap in zip(plan.items, gaps, strict=True):
                levels = [s.to_level for s in item.steps]
                assert levels == list(range(gap.next_level, gap.required + 1))
            assert plan.total == total_effort(
                [s for i in plan.items for s in i.steps], learning.hours_per_week
            )


def test_role_choice(ml_team: Questionnaire) -> None:
    tom = scored(ml_team, "tom-okafor")
    assert choose_role(tom, "data-engineer")[:2][1] == "asked"
    with pytest.raises(
        UsageError, match=r"unknown role 'ml-enginer' \(did you mean 'ml-engineer'\?\)"
    ):
        choose_role(tom, "ml-enginer")
    lena = scored(ml_team, "lena-fischer")  # no target role: the best match
    assert lena.target_role is None
    fit, basis, note = choose_role(lena)
    assert (fit.role, basis, note) == (lena.best_role, "best_match", None)


def test_no_best_role_plans_for_the_highest_readiness(
    ml_team: Questionnaire, learning: LearningCatalogue
) -> None:
    response = make_response(ml_team, {"sql-rating": 3, "etl-rating": 2, "data-quality-rating": 2})
    result = score_responses(ml_team, [response])[0]
    assert result.best_role is None
    plan = build_plan(ml_team, result, learning)
    best = max(r.readiness for r in result.roles)
    assert plan.role_basis == "highest_readiness" and plan.readiness == best
    assert plan.role == next(r.role for r in result.roles if r.readiness == best)
    assert plan.role_note is not None and plan.role_note.startswith("No best role: only 3 skill(s)")


def test_a_skill_not_assessed_is_planned_from_level_0(
    ml_team: Questionnaire, learning: LearningCatalogue
) -> None:
    answers = {"etl-rating": 3, "sql-rating": "skip", "data-cleaning-rating": 3}
    response = make_response(ml_team, answers, target_role="data-engineer")
    result = score_responses(ml_team, [response])[0]
    plan = build_plan(ml_team, result, learning, max_steps=100)
    sql = next(i for i in plan.items if i.skill == "sql")
    assert sql.current is None and sql.note == NOT_ASSESSED
    assert [s.to_level for s in sql.steps] == [1, 2, 3, 4]


def test_a_skill_without_steps_is_noted_and_costs_no_step(
    ml_team: Questionnaire, learning: LearningCatalogue
) -> None:
    partial = learning.model_copy(
        update={"skills": {k: v for k, v in learning.skills.items() if k != "etl"}}
    )
    plan = build_plan(ml_team, scored(ml_team, "tom-okafor"), partial, max_steps=3)
    etl = plan.items[0]
    assert (etl.skill, etl.steps, etl.steps_left_out, etl.note) == ("etl", [], 2, NO_STEPS)
    assert [s[:3] for s in steps_of(plan)] == [
        ("monitoring", 3, 4),
        ("ml-modelling", 0, 1),
        ("ml-modelling", 1, 2),
    ]
    assert plan.all_gaps_steps == 5 and plan.all_gaps_total.min_hours == 273 - 25 - 60


def test_skill_steps_for_other_views(ml_team: Questionnaire, learning: LearningCatalogue) -> None:
    sql = ml_team.skill("sql")
    steps = skill_steps(learning, sql, 1, 3)
    assert steps is not None and [s.to_level_name for s in steps] == ["working", "practitioner"]
    assert skill_steps(learning, sql, 3, 3) == []
    total = total_effort(steps, learning.hours_per_week)
    assert (total.min_hours, total.max_hours) == (20 + 50, 40 + 100)


def test_measured_gaps_come_before_skills_not_assessed(
    quick: Questionnaire, learning: LearningCatalogue
) -> None:
    """A quick-form taker aiming at Data Engineer: SQL and ETL were measured low; data
    cleaning and quality were never asked (counted as 0, so scoring ranks them first). The
    plan starts with what was measured."""
    from tests.person.helpers import DAY0, response

    answered = response(quick, {"sql": 2, "etl": 2}, DAY0, default=3, target="data-engineer")
    result = score_responses(quick, [answered])[0]
    fit = next(f for f in result.roles if f.role == "data-engineer")
    measured = [g.current is not None for g in fit.gaps]
    assert measured.index(False) < measured.index(True)  # (premise: one unassessed ranks first)
    plan = build_plan(quick, result, learning, role="data-engineer", max_steps=3)
    assert [i.skill for i in plan.items][:2] == ["sql", "etl"] or [i.skill for i in plan.items][
        :2
    ] == ["etl", "sql"]
    assert all(item.skill in {"sql", "etl"} for item in plan.items)
