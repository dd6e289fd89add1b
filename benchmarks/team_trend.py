"""The team over time at scale: ``assess team --history`` on N people with K assessments
each (the newest as ``<name>.json``, the others in ``<name>/history/``), against the same
command without ``--history`` on the same folder.

Each run is a fresh process (the machine is shared: the two sides run in turns, the best
of ``--runs`` counts). Prints the times, their difference (what reading every history,
scoring every assessment and drawing the trend cost) and the report's size.

    .venv/bin/python benchmarks/team_trend.py [--people 1000] [--dates 5] [--runs 3]
    .venv/bin/python benchmarks/team_trend.py --make DIR   # only write the team (a demo)
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import Questionnaire
from assess.model.response import Rater, Relation, Respondent, Response, Status
from assess.storage import history_folder, ratings_folder, save_response

FIRST = datetime(2025, 9, 15, 9, 0, tzinfo=UTC)
TEAMS = ("Data", "Platform", "Insights")


def _answers(q: Questionnaire, levels: dict[str, float], rng: random.Random, checks: bool) -> dict:
    out: dict[str, object] = {}
    for question in q.questions:
        level = levels[question.skill]
        if question.kind == "rating":
            out[question.id] = max(0, min(4, round(level + rng.gauss(0, 0.3))))
        elif checks:
            right = next(i for i, o in enumerate(question.options) if o.correct)
            knows = rng.random() < min(0.95, 0.2 + 0.22 * level)
            out[question.id] = right if knows else "dont_know"
    return out


def make_team(
    folder: Path,
    people: int,
    dates: int,
    *,
    seed: int = 7,
    quarter_days: int = 91,
    ratings: bool = False,
) -> None:
    """``people`` people, each assessed up to ``dates`` times a quarter apart (a few join
    later, a few have an unfinished retake); with ``ratings``, managers and peers too."""
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    skills = [s.id for s in q.skills]
    for n in range(people):
        role = rng.choice(q.roles)
        name = f"Person {n:05d}"
        stem = f"person-{n:05d}"
        team = TEAMS[n % len(TEAMS)]
        levels = {s: max(0.0, role.profile_level(s) - 0.8 + rng.gauss(0, 0.6)) for s in skills}
        joined = 0 if people < 10 or rng.random() > 0.15 else rng.randrange(1, max(2, dates))
        current = folder / f"{stem}.json"
        taken = list(range(joined, dates))
        for k in taken:
            when = FIRST + timedelta(days=quarter_days * k + rng.randrange(0, 12), hours=n % 7)
            unfinished = k == taken[-1] and k > joined and rng.random() < 0.05
            response = Response(
                questionnaire_id=q.id,
                questionnaire_version=q.version,
                respondent=Respondent(name=name, team=team, target_role=role.id),
                answers=_answers(q, levels, rng, checks=True),
                started_at=when - timedelta(minutes=25),
                updated_at=when,
                completed_at=None if unfinished else when,
                status=Status.in_progress if unfinished else Status.complete,
            )
            if k == taken[-1]:
                save_response(current, response)
            else:
                path = history_folder(current) / f"{when:%Y-%m-%d}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                save_response(path, response)
            for s in rng.sample(skills, 6):  # people grow between assessments
                levels[s] = min(4.0, levels[s] + rng.uniform(0.3, 1.0))
        if ratings and rng.random() < 0.4:
            when = FIRST + timedelta(days=quarter_days * (dates - 1) + 20)
            raters = [("Manager", Relation.manager)] + [
                (f"Peer {i}", Relation.peer) for i in range(rng.choice([0, 2, 3, 4]))
            ]
            for rater, relation in raters:
                seen = {s: max(0.0, v - 0.4 + rng.gauss(0, 0.5)) for s, v in levels.items()}
                rating = Response(
                    questionnaire_id=q.id,
                    questionnaire_version=q.version,
                    respondent=Respondent(name=name, team=team),
                    answers=_answers(q, seen, rng, checks=False),
                    started_at=when - timedelta(minutes=15),
                    updated_at=when,
                    completed_at=when,
                    status=Status.complete,
                    rater=Rater(name=f"{rater} of {n}", relation=relation),
                )
                path = (
                    ratings_folder(current)
                    / f"{relation.value}--{rater.lower().replace(' ', '-')}.json"
                )
                path.parent.mkdir(parents=True, exist_ok=True)
                save_response(path, rating)


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assess", "team", *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--dates", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ratings", action="store_true")
    parser.add_argument("--make", type=Path, help="only write the team into this folder")
    args = parser.parse_args()
    if args.make:
        make_team(args.make, args.people, args.dates, ratings=args.ratings)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "responses"
        make_team(folder, args.people, args.dates, ratings=args.ratings)
        out = Path(tmp) / "team.html"
        plain, dated = [], []
        for _ in range(args.runs):
            plain.append(_run([str(folder), "-o", str(out)]))
            dated.append(_run([str(folder), "-o", str(out), "--history"]))
        size = out.stat().st_size / 1e6
    best_plain, best_dated = min(plain), min(dated)
    print(f"{args.people:,} people x {args.dates} assessments, best of {args.runs}:")
    print(f"  assess team           {best_plain:.2f} s")
    print(f"  assess team --history {best_dated:.2f} s (+{best_dated - best_plain:.2f} s)")
    print(f"  report with the trend {size:.2f} MB")


if __name__ == "__main__":
    main()
