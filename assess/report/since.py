"""The personal report's "Since last time": what changed from the person's previous finished
assessment to this one (per skill; per role readiness, match and the gaps closed and
opened), and with three or more assessments a chart of readiness and match over time.
Built from ``assess.person`` (which scores); plain data here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assess.numbers import shown as number_text
from assess.person.progress import Progress, RoleChange, compare, timeline
from assess.person.record import PersonRecord, labels
from assess.report.charts import FONT, REQUIRED_COLOUR, YOU_COLOUR, plotly_text

CHART_FROM = 3
"""Assessments from which the section has a chart (two are a table's worth)."""


@dataclass(frozen=True)
class SkillLine:
    name: str
    area: str
    before: float | None
    after: float | None
    change: float | None

    @property
    def direction(self) -> str:
        """``up``, ``down`` or ``same`` (for the arrow and its words)."""
        if not self.change:
            return "same"
        return "up" if self.change > 0 else "down"


@dataclass(frozen=True)
class Point:
    """One assessment in the history table."""

    label: str
    version: str
    complete: bool
    file: str
    current: bool


@dataclass
class SinceView:
    """Everything the section shows."""

    progress: Progress | None
    """None when there is no earlier finished assessment."""
    points: list[Point]
    skills: list[SkillLine] = field(default_factory=list)
    not_compared: list[tuple[str, list[str]]] = field(default_factory=list)
    """(reason, skill names) of the skills not compared."""
    chart: dict[str, Any] | None = None
    """Readiness and match over time (three or more assessments)."""
    series: dict[str, list[tuple[str, float | None, float | None]]] = field(default_factory=dict)
    """Role id -> (label, readiness, match) per assessment: the chart's numbers."""
    notes: list[str] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(file, reason) of files in the person's folders that are not used."""

    @property
    def roles(self) -> list[RoleChange]:
        return [] if self.progress is None else self.progress.roles

    @property
    def changed(self) -> list[SkillLine]:
        return [s for s in self.skills if s.change]

    @property
    def unchanged(self) -> list[SkillLine]:
        return [s for s in self.skills if not s.change]


def since_view(record: PersonRecord, role: str | None = None) -> SinceView | None:
    """The section for the record's newest assessment; None when the record has only it
    (and nothing left out to mention)."""
    assessments = record.assessments
    current = record.current
    left_out = [(str(x.path), x.reason) for x in record.left_out if not x.rating]
    if current is None or (len(assessments) < 2 and not left_out):
        return None
    names = labels(assessments)
    points = [
        Point(name, a.version, a.complete, a.path.name, a is current)
        for a, name in zip(assessments, names, strict=True)
    ]
    earlier = [a for a in assessments[:-1] if a.complete]
    view = SinceView(None, points, left_out=left_out)
    if not earlier:
        view.notes.append("There is no earlier finished assessment to compare with.")
        return view
    before = earlier[-1]
    progress = compare(
        before, current, role, names[assessments.index(before)], names[assessments.index(current)]
    )
    view.progress = progress
    view.notes += progress.notes
    skipped = [p.label for p in points if not p.complete and not p.current]
    if skipped:
        view.notes.append(
            f"Not finished, so not compared: {', '.join(skipped)} (in the history table)."
        )
    view.skills = [SkillLine(s.name, s.area, s.before, s.after, s.change) for s in progress.skills]
    reasons: dict[str, list[str]] = {}
    for s in progress.not_compared:
        reasons.setdefault(s.note, []).append(s.name)
    view.not_compared = list(reasons.items())
    finished = [a for a in assessments if a.complete or a is current]
    if len(finished) >= CHART_FROM:
        series = timeline(finished)
        view.series = {
            fit.role: list(
                zip(series.labels, series.readiness[fit.role], series.match[fit.role], strict=True)
            )
            for fit in current.result.roles
        }
        view.chart = history_figure(
            series.times,
            view.series,
            {f.role: f.name for f in current.result.roles},
            progress.focus,
        )
    return view


def history_figure(
    times: list[str],
    series: dict[str, list[tuple[str, float | None, float | None]]],
    names: dict[str, str],
    shown: str,
) -> dict[str, Any]:
    """Readiness (top) and match (bottom) of each role over time, one role shown at a time
    (each trace carries its role id in ``meta``, as the radar's profiles do)."""
    traces: list[dict[str, Any]] = []
    for role, points in series.items():
        label = [p[0] for p in points]
        readiness = [p[1] for p in points]
        match = [p[2] for p in points]
        name = plotly_text(names[role])
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "name": f"Readiness: {name}",
                "x": times,
                "y": readiness,
                "meta": role,
                "visible": role == shown,
                "text": ["" if v is None else f"{v:.0f}" for v in readiness],
                "textposition": "top center",
                "customdata": label,
                "line": {"color": YOU_COLOUR, "width": 2},
                "marker": {"color": YOU_COLOUR, "size": 8},
                "cliponaxis": False,
                "hovertemplate": "%{customdata}: readiness %{y:.1f}<extra>" + name + "</extra>",
                "xaxis": "x",
                "yaxis": "y",
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "name": f"Match: {name}",
                "x": times,
                "y": match,
                "meta": role,
                "visible": role == shown,
                "text": [number_text(v, "+.0f", missing="") for v in match],
                "textposition": "top center",
                "customdata": label,
                "line": {"color": REQUIRED_COLOUR, "width": 2, "dash": "dash"},
                "marker": {"color": REQUIRED_COLOUR, "size": 8, "symbol": "square"},
                "cliponaxis": False,
                "hovertemplate": "%{customdata}: match %{y:+.0f}<extra>" + name + "</extra>",
                "xaxis": "x2",
                "yaxis": "y2",
            }
        )
    axis = {"gridcolor": "#dddddd", "fixedrange": True, "zeroline": False}
    return {
        "data": traces,
        "layout": {
            "font": {"family": FONT, "size": 12, "color": "#222"},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "showlegend": False,
            "title": {"text": f"{plotly_text(names[shown])} over time", "x": 0.02, "y": 0.98},
            "height": 460,
            "margin": {"l": 56, "r": 24, "t": 70, "b": 40},
            "xaxis": {
                **axis,
                "type": "date",
                "domain": [0, 1],
                "anchor": "y",
                "showticklabels": False,
            },
            "xaxis2": {  # automargin: a phone turns the dates and needs the room below
                **axis,
                "type": "date",
                "domain": [0, 1],
                "anchor": "y2",
                "matches": "x",
                "automargin": True,
            },
            "yaxis": {
                **axis,
                "domain": [0.56, 1],
                "range": [0, 112],
                "tickvals": [0, 25, 50, 75, 100],
                "title": {"text": "readiness"},
            },
            "yaxis2": {
                **axis,
                "domain": [0, 0.42],
                "range": [-100, 120],
                "tickvals": [-100, -50, 0, 50, 100],
                "zeroline": True,
                "zerolinecolor": "#888888",
                "title": {"text": "match"},
            },
            "annotations": [
                {
                    "text": "Readiness (0-100)",
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": 1.06,
                    "xanchor": "left",
                    "showarrow": False,
                },
                {
                    "text": "Match (-100..100)",
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": 0.47,
                    "xanchor": "left",
                    "showarrow": False,
                },
            ],
        },
    }
