"""What one hostile input costs next to a good one, measured in the same run.

Each case runs a command as a person would (`python -m assess ...`, a fresh process,
questionnaire cache off) on good input alone and on good input plus one hostile input,
in turns, best of --runs; it prints both times and their ratio. The goal: one bad input
never costs more than a small multiple of a good one. (Not a test: timings are printed,
never asserted.)

Cases (the hostile inputs of issue 15):
  team-flood       a response with 50,000 unknown answer ids (0.7 MB) beside a good one
  score-flood      the same, for `assess score`
  validate-flood   the same, for `assess validate`
  team-line        a 300 MB JSON-lines record beside a good file (read, never held)
  team-specials    a folder with a FIFO, a symlink loop, /dev/zero and a broken link
  yaml-keys        a questionnaire with 20,000 unknown keys (0.5 MB, the cap) against a valid
                   questionnaire of the same size, and against the built-in one (50 kB)
  yaml-skills      3,000 questions on unknown skills (did-you-mean), same comparisons
  yaml-includes    the same include 400 times, against the built-in questionnaire

    .venv/bin/python benchmarks/hostile.py [--runs 3] [--cases team-flood yaml-keys ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "questionnaires"
GOOD = json.loads((BUILTIN / "examples" / "lena-fischer.json").read_text())
QUICK = (BUILTIN / "quick.yaml").read_text()
INCLUDE = "include: [catalogue/skills.yaml, catalogue/roles.yaml]"


def command_seconds(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "ASSESS_NO_CACHE": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assess", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=900,
        check=False,
    )
    return time.perf_counter() - start


def flood(folder: Path) -> Path:
    data = json.loads(json.dumps(GOOD))
    data["respondent"]["name"] = "Flood"
    data["answers"].update({f"unknown-{i}": 1 for i in range(50_000)})
    path = folder / "flood.json"
    path.write_text(json.dumps(data))
    return path


def padded_valid(folder: Path, size: int) -> Path:
    """A valid questionnaire of about ``size`` bytes: the quick one with many more skills,
    each with a question (so nothing is unknown)."""
    skills, questions = [], []
    i = 0
    text = QUICK
    while len(text) < size:
        skills.append(
            f"  - id: extra-{i}\n    name: Extra skill {i}\n    area: data-engineering\n"
            f"    description: A skill to make the file large.\n    levels: {{none: a, "
            f"aware: b, working: c, practitioner: d, expert: e}}\n"
        )
        questions.append(
            f"  - {{id: extra-{i}-rating, kind: rating, skill: extra-{i}, text: 'Extra {i}?'}}\n"
        )
        i += 1
        if i % 200 == 0:
            text = _with_extra(skills, questions)
    path = folder / "valid-big.yaml"
    path.write_text(_with_extra(skills, questions))
    return path


def _with_extra(skills: list[str], questions: list[str]) -> str:
    return QUICK.replace("questions:\n", "skills:\n" + "".join(skills) + "questions:\n", 1).replace(
        "questions:\n", "questions:\n" + "".join(questions), 1
    )


def setup(folder: Path) -> dict[str, tuple[list[str], list[str], list[str] | None]]:
    """case -> (good command, hostile command, same-size good command or None)."""
    shutil.copytree(BUILTIN / "catalogue", folder / "catalogue")
    good = folder / "good.json"
    good.write_text(json.dumps(GOOD))
    bad = flood(folder)
    cases: dict[str, tuple[list[str], list[str], list[str] | None]] = {}
    out = ["-o", str(folder / "t.html")]
    cases["team-flood"] = (["team", str(good), *out], ["team", str(good), str(bad), *out], None)
    cases["score-flood"] = (["score", str(good)], ["score", str(good), str(bad)], None)
    cases["validate-flood"] = (["validate", str(good)], ["validate", str(good), str(bad)], None)
    line = folder / "line.jsonl"
    with open(line, "wb") as handle:
        handle.write(json.dumps(GOOD).encode() + b"\n" + b"x" * (300 << 20) + b"\n")
    cases["team-line"] = (["team", str(good), *out], ["team", str(line), *out], None)
    specials = folder / "specials"
    specials.mkdir()
    shutil.copy(good, specials / "good.json")
    os.mkfifo(specials / "pipe.json")
    (specials / "loop.json").symlink_to(specials / "loop.json")
    (specials / "zero.jsonl").symlink_to("/dev/zero")
    (specials / "gone.json").symlink_to(specials / "nowhere.json")
    cases["team-specials"] = (["team", str(good), *out], ["team", str(specials), *out], None)
    keys = folder / "keys.yaml"
    keys.write_text(QUICK + "".join(f"unknown_key_{i}: {i}\n" for i in range(20_000)))
    builtin = ["validate", str(BUILTIN / "ml-team.yaml")]
    same = ["validate", str(padded_valid(folder, keys.stat().st_size))]
    cases["yaml-keys"] = (builtin, ["validate", str(keys)], same)
    skills = folder / "skills.yaml"
    skills.write_text(
        QUICK.replace(
            "questions:\n",
            "questions:\n"
            + "".join(
                f"  - {{id: x-{i}, kind: rating, skill: no-such-skill-{i}, text: 'Q{i}?'}}\n"
                for i in range(3000)
            ),
            1,
        )
    )
    cases["yaml-skills"] = (builtin, ["validate", str(skills)], same)
    includes = folder / "includes.yaml"
    includes.write_text(
        QUICK.replace(INCLUDE, "include: [" + ", ".join(["catalogue/skills.yaml"] * 400) + "]")
    )
    cases["yaml-includes"] = (builtin, ["validate", str(includes)], None)
    return cases


def best(run: Callable[[], float], runs: int) -> float:
    return min(run() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", nargs="*")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = setup(folder)
        print(f"{'case':<16} {'good':>8} {'hostile':>8} {'ratio':>6}   same-size good, ratio")
        for name, (good, hostile, same) in cases.items():
            if options.cases and name not in options.cases:
                continue
            times: dict[str, list[float]] = {"good": [], "hostile": [], "same": []}
            for _ in range(options.runs):  # in turns: load on a shared machine hits both
                times["good"].append(command_seconds(good, folder))
                times["hostile"].append(command_seconds(hostile, folder))
                if same is not None:
                    times["same"].append(command_seconds(same, folder))
            g, h = min(times["good"]), min(times["hostile"])
            line = f"{name:<16} {g:7.2f}s {h:7.2f}s {h / g:5.2f}x"
            if same is not None:
                s = min(times["same"])
                line += f"   {s:6.2f}s, {h / s:4.2f}x"
            print(line, flush=True)


if __name__ == "__main__":
    main()
