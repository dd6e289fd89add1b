"""A 1,000,000-line JSON-lines file through `assess team`, against reading it and parsing
every line with orjson in the same run.

Generates the file (about 1.7 GB; --lines to change), then, each in a fresh process and in
turns, best of --runs:
  floor:  read the file a block at a time and orjson.loads every line;
  assess: load_batch + score_batch (the load + score of `assess team`).
Prints the ratio (goal <= 1.25x) and the peak memory of each, then the peak memory of
`assess team FILE -o report.html` end to end (goal <= 1 GiB).

    .venv/bin/python benchmarks/million.py [--lines 1000000] [--runs 3] [--file F]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import _here  # noqa: F401  (this checkout's code, here and in child processes)
from team_scale import records

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
if mode == "floor":
    import orjson
    n = 0
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                orjson.loads(line)
                n += 1
    seconds = time.perf_counter() - start
else:
    from assess.loading import builtin_dir, load_questionnaire
    from assess.team import load_batch, score_batch
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    began = time.perf_counter()
    batch = load_batch(q, [path])
    scores = score_batch(batch)
    seconds = time.perf_counter() - began
    n = len(batch)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "seconds": seconds, "peak_mib": peak}))
"""

WRAP = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open("/dev/null", "wb") as sink:
    code = subprocess.run(sys.argv[1:], stdout=sink, stderr=subprocess.DEVNULL).returncode
print(json.dumps({"code": code, "seconds": time.perf_counter() - start,
                  "peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def generate(path: Path, lines: int, seed: int = 1) -> None:
    """Responses as `assess take` writes them (``team_scale.records``), one per line."""
    with open(path, "w") as out:
        for record in records(lines, seed):
            out.write(json.dumps(record) + "\n")


def run(mode: str, path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path)], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path, help="a file made before (not generated again)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "responses.jsonl"
        if args.file is None:
            start = time.perf_counter()
            generate(path, args.lines)
            print(
                f"generated {args.lines:,} lines ({path.stat().st_size / 1e9:.2f} GB) in "
                f"{time.perf_counter() - start:.0f} s",
                flush=True,
            )
        run("floor", path)  # warm the page cache
        floors, ours = [], []
        for _ in range(args.runs):
            floors.append(run("floor", path))
            ours.append(run("assess", path))
        floor = min(floors, key=lambda r: float(r["seconds"]))
        best = min(ours, key=lambda r: float(r["seconds"]))
        print(
            f"floor (read + orjson per line) {floor['seconds']:.2f} s, "
            f"{floor['peak_mib']:.0f} MiB | load + score {best['seconds']:.2f} s, "
            f"{max(float(r['peak_mib']) for r in ours):.0f} MiB | ratio "
            f"{best['seconds'] / floor['seconds']:.2f}x (goal <= 1.25x; best of {args.runs}, "
            "in turns)",
            flush=True,
        )
        assess = str(Path(sys.executable).parent / "assess")
        command = [assess, "team", str(path), "-o", str(Path(tmp) / "team.html")]
        whole = json.loads(
            subprocess.run(
                [sys.executable, "-c", WRAP, *command], check=True, capture_output=True, text=True
            ).stdout
        )
        print(
            f"assess team end to end: {whole['seconds']:.1f} s, peak {whole['peak_mib']:.0f} MiB "
            f"(goal <= 1024 MiB), exit {whole['code']}"
        )


if __name__ == "__main__":
    main()
