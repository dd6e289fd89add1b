"""Hostile questionnaires: a clear message with file and line, exit 2, never a traceback,
and bounded work (problems, suggestions and includes are capped)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import assess.model.checks as checks
from assess.errors import QuestionnaireError
from assess.loading import builtin_dir, load_questionnaire
from tests.hostile.helpers import CONTROL, EXAMPLES, call, no_control, run

QUICK = (builtin_dir() / "quick.yaml").read_text()
INCLUDE = "include: [catalogue/skills.yaml, catalogue/roles.yaml]"


def _line(start: str) -> str:
    """The whole line of the built-in quick questionnaire that starts with ``start``."""
    match = re.search(f"^{re.escape(start)}.*$", QUICK, re.MULTILINE)
    assert match, start
    return match.group()


def _at(start: str) -> str:
    """``q.yaml:N:`` for that line."""
    return f"q.yaml:{QUICK[: QUICK.index(_line(start))].count(chr(10)) + 1}:"


MINUTES, VERSION, TITLE = _line("estimated_minutes:"), _line("version:"), _line("title:")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(builtin_dir() / "catalogue", tmp_path / "catalogue")
    return tmp_path


def _quick(folder: Path, old: str, new: str, name: str = "q.yaml") -> Path:
    assert old in QUICK, old
    path = folder / name
    path.write_text(QUICK.replace(old, new, 1))
    return path


CASES = [
    # (what, old, new, expected message, expected line)
    (
        "integer over 4,300 digits",
        MINUTES,
        "estimated_minutes: " + "9" * 5000,
        "cannot read the value '9999",
        _at("estimated_minutes:"),
    ),
    (
        "an invalid date",
        VERSION,
        "version: 2026-02-30",
        "cannot read the value '2026-02-30': day is out of range for month",
        _at("version:"),
    ),
    (
        "flow nesting thousands deep",
        MINUTES,
        "estimated_minutes: " + "[" * 5000 + "]" * 5000,
        "nested more than 64 levels deep",
        _at("estimated_minutes:"),
    ),
    (
        "block nesting thousands deep",
        MINUTES,
        "estimated_minutes:\n" + "".join(" " * i + "- \n" for i in range(900)),
        "nested more than 64 levels deep",
        "q.yaml:",
    ),
    (
        "a NUL in an include",
        INCLUDE,
        'include: ["\\0"]',
        "'\\x00' is not a file name",
        _at("include:"),
    ),
    (
        "an escape sequence in an include",
        INCLUDE,
        'include: ["\\e]0;x\\a.yaml"]',
        "'\\x1b]0;x\\x07.yaml' is not a file name",
        _at("include:"),
    ),
    (
        "a 5,000-character include",
        INCLUDE,
        "include: [" + "x" * 5000 + ".yaml]",
        "included file 'xxxx",
        _at("include:"),
    ),
    (
        "the same include 400 times",
        INCLUDE,
        "include: [" + ", ".join(["catalogue/skills.yaml"] * 400) + "]",
        "400 files included; at most 16 may be",
        _at("include:") + " include:",
    ),
    (
        "an include twice",
        INCLUDE,
        "include: [catalogue/skills.yaml, catalogue/roles.yaml, ./catalogue/skills.yaml]",
        "'./catalogue/skills.yaml' is already included (include[0])",
        _at("include:") + " include[2]:",
    ),
    (
        "an include of itself",
        INCLUDE,
        "include: [catalogue/skills.yaml, catalogue/roles.yaml, q.yaml]",
        "the questionnaire includes itself",
        _at("include:") + " include[2]:",
    ),
    (
        "an include outside the folder",
        INCLUDE,
        "include: [catalogue/skills.yaml, ../../../etc/passwd]",
        "is outside this questionnaire's folder",
        _at("include:") + " include[1]:",
    ),
    (
        "escape sequences in an unknown key and the title",
        TITLE,
        f'title: "{CONTROL!r}"\n"\\e[2Jbad\\e]52;c;eA==\\a": 1'.replace("'", ""),
        "unknown key '\\x1b[2Jbad\\x1b]52;c;eA==\\x07'",
        "q.yaml:",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "message", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_questionnaire_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], folder: Path, old: str, new: str, message: str, where: str
) -> None:
    path = _quick(folder, old, new)
    for command in (("validate", str(path)), ("score", "-q", str(path), str(EXAMPLES[0]))):
        code, out, err = call(capsys, *command)
        assert code == 2, err
        assert message in err and where in err, err
        assert "Traceback" not in err and no_control(err + out)


def _special(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        (folder / "b.yaml").symlink_to(path)
        path.symlink_to(folder / "b.yaml")
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "urandom":
        path.symlink_to("/dev/urandom")
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("fifo", "is a FIFO (named pipe), not a regular file"),
        ("loop", "is a loop of symbolic links"),
        ("zero", "is a character device, not a regular file"),
        ("urandom", "is a character device, not a regular file"),
    ],
)
def test_special_files_as_questionnaires(folder: Path, kind: str, message: str) -> None:
    """Run as a person would (a FIFO once hung, /dev/zero filled memory)."""
    path = _special(folder, kind)
    for command in (["validate", str(path)], ["take", str(path), "--name", "x"]):
        proc = run(*command, cwd=folder, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert f"{path.name}: {message}" in proc.stderr and "Traceback" not in proc.stderr


def test_special_file_as_an_include(folder: Path) -> None:
    os.mkfifo(folder / "catalogue" / "pipe.yaml")
    path = _quick(folder, INCLUDE, "include: [catalogue/skills.yaml, catalogue/pipe.yaml]")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert (
        f"{_at('include:')} include[1]: included file 'catalogue/pipe.yaml' is a FIFO "
        "(named pipe), not a regular file" in str(caught.value)
    )


def test_questionnaire_with_its_includes_is_capped(folder: Path) -> None:
    (folder / "catalogue" / "big.yaml").write_text("skills: []\n# " + "x" * (512 << 10) + "\n")
    path = _quick(folder, INCLUDE, "include: [catalogue/skills.yaml, catalogue/big.yaml]")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert "'catalogue/big.yaml' makes the questionnaire over 512 kB" in str(caught.value)


def test_many_unknown_keys_are_counted_not_listed(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    keys = "".join(f"unknown_key_{i}: {i}\n" for i in range(15_000))  # (under 512 kB)
    path = _quick(folder, INCLUDE, INCLUDE + "\n" + keys)
    code, _, err = call(capsys, "validate", str(path))
    assert code == 2
    assert err.count("unknown key 'unknown_key_") == 20
    assert "… and 14,980 more problem(s) in" in err
    assert len(err.splitlines()) < 60


def test_did_you_mean_is_bounded(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """3,000 questions on unknown skills (once 106 s: a did-you-mean each, against every
    skill): suggestions for the first few, a count for the rest."""
    calls = []
    real = checks.did_you_mean
    monkeypatch.setattr(checks, "did_you_mean", lambda *a: calls.append(a) or real(*a))
    questions = "".join(
        f"  - {{id: extra-{i}, kind: rating, skill: no-such-skill-{i}, text: 'Q{i}?'}}\n"
        for i in range(3000)
    )
    path = _quick(folder, "questions:\n", "questions:\n" + questions)
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path, use_cache=False)
    assert len(calls) == checks.MAX_SUGGESTIONS
    assert caught.value.more == 3000 - 20
    assert "unknown skill 'no-such-skill-0'" in str(caught.value)
