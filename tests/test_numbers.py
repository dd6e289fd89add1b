"""assess.numbers: the one rule for showing a number (no negative zero, a dash for none)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess.numbers import shown


@pytest.mark.parametrize(
    ("value", "spec", "expected"),
    [
        (-0.3, "+.0f", "+0"),
        (-0.04, "+.1f", "+0.0"),
        (-0.04, ".1f", "0.0"),
        (-0.0, ".0%", "0%"),
        (-0.6, "+.0f", "-1"),
        (-0.05, ".1f", "-0.1"),  # rounds away from zero: a real loss stays visible
        (12.345, ".1f", "12.3"),
        (3.0, "+.0f", "+3"),
        (None, "+.0f", "—"),
        (math.nan, ".1f", "—"),
    ],
)
def test_shown(value: float | None, spec: str, expected: str) -> None:
    assert shown(value, spec) == expected


def test_missing_text_can_be_chosen() -> None:
    assert shown(None, ".1f", missing="") == ""


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from(["+.0f", ".1f", "+.2f"]),
)
def test_only_the_sign_of_zero_changes(value: float, spec: str) -> None:
    text, plain = shown(value, spec), format(value, spec)
    assert text == plain or (plain.startswith("-") and float(plain) == 0 and float(text) == 0)
    assert not (text.startswith("-") and float(text) == 0)
