"""Results: roles ranked by match with readiness and coverage, top gaps, what to learn next,
calibration; a rating of someone else shows how the rater sees them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from assess.answers import counts_line
from assess.model.questionnaire import LEVEL_NAMES, Questionnaire
from assess.model.result import RespondentResult
from assess.numbers import shown
from assess.result_text import focus_role, level_label, no_best_role_line, role_fit_table
from assess.survey.controller import SurveyController
from assess.survey.ui import ResultsView
from assess.tui.key_order import TakesKeys

if TYPE_CHECKING:
    from assess.person.record import PersonRecord

WEAK_MARK = " *"
"""After a role whose coverage is under 50% (the legend below the table says so)."""
WEAK_LEGEND = "* weak evidence: under half of this role's requirement was assessed."


def _bullet(text: str) -> Table:
    """ "• text", a long text wrapping under itself rather than under the bullet."""
    row = Table.grid()
    row.add_column(no_wrap=True)
    row.add_column(ratio=1)
    row.add_row("• ", Text(text))
    return row


PLAN_STEPS = 3
"""Level steps of the plan on the results screen (``assess plan`` gives the whole plan)."""


def render_rating(result: RespondentResult, notes: tuple[str, ...] = ()) -> Group:
    """A rating of someone else: the profile as the rater sees it, kept apart from theirs."""
    rater = result.rater
    assert rater is not None
    who = result.respondent.name
    parts: list[RenderableType] = [
        Text(f"Your rating of {who} (as their {rater.relation.value})", style="bold"),
        Text(
            f"Kept apart from {who}'s own answers. "
            + (
                "A manager's rating may be shown to them on its own."
                if rater.relation.value == "manager"
                else "Peers' ratings are shown only as the mean of at least three peers, so "
                "yours cannot be told apart."
            )
            + "\n"
        ),
    ]
    parts += [Text(note + "\n", style="yellow") for note in notes]
    reason = no_best_role_line(result)
    parts.append(Text(f"The roles {who}'s profile is like, as you rated it:", style="bold"))
    if reason:
        parts.append(Text(reason.replace("your", "the"), style="yellow"))
    parts.append(
        role_fit_table(result, target_label=" (their target)", bar_width=8, weak_mark=WEAK_MARK)
    )
    if any(fit.weak_evidence for fit in result.roles):
        parts.append(Text(WEAK_LEGEND, style="dim"))
    return Group(*parts)


def render_plan(
    result: RespondentResult, questionnaire: Questionnaire, steps: int = PLAN_STEPS
) -> list[RenderableType]:
    """A short plan for the role the screen shows gaps for: its first level steps, each with
    what to practise, what to read (plain links) and the effort."""
    from assess.errors import UserError
    from assess.learning import build_plan, load_learning
    from assess.learning.render import effort_text

    try:
        plan = build_plan(questionnaire, result, load_learning(), max_steps=steps)
    except UserError as exc:
        return [Text(f"\nNo learning plan: {exc}", style="yellow")]
    parts: list[RenderableType] = [Text(f"\nWhat to learn next for {plan.role_name}", style="bold")]
    if not plan.items:
        parts.append(Text("Nothing: no gap to close for this role."))
        return parts
    number = 0
    for item in plan.items:
        for step in item.steps:
            number += 1
            parts.append(
                _bullet(
                    f"{number}. {item.skill_name} {step.from_level} → {step.to_level} "
                    f"({step.to_level_name}): {effort_text(step.effort, plan.hours_per_week)}"
                )
            )
            for task in step.tasks:
                parts.append(Padding(_bullet(f"Practise: {task}"), (0, 0, 0, 2)))
            for res in step.resources:
                where = f" — {res.url}" if res.url else ""
                parts.append(Padding(_bullet(f"Read: {res.citation}{where}"), (0, 0, 0, 2)))
        if item.note:
            parts.append(Padding(Text(item.note, style="italic"), (0, 0, 0, 2)))
    left = plan.all_gaps_steps - number
    parts.append(
        Text(
            f"These {number} step(s): {effort_text(plan.total, plan.hours_per_week)}"
            + (f"; {left} more step(s) close every gap" if left > 0 else "")
            + ". The whole plan: assess plan, or the HTML report (r).",
            style="dim",
        )
    )
    return parts


def render_result(
    result: RespondentResult,
    questionnaire: Questionnaire | None = None,
    top_gaps: int = 5,
    notes: tuple[str, ...] = (),
) -> Group:
    if result.rater is not None:
        return render_rating(result, notes)
    who = result.respondent
    parts: list[RenderableType] = []
    best = result.roles[0]
    parts.append(Text(f"Results for {who.name}", style="bold"))
    counts = counts_line(result.answered, result.skipped, result.unanswered) + "."
    reason = no_best_role_line(result)
    if reason:
        parts.append(Text(f"{reason}\n{counts}\n", style="yellow"))
    else:
        parts.append(
            Text(
                f"Most like: {best.name} (match {shown(best.match, '+.0f')} of 100; ready "
                f"{best.readiness:.0f}/100, coverage {best.coverage:.0%}). {counts}\n"
            )
        )
    parts.append(
        Text(
            "Match: how much your skill profile's highs and lows look like the role's "
            "(-100..100). Readiness: how much of the role's requirement you meet (0-100).",
            style="dim",
        )
    )
    parts.append(role_fit_table(result, target_label=" (target)", bar_width=8, weak_mark=WEAK_MARK))
    if any(fit.weak_evidence for fit in result.roles):
        parts.append(Text(WEAK_LEGEND, style="dim"))
    chosen = focus_role(result, None)
    why = "your target role" if chosen.role == result.target_role else "your best match"
    parts.append(
        Text(
            f"\nTop gaps for {chosen.name} ({why}; readiness {chosen.readiness:.0f})",
            style="bold",
        )
    )
    assessed = [g for g in chosen.gaps if g.current is not None]
    unassessed = [g for g in chosen.gaps if g.current is None]
    never_asked = set(questionnaire.not_asked) if questionnaire is not None else set()
    skipped = [g.skill_name for g in unassessed if g.skill not in never_asked]
    not_asked = [g.skill_name for g in unassessed if g.skill in never_asked]
    if not chosen.gaps:
        parts.append(Text("None: every required skill is at or above its level."))
    for gap in assessed[:top_gaps]:
        parts.append(
            _bullet(
                f"{gap.skill_name}: {level_label(gap.current)} → needs "
                f"{gap.required} ({LEVEL_NAMES[gap.required]})"
            )
        )
        next_step = Text(f"Next, {gap.next_level_name}: {gap.next_descriptor}", style="italic")
        parts.append(Padding(next_step, (0, 0, 0, 2)))
    if unassessed:
        why_not = []
        if skipped:
            why_not.append(
                f"{', '.join(skipped)} (skipped or not answered: answer their questions to "
                "see where you stand)"
            )
        if not_asked:
            what = questionnaire.id if questionnaire is not None else "this questionnaire"
            why_not.append(f"{', '.join(not_asked)} (not asked by {what})")
        parts.append(Text(f"Not assessed (counted as 0): {'; '.join(why_not)}."))
    if questionnaire is not None and chosen.gaps:
        parts += render_plan(result, questionnaire)
    if result.self_rated_only:
        names = ", ".join(
            questionnaire.skill(s).name if questionnaire else s for s in result.self_rated_only
        )
        parts.append(Text(f"\nResting on your self-rating alone (no knowledge check): {names}."))
    flags = [c for c in result.calibration if c.flag]
    parts.append(Text("\nCalibration (self-rating vs knowledge checks)", style="bold"))
    from assess.scoring.results import CALIBRATION_MIN_CHECKS  # (numpy: not at start-up)

    judged = sum(c.checks_answered >= CALIBRATION_MIN_CHECKS for c in result.calibration)
    if not judged:  # (the quick form asks one check per skill: one item is too little)
        parts.append(
            Text(
                f"Not judged: no skill had {CALIBRATION_MIN_CHECKS} or more knowledge checks "
                "answered, and one check is too little to compare with a self-rating."
            )
        )
    elif not flags:
        parts.append(
            Text(
                f"No flags: on the {judged} skill(s) with {CALIBRATION_MIN_CHECKS} or more "
                "checks answered, your self-ratings agree with the checks (within 1.5)."
            )
        )
    for c in flags:
        word = "higher" if c.flag == "over" else "lower"
        parts.append(
            _bullet(
                f"{c.skill_name}: you rated {c.self_rating:.1f}, checks gave "
                f"{c.checks:.1f} — your self-rating is {word} than the checks "
                "suggest."
            )
        )
    return Group(*parts)


class ResultsScreen(TakesKeys, Screen[None]):
    # Priority, and keys held until the screen is ready (key_order): "t4" typed in one
    # burst retakes and answers question 1 with 4.
    BINDINGS = [
        Binding("r", "report", "Write HTML report", priority=True),
        Binding("t", "retake", "Retake", priority=True),
        Binding("q", "app.quit_saving", "Quit", priority=True),
    ]

    def __init__(
        self, results: ResultsView, flow: SurveyController, reports_dir: Path = Path("reports")
    ) -> None:
        super().__init__()
        self.result = results.result
        self.saved_to = results.saved_to
        self.questionnaire = results.questionnaire
        self.notes = results.notes
        self.response = results.response
        self.flow = flow
        self.reports_dir = reports_dir

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A rating of someone else has no report of its own: theirs shows it beside
        # their answers.
        return not (action == "report" and self.result.rater is not None)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results"):
            yield Static(
                render_result(self.result, self.questionnaire, notes=self.notes),
                id="results-body",
            )
            yield Static(Text(f"\nAnswers saved to {self.saved_to}"), id="results-saved")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", VerticalScroll).focus()
        self.announce_ready()

    def action_retake(self) -> None:
        self.flow.retake()

    def action_report(self) -> None:
        self.notify("Writing the HTML report…", timeout=2)
        self.run_worker(self._build_report, thread=True, name="report", exclusive=True)

    def _build_report(self) -> Path:
        from assess.report import write_personal_report  # plotly: only when asked for

        return write_personal_report(
            self.questionnaire, self.result, out_dir=self.reports_dir, record=self._record()
        )

    def _record(self) -> PersonRecord | None:
        """The person's earlier assessments and other raters, for the report."""
        from assess.errors import UserError
        from assess.person.record import load_record
        from assess.scoring import ScoringPlan

        if self.response is None:
            return None
        q = self.questionnaire
        try:
            return load_record(
                self.saved_to, current=(q, ScoringPlan.from_questionnaire(q), self.response)
            )
        except UserError:
            return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "report":
            return
        if event.state == WorkerState.SUCCESS:
            self.notify(f"Report written to {event.worker.result}", timeout=8, markup=False)
        elif event.state == WorkerState.ERROR:
            self.notify(
                f"Could not write the report: {event.worker.error}",
                severity="error",
                markup=False,
            )
