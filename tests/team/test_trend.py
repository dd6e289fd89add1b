"""The team over time (``assess team --history``): a small team by hand over three dates
(a person who joins later, a later assessment not finished), periods, a history with gaps,
the rater policy (a manager alone, two peers not used, three used) and the command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from assess.model.questionnaire import Questionnaire
from assess.model.response import Rater, Relation, Respondent, Response, Status
from assess.storage import history_folder, ratings_folder, save_response
from assess.team import load_batch, score_team
from assess.team.extras import read_extras
from assess.team.history import read_assessments
from assess.team.others import read_ratings
from assess.team.periods import choose_period
from assess.team.trend import build_trend
from tests.conftest import FIXTURES

D1 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
D2 = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
D3 = datetime(2026, 7, 10, 9, 0, tzinfo=UTC)

# tiny: r1 needs a at 3 (importance 5) and b at 2 (importance 2): 19 in all; r2 needs c
# at 4 (1) and a at 1 (1). Self-ratings only (the check on a left unanswered: P = R).
# Levels (a, b, c); d and e rated 0 by everyone.
ANN = {D1: (1, 1, 0), D2: (2, 2, 0), D3: (3, 2, 0)}
BEN = {D1: (2, 0, 1), D2: (2, 1, 2), D3: (4, 4, 4)}  # D3 not finished
CAT = {D2: (0, 3, 4), D3: (1, 3, 4)}  # joins at D2


def tiny_response(
    q: Questionnaire,
    name: str,
    levels: tuple[int, int, int],
    when: datetime,
    *,
    finished: bool = True,
    email: str | None = None,
    rater: tuple[str, str] | None = None,
) -> Response:
    a, b, c = levels
    return Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=Respondent(name=name, email=email),
        answers={"a-rate": a, "b-rate": b, "c-rate": c, "d-rate": 0, "e-rate": 0},
        started_at=when - timedelta(minutes=5),
        updated_at=when + timedelta(days=2),  # saved again later: the date is completed_at
        completed_at=when if finished else None,
        status=Status.complete if finished else Status.in_progress,
        rater=None if rater is None else Rater(name=rater[0], relation=Relation(rater[1])),
    )


def write_person(
    q: Questionnaire,
    folder: Path,
    name: str,
    series: dict[datetime, tuple[int, int, int]],
    unfinished: datetime | None = None,
) -> Path:
    """The newest as ``<name>.json``, the earlier ones in its history."""
    current = folder / f"{name.lower()}.json"
    days = sorted(series)
    for when in days[:-1]:
        save_path = history_folder(current) / f"{when:%Y-%m-%d}.json"
        save_path.parent.mkdir(parents=True, exist_ok=True)
        save_response(save_path, tiny_response(q, name, series[when], when))
    last = days[-1]
    save_response(current, tiny_response(q, name, series[last], last, finished=last != unfinished))
    return current


def write_team(q: Questionnaire, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "Ann": write_person(q, folder, "Ann", ANN),
        "Ben": write_person(q, folder, "Ben", BEN, unfinished=D3),
        "Cat": write_person(q, folder, "Cat", CAT),
    }


def trend_of(q: Questionnaire, folder: Path, **options: object):  # type: ignore[no-untyped-def]
    batch = load_batch(q, [folder])
    extras = read_extras(batch, [folder], questionnaire=q, history=True, **options)  # type: ignore[arg-type]
    team = score_team(q, batch, rescore=extras.rescore)
    return extras.trend(q, team.analysis.target_roles, by="auto"), team


def test_a_small_team_by_hand_over_three_dates(tiny: Questionnaire, tmp_path: Path) -> None:
    write_team(tiny, tmp_path)
    trend, team = trend_of(tiny, tmp_path)
    assert trend is not None and trend.shown
    # Quarterly rounds: one point a quarter, each at the quarter's last day.
    assert trend.by == "quarter"
    assert [(p.label, p.end, p.people, p.new) for p in trend.points] == [
        ("2026-Q1", "2026-03-31", 2, 2),  # Ann and Ben; Cat has not joined
        ("2026-Q2", "2026-06-30", 3, 3),
        ("2026-Q3", "2026-09-30", 3, 2),  # Ben's D3 is not finished: his D2 counts
    ]
    assert trend.unfinished == 1 and trend.assessments == 7 and trend.people == 3
    skill = {s.skill_id: s for s in trend.skills}
    # Q1 a: (1, 2); Q2 a: (2, 2, 0); Q3 a: (3, 2, 1)
    assert skill["a"].median == [1.5, 2.0, 2.0] and skill["a"].best == [2.0, 2.0, 3.0]
    # b: (1, 0); (2, 1, 3); (2, 1, 3)
    assert skill["b"].median == [0.5, 2.0, 2.0] and skill["b"].best == [1.0, 3.0, 3.0]
    # c: (0, 1); (0, 2, 4); (0, 2, 4)
    assert skill["c"].median == [0.5, 2.0, 2.0] and skill["c"].best == [1.0, 4.0, 4.0]
    assert skill["a"].assessed == [2, 3, 3]
    role = {r.role_id: r for r in trend.roles}
    # r1 readiness = 100 x (1 - (5 x short of a + 2 x short of b) / 19):
    # Q1 Ann 12 short -> 36.84, Ben 9 -> 52.63: median 44.74
    # Q2 Ann 5 -> 73.68, Ben 7 -> 63.16, Cat 15 -> 21.05: median 63.16
    # Q3 Ann 0 -> 100, Ben 7 -> 63.16, Cat 10 -> 47.37: median 63.16, one at 80 or more
    assert [round(v, 2) for v in role["r1"].readiness] == [44.74, 63.16, 63.16]
    assert role["r1"].ready == [0, 0, 1]
    # Uncovered (nobody at the level): Q1 r1 a (3) and b (2), r2 c (4); Q2 r1 a; Q3 none.
    assert role["r1"].uncovered == [["Skill A", "Skill B"], ["Skill A"], []]
    assert role["r2"].uncovered == [["Skill C"], [], []]
    # The last point is the team view but for Ben's unfinished retake, which the team
    # view (newest response, finished or not) takes.
    assert team.analysis.skills.set_index("skill").loc["a", "max"] == 4.0


def test_uncovered_is_the_team_view_s_rule(tiny: Questionnaire, tmp_path: Path) -> None:
    """The last point of a team whose newest assessments are all finished is the team view:
    its uncovered skills are the risks' "uncovered" rows."""
    folder = tmp_path / "team"
    folder.mkdir()
    write_person(tiny, folder, "Ann", ANN)
    write_person(tiny, folder, "Cat", {D1: (0, 0, 1), D2: (1, 3, 4)})
    trend, team = trend_of(tiny, folder)
    risks = team.analysis.risks
    for role in trend.roles:
        expected = risks[(risks["kind"] == "uncovered") & (risks["role"] == role.role_id)]
        assert sorted(role.uncovered[-1]) == sorted(expected["skill_name"])
    last = {s.skill_id: s.median[-1] for s in trend.skills}
    profile = team.analysis.skills.set_index("skill")["median"].to_dict()
    assert last == profile


