"""Shared by the hostile-input tests: a good response to spoil, and the command two ways."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assess.cli import main
from assess.loading import builtin_dir

EXAMPLES = sorted((builtin_dir() / "examples").glob("*.json"))
GOOD: dict[str, Any] = json.loads(EXAMPLES[0].read_text())
CONTROL = "\x1b]52;c;aGk=\x07\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example\x07x\x9b31m"
"""OSC 52 (clipboard), OSC 0 (window title), CSI 2J (clear), OSC 8 (link), 8-bit CSI."""


def response(**respondent: Any) -> dict[str, Any]:
    """The first example response, with respondent fields replaced."""
    data = copy.deepcopy(GOOD)
    data["respondent"].update(respondent)
    return data


def write(path: Path, data: dict[str, Any] | str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command in this process (fast): exit code, stdout, stderr."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run(
    *args: str, cwd: Path | None = None, timeout: float = 120, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """The command as a person runs it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        **kwargs,
    )


def no_control(text: str) -> bool:
    """No character that could drive a terminal (C0 but newline, DEL, C1, bidi)."""
    return not any(
        (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E
        for ch in text
    )


def flat(text: str) -> str:
    """Terminal output with its word-wrapping undone."""
    return " ".join(text.split())
