"""Forms import: Google CSV (BOM, CRLF, quoted commas and newlines) and Microsoft XLSX."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from assess.importing import forms
from assess.importing import rows as form_import
from assess.loading import load_response
from assess.model.questionnaire import Questionnaire

SQL = "Which best describes your work with SQL and relational databases?"
JOIN = (
    "A query reads customers LEFT JOIN orders ON ... WHERE orders.status = 'paid'. "
    "What happens to customers with no orders?"
)
ETL = "Which best describes your work with ETL (extract, transform, load) pipelines?"
JOIN_RIGHT = (
    "They are dropped: the WHERE filter is not true for NULL, which turns the LEFT "
    "JOIN into an inner join."
)


def google_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [["Timestamp", "Email Address", "Name", SQL, JOIN, ETL], *rows]
    )
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return path


def assess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_google_forms_round_trip(ml_team: Questionnaire, tmp_path: Path) -> None:
    export = google_csv(
        tmp_path / "form.csv",
        [
            [
                "2026/11/02 9:14:00 AM GMT+1",
                "ann@example.org",
                'Ann, "the" Analyst',
                "Practitioner",
                JOIN_RIGHT,
                "Working",
            ],
            [
                "2026/11/02 10:00:00 AM GMT+1",
                "bob@example.org",
                "Bob\nSmith",
                "Expert",
                "I don't know",
                "Wizard level",
            ],
        ],
    )
    raw = export.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    init = assess("import", "form.csv", "--init-mapping", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert f"3 of {len(ml_team.questions)} questions matched" in init.stdout
    assert "'Wizard level'" in init.stdout  # unmatched answer text listed
    mapping = (tmp_path / "form.mapping.yaml").read_text()
    # the person fills in the unmatched text, and the export loses a column later on
    (tmp_path / "form.mapping.yaml").write_text(mapping.replace("Wizard level:", "Wizard level: 4"))
    export.write_text(
        export.read_text(encoding="utf-8-sig").replace("Working", "Guru"),
        encoding="utf-8-sig",
        newline="",
    )
    done = assess(
        "import", "form.csv", "--mapping", "form.mapping.yaml", "--out", "resp", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "2 response file(s) written" in done.stdout
    assert "row 2" in done.stderr and "'Guru' is not in the mapping" in done.stderr
    # (a name with punctuation gets a hash after "--": no two names share a file)
    (ann_file,) = (tmp_path / "resp").glob("ann-the-analyst--*.json")
    ann = load_response(ann_file)
    assert ann.respondent.name == 'Ann, "the" Analyst'
    assert ann.answers == {"sql-rating": 3, "sql-left-join": 1}  # ETL 'Guru' left out
    assert ann.completed_at == datetime.fromisoformat("2026-11-02T08:14:00+00:00")
    bob = load_response(tmp_path / "resp" / "bob-smith.json")
    assert bob.respondent.name == "Bob Smith"
    assert bob.answers == {"sql-rating": 4, "sql-left-join": "dont_know", "etl-rating": 4}


def test_missing_column_is_reported(ml_team: Questionnaire, tmp_path: Path) -> None:
    export = google_csv(tmp_path / "form.csv", [["", "c@example.org", "Cy", "Aware", "", ""]])
    header, rows = forms.read_table(export)
    draft, _ = forms.init_mapping(ml_team, "ml-team", header, rows)
    draft["questions"]["statistics-rating"] = {"column": "Stats?", "answers": {"Aware": 1}}
    spec = forms.FormMapping.model_validate(draft)
    report = form_import.import_form(ml_team, spec, header, rows, tmp_path / "out")
    assert any("column missing from the export: 'Stats?'" in w for w in report.warnings)
    assert load_response(report.written[0]).answers == {"sql-rating": 1}


def test_microsoft_forms_xlsx(ml_team: Questionnaire, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", SQL, ETL])
    sheet.append(
        [
            1,
            datetime(2026, 11, 3, 9, 0),
            datetime(2026, 11, 3, 9, 12),
            "dee@example.org",
            "Dee",
            "Working",
            "Expert",
        ]
    )
    book.save(tmp_path / "ms.xlsx")
    header, rows = forms.read_table(tmp_path / "ms.xlsx")
    draft, _ = forms.init_mapping(ml_team, "ml-team", header, rows)
    assert draft["respondent"] == {
        "name": "Name",
        "email": "Email",
        "team": None,  # every field the mapping can fill is shown, found or not
        "target_role": None,
        "started": "Start time",
        "submitted": "Completion time",
    }
    assert set(draft["questions"]) == {"sql-rating", "etl-rating"}
    report = form_import.import_form(
        ml_team, forms.FormMapping.model_validate(draft), header, rows, tmp_path / "out"
    )
    dee = load_response(report.written[0])
    assert dee.answers == {"sql-rating": 2, "etl-rating": 4}
    assert dee.completed_at == datetime.fromisoformat("2026-11-03T09:12:00+00:00")


def test_bad_mapping_file_names_line_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("questionnaire: ml-team\nrespondent: {name: Name}\nquestons: {}\n")
    with pytest.raises(forms.FormError) as caught:
        forms.load_mapping(path)
    text = str(caught.value)
    assert "map.yaml:3: questons: unknown key" in text and "did you mean 'questions'?" in text


def test_a_file_that_is_not_a_form_export_is_a_clear_error(tmp_path: Path) -> None:
    """An HTML page (or any file) used to be read as a CSV and gave a mapping of nothing."""
    (tmp_path / "team.html").write_text("<!DOCTYPE html><p>not a form</p>")
    wrong_type = assess("import", "team.html", "--init-mapping", cwd=tmp_path)
    assert wrong_type.returncode == 2 and "Traceback" not in wrong_type.stderr
    assert "not a form export: expected a .csv (Google Forms) or .xlsx" in wrong_type.stderr
    # a real form export, of another form
    (tmp_path / "other.csv").write_text("Timestamp,Favourite colour\r\n2026/11/02,blue\r\n")
    unrelated = assess("import", "other.csv", "--init-mapping", cwd=tmp_path)
    assert unrelated.returncode == 2 and "no column matches a question of 'ml-team'" in (
        unrelated.stderr
    )
    assert not (tmp_path / "other.mapping.yaml").exists()


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Your name", "name"),
        ("Full name", "name"),
        ("Name (first and last)", "name"),
        ("What is your name?", "name"),
        ("E-mail", "email"),
        ("Your team", "team"),
        ("Which role are you aiming for?", "target_role"),
    ],
)
def test_respondent_columns_are_found_by_their_titles(title: str, field: str) -> None:
    """A "Your name" column was ignored: names became e-mails, rows without one dropped."""
    found = forms.respondent_columns(["Timestamp", title, "Which best describes …"])
    assert found[field] == title and found["submitted"] == "Timestamp"


def test_target_roles_and_start_times_are_imported(ml_team: Questionnaire, tmp_path: Path) -> None:
    header = ["Start time", "Completion time", "Your name", "Target role", SQL]
    rows = [
        {
            "Start time": "2026-11-02 09:00:00",
            "Completion time": "2026-11-02 09:20:00",
            "Your name": "Ada",
            "Target role": "Data Engineer",
            SQL: "Expert",
        },
        {"Completion time": "2026-11-02 10:00:00", "Your name": "Bo", "Target role": "Wizard"},
    ]
    draft, _ = forms.init_mapping(ml_team, "ml-team", header, rows)
    report = form_import.import_form(
        ml_team, forms.FormMapping.model_validate(draft), header, rows, tmp_path / "out"
    )
    by_name = {load_response(p).respondent.name: load_response(p) for p in report.written}
    ada = by_name["Ada"]
    assert ada.respondent.target_role == "data-engineer"
    assert (ada.completed_at - ada.started_at).total_seconds() == 20 * 60
    assert by_name["Bo"].respondent.target_role is None
    assert any("'Wizard' is not a role of ml-team" in w for w in report.warnings)


def test_mapping_errors_name_the_mapping_file_and_line(
    ml_team: Questionnaire, tmp_path: Path
) -> None:
    """A typo in a question id was reported as "<input>: questions.statistic-rating"."""
    mapping = tmp_path / "form.mapping.yaml"
    mapping.write_text(
        "questionnaire: ml-team\n"
        "respondent: {name: Name}\n"
        "questions:\n"
        "  statistic-rating:\n"
        "    column: Stats\n"
        "  sql-rating:\n"
        "    column: SQL\n"
        "    answers: {Expert: 7, Working: 2}\n"
    )
    with pytest.raises(forms.FormError) as caught:
        forms.load_mapping(mapping, ml_team)
    problems = [str(p) for p in caught.value.problems]
    assert any(
        "form.mapping.yaml:4: questions.statistic-rating: unknown question id" in p
        and "did you mean 'statistics-rating'?" in p
        for p in problems
    )
    assert any(
        "form.mapping.yaml:8: questions.sql-rating.answers: 7 is not an answer" in p
        for p in problems
    )