def test_periods() -> None:
    days = np.array(["2026-01-05", "2026-01-11", "2026-03-31", "2026-04-01"], "datetime64[D]")
    one = np.zeros(4, np.intp)
    # Nobody assessed twice in one month but twice in one quarter: months.
    assert choose_period(days, np.array([0, 1, 0, 1]), "auto")[0] == "month"
    # Someone assessed twice in one week: days (4 points, under 12).
    assert choose_period(days, one, "auto")[0] == "day"
    assert choose_period(days, one, "week") == ("week", "one per week, as asked")
    # Nobody assessed twice: the finest period with at most 12 points.
    many = np.arange("2026-01-01", "2026-03-01", dtype="datetime64[D]")
    period, reason = choose_period(many, np.arange(len(many)), "auto")
    assert period == "week" and "nobody was assessed twice" in reason


def test_weeks_are_iso_and_points_stand_at_the_end(tiny: Questionnaire, tmp_path: Path) -> None:
    """A Sunday and the Monday after are two ISO weeks; a point stands on the last day."""
    sunday = datetime(2026, 1, 4, 23, 30, tzinfo=UTC)
    write_person(tiny, tmp_path, "Ann", {sunday: (1, 1, 1), sunday + timedelta(hours=1): (2, 2, 2)})
    batch = load_batch(tiny, [tmp_path])
    trend = build_trend(
        tiny, read_assessments(batch, [tmp_path], questionnaire=tiny), ["r1"], by="week"
    )
    assert [(p.label, p.end) for p in trend.points] == [
        ("2026-W01", "2026-01-04"),
        ("2026-W02", "2026-01-11"),
    ]
    assert date.fromisoformat(trend.points[0].end).weekday() == 6


