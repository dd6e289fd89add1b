"""`assess score` streaming, against `assess team` on the same files.

Generates N synthetic response files (one folder), then runs, each in a fresh process and
in turns, `assess team FOLDER -o report.html` (the floor: the batch path with its report)
and `assess score -f FORMAT FOLDER` with its output to /dev/null, best of --runs each.
Prints, per size and format, the time ratio to `assess team` (goal <= 1.5x at 100k) and
the peak memory (goal <= 300 MiB at 100k, and <= 1.1x the 10k peak: flat).

    .venv/bin/python benchmarks/score_stream.py [--sizes 10000 100000] [--runs 3]
        [--formats jsonl json csv table]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import _here  # noqa: F401  (this checkout's code, here and in child processes)
from team_scale import generate

# Runs a command, its output to /dev/null; prints its wall time and peak RSS (the
# children's maximum, so each measurement is a fresh wrapper process).
WRAP = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open("/dev/null", "wb") as sink:
    code = subprocess.run(sys.argv[1:], stdout=sink, stderr=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": code, "seconds": seconds, "peak_mib": peak}))
"""


def measure(command: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", WRAP, *command], check=True, capture_output=True, text=True
    ).stdout
    result = dict(json.loads(out))
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} exited {result['code']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per side; the fastest counts")
    parser.add_argument("--formats", nargs="+", default=["jsonl", "json", "csv", "table"])
    args = parser.parse_args()
    assess = str(Path(sys.executable).parent / "assess")
    peaks: dict[str, dict[int, float]] = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "responses"
            folder.mkdir()
            generate(folder, n)
            report = os.path.join(tmp, "team.html")
            team_cmd = [assess, "team", str(folder), "-o", report]
            measure(team_cmd)  # warm the page cache
            for fmt in args.formats:
                teams, scores = [], []
                for _ in range(args.runs):
                    teams.append(measure(team_cmd))
                    scores.append(measure([assess, "score", "-f", fmt, str(folder)]))
                team = min(teams, key=lambda r: float(r["seconds"]))
                ours = min(scores, key=lambda r: float(r["seconds"]))
                peak = max(float(r["peak_mib"]) for r in scores)
                peaks.setdefault(fmt, {})[n] = peak
                print(
                    f"{n:>7} files, -f {fmt:<5}: assess score {ours['seconds']:6.2f} s, "
                    f"peak {peak:4.0f} MiB | assess team {team['seconds']:6.2f} s, "
                    f"peak {team['peak_mib']:4.0f} MiB | ratio "
                    f"{ours['seconds'] / team['seconds']:.2f}x (goal <= 1.5x; best of "
                    f"{args.runs}, in turns)",
                    flush=True,
                )
    for fmt, by_size in peaks.items():
        if len(by_size) >= 2:
            small, large = min(by_size), max(by_size)
            print(
                f"-f {fmt}: peak at {large} / at {small}: "
                f"{by_size[large] / by_size[small]:.2f}x (goal <= 1.1x: flat)"
            )


if __name__ == "__main__":
    main()
