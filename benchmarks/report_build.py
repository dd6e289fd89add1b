"""Personal report: build time beyond imports and file size.

Measured in the same run against a floor: rendering an empty page with the same
inlined plotly.js (the fixed cost every self-contained report pays). Goal: build
<= 0.5 s beyond imports, size <= 5.0 MB.

    .venv/bin/python benchmarks/report_build.py
"""

from __future__ import annotations

import statistics
import time

from assess.loading import builtin_dir, load_questionnaire, load_response
from assess.report import personal_report_html
from assess.report.render import plotly_js
from assess.scoring import score_responses


def main() -> None:
    q = load_questionnaire(builtin_dir() / "ml-team.yaml")
    result = score_responses(q, [load_response(builtin_dir() / "examples/priya-sharma.json")])[0]
    personal_report_html(q, result)  # warm: imports, template compile, plotly.js read
    floor_times, build_times = [], []
    for _ in range(9):
        start = time.perf_counter()
        floor = f"<!DOCTYPE html><html><head><script>{plotly_js()}</script></head></html>"
        floor_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        html = personal_report_html(q, result)
        build_times.append(time.perf_counter() - start)
    floor_s, build_s = statistics.median(floor_times), statistics.median(build_times)
    size = len(html.encode())
    print(
        f"floor (empty page + inlined plotly.js): {floor_s * 1000:7.1f} ms, "
        f"{len(floor.encode()) / 1e6:.2f} MB"
    )
    print(
        f"personal report build (after imports):  {build_s * 1000:7.1f} ms   "
        f"ratio {build_s / floor_s:.1f}x   (goal <= 500 ms)"
    )
    print(
        f"personal report size:                   {size / 1e6:.2f} MB   "
        f"ratio {size / len(floor.encode()):.3f}x (goal <= 5.00 MB)"
    )


if __name__ == "__main__":
    main()
