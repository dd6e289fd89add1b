"""The item-quality page (self-contained HTML, like the reports) and the CSV files."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from assess.model.questionnaire import Questionnaire
from assess.outfile import write_atomic
from assess.quality import analysis as rules
from assess.quality import careless as careless_rules
from assess.quality.analysis import ItemAnalysis, verdict_counts
from assess.report.build import FONT
from assess.report.render import environment, figure_html, plotly_js
from assess.team.batch import Batch

SHOWN = 2000
"""Flagged respondents and skipped inputs listed on the page, each (the CSV has them all)."""

# Okabe-Ito, with a marker shape each so the verdict does not rest on colour alone
VERDICT_STYLE = {
    "keep": ("#009E73", "circle"),
    "review": ("#E69F00", "diamond"),
    "rewrite": ("#D55E00", "x"),
}


def scatter(items: pd.DataFrame) -> dict[str, Any]:
    """Difficulty against discrimination, one point per check with both numbers, coloured
    and shaped by verdict; the band a check is kept in is shaded."""
    traces = []
    shown = items.dropna(subset=["p", "discrimination"])
    for verdict, (colour, symbol) in VERDICT_STYLE.items():
        part = shown[shown["verdict"] == verdict]
        if part.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                # ids beside the checks to look at; the many kept ones would only overlap
                "mode": "markers" if verdict == "keep" else "markers+text",
                "name": f"{verdict} ({len(part)})",
                "x": [round(float(v), 4) for v in part["p"]],
                "y": [round(float(v), 4) for v in part["discrimination"]],
                "text": part["question"].tolist(),  # identifiers: [a-z0-9_-] only
                "textposition": "top center",
                "textfont": {"size": 10, "color": "#444"},
                "marker": {"color": colour, "symbol": symbol, "size": 10},
                "hovertemplate": "%{text}<br>p = %{x:.2f}<br>r = %{y:.2f}<extra></extra>",
            }
        )
    low = min([-0.2, *(shown["discrimination"] - 0.05)])
    high = max([0.8, *(shown["discrimination"] + 0.08)])
    band = {"type": "rect", "xref": "x", "yref": "y", "layer": "below", "line": {"width": 0}}
    return {
        "data": traces,
        "layout": {
            "font": {"family": FONT, "size": 12, "color": "#222"},
            "height": 460,
            "margin": {"l": 60, "r": 20, "t": 20, "b": 50},
            "xaxis": {"title": {"text": "difficulty p (share correct)"}, "range": [-0.02, 1.02]},
            "yaxis": {
                "title": {"text": "discrimination r (corrected item-total)"},
                "range": [max(low, -1.05), min(high, 1.05)],
                "zeroline": True,
                "zerolinecolor": "#888",
            },
            "shapes": [
                band
                | {"x0": rules.P_LOW, "x1": rules.P_HIGH, "y0": rules.R_REVIEW, "y1": 1.05}
                | {"fillcolor": "rgba(0,158,115,0.10)"},
            ],
            "legend": {"orientation": "h", "y": -0.18},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#fafafa",
        },
    }


def _fmt(value: Any, spec: str = ".2f") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "—"
    if spec.endswith("%"):
        return format(value, ".0%")
    return rules.signed(value) if spec == ".2f" else format(value, spec)


def render_items_page(q: Questionnaire, result: ItemAnalysis, batch: Batch) -> str:
    order = result.items["verdict"].map(rules.VERDICT_ORDER)
    items = result.items.assign(_order=order).sort_values("_order", kind="stable")
    template = environment().get_template("items.html.j2")
    return template.render(
        q=q,
        r=result,
        batch=batch,
        items=items,
        counts=verdict_counts(result.items),
        options=result.options.assign(
            first=result.options["question"] != result.options["question"].shift()
        ),
        careless=result.careless,
        careless_rows=list(result.careless.flags.iloc[:SHOWN].itertuples()),
        skipped_shown=batch.skipped[:SHOWN],
        plotly_js=Markup(plotly_js()),
        scatter_html=figure_html(scatter(result.items), "items-scatter"),
        rules=rules,
        careless_rules=careless_rules,
        fmt=_fmt,
    )


def write_items_page(q: Questionnaire, result: ItemAnalysis, batch: Batch, out: Path) -> Path:
    write_atomic(out, render_items_page(q, result, batch))
    return out


CSV_DIGITS = 4


def csv_tables(result: ItemAnalysis) -> dict[str, pd.DataFrame]:
    """The tidy tables behind the page: one row per check, per check x option, per area and
    per flagged respondent."""
    flags = result.careless.flags.assign(minutes=result.careless.flags["minutes"].round(2))
    return {
        "items": result.items.round(CSV_DIGITS),
        "options": result.options.round(CSV_DIGITS),
        "areas": result.areas.round(CSV_DIGITS),
        "flags": flags.round({"modal_share": CSV_DIGITS}),
    }


def write_csv(result: ItemAnalysis, folder: Path) -> list[Path]:
    """The tables as CSV, moved into ``folder`` together once all are written; text
    cells (names, teams) as ``safetext.for_spreadsheet`` makes them: never formulas."""
    from assess.outfile import file_set
    from assess.team.export import spreadsheet_safe

    with file_set(folder) as files:
        for name, frame in csv_tables(result).items():
            text = spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n")
            files.path(f"{name}.csv").write_text(text, encoding="utf-8")
    return files.written
