"""A broken learning catalogue is a LearningError naming file:line, the field and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.learning import LearningError, load_learning
from tests.learning.conftest import edit, line_of


def problems(path: Path) -> str:
    with pytest.raises(LearningError) as info:
        load_learning(path)
    return str(info.value)


def test_unknown_skill_id_suggests_the_closest(catalogue_copy: Path) -> None:
    edit(catalogue_copy, "\n  nosql:\n", "\n  nosqll:\n")
    text = problems(catalogue_copy)
    line = line_of(catalogue_copy, "  nosqll:")
    assert f"learning.yaml:{line}: skills.nosqll: unknown skill 'nosqll'" in text
    assert "did you mean 'nosql'?" in text
    assert "no steps for skill 'nosql' (NoSQL databases" in text
    assert "fix: add 'nosql:' with its steps aware, working, practitioner, expert" in text


def test_missing_step_names_the_step(catalogue_copy: Path) -> None:
    edit(catalogue_copy, "\n    expert:\n", "\n    experts:\n")  # in sql, the first skill
    text = problems(catalogue_copy)
    assert "skills.sql.expert: required field is missing" in text
    assert "fix: add 'expert:' — Step 3 → 4 (practitioner → expert)." in text
    line = line_of(catalogue_copy, "    experts:")
    assert f"learning.yaml:{line}: skills.sql.experts: unknown step 'experts'" in text
    assert "did you mean 'expert'?" in text


@pytest.mark.parametrize(
    ("key", "message", "fix"),
    [
        ("none", "there is no step to level 0 (none)", "remove it; the steps are aware (0→1)"),
        ("'3'", "unknown step '3': steps are named by the level they reach", "'practitioner'"),
        ("master", "unknown step 'master': levels run 0-4", "the steps are aware (0→1)"),
    ],
)
def test_a_step_for_a_level_that_does_not_exist(
    catalogue_copy: Path, key: str, message: str, fix: str
) -> None:
    edit(catalogue_copy, "\n    aware:\n", f"\n    {key}:\n      tasks: [a, b]\n    aware:\n")
    text = problems(catalogue_copy)
    line = line_of(catalogue_copy, f"    {key}:")
    assert f"learning.yaml:{line}: skills.sql." in text
    assert message in text and fix in text


def test_backwards_effort_range(catalogue_copy: Path) -> None:
    edit(
        catalogue_copy,
        "effort: {min_hours: 4, max_hours: 10}",
        "effort: {min_hours: 10, max_hours: 4}",
    )
    text = problems(catalogue_copy)
    line = line_of(catalogue_copy, "{min_hours: 10, max_hours: 4}")
    assert (
        f"learning.yaml:{line}: skills.sql.aware.effort.min_hours: effort range is backwards"
        in text
    )
    assert "fix: swap the two numbers" in text


def test_effort_out_of_range_and_wrong_type(catalogue_copy: Path) -> None:
    edit(
        catalogue_copy,
        "effort: {min_hours: 4, max_hours: 10}",
        "effort: {min_hours: 0, max_hours: lots}",
    )
    text = problems(catalogue_copy)
    assert "skills.sql.aware.effort.min_hours: Input should be greater than or equal to 1" in text
    assert "skills.sql.aware.effort.max_hours: Input should be a valid integer" in text


def test_unknown_resource_suggests_the_closest(catalogue_copy: Path) -> None:
    edit(catalogue_copy, "resources: [sqlbolt, kaggle-sql]", "resources: [sqlbolt, kaggle-sqll]")
    text = problems(catalogue_copy)
    assert "skills.sql.aware.resources[1]: unknown resource 'kaggle-sqll'" in text
    assert "did you mean 'kaggle-sql'?" in text


def test_resource_rules(catalogue_copy: Path) -> None:
    edit(catalogue_copy, ', url: "https://sqlbolt.com/"}', "}")
    edit(catalogue_copy, "by: Bill Karwin, ", "")
    text = problems(catalogue_copy)
    assert "resources.sqlbolt.kind: a course needs a link: 'url' is missing" in text
    assert (
        "resources.sql-antipatterns.kind: a book is cited by author and year: 'by' is missing"
        in text
    )


def test_links_must_be_plain_https(catalogue_copy: Path) -> None:
    edit(catalogue_copy, '"https://sqlbolt.com/"', '"http://sqlbolt.com/"')
    text = problems(catalogue_copy)
    line = line_of(catalogue_copy, "http://sqlbolt.com/")
    assert f"learning.yaml:{line}: resources.sqlbolt.url: String should match pattern" in text
    assert "fix: write a plain https:// link" in text


def test_tasks_must_not_be_empty(catalogue_copy: Path) -> None:
    text = catalogue_copy.read_text(encoding="utf-8")
    start = text.index("        - Run SELECT queries")
    end = text.index("      resources: [sqlbolt, kaggle-sql]")
    catalogue_copy.write_text(text[:start] + "        - ''\n" + text[end:], encoding="utf-8")
    assert "skills.sql.aware.tasks[0]: String should have at least 1 character" in problems(
        catalogue_copy
    )
    edit(catalogue_copy, "      tasks:\n        - ''\n", "      tasks: []\n")
    assert "skills.sql.aware.tasks: List should have at least 2 items" in problems(catalogue_copy)


def test_unknown_top_level_key(catalogue_copy: Path) -> None:
    edit(catalogue_copy, "hours_per_week: 4", "hours_per_weak: 4")
    text = problems(catalogue_copy)
    assert "hours_per_weak: unknown key 'hours_per_weak'" in text
    assert "did you mean 'hours_per_week'?" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "file is empty"),
        ("skills: [\n", "not valid YAML"),
        ("- a\n- b\n", "expected a mapping of keys"),
        ("skill_catalogue: skills.yaml\n\tskills: {}\n", "tab character used for indentation"),
    ],
)
def test_corrupt_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "learning.yaml"
    path.write_text(content, encoding="utf-8")
    assert message in problems(path)


def test_skill_catalogue_outside_the_folder_or_missing(catalogue_copy: Path) -> None:
    edit(catalogue_copy, "skill_catalogue: skills.yaml", "skill_catalogue: ../skills.yaml")
    assert "'../skills.yaml' is outside this file's folder" in problems(catalogue_copy)
    edit(catalogue_copy, "skill_catalogue: ../skills.yaml", "skill_catalogue: skils.yaml")
    text = problems(catalogue_copy)
    line = line_of(catalogue_copy, "skill_catalogue:")
    assert f"learning.yaml:{line}: skill_catalogue: skill catalogue 'skils.yaml' not found" in text


def test_a_broken_skill_catalogue_points_at_its_own_file(catalogue_copy: Path) -> None:
    skills = catalogue_copy.parent / "skills.yaml"
    edit(skills, "    description: Querying", "    descripton: Querying")
    text = problems(catalogue_copy)
    line = line_of(skills, "descripton: Querying")
    assert f"skills.yaml:{line}: skills[0].descripton: unknown key 'descripton'" in text
