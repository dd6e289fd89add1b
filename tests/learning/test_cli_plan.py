"""`assess plan`, `assess schema learning|plan` and `assess validate` on a learning file,
as a person runs them: exit codes, messages, no tracebacks, names printed as data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assess.cli import main
from assess.loading import builtin_dir
from assess.model.learning_plan import LearningPlan
from assess.model.questionnaire import Questionnaire
from tests.learning.conftest import edit, line_of

TOM = str(builtin_dir() / "examples" / "tom-okafor.json")


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


def test_plan_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "plan", TOM)
    assert code == 0, err
    assert "Learning plan for Tom Okafor · Platform" in out
    assert "MLOps/DevOps Engineer (your target role) · readiness 86 · 3 gap(s)" in out
    assert (
        out.index("1. ETL pipelines")
        < out.index("2. Model monitoring")
        < out.index("3. ML modelling")
    )
    assert "Step 1 → 2 (working): 25-50 h (6-13 weeks at 4 h a week)" in out
    assert "This plan: 5 step(s), 273-545 h (68-136 weeks at 4 h a week" in out
    assert "https://airflow.apache.org/docs/apache-airflow/stable/index.html" in out
    assert "Efforts: hours of focused practice" in out


def test_plan_steps_and_role(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "plan", TOM, "--steps", "2", "--role", "ml-engineer")
    assert code == 0
    assert "ML Engineer (as asked)" in out
    assert "This plan: 2 step(s)" in out and "Not in this plan:" in out
    assert "raise --steps" in out


def test_plan_json_matches_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "plan", TOM, "-f", "json")
    assert code == 0
    data = json.loads(out)
    plan = LearningPlan.model_validate(data)
    assert [i.skill for i in plan.items] == ["etl", "monitoring", "ml-modelling"]
    assert (data["total"]["min_hours"], data["total"]["max_hours"]) == (273, 545)
    code, out, _ = call(capsys, "schema", "plan")
    schema = json.loads(out)
    assert code == 0 and set(schema["required"]) == set(data)


def test_plan_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "plan", TOM, "-f", "md")
    assert code == 0
    assert out.startswith("# Learning plan for Tom Okafor · Platform\n")
    assert "## 1. ETL pipelines" in out and "### Step 1 → 2 (working)" in out
    assert "<https://airflow.apache.org/docs/apache-airflow/stable/index.html>" in out


def test_names_are_printed_as_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(Path(TOM).read_text(encoding="utf-8"))
    data["respondent"]["name"] = "[bold red]Eve[/] <img src=x> *x* \x1b[31m"
    path = tmp_path / "eve.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = call(capsys, "plan", str(path))
    assert code == 0
    assert "Learning plan for [bold red]Eve[/] <img src=x> *x* \\x1b[31m" in out
    assert "\x1b" not in out
    code, out, _ = call(capsys, "plan", str(path), "-f", "md")
    assert r"\[bold red\]Eve\[/\] \<img src=x\> \*x\* " in out
    assert "<img" not in out.replace("\\<img", "")  # only as an escaped, literal "<"


def test_unknown_role_suggests_and_exits_2() -> None:
    proc = run("plan", TOM, "--role", "ml-enginer")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "unknown role 'ml-enginer' (did you mean 'ml-engineer'?)" in proc.stderr


def test_response_of_another_questionnaire_exits_2() -> None:
    proc = run("plan", TOM, "-q", "quick")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "questionnaire_id" in proc.stderr and "quick" in proc.stderr


def test_response_that_is_not_json_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    proc = run("plan", str(bad))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "not valid JSON" in proc.stderr


def test_corrupt_learning_file_exits_2(catalogue_copy: Path) -> None:
    edit(
        catalogue_copy,
        "effort: {min_hours: 4, max_hours: 10}",
        "effort: {min_hours: 10, max_hours: 4}",
    )
    proc = run("plan", TOM, "--learning", str(catalogue_copy))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    line = line_of(catalogue_copy, "{min_hours: 10, max_hours: 4}")
    assert (
        f"learning.yaml:{line}: skills.sql.aware.effort.min_hours: effort range is backwards"
        in (proc.stderr)
    )
    catalogue_copy.write_text("skills: [\n", encoding="utf-8")
    proc = run("plan", TOM, "--learning", str(catalogue_copy))
    assert proc.returncode == 2 and "not valid YAML" in proc.stderr


def test_default_step_count_is_the_builders() -> None:
    from assess.cli.plan import DEFAULT_STEPS
    from assess.learning import DEFAULT_STEPS as BUILDER_DEFAULT

    assert DEFAULT_STEPS == BUILDER_DEFAULT


def test_bad_step_count_is_a_usage_error() -> None:
    proc = run("plan", TOM, "--steps", "0")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "--steps" in proc.stderr


def test_validate_and_schema_know_the_learning_catalogue(
    capsys: pytest.CaptureFixture[str], catalogue_copy: Path
) -> None:
    learning = builtin_dir() / "catalogue" / "learning.yaml"
    code, out, err = call(capsys, "validate", str(learning))
    assert code == 0, err
    assert "valid learning catalogue — 29 skills, 116 steps," in out
    edit(catalogue_copy, "\n  nosql:\n", "\n  nosqll:\n")
    code, _, err = call(capsys, "validate", str(catalogue_copy))
    assert code == 2 and "did you mean 'nosql'?" in err
    code, out, _ = call(capsys, "schema", "learning")
    props = json.loads(out)["properties"]
    assert code == 0 and set(props) >= {"skills", "resources", "hours_per_week"}
    assert "every skill of the skill catalogue" in props["skills"]["description"]


def test_a_rating_plans_for_the_person_from_their_own_answers(
    capsys: pytest.CaptureFixture[str], ml_team: Questionnaire, tmp_path: Path
) -> None:
    """A manager's rating is not the person's answers: the plan comes from Ada's own
    response (as the report does), and says so; without one, exit 2 with the reason."""
    from tests.person.helpers import LATE, person, rating

    current = person(tmp_path / "responses", ml_team)
    by_grace = rating(current, ml_team, "Grace Hopper", "manager", {**LATE, "sql": 4, "etl": 4})
    code, out, err = call(capsys, "plan", str(by_grace), "-r", "data-engineer", "-f", "json")
    assert code == 0, err
    assert "is a rating of Ada Lovelace: a plan from their own answers" in err
    own_code, own, _ = call(capsys, "plan", str(current), "-r", "data-engineer", "-f", "json")
    assert own_code == 0 and json.loads(out) == json.loads(own)

    current.unlink()
    for old in (current.parent / current.stem / "history").iterdir():
        old.unlink()
    code, out, err = call(capsys, "plan", str(by_grace))
    assert code == 2 and "has no self-assessment" in err and out == ""
