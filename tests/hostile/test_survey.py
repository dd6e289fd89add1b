"""Two surveys on one response file, and names that once shared a file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess.loading import builtin_dir, load_questionnaire
from assess.storage import ResponseInUse, ResponseLock, person_stem, safe_stem
from assess.tui.app import make_app
from tests.e2e.tmux import ASSESS, Terminal, answers_in

QUICK = load_questionnaire(builtin_dir() / "quick.yaml")
N = len(QUICK.questions)


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split()).lower()


@given(st.text(min_size=1, max_size=90), st.text(min_size=1, max_size=90))
def test_different_names_never_share_a_file(a: str, b: str) -> None:
    if _key(a) != _key(b):
        assert person_stem(a) != person_stem(b)
    else:
        assert person_stem(a) == person_stem(b)  # the same person resumes their survey


@pytest.mark.parametrize("name", ["..", "🙂", "!!!", "../../x", "a/b", "\x1b[2J", "x" * 300])
def test_a_name_never_leaves_the_folder_or_hides(name: str) -> None:
    stem = person_stem(name)
    assert "/" not in stem and not stem.startswith(".") and len(stem) < 100
    assert stem.startswith(safe_stem(name))


def test_lock_names_the_other_process(tmp_path: Path) -> None:
    path = tmp_path / "responses" / "ann.json"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from assess.storage import ResponseLock;"
            f"ResponseLock(Path({str(path)!r})); print('locked', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(ResponseInUse) as caught:
            ResponseLock(path)
        assert f"{path} is open in another survey (process {holder.pid} on" in str(caught.value)
    finally:
        holder.kill()  # as kill -9: the system lets go of the lock
        holder.wait()
    ResponseLock(path).release()  # free again: no stale lock to remove by hand
    assert list(path.parent.iterdir()) == []


async def test_a_second_survey_on_the_same_file_stops_at_once(tmp_path: Path) -> None:
    path = tmp_path / "responses" / "ann.json"
    lock = ResponseLock(path)  # another survey has Ann's file open
    try:
        app = make_app(
            QUICK, responses_dir=tmp_path / "responses", name="Ann", handle_signals=False
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("3")
            await pilot.pause()
        assert app.return_code == 2
        assert "ann.json is open in another survey" in app.exit_message
        assert not path.exists()  # nothing was written into the other survey's file
    finally:
        lock.release()


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_two_terminals_one_name(tmp_path: Path, terminal: Callable[..., Terminal]) -> None:
    """The second `assess take` once resumed the same file and both wrote it: the first
    survey's answers were lost while it said "Saved 4 of 14"."""
    command = f"{ASSESS} take quick --name 'Ann Lee'; echo EXIT=$?; sleep 60"
    first = terminal("sh", "-c", command)
    first.wait_for(f"1 / {N}")
    first.send("3")
    first.wait_for(f"2 / {N}")
    first.send("2")
    first.wait_for(f"3 / {N}")
    second = terminal("sh", "-c", command)
    screen = " ".join(second.wait_for("EXIT=", timeout=30).split())
    assert "EXIT=2" in screen and "ann-lee.json is open in another survey (process" in screen
    first.send("1")
    first.wait_for(f"4 / {N}")
    first.send("q")
    screen = " ".join(first.wait_for("EXIT=", timeout=30).split())
    assert "EXIT=0" in screen and "3 answered" in screen
    path = tmp_path / "responses" / "ann-lee.json"
    first_three = [question.id for question in QUICK.questions[:3]]
    assert list(answers_in(path)) == first_three  # every answer of the first survey
    assert [p.name for p in path.parent.iterdir()] == ["ann-lee.json"]  # lock file gone
