"""Figures and tables for the personal report, built from a result (never scores).

Everything here is plain data (Plotly figure dicts, rows and per-role views), so it can be
tested without a browser and rendered by ``render.py``; the templates only display it.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from assess.model.questionnaire import Questionnaire, Skill
from assess.model.result import Gap, RespondentResult, RoleFit
from assess.scoring.results import focus_role

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
YOU_COLOUR = "#0072B2"
REQUIRED_COLOUR = "#D55E00"
UNASSESSED_COLOUR = "#000000"
AREA_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#000000")
"""The areas' colours on the radar's rim: the Okabe-Ito colours the data lines do not use,
ordered so that every pair stays apart under simulated protanopia, deuteranopia and
tritanopia (``tests/report/test_radar.py`` measures it)."""
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# The personal radar, on the 0-4 scale. Skills go clockwise from the top, leaving a
# blank wedge at the top for the ring numbers, so no data line ever crosses them.
RADAR_GAP_SLOTS = 2
"""Blank skill slots at the top of the radar, where the ring numbers stand."""
RIM_BAND = (4.15, 4.5)
"""The coloured band on the rim that shows each skill's area."""
UNASSESSED_R = 4.78
"""Where the ✕ of a skill that was not assessed stands: on the rim, outside the band."""
RADAR_RANGE = 5.0


@dataclass(frozen=True)
class RadarSize:
    """One size of the personal radar: the page's script picks the first whose ``min_width``
    the chart's width reaches (``layout.meta.sizes``; see ``static/personal.js``)."""

    name: str
    min_width: int
    """Used from this chart width (px) up."""
    design_width: int
    """The width the labels are laid out for; a wider chart only spreads them further."""
    height: int
    margin: tuple[int, int, int, int]
    """left, right, top, bottom (px)."""
    named: bool
    """Skills named on the chart, or numbered (the tables give the numbers)."""
    font: int = 10
    """Label font size (px)."""

    @property
    def char_width(self) -> float:
        """Estimated width of a label character (px); generous, so estimates err wide."""
        return 0.62 * self.font

    @property
    def line_height(self) -> float:
        return 1.3 * self.font

    @property
    def radius(self) -> float:
        """The polar radius Plotly draws at ``design_width`` (the polar domain is the whole
        plot area)."""
        left, right, top, bottom = self.margin
        return min(self.design_width - left - right, self.height - top - bottom) / 2


RADAR_SIZES = (
    RadarSize("wide", 940, 940, 800, (160, 160, 100, 60), named=True),
    RadarSize("medium", 660, 660, 650, (110, 110, 86, 64), named=True, font=9),
    RadarSize("narrow", 0, 300, 340, (24, 24, 44, 16), named=False),
)
"""Desktop (the report's column is 952 px wide), a narrow window or a printed page (A4 and
Letter give about 700 px; the page's script draws it 680 px wide for print), and a phone,
where the skills are numbered."""


@dataclass(frozen=True)
class SkillRow:
    """One skill in a role's table: the person's level against the role's profile."""

    number: int
    """Position on the radar (1 = first clockwise from the top), also its label on phones."""
    skill: str
    name: str
    area: str
    current: float | None
    required: int | None
    """The level the role requires, or None when it does not require the skill."""
    profile: int
    """The role's level in its complete profile: the requirement, else the typical level."""
    status: str
    """gap, meets, above, not required, not assessed."""
    self_rated_only: bool


@dataclass(frozen=True)
class RoleView:
    """Everything the page shows that depends on the role it compares with."""

    fit: RoleFit
    rank: int | None
    """Place by match (1 = most like), None when there is too little evidence for a match."""
    default: bool
    """The role the page opens on."""
    reason: str
    """Why the page opens on this role (empty for the others)."""
    rows: list[SkillRow]
    measured_gaps: list[Gap]
    unassessed_gaps: list[Gap]

    @property
    def id(self) -> str:
        return self.fit.role

    @property
    def name(self) -> str:
        return self.fit.name

    @property
    def plotly_name(self) -> str:
        """The name as Plotly text (for the radar's title when the role is switched)."""
        return plotly_text(self.fit.name)


