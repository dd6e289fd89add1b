"""The built-in learning catalogue: valid, complete, and citing only what can be checked."""

from __future__ import annotations

import re
from collections import Counter

from assess.learning.load import SkillCatalogue
from assess.model.learning import STEP_NAMES, LearningCatalogue
from assess.model.questionnaire import Questionnaire
from assess.yamlsource import parse_yaml_mapping, read_text
from tests.learning.conftest import CATALOGUE

HTTPS = re.compile(r"^https://[A-Za-z0-9.-]+(/[^\s<>\"'`\\]*)?$")


def _catalogue_skills() -> list[str]:
    path = CATALOGUE / "skills.yaml"
    root = parse_yaml_mapping(path, read_text(path, what="skills"), what="skills")
    return [s.id for s in SkillCatalogue.model_validate(root).skills]


def test_every_skill_and_step_is_covered(learning: LearningCatalogue) -> None:
    skills = _catalogue_skills()
    assert len(skills) == 29
    assert sorted(learning.skills) == sorted(skills)
    for sid in skills:
        steps = learning.skills[sid]
        for level, name in enumerate(STEP_NAMES, start=1):
            assert steps.to_level(level) is getattr(steps, name)
    assert learning.step_count() == 29 * 4


def test_built_in_questionnaires_have_steps_for_every_skill(
    learning: LearningCatalogue, ml_team: Questionnaire, quick: Questionnaire
) -> None:
    for q in (ml_team, quick):
        assert {s.id for s in q.skills} <= set(learning.skills)


def test_every_step_has_tasks_resources_and_an_effort(learning: LearningCatalogue) -> None:
    for sid, steps in learning.skills.items():
        for name in STEP_NAMES:
            step = getattr(steps, name)
            where = f"{sid}.{name}"
            assert 2 <= len(step.tasks) <= 4, where
            assert all(len(task) >= 20 and task[0].isupper() for task in step.tasks), where
            assert 1 <= len(step.resources) <= 3, where
            assert all(r in learning.resources for r in step.resources), where
            assert 1 <= step.effort.min_hours <= step.effort.max_hours, where


def test_no_task_is_repeated(learning: LearningCatalogue) -> None:
    tasks = Counter(
        task
        for steps in learning.skills.values()
        for n in STEP_NAMES
        for task in getattr(steps, n).tasks
    )
    assert [t for t, n in tasks.items() if n > 1] == []


def test_resources_are_https_links_or_citations(learning: LearningCatalogue) -> None:
    """Every resource is a plain https:// link, or a book or paper cited by author and year."""
    for rid, res in learning.resources.items():
        if res.url is not None:
            assert HTTPS.match(res.url), (rid, res.url)
        if res.kind in ("book", "paper"):
            assert res.by and res.year and 1900 < res.year <= 2026, rid
        else:
            assert res.url is not None, rid
    urls = Counter(res.url for res in learning.resources.values() if res.url)
    assert [u for u, n in urls.items() if n > 1] == []
    titles = Counter(res.title for res in learning.resources.values())
    assert [t for t, n in titles.items() if n > 1] == []


def test_every_resource_is_cited(learning: LearningCatalogue) -> None:
    cited = {
        r
        for steps in learning.skills.values()
        for n in STEP_NAMES
        for r in getattr(steps, n).resources
    }
    assert cited == set(learning.resources)


def test_efforts_grow_with_the_level(learning: LearningCatalogue) -> None:
    """A step to a higher level never takes less than the step before it (the usual shape
    of learning curves; a catalogue edit that breaks it is probably a typo)."""
    for sid, steps in learning.skills.items():
        lows = [getattr(steps, n).effort.min_hours for n in STEP_NAMES]
        assert lows == sorted(lows), sid
        expert = steps.expert.effort
        assert expert.note, f"{sid}: say what the expert step assumes beyond study"
