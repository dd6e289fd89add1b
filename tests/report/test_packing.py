"""Smaller reports (issue 14, item 4): plotly.js packed, one offline file each.

plotly.js goes into a page LZMA-compressed and written 7 bits per character; the page's
own script unpacks it (tests/e2e/test_browser_report.py opens both reports in Chromium,
with and without JavaScript). Here: the packing round trip, the decoder in Node when it is
installed, the disk cache, and the sizes: the personal report at most 2.0 MB, the team
report for 1,000 people at most 2.5 MB (they were 4.9 and 5.6 MB).
"""

from __future__ import annotations

import hashlib
import json
import lzma
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.loading import builtin_dir, load_response
from assess.model.questionnaire import Questionnaire
from assess.report import personal_report_html, render
from assess.report.render import (
    PACK_ILLEGAL,
    _read_cached,
    pack_text,
    packed_plotly,
    plotly_js,
    unpack_text,
)
from assess.scoring import score_responses
from assess.storage import save_response
from tests.conftest import make_response

STATIC = Path(render.__file__).parent / "static"
NODE = shutil.which("node")


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_pack_round_trip(data: bytes) -> None:
    text = pack_text(data)
    assert unpack_text(text, len(data)) == data
    codes = [ord(c) for c in text]
    assert all(c not in PACK_ILLEGAL and c < 0x200 for c in codes)
    assert len(text.encode("utf-8")) <= len(data) * 8 / 7 * 1.05 + 2


def test_illegal_values_are_carried_by_the_next_character() -> None:
    # 0x78 0x00 = 0111100 0000000 00: "<" (60) with the next 7 bits, then NUL (padded)
    less_than, nul = PACK_ILLEGAL.index(0x3C) + 1, PACK_ILLEGAL.index(0x00) + 1
    assert pack_text(bytes([0x78, 0x00])) == chr(less_than << 7 | 0) + chr(nul << 7 | 0)
    assert "<" not in pack_text(b"<<<<<<<</script>" * 50)


def test_packed_bundle_is_safe_in_a_script_element() -> None:
    packed = packed_plotly()
    assert packed.size == len(plotly_js().encode())
    assert not set(packed.text) & {"<", "\r", "\x00"}
    assert len(packed.text.encode()) < 1_400_000  # 4.8 MB of plotly.js


def test_the_bundle_is_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(render, "plotly_js", lambda: "window.Plotly = {};" * 100)
    packed_plotly.cache_clear()
    try:
        first = packed_plotly()
        (entry,) = (tmp_path / "assess" / "plotly").glob("*.txt")
        packed_plotly.cache_clear()
        assert packed_plotly() == first  # read back
        entry.write_text(entry.read_text(encoding="utf-8")[:-3], encoding="utf-8")
        packed_plotly.cache_clear()
        assert packed_plotly() == first  # a damaged entry is ignored and rewritten
        assert _read_cached(entry) == first
        monkeypatch.setenv("ASSESS_NO_CACHE", "1")
        entry.unlink()
        packed_plotly.cache_clear()
        assert packed_plotly() == first and not entry.exists()
    finally:
        packed_plotly.cache_clear()


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed")
def test_the_page_decoder_restores_the_bundle_in_node(tmp_path: Path) -> None:
    """unpack.js (the code the pages run) against Python's lzma and pack_text."""
    rng = random.Random(7)
    samples = {
        "random": bytes(rng.getrandbits(8) for _ in range(5000)),
        "repeats": b"abc<\r\x00" * 4000 + bytes(range(256)) * 20,
        "one byte": b"x",
    }
    cases = []
    for name, data in samples.items():
        stream = lzma.compress(data, format=lzma.FORMAT_ALONE, preset=6)
        (tmp_path / f"{name}.txt").write_text(pack_text(stream), encoding="utf-8", newline="")
        cases.append([name, len(stream), len(data), hashlib.sha256(data).hexdigest()])
    packed = packed_plotly()  # what the pages carry
    (tmp_path / "plotly.txt").write_text(packed.text, encoding="utf-8", newline="")
    sha = hashlib.sha256(plotly_js().encode()).hexdigest()
    cases.append(["plotly", packed.packed_size, packed.size, sha])
    script = tmp_path / "check.js"
    script.write_text(
        """
const fs = require("fs"), crypto = require("crypto"), path = require("path");
global.window = {};
eval(fs.readFileSync(process.argv[2], "utf8"));
const out = {};
for (const [name, packedSize, size, sha] of JSON.parse(process.argv[3])) {
  const text = fs.readFileSync(path.join(process.argv[4], name + ".txt"), "utf8");
  const bytes = window.assessUnpack.bytesFromText(text, packedSize);
  const plain = window.assessUnpack.unlzma(bytes, size);
  out[name] = crypto.createHash("sha256").update(plain).digest("hex") === sha;
}
console.log(JSON.stringify(out));
"""
    )
    result = subprocess.run(
        [NODE, str(script), str(STATIC / "unpack.js"), json.dumps(cases), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(result.stdout) == dict.fromkeys([*samples, "plotly"], True)


def test_personal_report_is_at_most_2_mb(ml_team: Questionnaire) -> None:
    result = score_responses(
        ml_team, [load_response(builtin_dir() / "examples/priya-sharma.json")]
    )[0]
    size = len(personal_report_html(ml_team, result).encode())
    assert size <= 2_000_000, f"{size / 1e6:.2f} MB"


def test_team_report_for_1000_people_is_at_most_2_5_mb(
    ml_team: Questionnaire, tmp_path: Path
) -> None:
    from assess.report.team import render_team_report
    from assess.team import load_batch, score_team

    rng = random.Random(2)
    roles = [r.id for r in ml_team.roles]
    for i in range(1000):
        answers: dict[str, object] = {}
        for question in ml_team.questions:
            if rng.random() < 0.05:
                answers[question.id] = "skip"
            elif question.kind == "rating":
                answers[question.id] = rng.randint(0, 4)
            else:
                answers[question.id] = rng.randint(0, len(question.options) - 1)
        response = make_response(
            ml_team,
            answers,  # type: ignore[arg-type]
            name=f"Person {i}",
            team=f"Team {i % 40}",
            email=f"p{i}@example.org",
            target_role=rng.choice(roles),
        )
        save_response(tmp_path / f"r{i:04d}.json", response)
    team = score_team(ml_team, load_batch(ml_team, [tmp_path]))
    html = render_team_report(ml_team, team)
    assert html.count('id="assess-plotly"') == 1
    assert len(html.encode()) <= 2_500_000, f"{len(html.encode()) / 1e6:.2f} MB"
