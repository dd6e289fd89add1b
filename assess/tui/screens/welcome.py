"""Welcome: what the survey covers, how long it takes, and who is answering."""

from __future__ import annotations

from typing import Protocol, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static

from assess.brief import Brief, WelcomeInfo

NOT_SURE = "__not_sure__"


class Starter(Protocol):
    def begin_survey(self, info: WelcomeInfo) -> None: ...


class WelcomeScreen(Screen[None]):
    """Name (required), team and target role (optional). Enter starts the survey."""

    # Typing in the fields is applied by the app in key order (see ``type_in_order``), and
    # Enter is a priority binding, so the screen switches before the next key is handled:
    # otherwise a fast typist's first answers land in the name field.
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        # Keys typed before the terminal is in raw mode arrive with Enter as a line feed.
        Binding("ctrl+j", "start", "Start", show=False, priority=True),
        Binding("ctrl+q", "app.quit_saving", "Quit"),
        # Priority: focus moves before the next key is handed to a field, so in a fast
        # burst ("Lin Wei<Tab>Platform", or a paste) the team goes to the team field.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, brief: Brief, save_hint: str) -> None:
        super().__init__()
        self.brief = brief
        self.save_hint = save_hint

    def compose(self) -> ComposeResult:
        q = self.brief
        areas = ", ".join(name.lower() for name in q.area_names)
        with VerticalScroll(id="welcome"):
            yield Static(q.title, id="welcome-title", markup=False)
            # The form comes first so it fits an 80x24 terminal; the details follow it.
            yield Static(
                f"About {q.estimated_minutes} minutes · {q.first.total} questions · "
                "your answers stay on this machine.",
                id="welcome-summary",
                markup=False,
            )
            yield Label("Your name (required)")
            yield Input(placeholder="e.g. Ada Lovelace", id="name", max_length=200)
            yield Label("Team (optional)")
            yield Input(placeholder="e.g. Data platform", id="team", max_length=200)
            yield Label("Role you are aiming for (optional; Space opens the list)")
            yield Select(
                [(Text(name), role_id) for role_id, name in q.roles] + [("Not sure", NOT_SURE)],
                value=NOT_SURE,
                allow_blank=False,
                id="target",
            )
            yield Static("", id="welcome-error")
            yield Static(
                f"{q.description}\n\nIt covers {areas}. Answer with a number key; s skips a "
                "question that does not apply to you (skipped is not the same as 0). Every "
                f"answer is saved at once to {self.save_hint}; run the same command again to "
                "resume.",
                id="welcome-text",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def type_in_order(self, event: events.Key) -> bool:
        """Apply a key to the focused text field now, in arrival order; True if handled.

        Textual delivers keys to a widget through its own message queue, so Enter (a
        priority binding, handled at once) could overtake the letters before it.
        """
        field = self.focused
        if not isinstance(field, Input):
            return False
        if event.key in ("enter", "ctrl+j"):
            self.action_start()
        elif event.key == "backspace":
            field.action_delete_left()
        elif event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)
        else:
            return False
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the drop-down is open, Enter picks in it instead of starting.
        return not (action == "start" and self.query_one("#target", Select).expanded)

    def action_start(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.query_one("#welcome-error", Static).update("Please type your name to start.")
            self.query_one("#name", Input).focus()
            return
        team = self.query_one("#team", Input).value.strip() or None
        target = self.query_one("#target", Select).value
        info = WelcomeInfo(name, team, None if target in (NOT_SURE, Select.NULL) else str(target))
        # Called directly, not through dismiss(): a dismiss callback runs later, and keys
        # typed in between would reach no question.
        cast(Starter, self.app).begin_survey(info)
