"""``assess progress`` as text and JSON. Names and file names are printed as data."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from assess.person.progress import Progress, RoleChange, Timeline
from assess.person.record import LeftOut
from assess.safetext import for_terminal, json_for_terminal


def signed(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if round(value, digits) == 0:
        return "±0" if digits == 0 else f"±{0:.{digits}f}"
    return f"{value:+.{digits}f}"


def arrow(value: float | None) -> str:
    """▲ up, ▼ down, = the same: readable without colour."""
    if value is None:
        return ""
    return "▲" if value > 1e-9 else "▼" if value < -1e-9 else "="


def level(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _t(text: str, style: str = "") -> Text:
    return Text(for_terminal(text), style=style)


def _indented(text: str, style: str = "") -> Padding:
    """A line indented by two, wrapped lines too (a list of names stays in its block)."""
    return Padding(_t(text, style), (0, 0, 0, 2), expand=False)


def render_progress(
    progress: Progress,
    console: Console,
    *,
    timeline: Timeline | None = None,
    left_out: Sequence[LeftOut] = (),
    notes: Sequence[str] = (),
) -> None:
    p = progress
    who = p.after.response.respondent.name
    console.print(
        _t(f"Progress of {who}: {p.before_label} → {p.after_label} ({p.days} days)", "bold")
    )
    same = p.before.version == p.after.version
    console.print(
        _t(f"{p.after.version}" if same else f"{p.before.version} → {p.after.version}"),
        style="dim",
    )
    for note in [*p.notes, *notes]:
        console.print(_t(note, "yellow"))

    table = Table(title="Skills (proficiency 0-4)", title_justify="left", box=None, pad_edge=False)
    for header, side in (
        ("skill", "left"),
        ("then", "right"),
        ("now", "right"),
        ("change", "right"),
    ):
        table.add_column(header, justify=side)  # type: ignore[arg-type]
    unchanged = []
    for s in p.skills:
        if not s.change:
            unchanged.append(s.name)
            continue
        table.add_row(
            _t(s.name), level(s.before), level(s.after), f"{signed(s.change)} {arrow(s.change)}"
        )
    if table.row_count:
        console.print(table)
    else:
        console.print(_t("Skills: no proficiency changed.", "bold"))
    if unchanged:
        console.print(_t(f"{len(unchanged)} other skill(s) unchanged.", "dim"))
    if p.not_compared:
        console.print(_t("Not compared:", "bold"))
        by_reason: dict[str, list[str]] = {}
        for s in p.not_compared:
            by_reason.setdefault(s.note, []).append(s.name)
        for reason, names in by_reason.items():
            console.print(_indented(f"{reason}: {', '.join(names)}"))

    console.print()
    roles = Table(title="Roles", title_justify="left", box=None, pad_edge=False)
    for header, side in (
        ("role", "left"),
        ("readiness then → now", "right"),
        ("change", "right"),
        ("match then → now", "right"),
        ("change", "right"),
    ):
        roles.add_column(header, justify=side)  # type: ignore[arg-type]
    for r in p.roles:
        mark = " ◀" if r.role == p.focus else ""
        roles.add_row(
            _t(r.name + mark),
            f"{r.readiness[0]:.0f} → {r.readiness[1]:.0f}",
            f"{signed(r.readiness_change, 0)} {arrow(r.readiness_change)}",
            f"{signed(r.match[0], 0)} → {signed(r.match[1], 0)}",
            f"{signed(r.match_change, 0)} {arrow(r.match_change)}",
        )
    console.print(roles)
    focus = p.role(p.focus)
    console.print()
    console.print(_t(f"Gaps for {focus.name} (◀)", "bold"))
    _gap_lines(focus, console)
    others = [r for r in p.roles if r.role != p.focus and (r.closed or r.opened)]
    if others:
        console.print(_t("Other roles:", "bold"))
        for r in others:
            parts = []
            if r.closed:
                parts.append("closed " + ", ".join(r.closed))
            if r.opened:
                parts.append("opened " + ", ".join(r.opened))
            console.print(_indented(f"{r.name}: {'; '.join(parts)}"))
    notes_on_roles = [r for r in p.roles if r.note and r.role == p.focus]
    for r in notes_on_roles:
        console.print(_t(f"{r.name}: {r.note}", "yellow"))
    if timeline is not None and len(timeline.labels) > 2:
        console.print()
        console.print(_t(f"Readiness for {focus.name} over time", "bold"))
        for label, value in zip(timeline.labels, timeline.readiness.get(p.focus, []), strict=False):
            shown = "—" if value is None else f"{value:5.1f} " + "█" * round(value / 5)
            console.print(_t(f"  {label:<13} {shown}"))
    for item in left_out:
        console.print(_t(f"left out {item.path}: {item.reason}", "yellow"))


def _gap_lines(r: RoleChange, console: Console) -> None:
    console.print(_indented(f"closed: {', '.join(r.closed) if r.closed else 'none'}"))
    console.print(_indented(f"opened: {', '.join(r.opened) if r.opened else 'none'}"))
    console.print(_indented(f"still open: {', '.join(r.still_open) if r.still_open else 'none'}"))


def progress_json(
    progress: Progress,
    *,
    timeline: Timeline | None = None,
    left_out: Sequence[LeftOut] = (),
    notes: Sequence[str] = (),
) -> str:
    p = progress

    def side(a: Any, label: str) -> dict[str, Any]:
        return {
            "label": label,
            "file": str(a.path),
            "questionnaire_id": a.response.questionnaire_id,
            "questionnaire_version": a.response.questionnaire_version,
            "status": a.response.status.value,
            "completed_at": None
            if a.response.completed_at is None
            else a.response.completed_at.isoformat(),
            "updated_at": a.response.updated_at.isoformat(),
        }

    data: dict[str, Any] = {
        "respondent": p.after.response.respondent.model_dump(mode="json"),
        "before": side(p.before, p.before_label),
        "after": side(p.after, p.after_label),
        "days": p.days,
        "focus_role": p.focus,
        "skills": [
            {
                "skill": s.skill,
                "skill_name": s.name,
                "before": s.before,
                "after": s.after,
                "change": s.change,
            }
            for s in p.skills
        ],
        "not_compared": [
            {"skill": s.skill, "skill_name": s.name, "reason": s.note} for s in p.not_compared
        ],
        "roles": [
            {
                "role": r.role,
                "name": r.name,
                "readiness_before": r.readiness[0],
                "readiness_after": r.readiness[1],
                "readiness_change": r.readiness_change,
                "match_before": r.match[0],
                "match_after": r.match[1],
                "match_change": r.match_change,
                "coverage_before": r.coverage[0],
                "coverage_after": r.coverage[1],
                "gaps_closed": r.closed,
                "gaps_opened": r.opened,
                "gaps_still_open": r.still_open,
                "note": r.note or None,
            }
            for r in p.roles
        ],
        "notes": [*p.notes, *notes],
        "left_out": [{"file": str(x.path), "reason": x.reason} for x in left_out],
    }
    if timeline is not None:
        data["timeline"] = {
            "labels": timeline.labels,
            "questionnaires": timeline.versions,
            "readiness": timeline.readiness,
            "match": timeline.match,
            "skills": timeline.skills,
        }
    return json_for_terminal(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
