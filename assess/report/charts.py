"""What the reports' charts share: colours, the font, Plotly text and the match chart.
Plain data (Plotly figure dicts), no rendering."""

from __future__ import annotations

import re
from typing import Any

from assess.model.result import RespondentResult, RoleFit
from assess.numbers import shown

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
OTHERS_COLOUR = "#009E73"
"""Other raters' view on the personal radar (dotted, diamond markers: apart from the blue
area and the dashed role profile by its style as well as its colour)."""


def plotly_text(text: str) -> str:
    """Text for a Plotly label, shown as written: Plotly reads some HTML tags and entities
    in its text, so ``&``, ``<`` and ``>`` go in as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_name(name: str) -> str:
    """A skill's name without a trailing parenthesis ("NoSQL databases (wide-column, …)")."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name) or name


def fit_label(fit: RoleFit) -> str:
    """A bar's label, every number named."""
    match = f"match {shown(fit.match, '+.0f')}"
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
