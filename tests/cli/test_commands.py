"""The assess command as a person runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assess.cli import main
from assess.loading import builtin_dir

EXAMPLES = sorted((builtin_dir() / "examples").glob("*.json"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args], capture_output=True, text=True, timeout=60
    )


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "command",
    ["", "validate", "schema", "score", "take", "report", "team", "import", "plan", "items"],
)
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = call(capsys, *([command] if command else []), "--help")
    assert code == 0 and "Usage:" in out


def test_validate_shipped_questionnaires(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in sorted(builtin_dir().glob("*.yaml"))]
    code, out, err = call(capsys, "validate", *paths)
    assert code == 0, err
    assert out.count(": valid") == len(paths)


def test_validate_bad_file_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: '1'\ntitel: oops\n")
    good = builtin_dir() / "quick.yaml"
    proc = run("validate", str(bad), str(good))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "bad.yaml:3: titel: unknown key 'titel'" in proc.stderr
    assert "did you mean 'title'?" in proc.stderr
    assert "1 of 2 file(s) invalid" in proc.stderr
    assert "quick.yaml: valid" in proc.stdout


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("questionnaire", "response", "result"):
        code, out, _ = call(capsys, "schema", kind)
        schema = json.loads(out)
        assert code == 0 and schema["type"] == "object" and "properties" in schema
    code, out, _ = call(capsys, "schema", "questionnaire")
    props = json.loads(out)["properties"]
    assert "Questions, in the order they are asked." in props["questions"]["description"]


def test_score_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "score", *map(str, EXAMPLES))
    assert code == 0
    assert "Priya Sharma" in out and "Top gaps for Data Scientist" in out
    assert "coverage" in out


def test_score_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "score", "--format", "json", *map(str, EXAMPLES))
    data = json.loads(out)
    assert code == 0 and len(data) == len(EXAMPLES)
    first = data[0]
    assert set(first["skills"]) >= {"sql", "etl", "statistics"}
    matches = [r["match"] for r in first["roles"]]
    assert None not in matches and matches == sorted(matches, reverse=True)
    assert first["best_role"] == first["roles"][0]["role"]
    assert first["no_match_reason"] is None
    assert {"match", "readiness", "coverage", "weak_evidence", "gaps"} <= set(first["roles"][0])
    assert isinstance(first["calibration"], list)


def test_score_json_role_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "score", "-f", "json", "--role", "data-engineer", str(EXAMPLES[0]))
    assert code == 0 and [r["role"] for r in json.loads(out)[0]["roles"]] == ["data-engineer"]


def test_score_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "score", "-f", "csv", str(EXAMPLES[0]))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("person,team,record,id")
    assert sum(",role," in line for line in lines) == 10


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "--name must not be blank"), ("x" * 201, "--name is 201 characters long")],
)
def test_take_refuses_a_name_the_response_could_not_hold(name: str, message: str) -> None:
    """A blank --name once crashed the survey with a pydantic traceback."""
    proc = run("take", "quick", "--name", name)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_role_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "score", "--role", "data-enginer", str(EXAMPLES[0]))
    assert code == 2 and "did you mean 'data-engineer'?" in err


def test_score_lists_bad_files_and_scores_the_rest(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"questionnaire_id": "ml-team", "answers": {')
    wrong = tmp_path / "wrong-version.json"
    data = json.loads(EXAMPLES[0].read_text())
    data["questionnaire_version"] = "0.9"
    wrong.write_text(json.dumps(data))
    proc = run("score", str(corrupt), str(EXAMPLES[1]), str(wrong))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "corrupt.json:1: not valid JSON" in proc.stderr
    # (the field named once read "answers: answers version ...")
    assert "questionnaire_version: answers version 0.9 of 'ml-team', not version 2.0" in (
        proc.stderr
    )
    assert "2 of 3 input(s) could not be scored" in proc.stderr
    assert json.loads(EXAMPLES[1].read_text())["respondent"]["name"] in proc.stdout


def test_deeply_nested_response_is_a_plain_error(tmp_path: Path) -> None:
    """Thousands of nested brackets once crashed the JSON line finder (RecursionError)."""
    deep = tmp_path / "deep.json"
    deep.write_text('{"answers": ' + "[" * 5000 + "]" * 5000 + "}")
    proc = run("score", str(deep), str(EXAMPLES[1]))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "deep.json: not valid JSON: recursion limit exceeded" in proc.stderr


def test_response_with_bad_answers_names_them(tmp_path: Path) -> None:
    data = json.loads(EXAMPLES[0].read_text())
    data["answers"]["sql-rating"] = 9
    data["answers"]["sql-ratin"] = 1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    proc = run("validate", str(path))
    assert proc.returncode == 2
    assert "'sql-rating': answer 9 is out of range 0-4" in proc.stderr
    assert "unknown question 'sql-ratin' (did you mean 'sql-rating'?)" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["team", "{examples}", "--out", "{bad}/team.html"],
        ["team", "{examples}", "--out", "{tmp}/team.html", "--csv", "{bad}/csv"],
        ["team", "{examples}", "--out", "{tmp}/team.html", "--xlsx", "{bad}/team.xlsx"],
        ["report", "{examples}/priya-sharma.json", "--out", "{bad}/report.html"],
    ],
)
def test_unwritable_output_is_a_plain_error(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    values = {
        "examples": str(builtin_dir() / "examples"),
        "bad": str(tmp_path / "a-file"),
        "tmp": str(tmp_path),
    }
    result = run(*[a.format(**values) for a in args])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "a-file" in result.stderr


def test_validate_takes_folders_and_built_in_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`assess validate ml-team` once said "file not found"; folders were refused."""
    from assess.paths import builtin_dir

    code, out, err = call(capsys, "validate", "ml-team", "quick")
    assert code == 0 and out.count("valid —") == 2, err
    code, out, err = call(capsys, "validate", str(builtin_dir()))
    assert code == 0, err
    assert "valid learning catalogue" in out and out.count("valid response") == 3
    assert "roles.yaml: catalogue part, valid as included by" in out
    code, _, err = call(capsys, "validate", "ml-tem")
    assert code == 2 and "did you mean 'ml-team'?" in err
    broken = tmp_path / "nested" / "deeper"
    broken.mkdir(parents=True)
    (broken / "bad.yaml").write_text("id: x\ntitle: [unclosed\n")
    (broken / ".hidden.yaml").write_text("not looked at")
    code, _, err = call(capsys, "validate", str(tmp_path))
    assert code == 2 and "bad.yaml:2: not valid YAML" in err and "hidden" not in err
    assert "1 of 1 file(s) invalid" in err


