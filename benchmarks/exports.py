"""Team exports against a floor measured in the same run: the same rows written with the
csv module (each table's columns as Python values, zipped into rows).

Builds a scored team of N people in-process (from a generated JSON-lines file), then,
in turns and best of --runs: the floor, `write_csv`, `write_parquet` and, for the
smaller size, `write_xlsx`. Goals: --csv for 100k people <= 8 s, --xlsx for 10k <= 5 s.

    .venv/bin/python benchmarks/exports.py [--sizes 10000 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _here  # noqa: F401  (this checkout's code, here and in child processes)
from team_scale import generate


def floor(team: object, folder: Path) -> None:
    from assess.team.export import tables

    folder.mkdir(parents=True, exist_ok=True)
    for name, parts in tables(team):  # type: ignore[arg-type]
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            first = True
            for part in parts():
                if first:
                    writer.writerow(part.column_names)
                    first = False
                writer.writerows(zip(*(column.to_pylist() for column in part.columns), strict=True))


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def actions(team: object, out: Path, with_xlsx: bool) -> dict[str, Callable[[], object]]:
    from assess.team.export import write_csv, write_parquet, write_xlsx

    sides: dict[str, Callable[[], object]] = {
        "floor (csv module)": lambda: floor(team, out / "floor"),
        "--csv": lambda: write_csv(team, out / "csv"),  # type: ignore[arg-type]
        "--parquet": lambda: write_parquet(team, out / "parquet"),  # type: ignore[arg-type]
    }
    if with_xlsx:
        sides["--xlsx"] = lambda: write_xlsx(team, out / "team.xlsx")  # type: ignore[arg-type]
    return sides


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xlsx-up-to", type=int, default=10_000)
    args = parser.parse_args()
    from assess.loading import builtin_dir, load_questionnaire
    from assess.team import load_batch, score_team

    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "responses"
            folder.mkdir()
            generate(folder, n)
            team = score_team(q, load_batch(q, [Path(tmp) / "responses.jsonl"]))
            out = Path(tmp) / "out"
            sides = actions(team, out, with_xlsx=n <= args.xlsx_up_to)
            best = {name: float("inf") for name in sides}
            for _ in range(args.runs):
                for name, action in sides.items():
                    best[name] = min(best[name], timed(action))
            base = best.pop("floor (csv module)")
            goals = {"--csv": "<= 8 s at 100k", "--xlsx": "<= 5 s at 10k", "--parquet": ""}
            sizes = {
                "--csv": sum(p.stat().st_size for p in (out / "csv").iterdir()),
                "--parquet": sum(p.stat().st_size for p in (out / "parquet").iterdir()),
                "--xlsx": (out / "team.xlsx").stat().st_size if "--xlsx" in best else 0,
            }
            print(f"{n:>7} people: floor (same rows, csv module) {base:6.2f} s", flush=True)
            for name, seconds in best.items():
                print(
                    f"{'':>14}{name:<10} {seconds:6.2f} s = {seconds / base:.2f}x the floor, "
                    f"{sizes[name] / 1e6:6.1f} MB (goal {goals[name] or '-'}; best of "
                    f"{args.runs}, in turns)",
                    flush=True,
                )


if __name__ == "__main__":
    main()
