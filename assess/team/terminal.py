"""The team summary printed on the terminal."""

from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from assess.model.questionnaire import Questionnaire
from assess.safetext import for_terminal as safe
from assess.team import Team
from assess.team.summary import INPUTS_SHOWN

MAX_PEOPLE_SHOWN = 25
MAX_RISKS_SHOWN = 12
MAX_INPUTS_SHOWN = 30
"""Skipped inputs and duplicates listed here, each; the report and the exports hold more."""


def _table(*columns: str) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def _more(console: Console, listed: int, what: str) -> None:
    if listed > MAX_INPUTS_SHOWN:
        console.print(
            f"  … and {listed - MAX_INPUTS_SHOWN:,} more {what}: the report lists up to "
            f"{INPUTS_SHOWN:,}, --csv/--xlsx export them all",
            highlight=False,
        )


def print_team(q: Questionnaire, team: Team, console: Console) -> None:
    batch, analysis = team.batch, team.analysis
    # Names, titles and file names are data, never markup: "Ada [/] Lovelace" once
    # crashed this with a MarkupError. Data goes in Text objects or markup=False prints,
    # and through ``safe`` (safetext.for_terminal): an escape sequence in a name must
    # not set the clipboard, the window title or clear the screen.
    header = Text(safe(q.title), style="bold")
    header.append(
        safe(
            f" v{q.version}: {len(batch):,} {'person' if len(batch) == 1 else 'people'} "
            f"scored, {len(batch.skipped):,} input(s) skipped, "
            f"{len(batch.duplicates):,} duplicate(s)"
        )
    )
    console.print(header)
    for skipped in batch.skipped[:MAX_INPUTS_SHOWN]:
        console.print(
            safe(f"  skipped {skipped.source}: {skipped.reason}"), highlight=False, markup=False
        )
    _more(console, len(batch.skipped), "skipped input(s)")
    for dup in batch.duplicates[:MAX_INPUTS_SHOWN]:
        console.print(
            safe(f"  duplicate: {dup.person} — kept {dup.kept} (newest), ignored {dup.dropped}"),
            highlight=False,
            markup=False,
        )
    _more(console, len(batch.duplicates), "duplicate(s)")

    people = _table("person", "team", "best role", "match", "readiness", "coverage")
    ranked = analysis.people.sort_values("match", ascending=False, kind="stable")
    shown = ranked.head(MAX_PEOPLE_SHOWN)
    for row, coverage in zip(shown.itertuples(), shown["coverage"].tolist(), strict=True):
        if row.best_role is None:
            people.add_row(
                Text(safe(str(row.person))), Text(safe(str(row.team or ""))), "—", "", "", ""
            )
            continue
        people.add_row(
            Text(safe(str(row.person))),
            Text(safe(str(row.team or ""))),
            Text(safe(str(row.best_role_name))),
            f"{row.match:+.0f}",
            f"{row.readiness:.0f}",
            f"{coverage:.0%}" + (" (weak evidence)" if coverage < 0.5 else ""),
        )
    console.print("\n[bold]Best role per person[/] (by match; readiness beside it)")
    console.print(people)
    if len(ranked) > MAX_PEOPLE_SHOWN:
        console.print(f"  … and {len(ranked) - MAX_PEOPLE_SHOWN:,} more (see the report)")

    candidates = _table("role", "best candidate", "match", "readiness", "coverage")
    for row in analysis.candidates.itertuples():
        if row.candidate is None:
            candidates.add_row(
                Text(safe(str(row.role_name))), "nobody (too little evidence)", "", "", ""
            )
            continue
        candidates.add_row(
            Text(safe(str(row.role_name))),
            Text(safe(str(row.candidate))),
            f"{row.match:+.0f}",
            f"{row.readiness:.0f}",
            f"{row.coverage:.0%}",
        )
    console.print("\n[bold]Best candidate per role[/]")
    console.print(candidates)

    console.print("\n[bold]Risks[/] (a needed skill held by one person, or by nobody)")
    if analysis.risks.empty:
        console.print("  none: every needed skill is held by at least two people")
    for row in analysis.risks.head(MAX_RISKS_SHOWN).itertuples():
        holder = f" — only {row.holder}" if isinstance(row.holder, str) else ""
        console.print(
            safe(
                f"  {row.kind}: {row.skill_name} at level {row.level} for {row.role_name}{holder}"
            ),
            highlight=False,
            markup=False,
        )

    if len(analysis.risks) > MAX_RISKS_SHOWN:
        console.print(f"  … and {len(analysis.risks) - MAX_RISKS_SHOWN} more (see the report)")
    hire = analysis.hiring.iloc[0] if len(analysis.hiring) else None
    console.print("\n[bold]Hiring advice[/]")
    if hire is None or hire["covers_need"] <= 0:
        console.print("  no uncovered skill: train for depth instead")
    else:
        console.print(
            safe(
                f"  hire a {hire['role_name']}: covers {hire['share']:.0%} of the "
                f"uncovered need ({hire['skills']})"
            ),
            highlight=False,
            markup=False,
        )
    if not analysis.training.empty:
        console.print("\n[bold]Training advice[/] (closest to each uncovered skill)")
        for skill, group in analysis.training.groupby("skill_name", sort=False):
            names = ", ".join(
                f"{person} ({'n/a' if pd.isna(current) else f'{current:.1f}'} of {level})"
                for person, current, level in zip(
                    group["person"].tolist(),
                    group["current"].tolist(),
                    group["level"].tolist(),
                    strict=True,
                )
            )
            console.print(safe(f"  {skill}: {names}"), highlight=False, markup=False)
