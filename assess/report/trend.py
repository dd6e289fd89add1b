"""The team report's "Team over time" charts: one line chart per measure, drawn from the
team over time (``assess.team.trend.TeamTrend``; nothing is computed here). Every number
is also in the section's tables, which is what a reader without JavaScript gets."""

from __future__ import annotations

import math
from typing import Any

from assess.report.charts import FONT, plotly_text, short_name
from assess.team.trend import TeamTrend

LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Okabe-Ito without its yellow (too pale for a line on white)."""
DASHES = ("solid", "dash", "dot", "dashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star")
SKILLS_SHOWN = 6
"""Skill lines drawn at first: those whose median moved most. "Skills drawn" above the
chart draws an area's skills, or all of them (``team.js``); the tables hold every one.
Each skill's line carries ``meta`` [its area, drawn at first]."""

CHARTS = (
    ("readiness", "Median readiness per role (0-100)"),
    ("ready", "People at least 80% ready, per role"),
    ("uncovered", "Skills nobody holds at the level a role needs, per role"),
    ("median", "Median proficiency per skill (0 none - 4 expert)"),
    ("best", "Best level in the team per skill (max)"),
)
"""(id, heading) of each chart, in the page's order."""


def _style(i: int) -> tuple[str, str, str]:
    """Colour, dash and marker of the i-th line: apart by style as well as by colour."""
    turn = i // len(LINE_COLOURS)  # lines of one colour differ in dash and marker
    return (
        LINE_COLOURS[i % len(LINE_COLOURS)],
        DASHES[turn % len(DASHES)],
        SYMBOLS[(i + turn) % len(SYMBOLS)],
    )


def _line(
    i: int,
    name: str,
    x: list[str],
    y: list[float | None] | list[int],
    hover: list[str],
    visible: bool = True,
    meta: list[Any] | None = None,
) -> dict[str, Any]:
    colour, dash, symbol = _style(i)
    return {
        **({"meta": meta} if meta is not None else {}),
        "type": "scatter",
        "mode": "lines+markers",
        "name": name,
        "x": x,
        "y": y,
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra>" + name + "</extra>",
        "line": {"color": colour, "width": 2, "dash": dash},
        "marker": {"color": colour, "size": 7, "symbol": symbol},
        "connectgaps": False,
        "visible": visible,
    }


def _figure(
    traces: list[dict[str, Any]], trend: TeamTrend, y_axis: dict[str, Any]
) -> dict[str, Any]:
    points = trend.points
    return {
        "data": traces,
        "layout": {
            "font": {"family": FONT, "size": 12, "color": "#222"},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "height": 380,
            "margin": {"l": 50, "r": 16, "t": 16, "b": 10},
            "hovermode": "closest",
            "showlegend": True,
            # Below the chart, entries of one width (the longest name's): ``team.js``
            # makes the chart as tall as the rows of entries its width holds.
            "legend": {
                "orientation": "h",
                "x": 0,
                "y": -0.12,
                "yanchor": "top",
                "entrywidth": _entry_width(traces),
            },
            # A point stands at the end of its period, on a date axis (a long gap between
            # two shows as one); ticks name the periods as the tables do.
            "xaxis": {
                "type": "date",
                "tickvals": [p.end for p in points],
                "ticktext": [p.label for p in points],
                "tickangle": "auto",
                "automargin": True,
                "gridcolor": "#dddddd",
                "fixedrange": True,
            },
            "yaxis": {
                "gridcolor": "#dddddd",
                "fixedrange": True,
                "zeroline": False,
                "automargin": True,
                **y_axis,
            },
        },
    }


def _entry_width(traces: list[dict[str, Any]]) -> int:
    """Pixels for a legend entry: its line, and about 7 px a character of the longest
    name (12 px type)."""
    longest = max((len(str(t["name"])) for t in traces), default=10)
    return min(340, 48 + 7 * longest)


def _people(trend: TeamTrend) -> list[str]:
    return [
        f"{p.label}, {p.people:,} {'person' if p.people == 1 else 'people'}"
        + (f" ({p.new:,} assessed in it)" if p.new else "")
        for p in trend.points
    ]


def _value(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def trend_figures(trend: TeamTrend) -> dict[str, dict[str, Any]]:
    """The figures of the section, by the ids of ``CHARTS``."""
    x = [p.end for p in trend.points]
    at = _people(trend)
    readiness, ready, uncovered = [], [], []
    for i, role in enumerate(trend.roles):
        name = plotly_text(role.role)
        readiness.append(
            _line(
                i,
                name,
                x,
                [None if v is None else round(v, 1) for v in role.readiness],
                [
                    f"{at[k]}: median {_value(v, '.0f')}, {role.ready[k]:,} at least 80% ready"
                    for k, v in enumerate(role.readiness)
                ],
            )
        )
        ready.append(
            _line(
                i,
                name,
                x,
                role.ready,
                [f"{at[k]}: {n:,} at least 80% ready" for k, n in enumerate(role.ready)],
            )
        )
        uncovered.append(
            _line(
                i,
                name,
                x,
                [len(u) for u in role.uncovered],
                [
                    f"{at[k]}: {len(u)} uncovered"
                    + (": " + plotly_text(", ".join(short_name(s) for s in u[:6])) if u else "")
                    + (" …" if len(u) > 6 else "")
                    for k, u in enumerate(role.uncovered)
                ],
            )
        )
    shown = {s.skill_id for s in trend.moved[:SKILLS_SHOWN]} or {
        s.skill_id for s in trend.skills[:SKILLS_SHOWN]
    }
    median, best = [], []
    for i, skill in enumerate(trend.skills):
        name = plotly_text(f"{skill.number}. {short_name(skill.skill)}")
        meta = [skill.area_id, skill.skill_id in shown]
        median.append(
            _line(
                i,
                name,
                x,
                skill.median,
                [
                    f"{at[k]}: median {_value(v, '.1f')} ({skill.assessed[k]:,} assessed)"
                    for k, v in enumerate(skill.median)
                ],
                skill.skill_id in shown,
                meta,
            )
        )
        best.append(
            _line(
                i,
                name,
                x,
                skill.best,
                [f"{at[k]}: best {_value(v, '.1f')}" for k, v in enumerate(skill.best)],
                skill.skill_id in shown,
                meta,
            )
        )
    levels = {"range": [-0.1, 4.1], "tickvals": [0, 1, 2, 3, 4]}
    most_ready = max((max(r.ready, default=0) for r in trend.roles), default=0)
    most_uncovered = max((len(u) for r in trend.roles for u in r.uncovered), default=0)
    return {
        "readiness": _figure(readiness, trend, {"range": [0, 102]}),
        "ready": _figure(ready, trend, _counts(most_ready)),
        "uncovered": _figure(uncovered, trend, _counts(most_uncovered)),
        "median": _figure(median, trend, levels),
        "best": _figure(best, trend, levels),
    }


def _counts(most: int) -> dict[str, Any]:
    """A y axis of whole numbers from 0 (ticks 1 apart, or wider for large counts)."""
    step = max(1, math.ceil(most / 6))
    return {"range": [0, max(most, 1) * 1.08], "dtick": step, "tickformat": ",d"}
