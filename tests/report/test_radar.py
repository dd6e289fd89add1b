"""A radar that stays readable at 29 skills (issue 12, item 2).

The level numbers stand in a blank wedge no data line crosses, unassessed skills are
marked on the rim, the areas' colours stay apart under simulated colour-vision
deficiencies, and the labels are laid out so that they do not overlap (checked here on
the layout model, and in Chromium by tests/e2e/test_browser_report.py).
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import plotly.graph_objects as go
import pytest

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import Questionnaire
from assess.report.charts import AREA_COLOURS, plotly_text, short_name
from assess.report.radar import (
    RADAR_GAP_SLOTS,
    RADAR_SIZES,
    _overlap,
    label_boxes,
    ordered_skills,
    radar_angles,
    radar_figure,
    radar_labels,
)
from assess.scoring import score_responses
from tests.conftest import make_response

BUILTIN = ["ml-team", "quick"]


def test_level_numbers_stand_in_a_wedge_no_line_crosses(ml_team: Questionnaire) -> None:
    result = score_responses(ml_team, [make_response(ml_team, {"sql-rating": 4})])[0]
    figure = go.Figure(radar_figure(ml_team, result, result.roles[0]))
    polar = figure.layout.polar
    assert polar.radialaxis.angle == 90 and polar.angularaxis.rotation == 90
    assert polar.angularaxis.direction == "clockwise"  # theta 0 is the top: the wedge
    step = 360 / (len(ml_team.skills) + RADAR_GAP_SLOTS)
    for trace in figure.data:
        if trace.type != "scatterpolar" or trace.name == "Not assessed":
            continue
        # a line may reach the top only at the centre (the filled area closes there)
        for theta, r in zip(trace.theta, trace.r, strict=True):
            assert r == 0 or step * RADAR_GAP_SLOTS / 2 < theta < 360 - step
        assert trace.fill != "toself" or (trace.r[0] == 0 and trace.r[-1] == 0)
    assert list(polar.radialaxis.ticktext) == ["1", "2", "3", "4"]  # the names are in the key


def test_angles_leave_the_top_blank() -> None:
    angles = radar_angles(29)
    step = 360 / 31
    assert angles[0] == pytest.approx(1.5 * step) and angles[-1] == pytest.approx(360 - 1.5 * step)
    assert all(b - a == pytest.approx(step) for a, b in itertools.pairwise(angles))


# Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
CVD = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}


def lab(hex_colour: str, matrix: np.ndarray, opacity: float = 0.9) -> np.ndarray:
    """CIELAB of a colour drawn at ``opacity`` on white, as seen with ``matrix``."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    rgb = (rgb * opacity + 255 * (1 - opacity)) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(matrix @ linear, 0, 1)
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ linear
        / np.array([0.95047, 1.0, 1.08883])
    )
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_area_colours_stay_apart_with_colour_vision_deficiencies() -> None:
    """Every pair of area colours (the key maps colour to area, so every pair counts) is
    at least 12 CIELAB units apart as seen with each simulated deficiency. The old
    palette's pale sectors had data engineering (orange) and business (yellow) 3.6 apart
    with deuteranopia, and business and research 1.7."""
    worst = min(
        float(np.linalg.norm(lab(a, m) - lab(b, m)))
        for a, b in itertools.combinations(AREA_COLOURS, 2)
        for m in CVD.values()
    )
    assert worst >= 12
    old = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#999999")
    old_worst = min(
        float(np.linalg.norm(lab(a, m, 0.18) - lab(b, m, 0.18)))
        for a, b in itertools.combinations(old, 2)
        for m in CVD.values()
    )
    assert old_worst < 4  # the measure tells the old palette apart


def test_band_colours_follow_the_areas(ml_team: Questionnaire) -> None:
    result = score_responses(ml_team, [make_response(ml_team, {"sql-rating": 2})])[0]
    bands = [
        t for t in radar_figure(ml_team, result, result.roles[0])["data"] if t["type"] == "barpolar"
    ]
    assert [b["name"] for b in bands] == [a.name for a in ml_team.areas]
    assert len({b["marker"]["color"] for b in bands}) == len(ml_team.areas)
    assert all(b["base"] > 4 for b in bands)  # on the rim, clear of the data


@pytest.mark.parametrize("name", BUILTIN)
@pytest.mark.parametrize("size", [s for s in RADAR_SIZES if s.named], ids=lambda s: s.name)
def test_laid_out_labels_do_not_overlap(name: str, size: object) -> None:
    q = load_questionnaire(builtin_dir() / f"{name}.yaml")
    skills = ordered_skills(q)
    angles = radar_angles(len(skills))
    labels = radar_labels([short_name(s.name) for s in skills], angles, size)  # type: ignore[arg-type]
    boxes = label_boxes(labels, angles, size)  # type: ignore[arg-type]
    clashes = [
        (skills[i].name, skills[j].name)
        for i, j in itertools.combinations(range(len(boxes)), 2)
        if _overlap(boxes[i], boxes[j], pad=0)
    ]
    assert clashes == []
    assert max(len(lines) for lines in labels) <= 3


def test_labels_are_plain_text(tiny: Questionnaire) -> None:
    """Plotly reads HTML in its text: names go in with < > & as entities."""
    assert plotly_text('<a href="x">R&D</a>') == '&lt;a href="x"&gt;R&amp;D&lt;/a&gt;'
    hostile = '<a href="https://example.org">R&D</a>'
    skills = [s.model_copy(update={"name": hostile}) if s.id == "a" else s for s in tiny.skills]
    areas = [a.model_copy(update={"name": hostile}) for a in tiny.areas]
    roles = [r.model_copy(update={"name": hostile}) for r in tiny.roles]
    q = tiny.model_copy(update={"skills": skills, "areas": areas, "roles": roles})
    result = score_responses(q, [make_response(q, {"a-rate": 2})])[0]
    figure = radar_figure(q, result, result.roles[0])
    text = json.dumps(figure)
    assert "<a " not in text and "</a>" not in text
    assert "&lt;a href" in text
    for size in figure["layout"]["meta"]["sizes"]:
        for label in size["relayout"]["polar.angularaxis.ticktext"]:
            assert "<" not in label.replace("<br>", "")


def test_phones_get_numbers(ml_team: Questionnaire) -> None:
    result = score_responses(ml_team, [make_response(ml_team, {"sql-rating": 2})])[0]
    sizes = radar_figure(ml_team, result, result.roles[0])["layout"]["meta"]["sizes"]
    assert [s["name"] for s in sizes] == ["wide", "medium", "narrow"]
    assert [s["min_width"] for s in sizes] == sorted((s["min_width"] for s in sizes), reverse=True)
    narrow = sizes[-1]["relayout"]["polar.angularaxis.ticktext"]
    assert narrow == [str(i) for i in range(1, len(ml_team.skills) + 1)]
