"""A respondent's result as text: the role table and gap lines the terminal and the survey
show, and the JSON and CSV of `assess score` (no scoring here)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assess.answers import counts_line
from assess.model.questionnaire import LEVEL_NAMES
from assess.model.result import RespondentResult, RoleFit
from assess.numbers import shown
from assess.safetext import for_spreadsheet, for_terminal, json_for_terminal


def bar(fraction: float, width: int = 20) -> str:
    """A text bar, readable without colour: ``████████░░░░``."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def level_label(value: float | None) -> str:
    if value is None:
        return "not assessed"
    return f"{value:.1f} ({LEVEL_NAMES[min(4, int(value))]})"


ROLE_TABLE_HEADERS = ("#", "role", "match", "", "readiness", "coverage")
WEAK_MARK = " (weak evidence)"
"""Shown after a role whose coverage is below 50%."""


def match_text(match: float | None) -> str:
    """A match for display: signed, or a dash when there is too little evidence."""
    return shown(match, "+.0f")


def role_fit_table(
    result: RespondentResult,
    *,
    target_label: str,
    bar_width: int,
    match_bars: bool = True,
    weak_mark: str = WEAK_MARK,
) -> Table:
    """Roles ranked by match, with readiness and coverage (terminal and results screen)."""
    table = Table(show_edge=False, pad_edge=False, box=None, expand=False)
    justify = ("right", "left", "right", "left", "right", "right")
    for header, side in zip(ROLE_TABLE_HEADERS, justify, strict=True):
        table.add_column(header, justify=side, no_wrap=header == "")  # type: ignore[arg-type]
    for rank, fit in enumerate(result.roles, start=1):
        name = fit.name + (target_label if fit.role == result.target_role else "")
        name += weak_mark if fit.weak_evidence else ""
        shown = fit.match is not None and match_bars
        table.add_row(
            str(rank) if fit.match is not None else "",
            Text(for_terminal(name)),  # data: not markup, no escape sequences
            match_text(fit.match),
            bar(max(0.0, fit.match or 0.0) / 100, bar_width) if shown else "",
            f"{fit.readiness:.0f}",
            f"{fit.coverage:.0%}",
        )
    return table


def no_best_role_line(result: RespondentResult) -> str | None:
    """The plain sentence every view shows when a response gets no best role."""
    if result.no_match_reason is None:
        return None
    return f"No best role: {result.no_match_reason}."


def focus_role(result: RespondentResult, role: str | None) -> RoleFit:
    """The role whose readiness and gaps to show (``assess.scoring.results.focus_role``)."""
    from assess.scoring.results import focus_role as focus

    return focus(result, role)[0]


def render_table(
    results: Sequence[RespondentResult],
    console: Console,
    role: str | None = None,
    top_gaps: int = 5,
) -> None:
    for result in results:
        who = result.respondent
        title = who.name + (f" · {who.team}" if who.team else "")
        console.print(Text(for_terminal(title), style="bold"))
        status = "complete" if result.status == "complete" else "in progress"
        console.print(
            for_terminal(
                f"{result.questionnaire_id} v{result.questionnaire_version} · {status} · "
                + counts_line(result.answered, result.skipped, result.unanswered)
            ),
            markup=False,
        )
        console.print(role_fit_table(result, target_label=" ◀ target", bar_width=20))
        reason = no_best_role_line(result)
        if reason:
            console.print(Text(for_terminal(reason), style="yellow"))
        if result.self_rated_only:
            console.print(
                f"Self-rating only (no knowledge check): {len(result.self_rated_only)} skill(s)",
                style="dim",
                markup=False,
            )
        chosen = focus_role(result, role)
        console.print(
            Text(
                for_terminal(f"Top gaps for {chosen.name} (readiness {chosen.readiness:.0f})"),
                style="bold",
            )
        )
        if not chosen.gaps:
            console.print("  none: every required skill is at or above its level")
        for gap in chosen.gaps[:top_gaps]:
            console.print(
                for_terminal(
                    f"  - {gap.skill_name}: {level_label(gap.current)} → needs "
                    f"{gap.required} ({LEVEL_NAMES[gap.required]}), importance "
                    f"{gap.importance}"
                ),
                markup=False,
            )
            console.print(
                for_terminal(f"    next ({gap.next_level_name}): {gap.next_descriptor}"),
                style="dim",
                highlight=False,
                markup=False,
            )
        flags = [c for c in result.calibration if c.flag]
        if flags:
            console.print(Text("Calibration (self-rating vs knowledge checks)", style="bold"))
            for c in flags:
                word = "over-confident" if c.flag == "over" else "under-confident"
                console.print(
                    for_terminal(
                        f"  - {c.skill_name}: self {c.self_rating:.1f} vs checks "
                        f"{c.checks:.1f} ({c.delta:+.1f}): possibly {word}"
                    ),
                    markup=False,
                )
        console.print()


def render_json(results: Sequence[RespondentResult], role: str | None = None) -> str:
    payload = []
    for result in results:
        data = result.model_dump(mode="json")
        if role:
            data["roles"] = [r for r in data["roles"] if r["role"] == role]
        payload.append(data)
    return json_for_terminal(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


CSV_COLUMNS = (
    "person",
    "team",
    "record",
    "id",
    "name",
    "proficiency",
    "match",
    "readiness",
    "coverage",
    "rank",
)


class _SafeWriter:
    """A CSV writer whose text cells cannot run as formulas (``for_spreadsheet``)."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Sequence[object]) -> None:
        self._writer.writerow([for_spreadsheet(cell) for cell in row])


def render_csv(results: Sequence[RespondentResult], role: str | None = None) -> str:
    """Tidy CSV: one row per respondent x skill, then per respondent x role."""
    buffer = io.StringIO()
    writer = _SafeWriter(csv.writer(buffer, lineterminator="\n"))
    writer.writerow(CSV_COLUMNS)
    for result in results:
        who, team = result.respondent.name, result.respondent.team or ""
        for skill_id, value in result.skills.items():
            writer.writerow(
                [who, team, "skill", skill_id, "", "" if value is None else value, "", "", "", ""]
            )
        for rank, fit in enumerate(result.roles, start=1):
            if role and fit.role != role:
                continue
            match = "" if fit.match is None else fit.match
            writer.writerow(
                [
                    who,
                    team,
                    "role",
                    fit.role,
                    fit.name,
                    "",
                    match,
                    fit.readiness,
                    fit.coverage,
                    rank if fit.match is not None else "",
                ]
            )
    return buffer.getvalue()
