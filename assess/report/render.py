"""Render built reports to one self-contained HTML file (Jinja2, autoescaped).

plotly.js is inlined exactly once per file; figures are embedded with
``include_plotlyjs=False`` and stable div ids, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from assess.model.questionnaire import LEVEL_NAMES
from assess.report.build import PersonalReport

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
}


@cache
def plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("assess.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["level"] = level_text
    env.filters["pct"] = lambda value: f"{value:.0%}"
    env.filters["count"] = lambda value: f"{int(value):,}"  # 100,000 reads at a glance
    return env


def level_text(value: float | None) -> str:
    if value is None:
        return "not assessed"
    return f"{value:.1f} ({LEVEL_NAMES[min(4, int(value))]})"


def figure_html(figure: dict[str, Any], div_id: str) -> Markup:
    """A figure as a div plus a script; JSON escaped so no text can close the script."""
    payload = json.dumps(figure, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    config = json.dumps(PLOTLY_CONFIG, sort_keys=True)
    return Markup(
        f'<div id="{div_id}" class="chart" role="img"></div>\n'
        f"<script>(function(){{var f={payload};"
        f'Plotly.newPlot("{div_id}",f.data,f.layout,{config});}})();</script>'
    )


def render_personal(report: PersonalReport) -> str:
    template = environment().get_template("personal.html.j2")
    return template.render(
        r=report,
        result=report.result,
        plotly_js=Markup(plotly_js()),
        radar_html=figure_html(report.radar, "assess-radar"),
        fit_html=figure_html(report.fit_chart, "assess-fit"),
        level_names=LEVEL_NAMES,
    )
