"""The team report: the team summary (``assess.team.summary``) rendered as one HTML page,
with the charts built here (the template only displays)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal, cast

from assess.model.learning import LearningCatalogue
from assess.model.questionnaire import Questionnaire
from assess.numbers import shown
from assess.outfile import write_atomic
from assess.quality import careless as careless_rules
from assess.report.build import (
    AREA_COLOURS,
    FONT,
    REQUIRED_COLOUR,
    YOU_COLOUR,
    ordered_skills,
    radar_angles,
    radar_frame_layout,
    radar_rim,
    unassessed_trace,
)
from assess.report.render import _inline_script, _static, figure_html, render_page
from assess.safetext import for_plotly
from assess.team import Team
from assess.team.anonymize import Anonymized
from assess.team.others import RaterView
from assess.team.summary import TeamSummary, build_summary, careless_rows
from assess.team.trend import TeamTrend

# Every text in a figure goes through ``for_plotly``: Plotly draws a little HTML in
# labels, and a person called '<a href="https://...">Click</a>' must stay a name.

MAX_COLOUR = YOU_COLOUR
"""The team's best level: a dotted blue line (the median is the blue area): told apart by
line style, as the Okabe-Ito colours left over are the areas' on the rim."""


def _num(value: float | None, digits: int = 1) -> float | None:
    return (
        None
        if value is None or (isinstance(value, float) and math.isnan(value))
        else round(float(value), digits)
    )