@dataclass(frozen=True)
class Completion:
    """How much of the survey the answers reach."""

    answered: int
    skipped: int
    unanswered: int
    finished: bool

    @property
    def total(self) -> int:
        return self.answered + self.skipped + self.unanswered

    @property
    def share(self) -> float:
        """Share of the questions answered (a skip is not an answer)."""
        return self.answered / self.total if self.total else 0.0


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
    roles: list[RoleView]
    """One view per role, best match first (the order of ``result.roles``)."""
    completion: Completion
    requirement_matrix: list[list[str]] = field(default_factory=list)
    role_headers: list[str] = field(default_factory=list)
    self_rated_only_names: list[str] = field(default_factory=list)
    not_assessed_names: list[str] = field(default_factory=list)
    """Skills with no answered question (✕ on the radar), the not-asked ones apart."""
    not_asked_names: list[str] = field(default_factory=list)
    """Skills this questionnaire has no question on."""
    area_key: list[tuple[str, str]] = field(default_factory=list)
    """(area name, colour) for the key below the radar."""

    @property
    def default_view(self) -> RoleView:
        return next(v for v in self.roles if v.default)

    @property
    def skill_rows(self) -> list[SkillRow]:
        """The rows of the role the page opens on."""
        return self.default_view.rows


def plotly_text(text: str) -> str:
    """Text for a Plotly label, shown as written: Plotly reads some HTML tags and entities
    in its text, so ``&``, ``<`` and ``>`` go in as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_name(name: str) -> str:
    """A skill's name without a trailing parenthesis ("NoSQL databases (wide-column, …)")."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name) or name


def radar_angles(count: int, gap: int = RADAR_GAP_SLOTS) -> list[float]:
    """Each skill's angle in degrees, clockwise from the top, leaving ``gap`` blank slots
    centred on the top."""
    step = 360 / (count + gap)
    return [round((gap / 2 + k + 0.5) * step, 6) for k in range(count)]


def _label_box(
    lines: list[str], angle: float, size: RadarSize, gap: float = 2.0
) -> tuple[float, float, float, float]:
    """Where Plotly puts an angular tick label (left, top, right, bottom; px from the
    centre, y down): at ``radius + gap`` on its spoke, starting there on the right half,
    ending there on the left half, centred at the very top and bottom; vertically it
    hangs down by (1 + cos angle) / 2 of its height (above the spoke at the top, below it at
    the bottom). Measured on Plotly's output in Chromium."""
    rad = math.radians(angle)
    x, y = (size.radius + gap) * math.sin(rad), -(size.radius + gap) * math.cos(rad)
    width = max(len(line) for line in lines) * size.char_width
    height = size.line_height * len(lines)
    if abs(math.sin(rad)) < 0.1:
        left = x - width / 2
    elif math.sin(rad) > 0:
        left = x
    else:
        left = x - width
    top = y - height * (1 + math.cos(rad)) / 2
    return left, top, left + width, top + height


def _overlap(a: tuple[float, ...], b: tuple[float, ...], pad: float = 1.5) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _wrap(name: str, width: int) -> list[str]:
    return textwrap.wrap(name, width, break_long_words=False, break_on_hyphens=False) or [name]


def radar_labels(names: list[str], angles: list[float], size: RadarSize) -> list[list[str]]:
    """Each skill's label as lines, wrapped so that no two labels overlap and each stays
    inside the figure at ``size``. Every label starts on as few lines as fit the figure;
    then, a few rounds until nothing changes, each takes the widest wrap that clears its
    neighbours' current boxes."""
    left, right, top, bottom = size.margin
    centre_x = left + (size.design_width - left - right) / 2
    centre_y = top + (size.height - top - bottom) / 2
    bounds = (-centre_x, -centre_y + 28, size.design_width - centre_x, size.height - centre_y)

    def inside(box: tuple[float, float, float, float]) -> bool:  # 28 px: the title's line
        return (
            box[0] >= bounds[0]
            and box[1] >= bounds[1]
            and box[2] <= bounds[2]
            and box[3] <= bounds[3]
        )

    widths = list(range(30, 7, -1))
    count = len(names)
    chosen: list[list[str]] = []
    for name, angle in zip(names, angles, strict=True):
        fits = (_wrap(name, w) for w in widths)
        chosen.append(
            next((ls for ls in fits if inside(_label_box(ls, angle, size))), _wrap(name, 8))
        )
    boxes = [_label_box(lines, a, size) for lines, a in zip(chosen, angles, strict=True)]
    for _ in range(8):
        changed = False
        for i in range(count):
            others = [boxes[(i + d) % count] for d in (-3, -2, -1, 1, 2, 3) if count > abs(d)]
            best = chosen[i]
            for width in widths:
                lines = _wrap(names[i], width)
                box = _label_box(lines, angles[i], size)
                if inside(box) and not any(_overlap(box, other) for other in others):
                    best = lines
                    break
            if best != chosen[i]:
                chosen[i], boxes[i] = best, _label_box(best, angles[i], size)
                changed = True
        if not changed:
            break
    return chosen


