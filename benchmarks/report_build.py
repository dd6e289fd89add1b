"""Both HTML reports: build time beyond imports and file size.

Prints, measured in the same run:
  - packing plotly.js (LZMA + 7 bits a character): once per plotly version, then read
    from the disk cache; both timed here against a fresh cache folder;
  - the floor: an empty page with the packed plotly.js (the fixed size every
    self-contained report pays);
  - the personal report (median of 9 builds after imports): goal <= 500 ms, <= 2.0 MB;
  - the team report for 1,000 generated people (median of 3): goal <= 3 s, <= 2.5 MB.

    .venv/bin/python benchmarks/report_build.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from assess.loading import builtin_dir, load_questionnaire, load_response


def timed(function, runs: int):  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache  # a cold cache: the first pack compresses
        from team_scale import generate

        from assess.report import personal_report_html
        from assess.report.render import packed_plotly, plotly_js
        from assess.report.team import render_team_report
        from assess.scoring import score_responses
        from assess.team import load_batch, score_team

        plotly_js()  # read plotly.js before timing the packing
        start = time.perf_counter()
        packed = packed_plotly()
        cold = time.perf_counter() - start
        packed_plotly.cache_clear()
        warm, _ = timed(lambda: (packed_plotly.cache_clear(), packed_plotly()), 5)
        print(
            f"plotly.js {packed.size / 1e6:.2f} MB -> LZMA {packed.packed_size / 1e6:.2f} MB -> "
            f"{len(packed.text.encode()) / 1e6:.2f} MB in the page; packed in {cold:.2f} s "
            f"(once per plotly version), read from the cache in {warm * 1000:.0f} ms"
        )

        q = load_questionnaire(builtin_dir() / "ml-team.yaml")
        example = load_response(builtin_dir() / "examples/priya-sharma.json")
        result = score_responses(q, [example])[0]
        personal_report_html(q, result)  # warm: imports, templates
        floor = (
            '<!DOCTYPE html><html><head></head><body><script type="application/x-assess-packed">'
            f"{packed.text}</script></body></html>"
        )
        floor_mb = len(floor.encode()) / 1e6
        print(f"floor (empty page + packed plotly.js):   {floor_mb:.2f} MB")

        seconds, html = timed(lambda: personal_report_html(q, result), 9)
        size = len(html.encode()) / 1e6
        print(
            f"personal report: built in {seconds * 1000:6.1f} ms after imports (goal <= 500 ms), "
            f"{size:.2f} MB (goal <= 2.00 MB; floor + {size - floor_mb:.2f} MB)"
        )

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "responses"
            folder.mkdir()
            generate(folder, 1000, seed=2)
            team = score_team(q, load_batch(q, [folder]))
        render_team_report(q, team)  # warm
        seconds, html = timed(lambda: render_team_report(q, team), 3)
        size = len(html.encode()) / 1e6
        print(
            f"team report, 1,000 people: built in {seconds:.2f} s (goal <= 3 s), "
            f"{size:.2f} MB (goal <= 2.50 MB; floor + {size - floor_mb:.2f} MB)"
        )


if __name__ == "__main__":
    main()
