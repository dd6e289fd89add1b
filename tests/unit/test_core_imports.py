"""The core (models, loading, scoring, output) must import without the UI."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "assess.model.questionnaire",
    "assess.model.response",
    "assess.model.result",
    "assess.model.checks",
    "assess.loading",
    "assess.scoring",
    "assess.output",
    "assess.errors",
    "assess.cli",
    "assess.storage",
    "assess.session",
    "assess.report",
]


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'assess.tui'))\n" + "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"core imported UI modules: {out}"


def test_scoring_does_not_import_pandas_or_plotly() -> None:
    code = (
        "import sys, assess.scoring, assess.loading\n"
        "print(','.join(sorted(m for m in ('pandas', 'plotly', 'jinja2') "
        "if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
