"""The rules for showing untrusted text (assess.safetext), checked on any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assess.safetext import clip, for_plotly, for_spreadsheet, for_terminal, json_for_terminal
from tests.hostile.helpers import CONTROL, no_control


@given(st.text())
def test_terminal_text_has_no_control_character(text: str) -> None:
    shown = for_terminal(text)
    assert no_control(shown) and "\n" not in shown
    shown.encode("utf-8")  # (no error: lone surrogates are escaped too)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert for_terminal(text) == text


def test_escape_sequences_are_shown_not_run() -> None:
    assert for_terminal("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert for_terminal("x\u202ey") == "x\\u202ey"  # right-to-left override
    assert for_terminal("one\ntwo\rthree", keep_newlines=True) == "one\ntwo\\rthree"
    assert "\x1b" not in for_terminal(CONTROL)
    assert for_terminal("name\udcff").encode("utf-8") == b"name\\udcff"  # not UTF-8 bytes


@given(st.text())
def test_spreadsheet_text_never_starts_a_formula(text: str) -> None:
    cell = for_spreadsheet(text)
    assert isinstance(cell, str)
    assert cell == "" or cell.lstrip(" ")[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert no_control(cell) and "\n" not in cell


def test_spreadsheet_cells() -> None:
    assert for_spreadsheet('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert for_spreadsheet("+1") == "'+1" and for_spreadsheet("@SUM(A1)") == "'@SUM(A1)"
    assert for_spreadsheet("  =1") == "'  =1" and for_spreadsheet("\t=1") == "'\\t=1"
    assert for_spreadsheet("Ann") == "Ann" and for_spreadsheet(3.5) == 3.5
    assert for_spreadsheet(None) is None


@given(st.text())
def test_plotly_labels_hold_no_markup(text: str) -> None:
    label = for_plotly(text)
    assert "<" not in label and ">" not in label and no_control(label)
    unescaped = label.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert unescaped == for_terminal(text)  # shown as written


def test_json_for_terminal_keeps_the_value() -> None:
    import json

    value = {"name": "x\x9b2J\u202e\x1b"}
    text = json_for_terminal(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value and no_control(text)


def test_clip() -> None:
    assert clip("abc", 5) == "abc"
    assert clip("x" * 1000, 10) == "x" * 10 + "… (990 more characters)"
