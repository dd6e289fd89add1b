"""One bad-input fixture per error class, each with file name, line and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assess.errors import QuestionnaireError
from assess.loading import builtin_dir, load_questionnaire
from tests.conftest import FIXTURES

TINY = (FIXTURES / "tiny.yaml").read_text()


def _problems(path: Path) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    return [str(p) for p in caught.value.problems]


RAW_CASES = [
    ("empty", b"", "empty.yaml:1: file is empty"),
    ("blank", b"\n  \n", "blank.yaml:1: file is empty"),
    ("not-yaml", b"id: x\ntitle: [unclosed\n", "not-yaml.yaml:2: not valid YAML"),
    ("bad-indent", b"id: x\n  title: y\n: z\n", "bad-indent.yaml:2: not valid YAML"),
    ("a-list", b"- id: x\n- id: y\n", "a-list.yaml:1: expected a mapping"),
    ("a-scalar", b"just words\n", "a-scalar.yaml:1: expected a mapping"),
    ("latin1", b"id: x\ntitle: caf\xe9\n", "latin1.yaml:2: not UTF-8 text"),
    ("tabs", b"id: x\nareas:\n\t- id: y\n", "tabs.yaml:3: tab character used for indentation"),
    ("dup-key", b"id: x\nid: y\n", "dup-key.yaml:2: duplicate key"),
]


@pytest.mark.parametrize(("name", "content", "expected"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    problems = _problems(path)
    assert len(problems) == 1
    assert expected in problems[0]
    assert "fix:" in problems[0] or "expected" in problems[0]


def test_missing_file(tmp_path: Path) -> None:
    assert "file not found" in _problems(tmp_path / "nope.yaml")[0]


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (512 * 1024 + 10))  # (the YAML cap is 512 kB)
    assert "may be at most 512 kB" in _problems(path)[0]


def _edited(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    assert old in TINY, old
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY.replace(old, new, count))
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_unknown_key_suggests_the_close_match(tmp_path: Path) -> None:
    path = _edited(tmp_path, "    description: B.", "    descripton: B.")
    problems = _problems(path)
    line = _line_of(path, "descripton")
    assert any(
        f"tiny.yaml:{line}: skills[1].descripton: unknown key" in p
        and "did you mean 'description'?" in p
        for p in problems
    )
    assert any("skills[1].description: required field is missing" in p for p in problems)


def test_unknown_question_kind(tmp_path: Path) -> None:
    path = _edited(tmp_path, "{id: b-rate, kind: rating", "{id: b-rate, kind: ratin")
    (problem,) = _problems(path)
    assert (
        f"tiny.yaml:{_line_of(path, 'ratin,')}: questions[2].kind: unknown kind 'ratin'" in problem
    )
    assert "did you mean 'rating'?" in problem


def test_unquoted_version_gets_a_quoting_fix(tmp_path: Path) -> None:
    (problem,) = _problems(_edited(tmp_path, 'version: "1"', "version: 1.5"))
    line = _line_of(_edited(tmp_path, 'version: "1"', "version: 1.5"), "version:")
    assert f"tiny.yaml:{line}: version:" in problem and 'version: "1.0"' in problem


def test_level_out_of_range(tmp_path: Path) -> None:
    path = _edited(tmp_path, "a: {level: 3, importance: 5}", "a: {level: 5, importance: 5}")
    (problem,) = _problems(path)
    assert f"tiny.yaml:{_line_of(path, 'level: 5')}: roles[0].requirements.a.level" in problem
    assert "less than or equal to 4" in problem


def test_importance_out_of_range(tmp_path: Path) -> None:
    path = _edited(tmp_path, "b: {level: 2, importance: 2}", "b: {level: 2, importance: 0}")
    (problem,) = _problems(path)
    assert (
        "roles[0].requirements.b.importance" in problem and "greater than or equal to 1" in problem
    )


def test_a_retired_option_score_says_how_to_update(tmp_path: Path) -> None:
    path = _edited(tmp_path, "{text: also wrong}", "{text: also wrong, score: 1}")
    (problem,) = _problems(path)
    assert f"tiny.yaml:{_line_of(path, 'score: 1')}: questions[1].options[2].score" in problem
    assert "no longer used" in problem and "delete 'score'" in problem


def test_a_role_without_a_complete_profile(tmp_path: Path) -> None:
    path = _edited(tmp_path, "    typical: {c: 0, d: 2, e: 0}", "    typical: {c: 0}")
    (problem,) = _problems(path)
    assert f"tiny.yaml:{_line_of(path, 'typical: {c: 0}')}: roles[0].typical" in problem
    assert "states no level for 2 skill(s): d, e" in problem and "d: 0, e: 0" in problem
    path = _edited(
        tmp_path, "    typical: {c: 0, d: 2, e: 0}", "    typical: {a: 1, c: 0, d: 2, e: 0}"
    )
    assert "under both requirements and typical" in _problems(path)[0]


def test_duplicate_ids(tmp_path: Path) -> None:
    path = _edited(tmp_path, "{id: c-rate,", "{id: b-rate,")
    (problem,) = _problems(path)
    assert (
        f"tiny.yaml:{_line_of(path, 'skill: c,')}: questions[3].id: duplicate id 'b-rate'"
        in problem
    )


def test_question_on_unknown_skill(tmp_path: Path) -> None:
    path = _edited(tmp_path, "kind: rating, skill: c,", "kind: rating, skill: cc,")
    problems = _problems(path)
    line = _line_of(path, "skill: cc")
    assert any(
        f"tiny.yaml:{line}: questions[3].skill: unknown skill 'cc'" in p
        and "did you mean 'c'?" in p
        for p in problems
    )
    assert any("skill 'c' has no question" in p for p in problems)


def test_role_requiring_unknown_skill(tmp_path: Path) -> None:
    path = _edited(tmp_path, "      b: {level: 2", "      bee: {level: 2")
    problems = _problems(path)
    assert any(
        f"tiny.yaml:{_line_of(path, 'bee:')}: roles[0].requirements.bee: role 'r1' "
        "requires unknown skill 'bee'" in p
        for p in problems
    )
    assert any("states no level for 1 skill(s): b" in p for p in problems)


def test_choice_without_exactly_one_correct(tmp_path: Path) -> None:
    path = _edited(tmp_path, "{text: right, correct: true}", "{text: right}")
    (problem,) = _problems(path)
    assert "questions[1].options: choice question 'a-check' has 0 correct options" in problem
    path = _edited(tmp_path, "{text: also wrong}", "{text: also wrong, correct: true}")
    assert "has 2 correct options" in _problems(path)[0]


def test_skill_with_no_question(tmp_path: Path) -> None:
    path = _edited(tmp_path, "  - {id: c-rate, kind: rating, skill: c, text: Rate C}\n", "")
    (problem,) = _problems(path)
    assert (
        f"tiny.yaml:{_line_of(path, '- id: c')}: skills[2].id: skill 'c' has no question" in problem
    )
    assert "not_asked" in problem


def test_errors_in_included_files_name_that_file(tmp_path: Path) -> None:
    shutil.copytree(builtin_dir(), tmp_path / "q")
    roles = tmp_path / "q" / "catalogue" / "roles.yaml"
    roles.write_text(
        roles.read_text().replace(
            "sql: {level: 2, importance: 2}", "sqll: {level: 2, importance: 2}", 1
        )
    )
    problems = _problems(tmp_path / "q" / "ml-team.yaml")
    assert any(
        f"roles.yaml:{_line_of(roles, 'sqll')}: roles[0].requirements.sqll" in p
        and "did you mean 'sql'?" in p
        for p in problems
    )


def test_missing_include(tmp_path: Path) -> None:
    path = _edited(tmp_path, "estimated_minutes: 1", "estimated_minutes: 1\ninclude: [gone.yaml]")
    assert "included file 'gone.yaml' not found" in _problems(path)[0]


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = TINY.replace("title: Tiny", "titel: Tiny").replace(
        "level: 2, importance: 2", "level: 9, importance: 2"
    )
    path = tmp_path / "many.yaml"
    path.write_text(text)
    assert len(_problems(path)) >= 3  # unknown key, missing title, level out of range


def test_cache_is_invalidated_by_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY)
    assert load_questionnaire(path).title == "Tiny"
    assert load_questionnaire(path).title == "Tiny"  # served from the cache
    path.write_text(TINY.replace("title: Tiny", "title: Tiny edited"))
    assert load_questionnaire(path).title == "Tiny edited"
    path.write_text(TINY.replace("title: Tiny", "titel: Tiny"))
    assert any("unknown key 'titel'" in p for p in _problems(path))
