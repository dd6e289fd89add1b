"""Figures and tables for the personal report, built from a result (never scores).

Everything here is plain data (Plotly figure dicts and row lists), so it can be tested
without a browser and rendered by ``render.py``.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from assess.model.questionnaire import LEVEL_NAMES, Questionnaire
from assess.model.result import RespondentResult, RoleFit

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
YOU_COLOUR = "#0072B2"
REQUIRED_COLOUR = "#D55E00"
UNASSESSED_COLOUR = "#000000"
AREA_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#999999")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"


@dataclass(frozen=True)
class SkillRow:
    skill: str
    name: str
    area: str
    current: float | None
    required: int | None
    status: str


@dataclass
class PersonalReport:
    """Everything the template shows, already computed."""

    title: str
    result: RespondentResult
    questionnaire_title: str
    target: RoleFit
    target_reason: str
    radar: dict[str, Any]
    fit_chart: dict[str, Any]
    skill_rows: list[SkillRow]
    requirement_matrix: list[list[str]] = field(default_factory=list)
    role_headers: list[str] = field(default_factory=list)
    self_rated_only_names: list[str] = field(default_factory=list)


def _label(name: str, assessed: bool) -> str:
    text = "<br>".join(textwrap.wrap(name, 22))
    return text if assessed else text + "<br>(not assessed)"


def choose_target(result: RespondentResult, role: str | None) -> tuple[RoleFit, str]:
    if role:
        return next(r for r in result.roles if r.role == role), "chosen for this report"
    if result.target_role:
        target = next((r for r in result.roles if r.role == result.target_role), None)
        if target is not None:
            return target, "the role you are aiming for"
    if result.best_role is None:
        return result.roles[0], "the role you are most ready for (no best match: see above)"
    return result.roles[0], "the role your profile is most like"


def radar_figure(q: Questionnaire, result: RespondentResult, target: RoleFit) -> dict[str, Any]:
    """Proficiency against each role's complete profile; a dropdown switches the role."""
    skills = [s for area in q.areas for s in q.skills if s.area == area.id]  # grouped by area
    theta = [_label(s.name, result.skills[s.id] is not None) for s in skills]
    traces: list[dict[str, Any]] = []
    for index, area in enumerate(q.areas):  # light sectors behind the data mark the areas
        members = [i for i, s in enumerate(skills) if s.area == area.id]
        traces.append(
            {
                "type": "barpolar",
                "name": area.name,
                "legendgroup": "areas",
                "theta": [theta[i] for i in members],
                "r": [4] * len(members),
                "marker": {"color": AREA_COLOURS[index % len(AREA_COLOURS)], "line": {"width": 0}},
                "opacity": 0.18,
                "hoverinfo": "skip",
                "showlegend": True,
            }
        )
    you = [result.skills[s.id] for s in skills]
    traces.append(
        {
            "type": "scatterpolar",
            "name": "You",
            "theta": theta,
            "r": [0 if v is None else v for v in you],
            "fill": "toself",
            "line": {"color": YOU_COLOUR, "width": 2},
            "fillcolor": "rgba(0,114,178,0.25)",
            "customdata": ["not assessed" if v is None else f"{v:.1f}" for v in you],
            "hovertemplate": "%{theta}: %{customdata}<extra>You</extra>",
        }
    )
    missing = [i for i, v in enumerate(you) if v is None]
    traces.append(
        {
            "type": "scatterpolar",
            "mode": "markers",
            "name": "Not assessed",
            "theta": [theta[i] for i in missing],
            "r": [0] * len(missing),
            "marker": {"symbol": "x", "size": 11, "color": UNASSESSED_COLOUR},
            "hovertemplate": "%{theta}: not assessed<extra></extra>",
        }
    )
    fixed = len(traces)
    role_ids = [r.id for r in q.roles]
    for role in q.roles:
        level = [role.profile_level(s.id) for s in skills]
        what = ["requires" if s.id in role.requirements else "typical" for s in skills]
        traces.append(
            {
                "type": "scatterpolar",
                "name": f"{role.name} profile",
                "theta": theta,
                "r": level,
                "customdata": what,
                "meta": role.id,
                "visible": role.id == target.role,
                "line": {"color": REQUIRED_COLOUR, "width": 2, "dash": "dash"},
                "hovertemplate": "%{theta}: %{customdata} %{r}<extra>" + role.name + "</extra>",
            }
        )
    buttons = []
    for role in q.roles:
        visible = [True] * fixed + [rid == role.id for rid in role_ids]
        buttons.append(
            {
                "label": role.name,
                "method": "update",
                "args": [{"visible": visible}, {"title.text": f"Your skills vs. {role.name}"}],
            }
        )
    layout = radar_layout(
        f"Your skills vs. {target.name}",
        buttons,
        role_ids.index(target.role),
        height=760,
        spokes=len(q.skills),
    )
    return {"data": traces, "layout": layout}


