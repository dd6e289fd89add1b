"""--anonymize replaces team names too and folds teams of fewer than 5 people."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from assess.model.questionnaire import Questionnaire
from assess.storage import save_response
from assess.team import anonymize_batch, load_batch, score_team
from assess.team.anonymize import OTHER_TEAMS, Anonymized, fold_teams, team_pseudonym
from assess.team.summary import build_summary
from tests.conftest import FIXTURES, make_response


def test_teams_under_five_people_are_folded_and_the_rest_get_pseudonyms() -> None:
    teams = ["Data"] * 5 + ["Ops", "Ops", "Legal", None, " data "]
    folded, info = fold_teams(teams)
    label = team_pseudonym("Data")
    assert re.fullmatch(r"Team-[0-9a-f]{10}", label)
    # " data " is the Data team (case and spaces do not matter): 6 people
    assert folded == [label] * 5 + [OTHER_TEAMS] * 3 + [None, label]
    assert info == Anonymized(teams_folded=2, people_folded=3)


def test_team_pseudonyms_are_stable_and_keyed() -> None:
    assert team_pseudonym("Data") == team_pseudonym("DATA ")
    assert team_pseudonym("Data", "k1") != team_pseudonym("Data", "k2") != team_pseudonym("Data")
    assert fold_teams(["Data"] * 5, "k1")[0] == [team_pseudonym("Data", "k1")] * 5


def write_people(q: Questionnaire, folder: Path, teams: list[str | None]) -> None:
    folder.mkdir()
    for i, team in enumerate(teams):
        extra = {"team": team} if team else {}
        answers = {"a-rate": i % 5, "b-rate": 2, "c-rate": (i * 3) % 5, "d-rate": 1, "e-rate": 0}
        save_response(
            folder / f"p{i}.json", make_response(q, answers, name=f"Real Name {i}", **extra)
        )


def test_a_one_person_team_identifies_no_one(tiny: Questionnaire, tmp_path: Path) -> None:
    """Issue 12, item 6: a team of one, shown by name (or by a pseudonym of its name) next
    to a pseudonymous row, says whose row it is. Folded into "other teams" it does not."""
    teams = ["Platform"] * 6 + ["Skunkworks"] + ["Finance", "Finance"] + [None]
    data = tmp_path / "in"
    write_people(tiny, data, teams)
    batch = load_batch(tiny, [data])
    info = anonymize_batch(batch)
    assert info == Anonymized(2, 3)
    summary = build_summary(tiny, score_team(tiny, batch), anonymized=info)
    assert [(t.name, t.people) for t in summary.header.teams] == [
        (team_pseudonym("Platform"), 6),
        (OTHER_TEAMS, 3),
    ]
    assert summary.header.folded_note is not None
    assert summary.header.folded_note.startswith("2 team(s) of fewer than 5 people (3 people)")

    out = tmp_path / "out"
    command = [sys.executable, "-m", "assess", "team", str(data), "-q", str(FIXTURES / "tiny.yaml")]
    command += ["--anonymize", "-o", str(out / "t.html"), "--csv", str(out / "csv")]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    html = re.sub(r"<script\b.*?</script>", "", (out / "t.html").read_text(), flags=re.S)
    texts = [proc.stdout, html, *(p.read_text() for p in (out / "csv").iterdir())]
    for text in texts:
        assert not re.search("platform|skunkworks|finance|real name", text, re.I)
    flat = " ".join(proc.stdout.split())
    assert 'are shown together as "other teams"' in flat and "other teams (3)" in flat
    assert "are shown together as &#34;other teams&#34;" in html
    assert f"{team_pseudonym('Platform')} (6)" in html
