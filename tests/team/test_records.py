"""A batch's records as columns give back exactly the records taken, and the same columns."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.model.questionnaire import Questionnaire
from assess.team.batch import Batch
from assess.team.fastpath import Respondent
from assess.team.forms import Forms
from assess.team.inputs import LineFiles
from assess.team.records import Records

_texts = st.text(max_size=12)
_times = st.floats(allow_nan=False)  # (a time or duration is never NaN: see records)
_stamps = st.tuples(_texts, _texts, _texts, st.none() | _texts)
_raters = st.tuples(_texts, st.none() | _texts, _texts)

respondents = st.builds(
    Respondent,
    name=_texts,
    team=st.none() | st.sampled_from(["Data", "ML", "Platform"]),
    email=st.none() | _texts,
    target_role=st.none() | st.sampled_from(["ml-engineer", "data-engineer"]),
    updated=_times,
    duration=st.none() | _times,
    # numbered records, file names, and ints past int64 (kept in a list then)
    source=st.integers(0, 2**40) | _texts | st.integers(-(2**70), 2**70),
    form=st.integers(0, 3) | st.integers(-(2**63), 2**63 - 1),
    stamps=st.none() | _stamps,
    rater=st.none() | _raters,
)


def _same_columns(records: Records, people: list[Respondent]) -> None:
    assert len(records) == len(people)
    assert list(records.names) == [p.name for p in people]
    assert list(records.emails) == [p.email for p in people]
    assert list(records.teams) == [p.team for p in people]
    assert list(records.target_roles) == [p.target_role for p in people]
    assert records.updated.tolist() == [p.updated for p in people]
    took = records.durations_or_none()
    assert list(took) == [took[row] for row in range(len(took))] == [p.duration for p in people]
    assert [type(d) for d in took] == [type(p.duration) for p in people]
    assert records.sources == [p.source for p in people]
    assert [type(s) for s in records.sources] == [type(p.source) for p in people]
    assert records.forms.tolist() == [p.form for p in people]
    assert list(records.files()) == [
        (row, p.source) for row, p in enumerate(people) if isinstance(p.source, str)
    ]


def _same_records(records: Records, people: list[Respondent]) -> None:
    assert list(records) == people
    assert [records[row] for row in range(len(people))] == people
    assert [records[row - len(people)] for row in range(len(people))] == people
    assert records[1:-1:2] == people[1:-1:2]
    for got, want in zip(records, people, strict=True):  # the same types, not only ==
        assert [type(getattr(got, f)) for f in got.__struct_fields__] == [
            type(getattr(want, f)) for f in want.__struct_fields__
        ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(respondents, max_size=40),
    st.lists(st.integers(1, 9), min_size=1),
    st.lists(st.tuples(st.integers(0, 10**6), respondents), max_size=10),
)
def test_columns_give_back_the_records_taken(
    people: list[Respondent], chunks: list[int], replaced: list[tuple[int, Respondent]]
) -> None:
    """Taken as ``Group.take`` takes them (whole chunks, or one at a time, with newer
    responses replacing rows), then read back record by record and column by column."""
    records, model = Records(), []
    start, turn = 0, 0
    while start < len(people):
        size = chunks[turn % len(chunks)]
        chunk = people[start : start + size]
        if turn % 2:
            records.extend(chunk)
        else:
            for person in chunk:
                records.append(person)
        model += chunk
        start, turn = start + size, turn + 1
    for row, person in replaced:
        if model:
            records[row % len(model)] = person
            model[row % len(model)] = person
    _same_records(records, model)
    _same_columns(records, model)
    assert Records(model) == records == model


@settings(max_examples=50, deadline=None)
@given(st.lists(respondents, max_size=20))
def test_renamed_replaces_names_teams_and_sources_only(people: list[Respondent]) -> None:
    records = Records(people)
    names = [f"person-{i}" for i in range(len(people))]
    teams: list[str | None] = [None if i % 2 else "Other teams" for i in range(len(people))]
    sources = [f"file-{i}.json" for i in range(len(people))]
    renamed = records.renamed(names, teams, sources)
    want = [
        Respondent(
            name,
            team,
            None,
            p.target_role,
            p.updated,
            p.duration,
            source,
            p.form,
            p.stamps,
            p.rater,
        )
        for p, name, team, source in zip(people, names, teams, sources, strict=True)
    ]
    _same_records(renamed, want)
    assert list(records) == people  # (the records renamed are left as they were)


def _person(source: str | int = 7, duration: float | None = 60.0, form: int = 0) -> Respondent:
    return Respondent("Ann", "Data", "ann@example.org", None, 1.5e9, duration, source, form)


def test_empty() -> None:
    records = Records()
    assert len(records) == 0 and list(records) == [] and records[:] == []
    _same_columns(records, [])
    assert records.updated.dtype == np.float64 and records.forms.shape == (0,)
    with pytest.raises(IndexError):
        records[0]


def test_one_and_out_of_range() -> None:
    records = Records([_person()])
    assert records[0] == records[-1] == _person()
    for row in (1, -2):
        with pytest.raises(IndexError):
            records[row]


def test_sources_numbered_then_a_file_then_numbered() -> None:
    people = [_person(source=1 << 16), _person(source="a/b.json"), _person(source=2 << 16)]
    records = Records(people[:1])
    assert isinstance(records._sources, np.ndarray)  # (all numbered: 8 bytes each)
    records.extend(people[1:])
    _same_records(records, people)
    _same_columns(records, people)
    records[1] = _person(source=3)  # a file's row replaced by a numbered record
    assert records.sources == [1 << 16, 3, 2 << 16]


def test_a_file_replacing_a_numbered_record() -> None:
    records = Records([_person(source=5), _person(source=6)])
    records[0] = _person(source="x.json")
    assert records.sources == ["x.json", 6] and list(records.files()) == [(0, "x.json")]


def test_duration_none_and_zero() -> None:
    people = [_person(duration=None), _person(duration=0.0), _person(duration=-0.0)]
    records = Records(people)
    assert list(records.durations_or_none()) == [None, 0.0, -0.0]
    assert math.isnan(records.durations[0])
    took = records[2].duration
    assert took is not None and math.copysign(1, took) == -1
    records[0], records[1] = _person(duration=5.0), _person(duration=None)
    assert list(records.durations_or_none()) == [5.0, None, -0.0]


def test_stamps_and_rater_kept_only_where_given() -> None:
    rated = Respondent(
        "Bo", None, None, None, 1.0, None, "b.json", 0, None, ("Ann", None, "manager")
    )
    records = Records([_person(), rated])
    assert records[1].rater == ("Ann", None, "manager") and records[0].rater is None
    records[1] = _person()
    assert records[1].rater is None and not records._raters


def test_columns_are_read_only_views() -> None:
    records = Records([_person(), _person()])
    with pytest.raises(ValueError):
        records.updated[0] = 0.0
    with pytest.raises(ValueError):
        records.forms[0] = 1


def test_reserve_then_grow_past_it() -> None:
    records = Records()
    records.reserve(3)
    people = [_person(source=i) for i in range(5000)]
    records.extend(people[:2])
    records.extend(people[2:])
    _same_records(records, people)


def test_a_batch_given_a_list_keeps_columns(ml_team: Questionnaire, quick: Questionnaire) -> None:
    forms = Forms(None)
    ml, qk = forms._add(ml_team), forms._add(quick)
    lines = LineFiles()
    lines.add("r.jsonl")
    people = [
        _person(source=(3 << 16) | 0, form=qk.index),
        _person(source="a.json", duration=None, form=ml.index),
        Respondent("Bo", None, None, "ml-engineer", 2.0, 1.0, "b.json", ml.index),
    ]
    codes = np.zeros((3, len(ml.plan.question_ids)), np.int8)
    batch = Batch(forms.forms, people, codes, lines=lines)  # type: ignore[arg-type]
    assert isinstance(batch.people, Records) and list(batch.people) == people
    assert batch.names == [p.name for p in people]
    assert batch.teams == [p.team for p in people]
    assert batch.emails == [p.email for p in people]
    assert batch.target_roles == [p.target_role for p in people]
    assert batch.updated == [p.updated for p in people]
    assert batch.durations == [p.duration for p in people] == list(batch.durations)
    assert batch.sources == ["r.jsonl:3", "a.json", "b.json"]
    assert batch.source_name(batch.people[0]) == "r.jsonl:3"
    assert batch.form_index().tolist() == [p.form for p in people]
    assert batch.form_index().dtype == np.intp
    assert batch.questionnaire_labels() == [forms.forms[p.form].label for p in people]


def test_many_added_one_at_a_time_some_replaced() -> None:
    """Records added one at a time are stored together (a thousand or so at a time)."""
    people = [_person(source=i, duration=None if i % 3 else 1.0) for i in range(3000)]
    records, model = Records(), []
    for i, person in enumerate(people):
        records.append(person)
        model.append(person)
        if i % 700 == 699:  # a newer response for a row stored, and for one staged
            for row in (0, i):
                records[row] = model[row] = _person(source=f"{row}.json", form=1)
    _same_records(records, model)
    _same_columns(records, model)