def label_boxes(
    labels: list[list[str]], angles: list[float], size: RadarSize
) -> list[tuple[float, ...]]:
    """The estimated boxes of laid-out labels (for tests)."""
    return [_label_box(lines, a, size) for lines, a in zip(labels, angles, strict=True)]


def ordered_skills(q: Questionnaire) -> list[Skill]:
    """Skills grouped by area, in area order: the radar's and the tables' order."""
    return [s for area in q.areas for s in q.skills if s.area == area.id]


TARGET_REASONS = {
    "asked": "chosen for this report",
    "target": "the role you are aiming for",
    "best_match": "the role your profile is most like",
    "highest_readiness": "the role you are most ready for (there is no best match)",
}


def choose_target(result: RespondentResult, role: str | None) -> tuple[RoleFit, str]:
    """The role the report opens on, and why (``scoring.results.focus_role``)."""
    target, basis = focus_role(result, role)
    return target, TARGET_REASONS[basis]


def radar_figure(q: Questionnaire, result: RespondentResult, target: RoleFit) -> dict[str, Any]:
    """Proficiency against each role's complete profile; the page's role switch shows one
    profile at a time (each profile trace carries its role id in ``meta``)."""
    skills = ordered_skills(q)
    theta = radar_angles(len(skills))
    names = [plotly_text(s.name) for s in skills]
    traces = radar_rim(q, skills, theta)
    you = [result.skills[s.id] for s in skills]
    drawn = [0.0 if v is None else v for v in you]
    traces.append(  # the area, closed through the centre so it never crosses the blank wedge
        {
            "type": "scatterpolar",
            "name": "You (area)",
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
    traces.append(
        {
            "type": "scatterpolar",
            "name": "You",
            "theta": theta,
            "r": drawn,
            "mode": "lines+markers",
            "line": {"color": YOU_COLOUR, "width": 2},
            "marker": {"color": YOU_COLOUR, "size": 5},
            "customdata": [
                [names[i], "not assessed (drawn at 0)" if v is None else f"{v:.1f}"]
                for i, v in enumerate(you)
            ],
            "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra>You</extra>",
        }
    )
    for role in q.roles:
        level = [role.profile_level(s.id) for s in skills]
        what = [
            [names[i], "requires" if s.id in role.requirements else "typical level"]
            for i, s in enumerate(skills)
        ]
        traces.append(
            {
                "type": "scatterpolar",
                "name": f"{plotly_text(role.name)} profile",
                "theta": theta,
                "r": level,
                "mode": "lines",
                "customdata": what,
                "meta": role.id,
                "visible": role.id == target.role,
                "line": {"color": REQUIRED_COLOUR, "width": 2, "dash": "dash"},
                "hovertemplate": "%{customdata[0]}: %{customdata[1]} %{r}<extra>"
                + plotly_text(role.name)
                + "</extra>",
            }
        )
    missing = [i for i, v in enumerate(you) if v is None]
    traces.append(
        {
            "type": "scatterpolar",
            "mode": "markers",
            "name": "Not assessed",
            "theta": [theta[i] for i in missing],
            "r": [UNASSESSED_R] * len(missing),
            "marker": {
                "symbol": "x-thin",
                "size": 9,
                "line": {"color": UNASSESSED_COLOUR, "width": 2},
            },
            "customdata": [names[i] for i in missing],
            "hovertemplate": "%{customdata}: not assessed<extra></extra>",
        }
    )
    title = f"Your skills vs. {plotly_text(target.name)}"
    layout = radar_frame_layout(title, skills, theta)
    return {"data": traces, "layout": layout}


def radar_rim(q: Questionnaire, skills: list[Skill], theta: list[float]) -> list[dict[str, Any]]:
    """The radar's rim band: a coloured bar per skill showing its area (one trace per
    area; the personal and the team radar share it)."""
    step = 360 / (len(skills) + RADAR_GAP_SLOTS)
    names = [plotly_text(s.name) for s in skills]
    traces: list[dict[str, Any]] = []
    for index, area in enumerate(q.areas):  # the rim band: which area each skill is in
        members = [i for i, s in enumerate(skills) if s.area == area.id]
        traces.append(
            {
                "type": "barpolar",
                "name": plotly_text(area.name),
                "legendgroup": "areas",
                "theta": [theta[i] for i in members],
                "r": [RIM_BAND[1] - RIM_BAND[0]] * len(members),
                "base": RIM_BAND[0],
                "width": [step] * len(members),
                "marker": {
                    "color": AREA_COLOURS[index % len(AREA_COLOURS)],
                    "line": {"color": "#ffffff", "width": 1},
                },
                "opacity": 0.9,
                "customdata": [names[i] for i in members],
                "hovertemplate": "%{customdata}<extra>" + plotly_text(area.name) + "</extra>",
            }
        )
    return traces


def radar_frame_layout(title: str, skills: list[Skill], theta: list[float]) -> dict[str, Any]:
    """The radar's layout (0-4 rings with their numbers in the blank wedge at the top, the
    skills' labels laid out for each of ``RADAR_SIZES`` in ``meta.sizes``); the personal
    and the team radar share it. ``title`` is Plotly text (escaped)."""
    sizes = [radar_size_layout(size, skills, theta) for size in RADAR_SIZES]
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0.02, "y": 0.99},
        "font": {"family": FONT, "size": 12, "color": "#222"},
        "paper_bgcolor": "#ffffff",
        "showlegend": False,  # the page draws the key below the chart
        "polar": {
            "bgcolor": "#ffffff",
            "domain": {"x": [0, 1], "y": [0, 1]},
            "radialaxis": {
                "range": [0, RADAR_RANGE],
                "tickvals": [1, 2, 3, 4],
                "ticktext": ["1", "2", "3", "4"],
                "angle": 90,  # in the blank wedge at the top
                "tickangle": 90,
                "showline": False,
                "gridcolor": "#bbbbbb",
                "tickfont": {"size": 10, "color": "#444"},
            },
            "angularaxis": {
                "type": "linear",
                "thetaunit": "degrees",
                "direction": "clockwise",
                "rotation": 90,
                "tickmode": "array",
                "tickvals": theta,
                "gridcolor": "#e4e4e4",
                "linecolor": "#bbbbbb",
                "tickfont": {"size": RADAR_SIZES[0].font},
                "ticks": "",
            },
            "barmode": "overlay",
        },
        # personal.js applies the first size the chart's width reaches (and the print one)
        "meta": {"sizes": sizes},
    }
    first = sizes[0]["relayout"]
    layout["polar"]["angularaxis"]["ticktext"] = first["polar.angularaxis.ticktext"]
    layout["height"] = first["height"]
    layout["margin"] = first["margin"]
    return layout


