"""The batch fast path must agree with the pydantic path: never accept what pydantic
rejects, and read the same values from whatever it accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assess.errors import ResponseError
from assess.loading import load_questionnaire, parse_response
from assess.scoring.plan import AnswerMismatch, ScoringPlan
from assess.storage import save_response
from assess.team import batch as batch_module
from assess.team import load_batch
from assess.team.fastpath import FastReader
from tests.conftest import FIXTURES, make_response

TINY = load_questionnaire(FIXTURES / "tiny.yaml")
PLAN = ScoringPlan.from_questionnaire(TINY)
QUESTION_IDS = list(PLAN.question_ids)

STAMP = "2026-11-01T09:00:00Z"
whitespace = st.sampled_from([" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", "\u180e"])
texts = st.one_of(
    st.text(max_size=12),
    st.builds(lambda a, b, c: a + b + c, whitespace | st.just(""), st.text(max_size=8), whitespace),
    st.text(min_size=195, max_size=205, alphabet="ab "),
    st.sampled_from(["skip", "dont_know", "-30001", "a@b", "a b@c", "é@x.org", "x@@y"]),
)
emails_with_space = st.builds(lambda space: f"a{space}b@example.org", whitespace)
json_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.integers(min_value=2**62, max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 1.0, 2.5, "2", "skip", "dont_know", "Skip"]),
    texts,
    st.lists(st.integers(0, 3), max_size=2),
)
valid_stamps = st.builds(
    lambda day, second: f"2026-11-{day:02d}T09:00:{second:02d}Z",
    st.integers(1, 30),
    st.integers(0, 59),
)
stamps = st.one_of(
    st.just(STAMP),
    st.sampled_from(
        [
            "2026-02-30T09:00:00Z",
            "2026-11-01T24:00:00Z",
            "2026-11-01T23:59:60Z",
            "2026-11-01 09:00:00Z",
            "2026-11-01T09:00:00+01:00",
            "2026-11-01T09:00:00.5Z",
            "2026-11-01T09:00:00",
            "2026-W44-1T09:00:00Z",
            "2026-11-01",
            "1700000000",
        ]
    ),
    st.builds(
        lambda y, mo, d, h, mi, s: f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z",
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(0, 25),
        st.integers(0, 61),
        st.integers(0, 61),
    ),
    st.integers(0, 2_000_000_000),
    json_values,
)
answer_values = st.one_of(st.integers(0, 4), st.sampled_from(["skip", "dont_know"]), json_values)


def sometimes(draw: st.DrawFn, usual: Any, odd: st.SearchStrategy[Any]) -> Any:
    """Mostly the usual value; now and then an odd one, so most documents stay valid."""
    # (hypothesis favours 0 and the bounds, so the rare branch is a value in between)
    return draw(odd) if draw(st.integers(0, 15)) == 9 else usual


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Responses to the tiny questionnaire, mostly valid, with now and then something off."""
    respondent: dict[str, Any] = {"name": sometimes(draw, "Ada Lovelace", texts)}
    for key, usual, odd in [
        ("team", "Data", texts | json_values),
        ("email", "ada@example.org", texts | json_values | emails_with_space),
        ("target_role", "r1", texts | json_values),
    ]:
        if draw(st.booleans()):
            respondent[key] = sometimes(draw, usual, odd)
    if draw(st.integers(0, 20)) == 9:
        respondent["nickname"] = "Ada"
    answers = {
        question_id: sometimes(draw, draw(st.integers(0, 2) | st.just("skip")), answer_values)
        for question_id in QUESTION_IDS
        if draw(st.integers(0, 4))
    }
    if draw(st.integers(0, 10)) == 9:
        answers[draw(st.sampled_from(["a-rat", "zzz", ""]))] = 1
    doc: dict[str, Any] = {
        "questionnaire_id": sometimes(draw, "tiny", st.sampled_from(["quick"]) | json_values),
        "questionnaire_version": sometimes(draw, "1", st.sampled_from(["2"]) | json_values),
        "respondent": sometimes(draw, respondent, json_values),
        "answers": sometimes(draw, answers, json_values),
        "started_at": sometimes(draw, STAMP, stamps),
        "updated_at": sometimes(draw, draw(valid_stamps), stamps),
        "completed_at": sometimes(draw, None, stamps),
        "status": sometimes(draw, "complete", st.sampled_from(["in_progress"]) | json_values),
    }
    for key in list(doc):
        if draw(st.integers(0, 30)) == 9:
            del doc[key]
    if draw(st.integers(0, 30)) == 9:
        doc["extra"] = 1
    return doc


