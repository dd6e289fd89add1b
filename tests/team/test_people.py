"""Who is who: e-mail, else name, without merging two people who share a name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.model.questionnaire import Questionnaire
from assess.team import anonymize_batch, load_batch, pseudonym
from assess.team import batch as batch_module
from assess.team.people import People
from tests.conftest import FIXTURES

STAMP = "2026-11-01T09:00:{:02d}Z"


class Batch:
    """Drives People as load_batch does: find, else a new row; register either way."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.people = People(self.names)

    def take(self, name: str, email: str | None) -> int:
        row = self.people.find(name, email)
        if row is None:
            row = len(self.names)
            self.names.append(name)
        self.people.add(row, name, email)
        return row

    def take_new(self, names: list[str], emails: list[str | None]) -> bool:
        taken = self.people.add_new(len(self.names), names, emails)
        if taken:
            self.names += names
        return taken


def test_same_email_whatever_the_case_or_name() -> None:
    batch = Batch()
    assert batch.take("Ann Lee", "ann@example.org") == 0
    assert batch.take("Ann M. Lee", "ANN@example.org") == 0


def test_same_name_when_one_side_gave_no_email() -> None:
    batch = Batch()
    assert batch.take("Ann Lee", None) == 0  # a survey taken in the terminal
    assert batch.take("ann lee", "ann@example.org") == 0  # a form answer
    assert batch.take("Ann Lee", None) == 0
    assert batch.take("Bo", "bo@example.org") == 1
    assert batch.take("BO", None) == 1  # e-mail first, then a terminal survey


def test_names_are_indexed_only_once_someone_gives_no_email() -> None:
    batch = Batch()
    for i in range(3):
        batch.take(f"P{i}", f"p{i}@example.org")
    assert batch.people._by_name is None  # all by e-mail so far: no name index
    assert batch.take("p1", None) == 1  # built from the rows' names when first needed
    assert batch.take("P3", "p3@example.org") == 3 and batch.take("p3", None) == 3


def test_two_people_who_share_a_name_stay_two() -> None:
    batch = Batch()
    assert batch.take("Alex Kim", "alex.kim@example.org") == 0
    assert batch.take("Alex Kim", "akim@example.org") == 1
    assert batch.take("Alex Kim", None) == 2  # which one? neither is guessed
    assert batch.take("alex kim", "AKIM@example.org") == 1


def test_a_name_once_matched_by_email_takes_no_second_address() -> None:
    batch = Batch()
    batch.take("Ann Lee", None)
    batch.take("Ann Lee", "ann@example.org")  # merged: now has an e-mail
    assert batch.take("Ann Lee", "other@example.org") == 1


def test_bulk_registration_refuses_anything_not_certainly_new() -> None:
    batch = Batch()
    assert batch.take_new(["A", "B"], ["a@x", "b@x"])
    assert batch.people._by_name is None
    assert not batch.take_new(["C", "D"], ["A@X", None])  # already here by e-mail
    assert not batch.take_new(["C", "c"], [None, None])  # twice in the chunk
    assert not batch.take_new(["b", "D"], [None, None])  # already here by name
    assert batch.take_new(["C", "D"], [None, "d@x"])
    assert batch.take("d", None) == 3 and batch.take("x", "a@x") == 0


@pytest.fixture(scope="module")
def tiny_q() -> Questionnaire:
    from assess.loading import load_questionnaire

    return load_questionnaire(FIXTURES / "tiny.yaml")


def response(name: str, email: str | None, second: int, rate: int) -> dict[str, Any]:
    who: dict[str, Any] = {"name": name} | ({"email": email} if email else {})
    return {
        "questionnaire_id": "tiny",
        "questionnaire_version": "1",
        "respondent": who,
        "answers": {"a-rate": rate},
        "started_at": STAMP.format(0),
        "updated_at": STAMP.format(second),
    }


def test_a_terminal_survey_and_a_form_answer_are_one_person(
    tiny_q: Questionnaire, tmp_path: Path
) -> None:
    """`assess take` asks no e-mail; forms do. Counting Ann twice would hide that a skill
    only she holds is a single point of failure."""
    (tmp_path / "ann-lee.json").write_text(json.dumps(response("Ann Lee", None, 5, 2)))
    form = [
        response("Ann Lee", "ann@example.org", 9, 4),
        response("Alex Kim", "alex@example.org", 1, 1),
        response("Alex Kim", "akim@example.org", 2, 3),
    ]
    (tmp_path / "form.jsonl").write_text("\n".join(json.dumps(r) for r in form))
    batch = load_batch(tiny_q, [tmp_path])
    assert batch.names == ["Ann Lee", "Alex Kim", "Alex Kim"]
    assert batch.emails == ["ann@example.org", "alex@example.org", "akim@example.org"]
    assert batch.codes[0][0] == 4  # the newer (form) answer was kept
    (dup,) = batch.duplicates
    assert dup.kept.endswith("form.jsonl:1") and dup.dropped.endswith("ann-lee.json")
    anonymize_batch(batch)
    assert batch.duplicates[0].person == batch.names[0] == pseudonym("ann@example.org")


people_names = st.sampled_from(["Ann Lee", "ann lee", "Alex Kim", "Bo"])
people_emails = st.sampled_from([None, None, "ann@x.org", "ANN@x.org", "alex@x.org", "ak@x.org"])


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(people_names, people_emails, st.integers(0, 59)), max_size=14))
def test_bulk_and_row_by_row_agree(
    tiny_q: Questionnaire,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    records: list[tuple[str, str | None, int]],
) -> None:
    folder = tmp_path_factory.mktemp("people")
    for i, (name, email, second) in enumerate(records):
        (folder / f"r{i:02d}.json").write_text(json.dumps(response(name, email, second, i % 5)))
    monkeypatch.setattr(batch_module, "CHUNK_SIZE", 4)
    bulk = load_batch(tiny_q, [folder])
    monkeypatch.setattr(People, "add_new", lambda *_: False)
    rows = load_batch(tiny_q, [folder])
    for field in ["names", "emails", "updated", "sources", "duplicates"]:
        assert getattr(bulk, field) == getattr(rows, field), field
    assert np.array_equal(bulk.codes, rows.codes)
    # every response is either a person or one side of a reported pair
    assert len(bulk) + len(bulk.duplicates) == len(records)
