"""Team batch scoring: hand-checked 5-person team, tolerant loading, exports, pseudonyms."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from assess.model.questionnaire import Questionnaire
from assess.model.response import SKIP
from assess.storage import save_response
from assess.team import anonymize_batch, load_batch, pseudonym, score_team
from tests.conftest import FIXTURES, make_response

RIGHT = 1
# tiny: r1 needs a L3 I5, b L2 I2 (sum 19); r2 needs c L4 I1, a L1 I1 (sum 5); complete
# profiles over a..e: r1 = (3, 2, 0, 2, 0), r2 = (1, 1, 4, 0, 3). a = min(R, (R + C) / 2)
# with C = 4 for a right check, 0 for any other answer (a skip included); a check not
# answered at all is no evidence (P5: a = 2).
TEAM = {
    "P1": {"a-rate": 4, "a-check": RIGHT, "b-rate": 2, "c-rate": 0, "d-rate": 2, "e-rate": 0},
    "P2": {"a-rate": 3, "a-check": SKIP, "b-rate": 1, "c-rate": 1, "d-rate": 1, "e-rate": 1},
    "P3": {"a-rate": 1, "a-check": SKIP, "b-rate": 1, "c-rate": 2, "d-rate": 0, "e-rate": 2},
    "P4": {"a-rate": SKIP, "a-check": SKIP, "b-rate": SKIP, "c-rate": SKIP},
    "P5": {"a-rate": 2, "b-rate": 0, "c-rate": 3, "d-rate": 0, "e-rate": 3},
}
# proficiency (a, b, c, d, e): P1 (4, 2, 0, 2, 0); P2 (1.5, 1, 1, 1, 1); P3 (0.5, 1, 2, 0, 2);
# P4 nothing; P5 (2, 0, 3, 0, 3)


def write_team(q: Questionnaire, folder: Path) -> list[Path]:
    paths = []
    for name, answers in TEAM.items():
        path = folder / f"{name.lower()}.json"
        save_response(path, make_response(q, answers, name=name, email=f"{name}@example.org"))
        paths.append(path)
    return paths


def test_five_person_team_hand_checked(tiny: Questionnaire, tmp_path: Path) -> None:
    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    a = team.analysis
    readiness = a.readiness.round(2)
    # r1: P2 5*1.5 + 2*1 = 9.5 of 19; P3 5*2.5 + 2*1 = 14.5; P5 5*1 + 2*2 = 9
    assert readiness["r1"].to_dict() == {
        "P1": 100.0,
        "P2": 50.0,
        "P3": pytest.approx(23.68),
        "P4": 0.0,
        "P5": pytest.approx(52.63),
    }
    # r2: short on c by 4, 3, 2, -, 1 (and P3 on a by 0.5) of 5
    assert readiness["r2"].to_dict() == {"P1": 20.0, "P2": 40.0, "P3": 50.0, "P4": 0.0, "P5": 80.0}
    # match: P1 r = 8.8 / sqrt(11.2 * 7.2); P3 with r2: 5.6 / sqrt(3.2 * 10.8);
    # P5 with r2: 8.6 / sqrt(9.2 * 10.8); P2's levels span half a level: no match
    match = a.match.round(1)
    assert match.loc["P1", "r1"] == 98.0
    assert match.loc["P3", "r2"] == 95.3 and match.loc["P5", "r2"] == 86.3
    assert match.loc[["P2", "P4"]].isna().all().all()
    assert a.people.set_index("person")["best_role"].to_dict() == {
        "P1": "r1",
        "P2": None,
        "P3": "r2",
        "P4": None,
        "P5": "r2",
    }
    assert a.candidates.set_index("role")["candidate"].to_dict() == {"r1": "P1", "r2": "P3"}
    risks = {(r.role, r.skill): (r.kind, r.holder) for r in a.risks.itertuples()}
    assert risks == {
        ("r1", "a"): ("single point of failure", "P1"),
        ("r1", "b"): ("single point of failure", "P1"),
        ("r2", "c"): ("uncovered", None),
    }
    assert a.hiring.iloc[0]["role"] == "r2" and a.hiring.iloc[0]["covers_need"] == 4.0
    assert a.hiring.iloc[0]["share"] == 1.0 and a.hiring.iloc[1]["covers_need"] == 0.0
    training = a.training[a.training.skill == "c"]
    assert training["person"].tolist() == ["P5", "P3", "P2"]
    assert training["shortfall"].tolist() == [1.0, 2.0, 3.0]
    summary = a.skills.set_index("skill")
    assert summary.loc["a", "max"] == 4.0 and summary.loc["a", "median"] == 1.75
    assert summary.loc["a", "meets:r1"] == 1 and summary.loc["b", "meets:r1"] == 1
    assert summary.loc["c", "meets:r1"] == -1 and summary.loc["c", "assessed"] == 4


def test_bad_inputs_are_listed_and_the_rest_scored(tiny: Questionnaire, tmp_path: Path) -> None:
    write_team(tiny, tmp_path)
    (tmp_path / "corrupt.json").write_text('{"questionnaire_id": "tiny", ')
    wrong = json.loads((tmp_path / "p1.json").read_text())
    wrong["questionnaire_version"] = "0"
    (tmp_path / "old-version.json").write_text(json.dumps(wrong))
    newer = json.loads((tmp_path / "p2.json").read_text())
    newer["updated_at"] = "2030-01-01T00:00:00Z"
    newer["answers"]["b-rate"] = 4
    lines = tmp_path / "more.jsonl"
    lines.write_text(json.dumps(newer) + "\n\nnot json\n")
    batch = load_batch(tiny, [tmp_path, tmp_path / "missing.json"])
    assert sorted(batch.names) == ["P1", "P2", "P3", "P4", "P5"]
    reasons = {Path(s.source.split(":")[0]).name: s.reason for s in batch.skipped}
    assert "not valid JSON" in reasons["corrupt.json"]
    assert "version 0" in reasons["old-version.json"]
    assert "not valid JSON" in reasons["more.jsonl"]
    assert reasons["missing.json"] == "file not found"
    (dup,) = batch.duplicates
    assert dup.person == "P2" and dup.kept.endswith("more.jsonl:1")
    p2 = batch.names.index("P2")
    assert batch.codes[p2][batch.plan.question_ids.index("b-rate")] == 4  # newest kept


def test_cli_exit_codes_and_exports(tiny: Questionnaire, tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    write_team(tiny, data)
    (data / "corrupt.json").write_text("{")
    out = tmp_path / "out"
    run = [
        sys.executable,
        "-m",
        "assess",
        "team",
        str(data),
        "-q",
        str(FIXTURES / "tiny.yaml"),
        "--out",
        str(out / "team.html"),
        "--csv",
        str(out / "csv"),
        "--xlsx",
        str(out / "team.xlsx"),
    ]
    proc = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "corrupt.json" in proc.stdout and "Traceback" not in proc.stderr
    assert (out / "team.html").is_file()
    skills_csv = (out / "csv" / "skills.csv").read_text().splitlines()
    # (assessed: the day each response was finished, else last saved)
    assert skills_csv[0] == "person,team,skill,proficiency,assessed"
    assert len(skills_csv) == 1 + 5 * 5
    assert skills_csv[1].endswith(',"2026-11-02"')
    fits_csv = (out / "csv" / "fits.csv").read_text().splitlines()
    assert fits_csv[0] == "person,team,role,match,readiness,coverage,assessed"
    assert len(fits_csv) == 1 + 5 * 2
    book = openpyxl.load_workbook(out / "team.xlsx")
    assert {"skills", "match", "readiness", "gaps", "coverage"} <= set(book.sheetnames)
    strict = subprocess.run([*run, "--strict"], capture_output=True, text=True, timeout=120)
    assert strict.returncode == 2
    nothing = subprocess.run(
        [
            sys.executable,
            "-m",
            "assess",
            "team",
            str(data / "corrupt.json"),
            "-q",
            str(FIXTURES / "tiny.yaml"),
            "--out",
            str(out / "none.html"),
        ],
        capture_output=True,
        text=True,
    )
    assert nothing.returncode == 2 and "no response could be scored" in nothing.stderr


def test_anonymized_outputs_hold_no_real_name(tiny: Questionnaire, tmp_path: Path) -> None:
    data = tmp_path / "grace-hopper-and-friends"
    data.mkdir()
    real = ["Grace Hopper", "Alan Turing", "Ada Lovelace"]
    for name in real:
        save_response(
            data / f"{name.replace(' ', '_')}.json",
            make_response(
                tiny,
                {"a-rate": 3, "b-rate": 2, "c-rate": 1},
                name=name,
                email=f"{name.split()[0].lower()}@example.org",
            ),
        )
    (data / "Linus_Torvalds.json").write_text("{")  # a skipped file's name is a name too
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "assess",
            "team",
            str(data),
            "-q",
            str(FIXTURES / "tiny.yaml"),
            "--anonymize",
            "--out",
            str(out / "team.html"),
            "--csv",
            str(out / "csv"),
            "--xlsx",
            str(out / "team.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    html = (out / "team.html").read_text()
    texts = [proc.stdout, re.sub(r"<script>.*?</script>", "", html, count=1, flags=re.S)]
    texts += [p.read_text() for p in (out / "csv").glob("*.csv")]
    book = openpyxl.load_workbook(out / "team.xlsx")
    texts += [str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row]
    blob = "\n".join(texts)
    leaked = [
        name
        for name in [*real, "Linus", "Torvalds", "grace", "alan", "ada@", "hopper"]
        if name.lower() in blob.lower()
    ]
    assert leaked == []
    assert pseudonym("grace@example.org") in blob  # stable: keyed by e-mail
    assert pseudonym("grace@example.org") == pseudonym("GRACE@example.org ")


def test_duplicates_carry_the_same_pseudonym_as_the_person(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """The duplicates table once hashed the name while every other table hashed the
    e-mail, so one person showed up under two labels."""
    write_team(tiny, tmp_path)
    again = json.loads((tmp_path / "p2.json").read_text())
    again["updated_at"] = "2030-01-01T00:00:00Z"
    (tmp_path / "p2-again.json").write_text(json.dumps(again))
    batch = load_batch(tiny, [tmp_path])
    (dup,) = batch.duplicates
    assert (dup.person, dup.identity) == ("P2", "P2@example.org")
    anonymize_batch(batch)
    (dup,) = batch.duplicates
    assert dup.person == pseudonym("P2@example.org") and dup.person in batch.names


def test_keyed_pseudonyms(tiny: Questionnaire, tmp_path: Path) -> None:
    write_team(tiny, tmp_path)
    plain, keyed, other = (load_batch(tiny, [tmp_path]) for _ in range(3))
    anonymize_batch(plain)
    anonymize_batch(keyed, "s3cret")
    anonymize_batch(other, "another")
    assert plain.names == [pseudonym(f"P{i}@example.org") for i in range(1, 6)]
    assert keyed.names == [pseudonym(f"P{i}@example.org", "s3cret") for i in range(1, 6)]
    assert len({*plain.names, *keyed.names, *other.names}) == 15
    assert not set(plain.sources) & set(keyed.sources)
    assert all(re.fullmatch(r"Person-[0-9a-f]{10}", name) for name in keyed.names)


def test_clashing_pseudonyms_are_told_apart(
    tiny: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assess.team.anonymize

    write_team(tiny, tmp_path)
    batch = load_batch(tiny, [tmp_path])
    monkeypatch.setattr(
        assess.team.anonymize, "pseudonym", lambda identity, key=None: "Person-same"
    )
    anonymize_batch(batch)
    assert batch.names == ["Person-same", *(f"Person-same-{i}" for i in range(2, 6))]


def test_pseudonym_key_from_the_environment(tiny: Questionnaire, tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    write_team(tiny, data)
    base = [sys.executable, "-m", "assess", "team", str(data), "-q", str(FIXTURES / "tiny.yaml")]
    base += ["--out", str(tmp_path / "team.html")]
    env = {**os.environ, "ASSESS_PSEUDONYM_KEY": "s3cret"}
    proc = subprocess.run([*base, "--anonymize"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert pseudonym("P1@example.org", "s3cret") in proc.stdout
    assert pseudonym("P1@example.org") not in proc.stdout
    alone = subprocess.run([*base, "--pseudonym-key", "x"], capture_output=True, text=True)
    assert alone.returncode == 2 and "only applies with --anonymize" in alone.stderr


def test_anonymize_batch_in_memory(tiny: Questionnaire, tmp_path: Path) -> None:
    write_team(tiny, tmp_path)
    batch = load_batch(tiny, [tmp_path])
    anonymize_batch(batch)
    assert all(n.startswith("Person-") for n in batch.names)
    assert batch.emails == [None] * 5 and not any("p1" in s for s in batch.sources)
    assert not math.isnan(score_team(tiny, batch).analysis.readiness.to_numpy().sum())


def test_walk_leaves_out_hidden_files_and_folder_links(tiny: Questionnaire, tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    write_team(tiny, tmp_path / "team")
    (tmp_path / "team" / ".hidden.json").write_text("not json")
    (tmp_path / "team" / "sub").mkdir()
    (tmp_path / "team" / "sub" / "p6.json").write_text(
        (tmp_path / "team" / "p1.json").read_text().replace('"P1', '"P6')
    )
    (tmp_path / "team" / "loop.json").symlink_to(tmp_path / "team", target_is_directory=True)
    batch = load_batch(tiny, [tmp_path / "team"])
    assert sorted(batch.names) == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert batch.skipped == [] and batch.duplicates == []


def test_large_team_report_lists_the_first_people_and_says_so(
    tiny: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assess.report import team as team_report
    from assess.team import summary

    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    full = team_report.render_team_report(tiny, team)
    assert "people-limit" not in full and "<td>P5</td>" in full
    monkeypatch.setattr(summary, "PEOPLE_SHOWN", 3)
    html = team_report.render_team_report(tiny, team)
    assert "show the first 3 of 5 people" in html
    per_person = html[html.index("Best role per person") :]
    assert "<td>P3</td>" in per_person and "<td>P4</td>" not in per_person
    skills_map = html[html.index('id="team-skills"') :]
    assert '"y":["P1","P2","P3"]' in skills_map.replace(" ", "")
    # everyone still counts elsewhere: the header's head count and the candidates
    assert "<dt>People</dt><dd>5</dd>" in html


def test_long_lists_of_skipped_inputs_and_duplicates_are_capped_and_exported(
    tiny: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rerun over 100k files once printed 100k duplicate lines; the terminal and the
    report now list the first ones and say where the rest are; the exports hold all."""
    import io

    from rich.console import Console

    from assess.report import team as team_report
    from assess.team import summary, terminal
    from assess.team.export import write_csv, write_xlsx
    from tests.gaps_reference import gaps_table

    write_team(tiny, tmp_path)
    for i in range(4):
        (tmp_path / f"bad{i}.json").write_text("{")
    for name in ["p1", "p2", "p3"]:
        (tmp_path / f"{name}-again.json").write_text((tmp_path / f"{name}.json").read_text())
    batch = load_batch(tiny, [tmp_path])
    team = score_team(tiny, batch)
    assert len(batch.skipped) == 4 and len(batch.duplicates) == 3
    monkeypatch.setattr(terminal, "MAX_INPUTS_SHOWN", 2)
    monkeypatch.setattr(terminal, "INPUTS_SHOWN", 3)
    monkeypatch.setattr(summary, "INPUTS_SHOWN", 3)

    printed = io.StringIO()
    terminal.print_team(tiny, team, Console(file=printed, width=200))
    text = printed.getvalue()
    assert text.count("  skipped ") == 2 and "… and 2 more skipped input(s)" in text
    assert text.count("  duplicate: ") == 2 and "… and 1 more duplicate(s)" in text
    assert "the report lists up to 3, --csv/--xlsx export them all" in text

    html = team_report.render_team_report(tiny, team)

    def table(table_id: str) -> str:  # from its caption (above its scroll box) to its end
        start = html.index(f'id="{table_id}-cap"')
        return html[start : html.index("</table>", start)]

    assert table("skipped").count("<tr><td>") == 3 and "the first 3 of 4" in table("skipped")
    assert table("duplicates").count("<tr><td>") == 3 and "first" not in table("duplicates")

    write_csv(team, tmp_path / "csv")
    streamed = pd.read_csv(tmp_path / "csv" / "gaps.csv")  # written a role at a time
    gaps = gaps_table(team.scores, team.analysis.proficiency.index.tolist(), ["r1", "r2"])
    assert len(gaps) == 15 and set(streamed.role) == {"r1", "r2"}
    pd.testing.assert_frame_equal(
        streamed.drop(columns="team"), gaps, check_dtype=False, check_exact=False
    )
    skipped_csv = (tmp_path / "csv" / "skipped.csv").read_text().splitlines()
    assert skipped_csv[0] == "input,reason" and len(skipped_csv) == 1 + 4
    duplicates_csv = (tmp_path / "csv" / "duplicates.csv").read_text().splitlines()
    assert duplicates_csv[0] == "person,kept,ignored" and len(duplicates_csv) == 1 + 3
    book = openpyxl.load_workbook(write_xlsx(team, tmp_path / "t.xlsx"))
    assert book["skipped inputs"].max_row == 1 + 4 and book["duplicates"].max_row == 1 + 3


