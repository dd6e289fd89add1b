"""Team batch scoring at scale, against simply reading and JSON-parsing the same files.

Generates N synthetic respondents (one JSON file each, plus one JSONL file), then, each
in a fresh subprocess so peak memory is its own:
  floor:  read every file and orjson.loads it;
  assess: load_batch (fast path or pydantic per file, answers encoded a chunk at a
          time) + score + analyse.
Prints time ratios (goal <= 1.25x at 100k) end to end and for loading + scoring alone
(without the one-off imports of pandas & co. and the team analysis, printed apart), peak
RSS (goal <= 200 MiB at 100k), the 100k/10k time ratio (goal <= 11x), and a 1,000-person
team report's size (<= 2.5 MB) and build time (<= 3 s). The two sides run in turns, five
times each (the machine is shared), and the fastest run of each counts; peak memory is
printed per phase.

    .venv/bin/python benchmarks/team_scale.py [--sizes 10000 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import _here  # noqa: F401  (this checkout's code, here and in child processes)

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, folder = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
phases = {}
peaks = {}
if mode == "floor":
    import os, orjson
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".json"))
    n = 0
    for f in files:
        with open(f, "rb") as h:
            orjson.loads(h.read())
        n += 1
else:
    from assess.loading import builtin_dir, load_questionnaire
    from assess.team import score_batch
    from assess.team import Team, load_batch
    from assess.team.analysis import analyse
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    phases["imports"] = time.perf_counter() - start
    peaks = {"imports": rss()}
    batch = load_batch(q, [folder])  # as `assess team FOLDER` does
    phases["load"] = time.perf_counter() - start - sum(phases.values())
    peaks["load"] = rss()
    scores = score_batch(batch)  # as `assess team` scores
    phases["score"] = time.perf_counter() - start - sum(phases.values())
    peaks["score"] = rss()
    team = Team(batch, scores, analyse(q, scores, batch.names, batch.teams))
    phases["analyse"] = time.perf_counter() - start - sum(phases.values())
    peaks["analyse"] = rss()
    n = len(batch)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "seconds": elapsed, "peak_mib": peak, "phases": phases,
                  "peaks": peaks if mode != "floor" else {}}))
"""


def records(n: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """``n`` responses to ml-team as `assess take` writes them (5% of questions skipped)."""
    from assess.loading import builtin_dir, load_questionnaire

    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    rng = random.Random(seed)
    roles = [r.id for r in q.roles]
    questions = [(x.id, x.kind == "rating", len(getattr(x, "options", ()))) for x in q.questions]
    for i in range(n):
        answers: dict[str, object] = {}
        for qid, rating, options in questions:
            if rng.random() < 0.05:
                answers[qid] = "skip"
            else:
                answers[qid] = rng.randint(0, 4) if rating else rng.randrange(options)
        yield {
            "questionnaire_id": q.id,
            "questionnaire_version": q.version,
            "respondent": {
                "name": f"Person {i}",
                "team": f"Team {i % 40}",
                "email": f"p{i}@example.org",
                "target_role": rng.choice(roles),
            },
            "answers": answers,
            "started_at": "2026-11-01T09:00:00Z",
            "updated_at": "2026-11-01T09:15:00Z",
            "completed_at": "2026-11-01T09:15:00Z",
            "status": "complete",
        }


def generate(folder: Path, n: int, seed: int = 1) -> None:
    """``n`` response files in ``folder``, and the same as one JSON-lines file beside it."""
    with open(folder.parent / f"{folder.name}.jsonl", "w") as lines:
        for i, record in enumerate(records(n, seed)):
            text = json.dumps(record)
            (folder / f"r{i:06d}.json").write_text(text)
            lines.write(text + "\n")


def run(mode: str, folder: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder)], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out))


def best_of(runs: int, folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fastest floor and the fastest assess run, taken in turns so that the noise of
    this shared machine hits both alike (noise only ever adds time)."""
    floors, ours = [], []
    for _ in range(runs):
        floors.append(run("floor", folder))
        ours.append(run("assess", folder))
    fastest = min(floors, key=lambda r: float(r["seconds"]))
    return fastest, min(ours, key=lambda r: float(r["seconds"]))


def report_at(n: int) -> None:
    from assess.loading import builtin_dir, load_questionnaire
    from assess.report.team import render_team_report
    from assess.team import load_batch, score_team

    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "responses"
        folder.mkdir()
        generate(folder, n, seed=2)
        team = score_team(q, load_batch(q, [folder]))
        render_team_report(q, team)  # warm imports and templates
        start = time.perf_counter()
        html = render_team_report(q, team)
        seconds = time.perf_counter() - start
    print(
        f"team report, {n} people: {len(html.encode()) / 1e6:.2f} MB (goal <= 2.5 MB), "
        f"built in {seconds:.2f} s (goal <= 3 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5, help="runs per side; the fastest counts")
    args = parser.parse_args()
    timings: dict[int, float] = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "responses"
            folder.mkdir()
            generate(folder, n)
            run("floor", folder)  # warm the page cache for both
            floor, ours = best_of(args.runs, folder)
        timings[n] = ours["seconds"]
        phases = ours["phases"]
        work = phases["load"] + phases["score"]
        print(
            f"{n:>7} files: floor (read + orjson) {floor['seconds']:6.2f} s, "
            f"{floor['peak_mib']:5.0f} MiB | assess end to end {ours['seconds']:6.2f} s, "
            f"{ours['peak_mib']:5.0f} MiB, ratio {ours['seconds'] / floor['seconds']:.2f}x\n"
            f"{'':>14}load + score {work:.2f} s, ratio {work / floor['seconds']:.2f}x "
            f"(goal <= 1.25x) | one-off: imports {phases['imports']:.2f} s, "
            f"analysis {phases['analyse']:.2f} s | load {phases['load']:.2f} s = "
            f"{phases['load'] / n * 1e6:.1f} us/file, score {phases['score']:.2f} s\n"
            f"{'':>14}peak MiB after " + ", ".join(f"{k} {v:.0f}" for k, v in ours["peaks"].items())
        )
    if len(timings) >= 2:
        small, large = min(timings), max(timings)
        print(
            f"time {large}/{small}: {timings[large] / timings[small]:.1f}x "
            f"(goal <= {large / small * 1.1:.0f}x)"
        )
    report_at(1000)


if __name__ == "__main__":
    main()
