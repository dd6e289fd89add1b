"""The team summary printed on the terminal: a rendering of ``TeamSummary``, the view
model the HTML report renders too (nothing is computed here)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assess.model.questionnaire import Questionnaire
from assess.numbers import shown
from assess.safetext import for_terminal as safe
from assess.team import Team
from assess.team.summary import INPUTS_SHOWN, TeamSummary, build_summary

MAX_RISKS_SHOWN = 12
MAX_INPUTS_SHOWN = 30
"""Skipped inputs and duplicates listed here, each; the report and the exports hold more."""
MAX_TRAINING_SHOWN = 8


def _table(*columns: str) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def _data(text: str) -> Text:
    """Untrusted text (a name, a team) as a cell: never markup, never an escape sequence."""
    return Text(safe(text))


def _say(console: Console, text: str) -> None:
    """A line holding data: printed as written (no markup, no highlighting)."""
    console.print(safe(text), highlight=False, markup=False)


def _f(value: float | None, form: str) -> str:
    return shown(value, form)


def _brief(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _more(console: Console, listed: int, what: str) -> None:
    if listed > MAX_INPUTS_SHOWN:
        console.print(
            f"  … and {listed - MAX_INPUTS_SHOWN:,} more {what}: the report lists up to "
            f"{INPUTS_SHOWN:,}, --csv/--xlsx export them all",
            highlight=False,
        )


def print_team(q: Questionnaire, team: Team, console: Console) -> None:
    """Build the summary (without the learning plan's steps) and print it."""
    print_summary(build_summary(q, team), console)


def print_summary(summary: TeamSummary, console: Console) -> None:
    # Names, titles and file names are data, never markup: "Ada [/] Lovelace" once
    # crashed this with a MarkupError. Data goes in Text objects or markup=False prints,
    # and through ``safe`` (safetext.for_terminal): an escape sequence in a name must
    # not set the clipboard, the window title or clear the screen.
    _header(summary, console)
    _people(summary, console)
    _risks(summary, console)
    _training(summary, console)
    _staffing(summary, console)
    _trend(summary, console)
    if summary.careless is not None:
        flagged = len(summary.careless_rows)
        console.print("\n[bold]Careless responding[/]")
        console.print(
            f"  {flagged:,} of {summary.header.people:,} respondent(s) flagged for "
            "straight-lining or speeding (still scored; the report lists them)"
            if flagged
            else "  nobody was flagged for straight-lining or speeding",
            highlight=False,
        )


def _header(summary: TeamSummary, console: Console) -> None:
    h = summary.header
    title = Text(safe(h.title), style="bold")
    title.append(safe(f" — {'; '.join(h.questionnaires)}"))
    console.print(title)
    people = "person" if h.people == 1 else "people"
    newest = f"newest response {h.newest_response}; " if h.newest_response else ""
    _say(
        console,
        f"  {h.people:,} {people} scored, {h.skipped:,} input(s) skipped, "
        f"{h.duplicates:,} duplicate(s) ({newest}report {h.generated})",
    )
    if h.teams or h.no_team:
        teams = [f"{t.name} ({t.people:,})" for t in h.teams]
        if h.more_teams:
            teams.append(f"and {h.more_teams:,} more")
        if h.no_team:
            teams.append(f"— no team ({h.no_team:,})")
        _say(console, "  Teams: " + ", ".join(teams))
    if summary.raters is not None:
        r = summary.raters
        said = "each person's own assessment" if r.policy == "self" else r.text
        line = f"  Levels: {r.policy} — {said}; "
        if not r.people_rated:
            line += "nobody here has other raters"
        else:
            line += f"{r.people_rated:,} of {h.people:,} people have other raters"
            if r.policy != "self":
                line += f", whose view is used for {r.people_used:,}"
            else:
                line += " (--raters others_else_self uses them)"
        if r.not_used:
            line += f"; {r.not_used:,} rating file(s) could not be used"
        _say(console, line)
    if h.anonymized:
        _say(console, "  Names and teams are replaced by stable pseudonyms.")
    if h.folded_note:
        _say(console, f"  {h.folded_note}.")
    for skipped in summary.skipped_shown[:MAX_INPUTS_SHOWN]:
        _say(console, f"  skipped {skipped.source}: {skipped.reason}")
    _more(console, h.skipped, "skipped input(s)")
    for dup in summary.duplicates_shown[:MAX_INPUTS_SHOWN]:
        _say(
            console, f"  duplicate: {dup.person} — kept {dup.kept} (newest), ignored {dup.dropped}"
        )
    _more(console, h.duplicates, "duplicate(s)")


def _people(summary: TeamSummary, console: Console) -> None:
    people = _table("person", "team", "best role", "match", "readiness", "coverage")
    for p in summary.top_people:
        if p.best_role is None:
            people.add_row(_data(p.person), _data(p.team), "— (too little evidence)", "", "", "")
            continue
        people.add_row(
            _data(p.person),
            _data(p.team),
            _data(p.best_role),
            _f(p.match, "+.0f"),
            _f(p.readiness, ".0f"),
            _f(p.coverage, ".0%") + (" (weak evidence)" if p.weak else ""),
        )
    console.print("\n[bold]Best role per person[/] (by match; readiness beside it)")
    console.print(people)
    if summary.people_total > len(summary.top_people):
        console.print(
            f"  … and {summary.people_total - len(summary.top_people):,} more (see the report)"
        )
    candidates = _table("role", "best candidate", "match", "readiness", "coverage")
    for c in summary.candidates:
        if c.person is None:
            candidates.add_row(_data(c.role), "nobody (too little evidence)", "", "", "")
            continue
        candidates.add_row(
            _data(c.role),
            _data(c.person),
            _f(c.match, "+.0f"),
            _f(c.readiness, ".0f"),
            _f(c.coverage, ".0%") + (" (weak evidence)" if c.weak else ""),
        )
    console.print("\n[bold]Best candidate per role[/]")
    console.print(candidates)


def _risks(summary: TeamSummary, console: Console) -> None:
    console.print("\n[bold]Risks[/] (a needed skill held by one person, or by nobody)")
    if not summary.risks:
        console.print("  none: every needed skill is held by at least two people")
    for r in summary.risks[:MAX_RISKS_SHOWN]:
        holder = f" — only {r.holder}" if r.kind != "uncovered" else ""
        _say(console, f"  {r.kind}: {r.skill} at level {r.level} for {r.role}{holder}")
    if len(summary.risks) > MAX_RISKS_SHOWN:
        console.print(f"  … and {len(summary.risks) - MAX_RISKS_SHOWN} more (see the report)")
    console.print("\n[bold]Hiring advice[/]")
    hire = summary.hire
    if hire is None:
        console.print("  no uncovered skill: train for depth instead")
    else:
        _say(
            console,
            f"  hire a {hire.role}: covers {hire.share:.0%} of the uncovered need ({hire.skills})",
        )


def _training(summary: TeamSummary, console: Console) -> None:
    if not summary.training:
        return
    console.print(
        "\n[bold]Training advice[/] (the people closest to each uncovered skill, and their "
        "next step from the learning plan)"
    )
    for row in summary.training[:MAX_TRAINING_SHOWN]:
        _say(console, f"  {row.skill} (level {row.level}, for {row.roles}):")
        for t in row.people:
            now = "not assessed" if t.current is None else f"{t.current:.1f}"
            line = f"    {t.person} ({now} → {row.level})"
            if t.next_step is not None:
                step = t.next_step
                hours = f"{step.min_hours}–{step.max_hours} h"
                line += f": next {step.to_level_name} ({step.to_level}), {hours}"
                if t.steps > 1:
                    line += f"; all {t.steps} steps {t.min_hours}–{t.max_hours} h"
            _say(console, line)
            if t.next_step is not None and t.next_step.tasks:
                _say(console, f"      e.g. {_brief(t.next_step.tasks[0], 70)}")
    if len(summary.training) > MAX_TRAINING_SHOWN:
        console.print(
            f"  … and {len(summary.training) - MAX_TRAINING_SHOWN} more skills (see the report)"
        )


def _staffing(summary: TeamSummary, console: Console) -> None:
    s = summary.staffing
    if s is None:
        return
    console.print(
        "\n[bold]Staffing[/] (people placed to maximise total readiness; match beside it)"
    )
    table = _table("seat", "person", "readiness", "match", "runner-up role", "lost")
    for row in s.rows:
        seat = _data(f"{row.role} {row.seat}")
        if row.person is None:
            table.add_row(seat, "— open", "", "", "", "")
            continue
        runner = (
            "—"
            if row.runner_up is None
            else f"{row.runner_up} {_f(row.runner_up_readiness, '.0f')}"
        )
        table.add_row(
            seat,
            _data(row.person),
            _f(row.readiness, ".0f") + (" (weak evidence)" if row.weak else ""),
            _f(row.match, "+.0f"),
            _data(runner),
            _f(row.loss, ".1f"),
        )
    console.print(table)
    console.print(
        f"  total readiness {s.total:.0f} of {s.best_possible:.0f}"
        + (
            f"; the second-best staffing totals {s.second_best_loss:.1f} less"
            if s.second_best_loss is not None
            else ""
        ),
        highlight=False,
    )
    console.print(
        "  lost: how much less the best staffing totals without that person in that role",
        highlight=False,
    )
    if s.open_note:
        _say(console, f"  {s.open_note}.")
    bench = ", ".join(f"{b.role} {b.bench:,}" for b in s.bench)
    _say(console, f"  bench strength (people at least 80% ready): {bench}")


TREND_ROLES = 4
"""Roles in the terminal's trend table (the report and the exports hold every one)."""


def _trend(summary: TeamSummary, console: Console) -> None:
    t = summary.trend
    if t is None:
        return
    console.print("\n[bold]Team over time[/]")
    if not t.shown:
        when = f"one date only ({t.points[0].label})" if t.points else "no finished assessment"
        _say(console, f"  {when}: nothing to compare yet")
    else:
        _say(
            console,
            f"  {len(t.points)} points, {t.by_reason}; at each, every person's newest "
            f"finished assessment by the end of the period (levels: {t.policy})",
        )
        roles = t.roles[:TREND_ROLES]
        table = _table("period", "people", "new", *(r.role for r in roles), "uncovered")
        table.columns[0].no_wrap = True
        for k, p in enumerate(t.points):
            table.add_row(
                p.label + ("*" if p.few else ""),
                f"{p.people:,}",
                f"{p.new:,}",
                *(f"{_f(r.readiness[k], '.0f')} ({r.ready[k]:,})" for r in roles),
                f"{sum(len(r.uncovered[k]) for r in t.roles):,}",
            )
        console.print(table)
        note = (
            "  new: people whose newest finished assessment is from that period; role "
            "columns: median readiness (people at least 80% ready); uncovered: role "
            "requirements nobody meets"
        )
        if len(t.roles) > len(roles):
            note += f"; {len(t.roles) - len(roles)} more role(s) in the report and exports"
        _say(console, note)
        if any(p.few for p in t.points):
            _say(console, "  * rests on fewer than 5 people")
        moved = t.moved[:5]
        if moved:
            _say(
                console,
                "  median moved most: "
                + ", ".join(
                    f"{s.skill} {_first(s.median):.1f} → {_last(s.median):.1f}" for s in moved
                ),
            )
    counts = f"  {t.people:,} people, {t.assessments:,} finished assessment(s)"
    if t.unfinished:
        counts += f"; {t.unfinished:,} unfinished left out (counted once finished)"
    _say(console, counts)
    for x in t.not_used[:MAX_INPUTS_SHOWN]:
        where = "a file of their history" if x.source == "—" else x.source
        _say(console, f"  not used: {where} ({x.person}): {x.reason}")
    if t.not_used_total > MAX_INPUTS_SHOWN:
        _more(console, t.not_used_total, "history file(s) not used")


def _first(values: list[float | None]) -> float:
    return next(v for v in values if v is not None)


def _last(values: list[float | None]) -> float:
    return next(v for v in reversed(values) if v is not None)
