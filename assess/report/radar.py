"""The personal report's radar: skills clockwise from the top, grouped by area (a band on
the rim), the person's proficiency, a role's complete profile and, when others rated the
person, their view; labels laid out in Python for each of three sizes so none overlaps."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Any

from assess.model.questionnaire import Questionnaire, Skill
from assess.model.result import RespondentResult, RoleFit
from assess.report.charts import (
    AREA_COLOURS,
    FONT,
    OTHERS_COLOUR,
    REQUIRED_COLOUR,
    UNASSESSED_COLOUR,
    YOU_COLOUR,
    plotly_text,
    short_name,
)

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


def radar_figure(
    q: Questionnaire,
    result: RespondentResult,
    target: RoleFit,
    others: dict[str, float | None] | None = None,
) -> dict[str, Any]:
    """Proficiency against each role's complete profile; the page's role switch shows one
    profile at a time (each profile trace carries its role id in ``meta``). ``others``:
    other raters' level per skill (None where none may be shown), drawn dotted."""
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
    if others is not None:
        theirs = [others.get(s.id) for s in skills]
        traces.append(
            {
                "type": "scatterpolar",
                "name": "Others",
                "theta": theta,
                "r": theirs,
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {"color": OTHERS_COLOUR, "width": 2.5, "dash": "dot"},
                "marker": {"color": OTHERS_COLOUR, "size": 7, "symbol": "diamond"},
                "customdata": [
                    [names[i], "not rated (or too few peers)" if v is None else f"{v:.1f}"]
                    for i, v in enumerate(theirs)
                ],
                "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra>Others</extra>",
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
    traces.append(unassessed_trace(you, theta, names, "not assessed"))
    title = f"Your skills vs. {plotly_text(target.name)}"
    layout = radar_frame_layout(title, skills, theta)
    return {"data": traces, "layout": layout}


def unassessed_trace(
    levels: list[float | None], theta: list[float], names: list[str], hover: str
) -> dict[str, Any]:
    """✕ on the rim for each skill without a level (the personal and the team radar)."""
    missing = [i for i, v in enumerate(levels) if v is None]
    return {
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
        "hovertemplate": "%{customdata}: " + hover + "<extra></extra>",
    }


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
