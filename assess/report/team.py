"""The team report: build figures and tables from a team analysis, then render."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from assess.model.questionnaire import Questionnaire
from assess.outfile import write_atomic
from assess.quality import careless as careless_rules
from assess.report.build import FONT, REQUIRED_COLOUR, YOU_COLOUR, _label, radar_layout
from assess.report.render import figure_html, render_page
from assess.safetext import for_plotly
from assess.team import Team
from assess.team.summary import INPUTS_SHOWN, PEOPLE_SHOWN

# Every text in a figure goes through ``for_plotly``: Plotly draws a little HTML in
# labels, and a person called '<a href="https://...">Click</a>' must stay a name.


def _num(value: float | None, digits: int = 1) -> float | None:
    return (
        None
        if value is None or (isinstance(value, float) and math.isnan(value))
        else round(float(value), digits)
    )


def team_radar(q: Questionnaire, team: Team) -> dict[str, Any]:
    skills = [s for a in q.areas for s in q.skills if s.area == a.id]
    theta = [_label(for_plotly(s.name), True) for s in skills]
    frame = team.analysis.skills
    maxes = dict(zip(frame["skill"].tolist(), frame["max"].tolist(), strict=True))
    medians = dict(zip(frame["skill"].tolist(), frame["median"].tolist(), strict=True))
    traces: list[dict[str, Any]] = [
        {
            "type": "scatterpolar",
            "name": "Team best (max)",
            "theta": theta,
            "r": [_num(maxes[s.id]) or 0 for s in skills],
            "line": {"color": YOU_COLOUR, "width": 2},
        },
        {
            "type": "scatterpolar",
            "name": "Team median",
            "theta": theta,
            "fill": "toself",
            "r": [_num(medians[s.id]) or 0 for s in skills],
            "line": {"color": "#009E73", "width": 2},
            "fillcolor": "rgba(0,158,115,0.2)",
        },
    ]
    targets = team.analysis.target_roles
    for role_id in targets:
        role = q.role(role_id)
        traces.append(
            {
                "type": "scatterpolar",
                "name": f"{for_plotly(role.name)} profile",
                "theta": theta,
                "meta": role_id,
                "visible": role_id == targets[0],
                "r": [role.profile_level(s.id) for s in skills],
                "line": {"color": REQUIRED_COLOUR, "width": 2, "dash": "dash"},
            }
        )
    buttons = [
        {
            "label": for_plotly(q.role(r).name),
            "method": "update",
            "args": [
                {"visible": [True, True] + [r == other for other in targets]},
                {"title.text": f"Team skills vs. {for_plotly(q.role(r).name)}"},
            ],
        }
        for r in targets
    ]
    title = f"Team skills vs. {for_plotly(q.role(targets[0]).name)}"
    layout = radar_layout(title, buttons, 0, height=720, spokes=len(skills))
    return {"data": traces, "layout": layout}


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


def render_team_report(q: Questionnaire, team: Team, anonymized: bool = False) -> str:
    analysis = team.analysis
    batch = team.batch
    careless = careless_rules.careless_by_form(  # each person on their own questionnaire
        batch.form_rows(), batch.durations, analysis.people["person"].tolist(), batch.teams
    )
    skill_names = [q.skill(s).name for s in analysis.proficiency.columns]
    role_names = [q.role(r).name for r in analysis.readiness.columns]
    radar = team_radar(q, team)
    proficiency = analysis.proficiency.iloc[:PEOPLE_SHOWN]
    match = analysis.match.iloc[:PEOPLE_SHOWN]
    skills_map = heatmap(
        proficiency,
        skill_names,
        4,
        "%{y} · %{x}: %{z}<extra></extra>",
    )
    match_map = heatmap(match, role_names, 100, "%{y} · %{x}: match %{z}<extra></extra>", -100)
    return render_page(
        "team.html.j2",
        q=q,
        team=team,
        a=analysis,
        batch=team.batch,
        anonymized=anonymized,
        skill_names=skill_names,
        role_names=role_names,
        heatmap_titles=HEATMAP_TITLES,
        radar_html=figure_html(radar, "team-radar"),
        skills_html=figure_html(skills_map, "team-skills"),
        match_html=figure_html(match_map, "team-match"),
        people_shown=analysis.people.iloc[:PEOPLE_SHOWN],
        skipped_shown=team.batch.skipped[:INPUTS_SHOWN],
        duplicates_shown=team.batch.duplicates[:INPUTS_SHOWN],
        proficiency_shown=proficiency,
        match_shown=match,
        readiness_shown=analysis.readiness.iloc[:PEOPLE_SHOWN],
        careless=careless,
        careless_shown=careless.flags.iloc[:PEOPLE_SHOWN],
        careless_rules=careless_rules,
        num=_num,
    )


def write_team_report(q: Questionnaire, team: Team, out: Path, anonymized: bool = False) -> Path:
    write_atomic(out, render_team_report(q, team, anonymized))
    return out
