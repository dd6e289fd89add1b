"""`assess score` streams: results built from text fragments must hold exactly what the
result models hold, and every input (files, folders, JSON lines) is read as a team batch
reads them, bad ones listed with the reason."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.model.response import DONT_KNOW, SKIP, Response
from assess.result_stream import FormText
from assess.result_writer import ResultWriter
from assess.scoring import score_responses
from assess.storage import save_response
from assess.team.stream import Scored, stream_scores
from tests.cli.test_commands import EXAMPLES, call
from tests.conftest import FIXTURES, make_response

ML_TEAM = load_questionnaire(builtin_dir() / "ml-team.yaml")
QUICK = load_questionnaire(builtin_dir() / "quick.yaml")
TINY = load_questionnaire(FIXTURES / "tiny.yaml")


def random_answers(q: Questionnaire, rnd: random.Random, style: int) -> dict[str, Any]:
    """Answers of several shapes: mostly high, mostly low, sparse, flat, anything."""
    answers: dict[str, Any] = {}
    for question in q.questions:
        roll = rnd.random()
        if style == 2 and roll < 0.7:  # sparse: few answers
            continue
        if roll < 0.08:
            answers[question.id] = SKIP
        elif isinstance(question, ChoiceQuestion):
            if rnd.random() < 0.15:
                answers[question.id] = DONT_KNOW
            else:
                answers[question.id] = rnd.randrange(len(question.options))
        else:
            level = {0: rnd.randint(2, 4), 1: rnd.randint(0, 1), 3: 2}.get(style)
            answers[question.id] = rnd.randint(0, 4) if level is None else level
    return answers


def responses(q: Questionnaire, seed: int, n: int) -> list[Response]:
    rnd = random.Random(seed)
    roles = [r.id for r in q.roles]
    return [
        make_response(
            q,
            random_answers(q, rnd, rnd.randrange(5)),
            name=rnd.choice(["Ada", "Bo", "=1+1", "Zoë \u202e", "Ann\x1b]52;c;x\x07"]) + str(i),
            **({"target_role": rnd.choice(roles)} if rnd.random() < 0.5 else {}),
            **({"team": "T"} if rnd.random() < 0.5 else {}),
        )
        for i in range(n)
    ]


def streamed(folder: Path, q: Questionnaire | None = None) -> list[dict[str, Any]]:
    texts = {}
    for fmt in ("jsonl", "json"):
        out = io.BytesIO()
        writer = ResultWriter(fmt, out)
        for item in stream_scores([folder], q):
            assert isinstance(item, Scored), item
            writer.write(item)
        writer.close()
        texts[fmt] = out.getvalue()
    assert texts["json"] == indented(texts["jsonl"])
    return [json.loads(line) for line in texts["jsonl"].decode().splitlines()]


def indented(lines: bytes) -> bytes:
    """JSON lines as one array, indented by msgspec: what ``-f json`` writes, byte for byte
    (it is made indented, not formatted)."""
    return msgspec.json.format(b"[" + b",".join(lines.splitlines()) + b"]", indent=2) + b"\n"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(["ml-team", "quick", "tiny"]), st.integers(0, 10_000))
def test_streamed_results_hold_what_the_models_hold(
    tmp_path_factory: pytest.TempPathFactory, which: str, seed: int
) -> None:
    q = {"ml-team": ML_TEAM, "quick": QUICK, "tiny": TINY}[which]
    folder = tmp_path_factory.mktemp("responses")
    batch = responses(q, seed, 12)
    for i, response in enumerate(batch):
        save_response(folder / f"r{i:02d}.json", response)
    expected = [r.model_dump(mode="json") for r in score_responses(q, batch)]
    assert streamed(folder, None if which != "tiny" else q) == expected


def test_a_response_pydantic_reads_gives_the_same_result(tmp_path: Path) -> None:
    """A stamp in another form takes the pydantic path; its result is the same."""
    response = responses(ML_TEAM, 1, 1)[0]
    save_response(tmp_path / "fast.json", response)
    doc = json.loads((tmp_path / "fast.json").read_text())
    doc["started_at"] = doc["started_at"].replace("Z", "+00:00")
    (tmp_path / "slow.json").write_text(json.dumps(doc))
    fast, slow = streamed(tmp_path)
    assert fast == slow == score_responses(ML_TEAM, [response])[0].model_dump(mode="json")


def test_json_is_one_indented_array_and_jsonl_a_line_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = call(capsys, "score", "-f", "json", *map(str, EXAMPLES))
    assert code == 0 and out.startswith('[\n  {\n    "respondent": {')
    as_json = json.loads(out)
    code, out, _ = call(capsys, "score", "-f", "jsonl", *map(str, EXAMPLES))
    assert [json.loads(line) for line in out.splitlines()] == as_json
    code, out, _ = call(capsys, "score", "-f", "json", str(tmp_path / "none.json"))
    assert code == 2 and json.loads(out) == []


def test_folders_and_json_lines_are_read_and_bad_inputs_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = tmp_path / "team.jsonl"
    lines.write_text(
        EXAMPLES[0].read_text().replace("\n", " ")
        + "\nnot json\n"
        + EXAMPLES[1].read_text().replace("\n", " ")
        + "\n"
    )
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "one.json").write_text(EXAMPLES[2].read_text())
    (tmp_path / "empty").mkdir()
    code, out, err = call(
        capsys,
        "score",
        "-f",
        "jsonl",
        str(lines),
        str(tmp_path / "folder"),
        str(tmp_path / "empty"),
    )
    names = [json.loads(line)["respondent"]["name"] for line in out.splitlines()]
    assert code == 2 and len(names) == 3
    assert f"{lines}:2:1: not valid JSON" in err
    assert "empty: is a folder with no response files" in err
    assert "2 of 5 input(s) could not be scored" in err


def test_mixed_questionnaires_each_scored_against_their_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    save_response(tmp_path / "a.json", responses(ML_TEAM, 2, 1)[0])
    save_response(tmp_path / "b.json", responses(QUICK, 3, 1)[0])
    code, out, err = call(capsys, "score", "-f", "jsonl", str(tmp_path))
    assert code == 0, err
    assert [json.loads(line)["questionnaire_id"] for line in out.splitlines()] == [
        "ml-team",
        "quick",
    ]
    code, out, err = call(capsys, "score", "-f", "jsonl", "-q", "quick", str(tmp_path))
    assert code == 2 and len(out.splitlines()) == 1
    assert "answers questionnaire 'ml-team', not 'quick'" in err


def test_csv_rank_is_among_every_role_with_a_role_filter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = call(capsys, "score", "-f", "csv", str(EXAMPLES[0]))
    rows = list(csv.DictReader(io.StringIO(out)))
    ranks = {row["id"]: row["rank"] for row in rows if row["record"] == "role"}
    _code, out, _ = call(capsys, "score", "-f", "csv", "-r", "developer", str(EXAMPLES[0]))
    (only,) = [row for row in csv.DictReader(io.StringIO(out)) if row["record"] == "role"]
    assert only["id"] == "developer" and only["rank"] == ranks["developer"]
    assert next(iter(rows[0])) == "person"


def test_fragments_are_encoded_once_per_questionnaire() -> None:
    """(The fixed text is built when a questionnaire is first met, not per result.)"""
    from assess.team.forms import Forms

    forms = Forms(TINY)
    text = FormText(forms.forms[0])
    assert ',"questionnaire_id":"tiny","questionnaire_version":"1"' in text.middle
    assert msgspec.json.decode(text.roles[0].heads[0] + b"null}") == {
        "role": "r1",
        "name": "Role One",
        "match": None,
    }


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(-150, 150),
            st.sampled_from([0.0, -0.0, -0.0004, 2.675, 0.125, 1.0005, 81.25, 99.995, 1e-9]),
            st.integers(-2000, 2000).map(lambda k: k / 8),
            st.just(float("nan")),
        ),
        max_size=40,
    ),
    st.sampled_from([(1, -100, 100), (2, -100, 100), (3, -4, 20), (4, 0, 1)]),
)
def test_numbers_are_written_as_round_then_repr(values: list[float], rule: Any) -> None:
    import numpy as np

    from assess.result_stream import Numbers

    digits = rule[0]
    texts = Numbers(*rule)(np.array(values, dtype=float))
    expected = ["null" if v != v else repr(round(v, digits)) for v in values]
    assert texts == expected


@pytest.mark.parametrize("role", [None, "data-engineer"])
def test_streamed_csv_is_the_csv_of_the_result_models(tmp_path: Path, role: str | None) -> None:
    from assess.result_text import render_csv

    batch = responses(ML_TEAM, 5, 20)
    for i, response in enumerate(batch):
        save_response(tmp_path / f"r{i:02d}.json", response)
    out = io.BytesIO()
    writer = ResultWriter("csv", out, role)
    for item in stream_scores([tmp_path]):
        assert isinstance(item, Scored)
        writer.write(item)
    writer.close()
    assert out.getvalue().decode() == render_csv(score_responses(ML_TEAM, batch), role)


def test_other_raters_and_ratings_are_streamed_as_the_models_say(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A response with ratings kept beside it carries the other raters' view
    (``with_other_raters``), a rating given directly is scored as itself (its rater
    named), and a folder's ratings and history are passed over (they are not people)."""
    from assess.loading import load_response
    from assess.person.record import with_other_raters
    from assess.scoring import ScoringPlan
    from tests.person.helpers import LATE, person, rating

    folder = tmp_path / "responses"
    current = person(folder, ML_TEAM)
    manager = rating(current, ML_TEAM, "Grace Hopper", "manager", {**LATE, "sql": 1})
    save_response(folder / "bo.json", responses(ML_TEAM, 5, 1)[0])
    code, out, err = call(capsys, "score", "-f", "jsonl", str(folder), str(manager))
    assert code == 0, err
    got = {
        (r["respondent"]["name"], r["rater"] is not None): r
        for r in map(json.loads, out.split("\n")[:-1])
    }
    assert len(got) == 3  # Ada, Bo and the manager's rating of Ada (not her history)
    _, as_json, _ = call(capsys, "score", "-f", "json", str(folder), str(manager))
    assert as_json.encode() == indented(out.encode())
    plan = ScoringPlan.from_questionnaire(ML_TEAM)
    ada = load_response(current)
    expected = with_other_raters(
        score_responses(ML_TEAM, [ada], plan)[0], current, ML_TEAM, plan, ada
    )
    assert expected.others is not None
    assert got[("Ada Lovelace", False)] == expected.model_dump(mode="json")
    rated = load_response(manager)
    assert got[("Ada Lovelace", True)] == score_responses(ML_TEAM, [rated], plan)[0].model_dump(
        mode="json"
    )
    assert got[("Ada Lovelace", True)]["rater"]["relation"] == "manager"
    assert got[(load_response(folder / "bo.json").respondent.name, False)]["others"] is None