def radar_size_layout(size: RadarSize, skills: list[Skill], theta: list[float]) -> dict[str, Any]:
    """What changes between the radar's sizes, as a Plotly relayout."""
    if size.named:
        names = [short_name(s.name) for s in skills]
        labels = [
            "<br>".join(map(plotly_text, lines)) for lines in radar_labels(names, theta, size)
        ]
    else:
        labels = [str(i + 1) for i in range(len(skills))]
    left, right, top, bottom = size.margin
    return {
        "name": size.name,
        "min_width": size.min_width,
        "relayout": {
            "polar.angularaxis.ticktext": labels,
            "polar.angularaxis.tickfont.size": size.font,
            "height": size.height,
            "margin": {"l": left, "r": right, "t": top, "b": bottom},
        },
    }


def fit_label(fit: RoleFit) -> str:
    """A bar's label, every number named."""
    match = "match —" if fit.match is None else f"match {fit.match:+.0f}"
    text = f"{match} · readiness {fit.readiness:.0f} · coverage {fit.coverage:.0%}"
    return text + (" · weak evidence" if fit.weak_evidence else "")


def fit_colours(result: RespondentResult, shown: str) -> list[str]:
    """Bar colours, best match at the top: the role the page compares with stands out."""
    return [REQUIRED_COLOUR if r.role == shown else YOU_COLOUR for r in reversed(result.roles)]