def pydantic_path(raw: bytes) -> tuple[Any, ...] | None:
    try:
        response = parse_response(raw)
        if PLAN.check_identity(response):
            return None
        codes = PLAN.encode(response.answers)
    except (ResponseError, AnswerMismatch):
        return None
    who = response.respondent
    return (
        who.name,
        who.team,
        who.email,
        who.target_role,
        response.updated_at.timestamp(),
        # seconds to complete, for complete responses only (the careless-responding flags)
        response.completed_at.timestamp() - response.started_at.timestamp()
        if response.status == "complete" and response.completed_at is not None
        else None,
        # what `assess score` prints of them
        tuple(
            response.model_dump(mode="json")[key]
            for key in ("status", "started_at", "updated_at", "completed_at")
        ),
        codes.tolist(),
    )


def fast_path(raw: bytes) -> tuple[Any, ...] | None:
    reader = FastReader(PLAN, keep_stamps=True)
    read = reader.read(raw, "r.json")
    codes = reader.finish()
    if read is None:
        assert codes.shape == (0, len(QUESTION_IDS))  # nothing queued
        return None
    assert (read.source, read.form) == ("r.json", 0)
    fields = (read.name, read.team, read.email, read.target_role, read.updated, read.duration)
    return (*fields, read.stamps, codes[0].tolist())


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example(
    {
        "questionnaire_id": "tiny",
        "questionnaire_version": "1",
        "respondent": {"name": "Ada"},
        "answers": {"a-rate": 4, "a-check": "dont_know", "b-rate": "skip"},
        "started_at": STAMP,
        "updated_at": STAMP,
    }
)
def test_fast_path_never_accepts_what_pydantic_rejects(doc: dict[str, Any]) -> None:
    raw = json.dumps(doc).encode()
    fast = fast_path(raw)
    if fast is not None:
        assert fast == pydantic_path(raw)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u2003", "\u3000", "\x1c"])
def test_e_mail_with_any_whitespace_is_not_taken_fast(space: str) -> None:
    """Pydantic's e-mail pattern refuses Unicode whitespace (its \\s is Unicode-aware)."""
    doc = {"questionnaire_id": "tiny", "questionnaire_version": "1", "answers": {}}
    doc |= {"started_at": STAMP, "updated_at": STAMP}

    def with_email(email: str) -> bytes:
        return json.dumps(doc | {"respondent": {"name": "Ada", "email": email}}).encode()

    assert fast_path(with_email(f"a{space}b@example.org")) is None
    assert fast_path(with_email("ab@example.org")) is not None  # the control


@pytest.mark.parametrize(
    "answers",
    [
        {"a-rate": 4, "a-check": 1, "b-rate": 2, "c-rate": 0},
        {"a-rate": "skip", "a-check": "dont_know"},
        {},
    ],
)
def test_files_assess_writes_take_the_fast_path(tmp_path: Path, answers: dict[str, Any]) -> None:
    path = tmp_path / "r.json"
    save_response(path, make_response(TINY, answers, name="Ada", email="ada@example.org"))
    raw = path.read_bytes()
    fast = fast_path(raw)
    assert fast is not None and fast == pydantic_path(raw)