def test_tables_longer_than_an_excel_sheet_continue_on_more_sheets(
    tiny: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel holds 1,048,576 rows a sheet; the gaps of a few thousand people pass that,
    and pandas then raised ValueError (a traceback) instead of writing the workbook."""
    from assess.team import export
    from tests.gaps_reference import gaps_table

    write_team(tiny, tmp_path)
    batch = load_batch(tiny, [tmp_path])
    team = score_team(tiny, batch)
    gaps = gaps_table(team.scores, team.analysis.proficiency.index.tolist(), ["r1", "r2"])
    assert len(gaps) == 15
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 5)  # 4 rows + the header a sheet
    book = openpyxl.load_workbook(export.write_xlsx(team, tmp_path / "t.xlsx"))
    parts = [book[name] for name in ["gaps", "gaps (2)", "gaps (3)", "gaps (4)"]]
    assert [sheet.max_row for sheet in parts] == [5, 5, 5, 4]
    assert all(sheet["A1"].value == "person" for sheet in parts)
    rows = [
        (row[0].value, row[2].value, row[3].value)
        for sheet in parts
        for row in sheet.iter_rows(min_row=2)
    ]
    assert rows == list(gaps[["person", "role", "skill"]].itertuples(index=False, name=None))
    assert [sheet.max_row for sheet in (book["skills"], book["skills (2)"])] == [5, 2]
    assert book["skills (2)"]["A1"].value == "person"
    assert "duplicates (2)" not in book.sheetnames and book["duplicates"].max_row == 1


def test_workbook_reads_back_as_the_tables(tiny: Questionnaire, tmp_path: Path) -> None:
    from assess.team.export import write_xlsx
    from tests.gaps_reference import gaps_table

    write_team(tiny, tmp_path)
    batch = load_batch(tiny, [tmp_path])
    team = score_team(tiny, batch)
    gaps = gaps_table(team.scores, team.analysis.proficiency.index.tolist(), ["r1", "r2"])
    path = write_xlsx(team, tmp_path / "t.xlsx")
    sheets = pd.read_excel(path, sheet_name=None, index_col=None)
    skills = sheets["skills"].set_index("person")
    assert skills.pop("team").isna().all()  # (this team gave no team names)
    pd.testing.assert_frame_equal(
        skills,
        team.analysis.proficiency.round(3),
        check_names=False,
        check_dtype=False,
        check_index_type=False,  # (names read back as str; held as Python objects)
    )
    assert skills.isna().to_numpy().any()  # not assessed: an empty cell, not "nan"
    pd.testing.assert_frame_equal(
        sheets["gaps"].drop(columns="team"), gaps, check_dtype=False, check_exact=False
    )
    assert openpyxl.load_workbook(path)["gaps"]["A1"].font.b  # a bold header


def test_json_lines_with_any_line_ends(tiny: Questionnaire, tmp_path: Path) -> None:
    """Read a line at a time; CRLF, a bare CR and blank lines number as before."""
    folder = tmp_path / "team"
    folder.mkdir()
    records = [
        json.dumps(json.loads(path.read_text())).encode() for path in write_team(tiny, folder)[:4]
    ]
    lines = tmp_path / "more.jsonl"
    lines.write_bytes(
        records[0] + b"\r\n" + records[1] + b"\r\n\r\n" + records[2] + b"\r" + records[3]
    )
    batch = load_batch(tiny, [lines])
    assert batch.sources == [f"{lines}:{n}" for n in (1, 2, 4, 5)]
    assert batch.names == ["P1", "P2", "P3", "P4"] and batch.skipped == []


def test_names_that_look_like_markup_print_as_written(tiny: Questionnaire, tmp_path: Path) -> None:
    """A person called "Ada [/] Lovelace" once crashed `assess team` with a MarkupError."""
    for name in ["Ada [/] Lovelace", "Bob [bold]Smith"]:
        save_response(
            tmp_path / f"{name[:3]}.json",
            make_response(tiny, {"a-rate": 3, "b-rate": 2, "c-rate": 1}, name=name),
        )
    command = [
        sys.executable,
        "-m",
        "assess",
        "team",
        str(tmp_path),
        "-q",
        str(FIXTURES / "tiny.yaml"),
    ]
    proc = subprocess.run(
        [*command, "--out", str(tmp_path / "t.html")], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "Ada [/] Lovelace" in proc.stdout and "Bob [bold]Smith" in proc.stdout
    score = subprocess.run(
        [
            sys.executable,
            "-m",
            "assess",
            "score",
            "-q",
            str(FIXTURES / "tiny.yaml"),
            str(tmp_path / "Ada.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert score.returncode == 0, score.stderr
    assert "Ada [/] Lovelace" in score.stdout


def test_hiring_advice_lists_only_hires_that_cover_something(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    from assess.report.team import render_team_report

    write_team(tiny, tmp_path / "gaps")
    html = render_team_report(tiny, score_team(tiny, load_batch(tiny, [tmp_path / "gaps"])))
    start = html.index('id="hiring"')
    hiring = html[start : html.index("</table>", start)]
    assert "<td>Role Two</td>" in hiring and "<td>Role One</td>" not in hiring  # covers 0
    experts = tmp_path / "experts"
    for name in ["Ann", "Bea"]:
        save_response(
            experts / f"{name}.json",
            make_response(tiny, {"a-rate": 4, "a-check": 1, "b-rate": 4, "c-rate": 4}, name=name),
        )
    team = score_team(tiny, load_batch(tiny, [experts]))
    assert team.analysis.risks.empty
    html = render_team_report(tiny, team)
    assert '<p id="hiring">No hire is needed' in html and "Need covered" not in html
    assert "single points of failure above" not in html


def test_heatmap_titles_are_page_headings_not_drawn_over_the_column_labels(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    from assess.report.team import HEATMAP_TITLES, heatmap, render_team_report

    write_team(tiny, tmp_path)
    team = score_team(tiny, load_batch(tiny, [tmp_path]))
    figure = heatmap(team.analysis.readiness, ["Role One", "Role Two"], 100, "%{z}")
    assert "title" not in figure["layout"] and figure["layout"]["xaxis"]["side"] == "top"
    html = render_team_report(tiny, team)
    for title in HEATMAP_TITLES.values():
        assert f'<h3 class="chart-title">{title}</h3>' in html


def test_team_report_is_written_when_the_terminal_output_is_cut_short(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """`assess team ... | head -1`: rich exited(1) on the closed pipe before the report
    was written; now the printing stops and the files are still written."""
    write_team(tiny, tmp_path / "in")
    out = tmp_path / "team.html"
    command = [sys.executable, "-m", "assess", "team", str(tmp_path / "in")]
    command += [
        "-q",
        str(FIXTURES / "tiny.yaml"),
        "--out",
        str(out),
        "--csv",
        str(tmp_path / "csv"),
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, stderr
    assert "Traceback" not in stderr and out.is_file()
    assert (tmp_path / "csv" / "skills.csv").is_file()


def test_file_names_that_are_not_utf8_are_shown_not_crashed_on(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """Such a name reached the report as lone surrogates: UnicodeEncodeError on writing."""
    from assess.report.team import render_team_report

    write_team(tiny, tmp_path)
    folder = os.fsencode(tmp_path)
    try:
        with open(folder + b"/broken-\xff.json", "wb") as broken:
            broken.write(b"{")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    batch = load_batch(tiny, [tmp_path])
    (skipped,) = batch.skipped
    assert skipped.source.endswith("broken-\ufffd.json")
    html = render_team_report(tiny, score_team(tiny, batch))
    assert "broken-\ufffd.json" in html
    html.encode("utf-8")  # what writing the report does