def team_radar(q: Questionnaire, team: Team, shown: str | None = None) -> dict[str, Any]:
    """The team's best (max) and median level of each skill against a role's complete
    profile, on the personal report's radar (skills clockwise from the top grouped by area,
    a coloured band on the rim, ring numbers in a blank wedge, labels laid out for three
    sizes); the page's "Compare with" switches the role (each profile trace carries its
    role id in ``meta``). ``shown``: the role it opens on (default: the summary's choice)."""
    from assess.team.heading import radar_choice

    role_id = shown or radar_choice(q, team).role
    skills = ordered_skills(q)
    theta = radar_angles(len(skills))
    names = [for_plotly(s.name) for s in skills]
    frame = team.analysis.skills
    maxes = dict(zip(frame["skill"].tolist(), frame["max"].tolist(), strict=True))
    medians = dict(zip(frame["skill"].tolist(), frame["median"].tolist(), strict=True))
    best = [_num(maxes[s.id]) for s in skills]
    median = [_num(medians[s.id]) for s in skills]
    traces = radar_rim(q, skills, theta)
    drawn = [0.0 if v is None else v for v in median]
    traces.append(  # the area, closed through the centre so it never crosses the blank wedge
        {
            "type": "scatterpolar",
            "name": "Team median (area)",
            "theta": [0.0, *theta, 360.0],
            "r": [0.0, *drawn, 0.0],
            "mode": "lines",
            "fill": "toself",
            "fillcolor": "rgba(0,114,178,0.22)",
            "line": {"width": 0},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    for name, values, line, symbol in (
        ("Team median", median, {"color": YOU_COLOUR, "width": 2}, "circle"),
        ("Team best (max)", best, {"color": MAX_COLOUR, "width": 2, "dash": "dot"}, "diamond"),
    ):
        traces.append(
            {
                "type": "scatterpolar",
                "name": name,
                "theta": theta,
                "r": [0.0 if v is None else v for v in values],
                "mode": "lines+markers",
                "line": line,
                "marker": {"color": line["color"], "size": 6, "symbol": symbol},
                "customdata": [
                    [names[i], "nobody assessed" if v is None else f"{v:.1f}"]
                    for i, v in enumerate(values)
                ],
                "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra>" + name + "</extra>",
            }
        )
    for target in team.analysis.target_roles:
        role = q.role(target)
        traces.append(
            {
                "type": "scatterpolar",
                "name": f"{for_plotly(role.name)} profile",
                "theta": theta,
                "r": [role.profile_level(s.id) for s in skills],
                "mode": "lines",
                "meta": role.id,
                "visible": role.id == role_id,
                "customdata": [
                    [names[i], "requires" if s.id in role.requirements else "typical level"]
                    for i, s in enumerate(skills)
                ],
                "line": {"color": REQUIRED_COLOUR, "width": 2, "dash": "dash"},
                "hovertemplate": "%{customdata[0]}: %{customdata[1]} %{r}<extra>"
                + for_plotly(role.name)
                + "</extra>",
            }
        )
    traces.append(unassessed_trace(best, theta, names, "nobody assessed"))
    title = f"Team skills vs. {for_plotly(q.role(role_id).name)}"
    return {"data": traces, "layout": radar_frame_layout(title, skills, theta)}


def heatmap(frame: Any, x: list[str], zmax: float, hover: str, zmin: float = 0) -> dict[str, Any]:
    z = [[_num(v) for v in row] for row in frame.to_numpy().tolist()]
    height = min(max(380, 16 * len(frame) + 200), 2400)
    return {
        "data": [
            {
                "type": "heatmap",
                "z": z,
                "x": [for_plotly(label) for label in x],
                "y": [for_plotly(str(label)) for label in frame.index],
                "zmin": zmin,
                "zmax": zmax,
                "colorscale": "Cividis",
                "hoverongaps": False,
                "hovertemplate": hover,
            }
        ],
        "layout": {
            # No plotly title: the column labels sit on top, where plotly would draw it
            # over them; the page gives the chart a heading instead (HEATMAP_TITLES).
            "font": {"family": FONT, "size": 11, "color": "#222"},
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            # Categories, always: names such as "1" or "2026-01-01" are labels, not
            # numbers or dates to place on a scale.
            "xaxis": {"side": "top", "tickangle": -40, "automargin": True, "type": "category"},
            "yaxis": {"autorange": "reversed", "automargin": True, "type": "category"},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#eeeeee",
        },
    }


HEATMAP_TITLES = {
    "skills": "Proficiency by person and skill (0 none to 4 expert; grey = not assessed)",
    "match": (
        "Match by person and role (-100 opposite .. 100 same profile shape; "
        "grey = too little evidence)"
    ),
}


def fmt(value: float | None, spec: str) -> str:
    """A number as the page shows it; "—" for a missing one (never "nan")."""
    return shown(value, spec)


def team_summary(
    q: Questionnaire,
    team: Team,
    anonymized: Anonymized | bool = False,
    learning: LearningCatalogue | Literal["built-in"] | None = "built-in",
    generated: date | None = None,
    trend: TeamTrend | None = None,
    raters: RaterView | None = None,
) -> TeamSummary:
    """The summary, with the careless-responding flags of the batch passed in and the
    training advice's steps from ``learning`` (by default the built-in catalogue); the
    team over time (``trend``) and the rater policy (``raters``) passed through."""
    if learning == "built-in":
        from assess.learning import load_learning

        learning = load_learning()
    return build_summary(
        q,
        team,
        learning=learning,
        careless=careless_of(q, team),
        anonymized=anonymized,
        generated=generated,
        trend=trend,
        raters=raters,
    )


def careless_of(q: Questionnaire, team: Team) -> careless_rules.Careless:
    """The careless-responding flags of the team's responses (``assess.quality``)."""
    batch = team.batch
    # (positional, looked up only for the people flagged: no list of a million names)
    names = cast("Sequence[str]", team.analysis.people["person"].array)
    return careless_rules.careless_by_form(  # each person on their own questionnaire
        batch.form_rows(), batch.people.durations, names, batch.teams
    )


def render_team_report(
    q: Questionnaire,
    team: Team,
    anonymized: Anonymized | bool = False,
    summary: TeamSummary | None = None,
) -> str:
    summary = summary or team_summary(q, team, anonymized)
    careless = summary.careless if summary.careless is not None else careless_of(q, team)
    analysis = team.analysis
    radar = team_radar(q, team, summary.radar.role)
    shown = len(summary.people)  # the first PEOPLE_SHOWN, as in every person-by-person part
    proficiency = analysis.proficiency.iloc[:shown]
    match = analysis.match.iloc[:shown]
    skills_map = heatmap(proficiency, summary.skill_names, 4, "%{y} · %{x}: %{z}<extra></extra>")
    match_map = heatmap(
        match, summary.role_names, 100, "%{y} · %{x}: match %{z}<extra></extra>", -100
    )
    return render_page(
        "team.html.j2",
        s=summary,
        q=q,
        heatmap_titles=HEATMAP_TITLES,
        radar_html=figure_html(radar, "team-radar", "Radar chart of the team's skills"),
        radar_roles=[
            (r, q.role(r).name, for_plotly(q.role(r).name)) for r in analysis.target_roles
        ],
        area_key=[
            (area.name, AREA_COLOURS[i % len(AREA_COLOURS)]) for i, area in enumerate(q.areas)
        ],
        skills_html=figure_html(skills_map, "team-skills"),
        match_html=figure_html(match_map, "team-match"),
        careless=careless,
        careless_rows=summary.careless_rows
        if summary.careless is not None
        else careless_rows(careless),
        careless_rules=careless_rules,
        team_js=_inline_script(_static("team.js")),
        fmt=fmt,
        trend_charts=trend_charts(summary.trend),
    )


def trend_charts(trend: TeamTrend | None) -> list[tuple[str, str, Any]]:
    """(id, heading, chart HTML) of each "Team over time" chart; none without a trend."""
    if trend is None or not trend.shown:
        return []
    from assess.report.trend import CHARTS, trend_figures

    figures = trend_figures(trend)
    return [
        (name, heading, figure_html(figures[name], f"trend-{name}", heading))
        for name, heading in CHARTS
    ]


def write_team_report(
    q: Questionnaire,
    team: Team,
    out: Path,
    anonymized: Anonymized | bool = False,
    summary: TeamSummary | None = None,
) -> Path:
    write_atomic(out, render_team_report(q, team, anonymized, summary))
    return out