def test_a_history_with_gaps_is_used_as_far_as_it_goes(tiny: Questionnaire, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    paths = write_team(tiny, folder)
    ann = history_folder(paths["Ann"])
    (ann / "2026-02-01.json").write_text("{not json")
    save_response(ann / "2026-02-02.json", tiny_response(tiny, "Zed", (4, 4, 4), D1))
    rating = tiny_response(tiny, "Ann", (4, 4, 4), D1, rater=("Gus", "peer"))
    save_response(ann / "2026-02-03.json", rating)
    (ann / "2026-02-04.json").symlink_to(ann / "nowhere.json")
    # Cat's newest file is gone: her history is used without it, and says so.
    paths["Cat"].unlink()
    batch = load_batch(tiny, [folder])
    found = read_assessments(batch, [folder], questionnaire=tiny)
    reasons = {Path(x.source).name: (x.person, x.reason) for x in found.not_used}
    assert "not valid JSON" in reasons["2026-02-01.json"][1]
    assert reasons["2026-02-02.json"] == (
        "Ann",
        "about Zed, someone else by name or e-mail",
    )
    assert "not a self-assessment" in reasons["2026-02-03.json"][1]
    assert "broken" in reasons["2026-02-04.json"][1]
    assert reasons["cat.json"][0] == "Cat" and reasons["cat.json"][1].startswith("missing")
    # The rest is used: Ann's three, Ben's three (one unfinished), Cat's one.
    assert len(found) == 7 and found.unfinished == 1
    trend = build_trend(tiny, found, ["r1"])
    assert [p.people for p in trend.points] == [2, 3, 3]  # Cat (D2) still counts
    assert trend.not_used_total == 5


def test_an_older_duplicate_among_the_inputs_is_an_earlier_assessment(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """Two files of one person (a form export and a survey): the team view keeps the
    newest, the trend dates both."""
    save_response(tmp_path / "ann.json", tiny_response(tiny, "Ann", (3, 2, 0), D2))
    old = tiny_response(tiny, "ann", (1, 1, 0), D1, email="ann@example.org")
    save_response(tmp_path / "ann-form.json", old)
    batch = load_batch(tiny, [tmp_path])
    assert len(batch) == 1 and len(batch.duplicates) == 1
    found = read_assessments(batch, [tmp_path], questionnaire=tiny, history=False)
    assert len(found) == 2 and found.person.tolist() == [0, 0]
    assert found.assessed() == ["2026-04-10"]
    trend = build_trend(tiny, found, ["r1"])
    assert [s.median for s in trend.skills if s.skill_id == "a"] == [[1.0, 3.0]]


# -- the rater policy ---------------------------------------------------------------------
def rate(
    q: Questionnaire,
    current: Path,
    rater: str,
    relation: str,
    levels: tuple[int, int, int],
    when: datetime = D3,
) -> None:
    path = ratings_folder(current) / f"{relation}--{rater.lower()}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_response(path, tiny_response(q, "Ann", levels, when, rater=(rater, relation)))


def levels_of(team, person: str) -> list[float]:  # type: ignore[no-untyped-def]
    return team.analysis.proficiency.loc[person, ["a", "b", "c"]].tolist()


def test_policy_a_manager_alone_counts(tiny: Questionnaire, tmp_path: Path) -> None:
    current = write_person(tiny, tmp_path, "Ann", {D1: (1, 1, 0)})
    rate(tiny, current, "Mia", "manager", (3, 0, 2))
    batch = load_batch(tiny, [tmp_path])
    for policy, expected in {
        "self": [1.0, 1.0, 0.0],
        "others": [3.0, 0.0, 2.0],
        "others_else_self": [3.0, 0.0, 2.0],
        "self_and_others": [2.0, 0.5, 1.0],
    }.items():
        extras = read_extras(batch, [tmp_path], questionnaire=tiny, policy=policy)  # type: ignore[arg-type]
        team = score_team(tiny, batch, rescore=extras.rescore)
        assert levels_of(team, "Ann") == expected, policy
        assert extras.raters.people_rated == 1
        assert extras.raters.people_used == (0 if policy == "self" else 1)
    # readiness r1 under "others": short 5 x 0 + 2 x 2 = 4 of 19 -> 78.95
    extras = read_extras(batch, [tmp_path], questionnaire=tiny, policy="others")
    team = score_team(tiny, batch, rescore=extras.rescore)
    assert team.analysis.readiness.loc["Ann", "r1"] == pytest.approx(78.947, abs=1e-3)


def test_policy_two_peers_are_not_used_three_are(tiny: Questionnaire, tmp_path: Path) -> None:
    current = write_person(tiny, tmp_path, "Ann", {D1: (1, 1, 0)})
    rate(tiny, current, "Pia", "peer", (4, 4, 4))
    rate(tiny, current, "Pam", "peer", (2, 4, 4))
    batch = load_batch(tiny, [tmp_path])
    extras = read_extras(batch, [tmp_path], questionnaire=tiny, policy="others_else_self")
    team = score_team(tiny, batch, rescore=extras.rescore)
    assert levels_of(team, "Ann") == [1.0, 1.0, 0.0]  # two peers: never used
    assert extras.raters.people_rated == 1 and extras.raters.people_used == 0
    rate(tiny, current, "Pat", "peer", (3, 1, 1))
    extras = read_extras(batch, [tmp_path], questionnaire=tiny, policy="others_else_self")
    team = score_team(tiny, batch, rescore=extras.rescore)
    assert levels_of(team, "Ann") == [3.0, 3.0, 3.0]  # the mean of three peers
    assert extras.raters.people_used == 1


def test_ratings_about_someone_else_or_unreadable_are_counted_not_used(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    current = write_person(tiny, tmp_path, "Ann", {D1: (1, 1, 0)})
    rate(tiny, current, "Mia", "manager", (3, 3, 3))
    folder = ratings_folder(current)
    save_response(
        folder / "manager--max.json",
        tiny_response(tiny, "Bob", (4, 4, 4), D1, rater=("Max", "manager")),
    )
    (folder / "peer--x.json").write_text("[]")
    save_response(folder / "me.json", tiny_response(tiny, "Ann", (4, 4, 4), D1))
    ratings = read_ratings(load_batch(tiny, [tmp_path]), tiny)
    assert len(ratings) == 1 and ratings.not_used == 3


def test_the_trend_takes_each_rating_from_when_it_was_finished(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """A manager's rating finished in Q3 changes Q3 only; its earlier version (a retake,
    in the rating's own history) counts from Q2."""
    current = write_person(tiny, tmp_path, "Ann", ANN)
    rate(tiny, current, "Mia", "manager", (4, 4, 4), when=D3)
    earlier = ratings_folder(current) / "manager--mia" / "history" / "2026-04-20.json"
    earlier.parent.mkdir(parents=True)
    save_response(
        earlier,
        tiny_response(tiny, "Ann", (3, 3, 3), D2 + timedelta(days=10), rater=("Mia", "manager")),
    )
    trend, team = trend_of(tiny, tmp_path, policy="others_else_self")
    assert [s.median for s in trend.skills if s.skill_id == "a"] == [[1.0, 3.0, 4.0]]
    assert levels_of(team, "Ann") == [4.0, 4.0, 4.0]


# -- the command --------------------------------------------------------------------------
def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", "team", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**__import__("os").environ, "COLUMNS": "120"},
    )


def test_cli_history_terminal_report_and_exports(tiny: Questionnaire, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    write_team(tiny, folder)
    (history_folder(folder / "ann.json") / "2026-02-01.json").write_text("{not json")
    tiny_file = str(FIXTURES / "tiny.yaml")
    done = run(
        str(folder),
        "-q",
        tiny_file,
        "--history",
        "-o",
        "team.html",
        "--csv",
        "csv",
        "--xlsx",
        "team.xlsx",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())  # (the terminal wraps long lines)
    assert "Team over time" in out
    assert "3 points, one per quarter" in out
    for line in ("2026-Q1*", "2026-Q2*", "2026-Q3*"):
        assert line in out
    assert "1 unfinished left out" in out
    assert "/team/ann/history/2026-02-01.json (Ann): not valid JSON" in out
    assert "Levels: self — each person's own assessment; nobody here has other raters" in out
    page = (tmp_path / "team.html").read_text()
    assert 'id="team-trend"' in page and "Team over time" in page
    assert page.count('class="chart"') >= 5 + 3  # the section's five charts and the others
    trend = pd.read_csv(tmp_path / "csv" / "trend.csv")
    assert list(trend.columns) == [
        "period",
        "date",
        "people",
        "new",
        "measure",
        "role",
        "skill",
        "value",
    ]
    ready = trend[(trend.measure == "readiness_median") & (trend.role == "r1")]
    assert ready["value"].round(2).tolist() == [44.74, 63.16, 63.16]
    assert ready["date"].tolist() == ["2026-03-31", "2026-06-30", "2026-09-30"]
    gone = trend[trend.measure == "uncovered"]
    assert sorted(zip(gone.period, gone.role, gone.skill, strict=True)) == [
        ("2026-Q1", "r1", "a"),
        ("2026-Q1", "r1", "b"),
        ("2026-Q1", "r2", "c"),
        ("2026-Q2", "r1", "a"),
    ]
    skills = pd.read_csv(tmp_path / "csv" / "skills.csv")
    assert list(skills.columns) == ["person", "team", "skill", "proficiency", "assessed"]
    dated = dict(zip(skills.person, skills.assessed, strict=False))
    # the day each response kept was finished (Ben's, not finished: last saved)
    assert dated == {"Ann": "2026-07-10", "Ben": "2026-07-12", "Cat": "2026-07-10"}
    assert list(pd.read_csv(tmp_path / "csv" / "fits.csv").columns)[-1] == "assessed"
    skipped = pd.read_csv(tmp_path / "csv" / "history_skipped.csv")
    assert skipped["person"].tolist() == ["Ann"]
    book = openpyxl.load_workbook(tmp_path / "team.xlsx", read_only=True)
    assert "trend" in book.sheetnames and "history skipped" in book.sheetnames
    header = next(book["skills"].iter_rows(values_only=True))
    assert header[:3] == ("person", "team", "assessed")


def test_cli_one_date_says_so_and_draws_no_section(tiny: Questionnaire, tmp_path: Path) -> None:
    write_person(tiny, tmp_path / "team", "Ann", {D1: (1, 1, 0)})
    done = run("team", "-q", str(FIXTURES / "tiny.yaml"), "--history", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "one date only (2026-01-10): nothing to compare yet" in " ".join(done.stdout.split())
    page = (tmp_path / "reports" / "team.html").read_text()
    assert 'id="team-trend"' not in page
    assert "one date only (2026-01-10)" in page


def test_cli_options_checked(tiny: Questionnaire, tmp_path: Path) -> None:
    write_person(tiny, tmp_path / "team", "Ann", {D1: (1, 1, 0)})
    done = run("team", "-q", str(FIXTURES / "tiny.yaml"), "--by", "month", cwd=tmp_path)
    assert done.returncode == 2 and "--by only applies with --history" in done.stderr
    done = run("team", "-q", str(FIXTURES / "tiny.yaml"), "--raters", "boss", cwd=tmp_path)
    assert done.returncode == 2 and "'boss' is not one of" in done.stderr


def test_cli_raters_policy_in_the_views(tiny: Questionnaire, tmp_path: Path) -> None:
    current = write_person(tiny, tmp_path / "team", "Ann", {D1: (1, 1, 0)})
    rate(tiny, current, "Mia", "manager", (3, 0, 2))
    write_person(tiny, tmp_path / "team", "Ben", {D1: (2, 0, 1)})
    args = ("team", "-q", str(FIXTURES / "tiny.yaml"), "--csv", "csv")
    done = run(*args, cwd=tmp_path)
    out = " ".join(done.stdout.split())
    assert "1 of 2 people have other raters (--raters others_else_self uses them)" in out
    before = pd.read_csv(tmp_path / "csv" / "skills.csv")
    done = run(*args, "--raters", "others_else_self", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())
    assert "Levels: others_else_self — other raters' level where there is one" in out
    assert "1 of 2 people have other raters, whose view is used for 1" in out
    after = pd.read_csv(tmp_path / "csv" / "skills.csv")
    ann = after[(after.person == "Ann")].set_index("skill")["proficiency"]
    assert ann[["a", "b", "c"]].tolist() == [3.0, 0.0, 2.0]
    ben_before = before[before.person == "Ben"]["proficiency"].tolist()
    assert after[after.person == "Ben"]["proficiency"].tolist() == ben_before
    page = (tmp_path / "reports" / "team.html").read_text()
    assert 'id="raters-policy"' in page and "others_else_self" in page


def test_anonymized_trend_names_nobody(tiny: Questionnaire, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    paths = write_team(tiny, folder)
    save_response(
        history_folder(paths["Ann"]) / "2026-02-02.json",
        tiny_response(tiny, "Zed Secret", (4, 4, 4), D1),
    )
    done = run(
        str(folder),
        "-q",
        str(FIXTURES / "tiny.yaml"),
        "--history",
        "--anonymize",
        "--csv",
        "csv",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "reports" / "team.html").read_text()
    packed = r'<script type="application/x-assess-packed"[^>]*>.*?</script>'  # (plotly.js)
    texts = [done.stdout, re.sub(packed, "", page, flags=re.S)]
    texts += [p.read_text() for p in (tmp_path / "csv").glob("*.csv")]
    for text in texts:
        for name in ("Ann", "Zed Secret", "2026-02-02.json", str(folder)):
            assert name not in text
    skipped = pd.read_csv(tmp_path / "csv" / "history_skipped.csv")
    assert skipped["person"].str.startswith("Person-").all()
    assert skipped["reason"].tolist() == ["about someone else by name or e-mail"]


def test_a_json_lines_team_over_time(tiny: Questionnaire, tmp_path: Path) -> None:
    """Exports from two dates as JSON lines: each person's two records are their
    assessments at two dates (the identity rule ties them)."""
    lines = []
    for when, levels in ((D1, (1, 1, 1)), (D2, (3, 3, 3))):
        for name in ("Ann", "Ben"):
            r = tiny_response(tiny, name, levels, when, email=f"{name.lower()}@x.org")
            lines.append(r.model_dump_json())
    (tmp_path / "all.jsonl").write_text("\n".join(lines) + "\n")
    batch = load_batch(tiny, [tmp_path / "all.jsonl"])
    found = read_assessments(batch, [tmp_path / "all.jsonl"], questionnaire=tiny)
    trend = build_trend(tiny, found, ["r1"])
    assert [(p.people, p.new) for p in trend.points] == [(2, 2), (2, 2)]
    assert [s.median for s in trend.skills if s.skill_id == "a"] == [[1.0, 3.0]]
    assert json.loads(lines[0])["respondent"]["name"] == "Ann"


def test_a_rating_finished_after_the_last_assessment_is_a_point(
    tiny: Questionnaire, tmp_path: Path
) -> None:
    """Under a policy that takes other raters, a manager's round after the last assessment
    changes the team: its period is a point (no one assessed in it); under ``self`` not."""
    current = write_person(tiny, tmp_path, "Ann", ANN)
    rate(tiny, current, "Mia", "manager", (4, 4, 4), when=D3 + timedelta(days=100))
    trend, _ = trend_of(tiny, tmp_path, policy="others_else_self")
    assert [(p.label, p.new) for p in trend.points][-2:] == [("2026-Q3", 1), ("2026-Q4", 0)]
    assert [s.median for s in trend.skills if s.skill_id == "a"] == [[1.0, 2.0, 3.0, 4.0]]
    assert "a rating by someone else" in trend.by_reason
    trend, _ = trend_of(tiny, tmp_path)
    assert [p.label for p in trend.points] == ["2026-Q1", "2026-Q2", "2026-Q3"]