def fit_figure(result: RespondentResult, shown: str | None = None) -> dict[str, Any]:
    """Match with each role (bars, -100..100), every number named in a label right of the
    bar (or of 0 for a negative match, so a label never runs into the role's name)."""
    roles = list(reversed(result.roles))  # best at the top of a horizontal bar chart
    shown = shown or result.target_role or ""
    names = [plotly_text(r.name) for r in roles]
    labels = [fit_label(r) for r in roles]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Match",
                "y": names,
                "x": [0 if r.match is None else r.match for r in roles],
                "meta": [r.role for r in roles],
                "marker": {"color": fit_colours(result, shown)},
                "customdata": labels,
                "hovertemplate": "%{y}: %{customdata}<extra></extra>",
            },
            {
                "type": "scatter",
                "mode": "text",
                "name": "Labels",
                "y": names,
                "x": [max(0.0, r.match or 0.0) for r in roles],
                "text": labels,
                "textposition": "middle right",
                "cliponaxis": False,
                "hoverinfo": "skip",
            },
        ],
        "layout": {
            "title": {
                "text": "Match with each role (-100..100)",
                "x": 0.02,
            },
            "font": {"family": FONT, "size": 12, "color": "#222"},
            "xaxis": {
                "range": [-100, 235],
                "tickvals": [-100, -50, 0, 50, 100],
                "gridcolor": "#dddddd",
                "zeroline": True,
                "zerolinecolor": "#888888",
                "title": {"text": "match"},
                "fixedrange": True,
            },
            "yaxis": {"automargin": True, "fixedrange": True},
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
            "margin": {"l": 10, "r": 20, "t": 50, "b": 40},
            "height": 420,
            "showlegend": False,
            # personal.js: on a narrow chart the labels go (the table has the numbers)
            "meta": {"labels_from": 760, "height": 420},
        },
    }


def status_of(current: float | None, required: int | None) -> str:
    if current is None:
        return "not assessed"
    if required is None:
        return "not required"
    if current >= required:
        return "meets" if current < required + 1 else "above"
    return "gap"


def role_view(
    q: Questionnaire,
    result: RespondentResult,
    fit: RoleFit,
    rank: int | None,
    target: RoleFit,
    reason: str,
) -> RoleView:
    role = q.role(fit.role)
    rows = []
    for number, skill in enumerate(ordered_skills(q), start=1):
        current = result.skills[skill.id]
        need = role.requirements.get(skill.id)
        required = need.level if need else None
        rows.append(
            SkillRow(
                number=number,
                skill=skill.id,
                name=skill.name,
                area=q.area(skill.area).name,
                current=current,
                required=required,
                profile=role.profile_level(skill.id),
                status=status_of(current, required),
                self_rated_only=skill.id in result.self_rated_only,
            )
        )
    return RoleView(
        fit=fit,
        rank=rank,
        default=fit.role == target.role,
        reason=reason if fit.role == target.role else "",
        rows=rows,
        measured_gaps=[g for g in fit.gaps if g.current is not None],
        unassessed_gaps=[g for g in fit.gaps if g.current is None],
    )


def build_personal_report(
    q: Questionnaire, result: RespondentResult, role: str | None = None
) -> PersonalReport:
    target, reason = choose_target(result, role)
    views = [
        role_view(q, result, fit, rank if fit.match is not None else None, target, reason)
        for rank, fit in enumerate(result.roles, start=1)
    ]
    matrix = [
        [s.name]
        + [
            str(r.requirements[s.id].level)
            if s.id in r.requirements
            else f"({r.profile_level(s.id)})"
            for r in q.roles
        ]
        for s in ordered_skills(q)
    ]
    not_asked = set(q.not_asked)
    missing = [s for s in ordered_skills(q) if result.skills[s.id] is None]
    return PersonalReport(
        title=f"Skills report: {result.respondent.name}",
        result=result,
        questionnaire_title=q.title,
        target=target,
        target_reason=reason,
        radar=radar_figure(q, result, target),
        fit_chart=fit_figure(result, target.role),
        roles=views,
        completion=Completion(
            answered=result.answered,
            skipped=result.skipped,
            unanswered=result.unanswered,
            finished=result.status == "complete" and result.unanswered == 0,
        ),
        requirement_matrix=matrix,
        role_headers=[r.name for r in q.roles],
        self_rated_only_names=[q.skill(s).name for s in result.self_rated_only],
        not_assessed_names=[s.name for s in missing if s.id not in not_asked],
        not_asked_names=[s.name for s in missing if s.id in not_asked],
        area_key=[
            (area.name, AREA_COLOURS[i % len(AREA_COLOURS)]) for i, area in enumerate(q.areas)
        ],
    )