def minimal(answers: Any) -> bytes:
    doc = {"questionnaire_id": "tiny", "questionnaire_version": "1", "answers": answers}
    doc |= {"respondent": {"name": "Ada"}, "started_at": STAMP, "updated_at": STAMP}
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("answers", "slow"),
    [
        ({"a-rate": 4, "a-check": 1}, False),
        ({"a-rate": "skip", "a-check": "dont_know"}, False),
        ({"a-rate": 5}, True),  # out of range
        ({"a-check": 3}, True),  # a-check has three options: 0-2
        ({"a-rate": -1}, True),
        ({"a-rate": "dont_know"}, True),  # only checks take dont_know
        ({"a-rate": 2.0}, True),  # valid for pydantic (2), left to it
        ({"a-check": True}, True),  # valid for pydantic (1), left to it
        ({"a-rate": 2.5}, True),
        ({"a-rate": "2"}, True),  # valid for pydantic (2), left to it
        ({"a-rate": [2]}, True),
        ({"a-rate": None}, True),
        ({"nope": 1}, True),  # unknown question
        (None, True),
    ],
)
def test_rows_are_judged_one_by_one(answers: Any, slow: bool) -> None:
    """A response the fast path refuses queues nothing; its neighbours keep their rows."""
    reader = FastReader(PLAN)
    first = reader.read(minimal({"a-rate": 1, "c-rate": "skip"}))
    middle = reader.read(minimal(answers))
    last = reader.read(minimal({"b-rate": 3}))
    codes = reader.finish()
    assert first is not None and last is not None
    assert (middle is None) is slow
    missing = PLAN.missing_code
    skip = PLAN.skip_code
    assert codes[0].tolist() == [1, missing, missing, skip, missing, missing]
    assert codes[-1].tolist() == [missing, missing, 3, missing, missing, missing]
    assert len(codes) == (2 if slow else 3)
    if not slow:
        assert fast_path(minimal(answers)) == pydantic_path(minimal(answers))


VALID = minimal({"a-rate": 4})


@pytest.mark.parametrize(
    "raw",
    [
        VALID.replace(b'"Ada"', b'"Ada\\ud800"'),  # a lone surrogate
        VALID.replace(b'"Ada"', b'"Ad\xff"'),  # not UTF-8
        VALID.replace(b'"Ada"', b'"Ad\xed\xa0\x80"'),  # a surrogate encoded as UTF-8
        b"\xef\xbb\xbf" + VALID,  # a byte-order mark
        VALID.replace(b'"Ada"', b'"Ada", "name": "Bea"'),  # duplicate keys: the last wins
        VALID.replace(b'"a-rate": 4', b'"a-rate": 4, "a-rate": "skip"'),
        VALID.replace(b'"a-rate": 4', b'"a-rate": 4e0'),
        VALID.replace(b'"a-rate": 4', b'"a-rate": -0'),
        VALID + b" x",
        VALID + b" \n",
        VALID.replace(b"Ada", b"A\tda"),  # a raw tab inside a string
        VALID.replace(b'"Ada"', b'"\\u00c1da"'),
        VALID.replace(b"}", b",}", 1),
        VALID.replace(b'"a-rate": 4', b'"a-rate": ' + b"[" * 3000 + b"]" * 3000),
        VALID.replace(b'"1"', b"1"),  # a version that is a number
    ],
)
def test_odd_bytes_never_read_differently(raw: bytes) -> None:
    fast = fast_path(raw)
    if fast is not None:
        assert fast == pydantic_path(raw)


def test_the_odd_bytes_include_some_the_fast_path_takes() -> None:
    """(So the test above can fail.)"""
    assert fast_path(VALID.replace(b'"Ada"', b'"Ada", "name": "Bea"'))[0] == "Bea"  # type: ignore[index]
    assert fast_path(VALID.replace(b'"a-rate": 4', b'"a-rate": -0')) is not None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(documents(), min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_batches_match_the_pydantic_only_loader(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    docs: list[dict[str, Any]],
    rnd: Any,
) -> None:
    folder = tmp_path_factory.mktemp("batch")
    valid = {
        "questionnaire_id": "tiny",
        "questionnaire_version": "1",
        "respondent": {"name": "Ada", "email": "ada@example.org"},
        "answers": {"a-rate": 3},
        "started_at": STAMP,
        "updated_at": STAMP,
    }
    docs = [*docs, valid, valid | {"updated_at": "2027-01-01T00:00:00Z"}]
    rnd.shuffle(docs)
    for i, doc in enumerate(docs):
        (folder / f"r{i:03d}.json").write_text(json.dumps(doc))
    monkeypatch.setattr(batch_module, "CHUNK_SIZE", 3)  # several chunks, rows across them
    fast = load_batch(TINY, [folder])
    monkeypatch.setattr(FastReader, "read", lambda *_: None)
    slow = load_batch(TINY, [folder])
    for field in ["names", "teams", "emails", "target_roles", "updated", "sources", "durations"]:
        assert getattr(fast, field) == getattr(slow, field), field
    assert np.array_equal(fast.codes, slow.codes)
    assert fast.skipped == slow.skipped
    assert fast.duplicates == slow.duplicates