def radar_layout(
    title: str, buttons: list[dict[str, Any]], active: int, height: int, spokes: int
) -> dict[str, Any]:
    """Polar layout on the 0-4 scale with a "Compare with" role dropdown (shared by the
    personal and the team radar). The level labels run between the first two spokes, so
    they never sit on the first skill's label or its data."""
    return {
        "title": {"text": title, "x": 0.02, "y": 0.98},
        "font": {"family": FONT, "size": 12, "color": "#222"},
        "paper_bgcolor": "#ffffff",
        "polar": {
            "bgcolor": "#ffffff",
            "radialaxis": {
                "range": [0, 4.4],  # headroom: the "4 expert" label sits inside the rim
                "tickvals": [0, 1, 2, 3, 4],
                "ticktext": [f"{i} {n}" for i, n in enumerate(LEVEL_NAMES)],
                "angle": 90 - 180 / max(spokes, 1),
                "tickangle": 90 - 180 / max(spokes, 1),
                "gridcolor": "#bbbbbb",
                "tickfont": {"size": 10},
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "gridcolor": "#dddddd",
                "tickfont": {"size": 10},
            },
            "barmode": "overlay",
        },
        "legend": {"orientation": "h", "y": -0.12},
        "margin": {"l": 110, "r": 110, "t": 130, "b": 60},
        "height": height,
        "updatemenus": [
            {
                "type": "dropdown",
                "buttons": buttons,
                "x": 0.13,
                "xanchor": "left",
                "y": 1.17,
                "yanchor": "top",
                "active": active,
                "showactive": True,
            }
        ],
        "annotations": [
            {
                "text": "Compare with:",
                "showarrow": False,
                "x": 0.12,
                "y": 1.16,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "right",
                "yanchor": "top",
            }
        ],
    }


def fit_figure(result: RespondentResult) -> dict[str, Any]:
    """Match with each role (bars, -100..100), readiness and coverage as labels."""
    roles = list(reversed(result.roles))  # best at the top of a horizontal bar chart
    labels = [
        ("match —" if r.match is None else f"match {r.match:+.0f}")
        + f" · ready {r.readiness:.0f} · coverage {r.coverage:.0%}"
        + (" · weak evidence" if r.weak_evidence else "")
        for r in roles
    ]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Match",
                "y": [r.name for r in roles],
                "x": [0 if r.match is None else r.match for r in roles],
                "marker": {
                    "color": [
                        YOU_COLOUR if r.role != result.target_role else REQUIRED_COLOUR
                        for r in roles
                    ]
                },
                "text": labels,
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": "Match with each role (-100..100)", "x": 0.02},
            "font": {"family": FONT, "size": 12, "color": "#222"},
            "xaxis": {
                "range": [-100, 190],
                "tickvals": [-100, -50, 0, 50, 100],
                "gridcolor": "#dddddd",
                "zeroline": True,
            },
            "yaxis": {"automargin": True},
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
            "margin": {"l": 10, "r": 20, "t": 50, "b": 40},
            "height": 420,
            "showlegend": False,
        },
    }


def build_personal_report(
    q: Questionnaire, result: RespondentResult, role: str | None = None
) -> PersonalReport:
    target, reason = choose_target(result, role)
    role_by_id = {r.id: r for r in q.roles}
    target_role = role_by_id[target.role]
    rows = []
    for area in q.areas:
        for skill in (s for s in q.skills if s.area == area.id):
            current = result.skills[skill.id]
            need = target_role.requirements.get(skill.id)
            if current is None:
                status = "not assessed"
            elif need is None:
                status = "not required"
            elif current >= need.level:
                status = "meets" if current < need.level + 1 else "above"
            else:
                status = "gap"
            rows.append(
                SkillRow(
                    skill.id, skill.name, area.name, current, need.level if need else None, status
                )
            )
    matrix = [
        [s.name]
        + [
            str(r.requirements[s.id].level)
            if s.id in r.requirements
            else f"({r.profile_level(s.id)})"
            for r in q.roles
        ]
        for area in q.areas
        for s in q.skills
        if s.area == area.id
    ]
    return PersonalReport(
        title=f"Skills report: {result.respondent.name}",
        result=result,
        questionnaire_title=q.title,
        target=target,
        target_reason=reason,
        radar=radar_figure(q, result, target),
        fit_chart=fit_figure(result),
        skill_rows=rows,
        requirement_matrix=matrix,
        role_headers=[r.name for r in q.roles],
        self_rated_only_names=[q.skill(s).name for s in result.self_rated_only],
    )
