"""Welcome: what the survey covers, how long it takes, and who is answering."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static

from assess.brief import WelcomeInfo
from assess.survey.controller import SurveyController
from assess.survey.ui import WelcomeForm
from assess.tui.key_order import TakesKeys

NOT_SURE = "__not_sure__"


class WelcomeScreen(TakesKeys, Screen[None]):
    """Name (required), team and target role (optional). Enter starts the survey (or,
    back from question 1, keeps the changes and returns to it)."""

    # Typing in the fields is applied by the app in key order (key_order.type_into), and
    # Enter is a priority binding, so the screen switches before the next key is handled:
    # otherwise a fast typist's first answers land in the name field.
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("enter", "go_on", "Continue", priority=True),  # (back from question 1)
        # Keys typed before the terminal is in raw mode arrive with Enter as a line feed.
        Binding("ctrl+j", "submit", "Start", show=False, priority=True),
        Binding("escape", "return", "Back to the questions", priority=True),
        Binding("ctrl+q", "app.quit_saving", "Quit"),
        # Priority: focus moves before the next key is handed to a field, so in a fast
        # burst ("Lin Wei<Tab>Platform", or a paste) the team goes to the team field.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, form: WelcomeForm, flow: SurveyController) -> None:
        super().__init__()
        self.form = form
        self.flow = flow

    def compose(self) -> ComposeResult:
        if self.form.about is not None:
            yield from self._compose_rating()
            return
        q, values = self.form.brief, self.form.values
        roles = [role_id for role_id, _ in q.roles]
        target = values.target_role if values and values.target_role in roles else NOT_SURE
        with VerticalScroll(id="welcome"):
            yield Static(q.title, id="welcome-title", markup=False)
            # The form comes first so it fits an 80x24 terminal; the details follow it.
            yield Static(
                f"About {q.estimated_minutes} minutes · {q.total} questions in "
                f"{len(q.area_names)} areas · answers stay on this machine",
                id="welcome-summary",
                markup=False,
            )
            yield Label("Your name (required)")
            yield Input(
                values.name if values else "",
                placeholder="e.g. Ada Lovelace",
                id="name",
                max_length=200,
            )
            yield Label("Team (optional)")
            yield Input(
                (values.team or "") if values else "",
                placeholder="e.g. Data platform",
                id="team",
                max_length=200,
            )
            yield Label("Role you are aiming for (optional; Space opens the list)")
            yield Select(
                [(Text(name), role_id) for role_id, name in q.roles] + [("Not sure", NOT_SURE)],
                value=target,
                allow_blank=False,
                id="target",
            )
            yield Static("", id="welcome-error")
            yield Static(
                f"{q.description}\n\nAnswer with a number key. s skips a self-rating that does "
                "not apply to you (skipped is not the same as 0), and its knowledge checks "
                'with it; a knowledge check is never skipped: 0 is "I don\'t know". Every '
                f"answer is saved at once to {self.form.save_hint}; run the same command "
                "again to resume, or to view or edit your answers.",
                id="welcome-text",
                markup=False,
            )
        yield Footer()

    def _compose_rating(self) -> ComposeResult:
        """The form of a rating by someone else: only the rater's name."""
        q, values, about = self.form.brief, self.form.values, self.form.about
        assert about is not None
        with VerticalScroll(id="welcome"):
            yield Static(q.title, id="welcome-title", markup=False)
            yield Static(
                f"Rating {about.name} as their {about.relation} · {q.total} self-ratings, "
                "one a skill · answers stay on this machine",
                id="welcome-summary",
                markup=False,
            )
            yield Label("Your name (required)")
            yield Input(
                values.name if values else "",
                placeholder="e.g. Grace Hopper",
                id="name",
                max_length=200,
            )
            yield Static("", id="welcome-error")
            shown = about.shown_how
            yield Static(
                f"For each skill, pick the level that best describes {about.name}'s work as "
                "you have seen it; s skips a skill you cannot judge (skipped is not the same "
                "as 0). There are no knowledge checks: they test the one who answers. Your "
                f"rating is kept apart from {about.name}'s own answers. {shown} Every answer "
                f"is saved at once to {self.form.save_hint}.",
                id="welcome-text",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        name = self.query_one("#name", Input)
        self.set_focus(name)  # (at once: keys held until now are typed into it next)
        name.cursor_position = len(name.value)
        self.announce_ready()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        again = self.form.values is not None and self.flow.underway
        if action in ("start", "go_on", "submit"):  # while the drop-down is open, Enter picks
            targets = self.query("#target").results(Select)
            if any(target.expanded for target in targets):
                return False
            return action == "submit" or (action == "go_on") == again
        if action == "return":
            return again
        return True

    def _info(self) -> WelcomeInfo | None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.query_one("#welcome-error", Static).update("Please type your name to start.")
            self.set_focus(self.query_one("#name", Input))
            return None
        if self.form.about is not None:
            return WelcomeInfo(name, None, None)
        team = self.query_one("#team", Input).value.strip() or None
        target = self.query_one("#target", Select).value
        return WelcomeInfo(name, team, None if target in (NOT_SURE, Select.NULL) else str(target))

    def action_start(self) -> None:
        self.action_submit()

    def action_go_on(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        info = self._info()
        if info is not None:
            # Called directly, not through dismiss(): a dismiss callback runs later, and
            # keys typed in between would reach no question.
            self.flow.begin(info)

    def action_return(self) -> None:
        """Escape, back from question 1: keep the details as they were."""
        if self.form.values is not None:
            self.flow.begin(self.form.values)