def test_a_catalogue_part_alone_says_where_it_is_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from assess.paths import builtin_dir

    code, _, err = call(capsys, "validate", str(builtin_dir() / "catalogue" / "skills.yaml"))
    assert code == 2 and "validate the questionnaire that includes it" in err


def test_roles_lists_ids_names_and_what_sets_each_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = call(capsys, "roles")
    assert code == 0 and "10 roles" in out
    assert "  mlops-engineer" in out and "MLOps/DevOps Engineer" in out
    assert "sets it apart: Software engineering practice, Integrating ML into applications" in out
    code, out, _ = call(capsys, "roles", "quick")
    assert code == 0 and "quick check" in out


def test_a_response_to_version_1_0_is_still_scored(capsys: pytest.CaptureFixture[str]) -> None:
    """Responses written before version 2.0 are scored against the 1.0 questions they
    answered (kept as ml-team@1.0.yaml), by today's rules and role profiles."""
    from tests.conftest import FIXTURES

    old = FIXTURES / "v1" / "priya-sharma-1.0.json"
    code, out, err = call(capsys, "score", "-f", "json", str(old))
    assert code == 0, err
    (result,) = json.loads(out)
    assert (result["questionnaire_id"], result["questionnaire_version"]) == ("ml-team", "1.0")
    assert result["best_role"] is not None and result["roles"][0]["match"] is not None
    # skills added since 1.0 are not assessed, and coverage says so
    assert result["skills"]["release-operations"] is None


def test_earlier_versions_are_not_names_of_their_own(capsys: pytest.CaptureFixture[str]) -> None:
    from assess.paths import builtin_names, builtin_questionnaire

    assert "ml-team@1.0" not in builtin_names()
    assert builtin_questionnaire("ml-team", "1.0").name == "ml-team@1.0.yaml"  # type: ignore[union-attr]
    assert builtin_questionnaire("ml-team", "9.9").name == "ml-team.yaml"  # type: ignore[union-attr]
    assert builtin_questionnaire("../ml-team", "1.0") is None
    code, _, err = call(capsys, "take", "ml-team@1.0", "--name", "X")
    assert code == 2 and "unknown questionnaire" in err
