"""Time from process start to the first question on screen, against a bare Textual app.

Both run in a real terminal (tmux, 100x30); the screen is polled every 5 ms until the
expected text appears. Prints the medians and their ratio (goal: <= 1.5x).

    .venv/bin/python benchmarks/tui_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("bare app ready")
        yield Footer()

Bare().run()
"""


# A private tmux server, kept alive by an idle session between measurements.
TMUX = ["tmux", "-L", f"assess-bench-{os.getpid()}"]


def time_to_text(command: list[str], expected: str, timeout: float = 30.0) -> float:
    session = f"bench{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-x", "100", "-y", "30", "-s", session, *command], check=True
    )
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if expected in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{expected!r} did not appear within {timeout}s")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not shutil.which("tmux"):
        sys.exit("tmux is required")
    assess = str(Path(sys.executable).parent / "assess")
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keepalive", "sleep 3600"], check=True)
    try:
        measure(assess, args.runs)
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)


def measure(assess: str, runs: int) -> None:
    from assess.loading import builtin_dir, load_questionnaire

    first = f"1 / {len(load_questionnaire(builtin_dir() / 'ml-team.yaml').questions)}"
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_APP)
        bare, ours, welcome = [], [], []
        for run in range(runs):  # interleave so machine noise hits both alike
            bare.append(time_to_text([sys.executable, str(bare_script)], "bare app ready"))
            out = Path(tmp) / f"r{run}.json"
            ours.append(time_to_text([assess, "take", "--name", "Bench", "--out", str(out)], first))
            welcome.append(
                time_to_text([assess, "take", "--out", str(out) + ".w"], "Your name (required)")
            )
    b, o, w = statistics.median(bare), statistics.median(ours), statistics.median(welcome)
    print(f"bare Textual app to screen:      {b * 1000:7.0f} ms (median of {runs})")
    print(
        f"assess take to first question:   {o * 1000:7.0f} ms   ratio {o / b:.2f}x (goal <= 1.5x)"
    )
    print(f"assess take to welcome screen:   {w * 1000:7.0f} ms   ratio {w / b:.2f}x")


if __name__ == "__main__":
    main()
