"""One question at a time: number keys answer and move on; the answer is saved at once."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from assess.answers import SKIP
from assess.brief import Choice, QuestionView
from assess.survey.controller import SurveyController
from assess.tui.key_order import TakesKeys

MAX_CHOICES = 10


class Options(VerticalScroll, can_focus=False):
    """The option rows. Never focused: keys go to the screen's bindings, and no focus
    change at start-up makes the footer rebuild itself."""


class OptionRow(Static):
    """One answer option. Selection is shown in text ([x]), not only by colour."""

    def __init__(self, position: int) -> None:
        super().__init__(id=f"option-{position}", classes="option")
        self.position = position
        self.plain = ""
        """The row as plain text (what a screen reader or capture-pane shows)."""

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(OptionClicked(self.position))


class OptionClicked(Message):
    """An option row was clicked: answer with it."""

    def __init__(self, position: int) -> None:
        super().__init__()
        self.position = position


def _digit_bindings() -> list[Binding]:
    return [Binding(str(d), f"pick('{d}')", show=False, priority=True) for d in range(10)]


class QuestionScreen(TakesKeys, Screen[None]):
    """Priority bindings: every key is handled in arrival order by the app, so a burst
    of digits answers one question per digit, however fast it is typed (key_order)."""

    BINDINGS = [
        *_digit_bindings(),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("enter", "select", "Choose", priority=True),
        Binding("s", "skip", "Skip (n/a)", priority=True),  # self-ratings only
        Binding("s", "no_skip", show=False, priority=True),  # a check: says "press 0"
        Binding("b,left", "back", "Back", priority=True),
        Binding("right", "forward", "Forward", priority=True),
        Binding("r", "review", "Review", priority=True),
        Binding("q", "quit", "Save & quit", priority=True),
    ]

    def __init__(self, flow: SurveyController, view: QuestionView) -> None:
        super().__init__()
        self.flow = flow
        self.cursor = 0
        self.view = view
        self.choices: list[Choice] = view.choices

    def compose(self) -> ComposeResult:
        with Horizontal(id="progress-row"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
            yield Static("", id="progress-label")
        yield Static("", id="skill-heading")
        yield Static("", id="question-text")
        with Options(id="options"):
            # Rows for the first question only; more are added when a question needs them
            # (each row costs start-up time to style and lay out).
            for position in range(len(self.view.choices)):
                yield OptionRow(position)
        yield Static("", id="answer-status")
        yield Footer()

    def on_mount(self) -> None:
        self.show_view(self.view)
        self.announce_ready()

    # -- rendering --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers Skip on self-ratings only: a check is never skipped (``s``
        there says to press 0 for "I don't know")."""
        if action == "skip":
            return self.view.kind == "rating"
        if action == "no_skip":
            return self.view.kind != "rating"
        return True

    def show_view(self, view: QuestionView) -> None:
        if view.kind != self.view.kind:
            self.refresh_bindings()
        self.view = view
        self.choices = view.choices
        current = view.current
        selected = next((i for i, c in enumerate(self.choices) if c.value == current), None)
        self.cursor = selected if selected is not None else 0
        self.query_one("#progress", ProgressBar).update(total=view.total, progress=view.position)
        self.query_one("#progress-label", Static).update(
            Text(f"{view.position} / {view.total} · {view.area}")
        )
        if view.about is not None:
            kind = f"Rating of {view.about}"
        else:
            kind = "Self-rating" if view.kind == "rating" else "Knowledge check"
        self.query_one("#skill-heading", Static).update(
            Text(f"{view.area} › {view.skill} · {kind}")
        )
        self.query_one("#question-text", Static).update(Text(view.text))
        self.render_options()
        self.query_one("#answer-status", Static).update(Text(_status(view)))
        self.query_one("#options", Options).scroll_home(animate=False)

    def render_options(self) -> None:
        current = self.view.current
        rows = list(self.query(OptionRow))
        if len(rows) < len(self.choices):
            more = [OptionRow(position) for position in range(len(rows), len(self.choices))]
            self.query_one("#options", Options).mount_all(more)
            rows += more
        for position, row in enumerate(rows):
            if position >= len(self.choices):
                row.display = False
                continue
            choice = self.choices[position]
            chosen = choice.value == current
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1)
            prefix = ("›" if position == self.cursor else " ") + (" [x] " if chosen else " [ ] ")
            body = Text(choice.label, style="bold")
            if choice.detail:
                body.append(" — ")
                body.append(choice.detail, style="")
            if chosen:
                body.append("  (selected)", style="italic")
            grid.add_row(Text(prefix + choice.key), body)
            row.plain = f"{prefix}{choice.key} {body.plain}"
            row.update(grid)
            row.display = True
            row.set_class(position == self.cursor, "-cursor")
            row.set_class(chosen, "-chosen")

    # -- actions ----------------------------------------------------------------------------
    def choose(self, position: int) -> None:
        """Answer with the option shown at ``position``; the flow moves on."""
        if 0 <= position < len(self.choices):
            self.flow.answer(self.choices[position].value)

    def on_option_clicked(self, message: OptionClicked) -> None:
        self.choose(message.position)

    def action_pick(self, key: str) -> None:
        position = next((i for i, c in enumerate(self.choices) if c.key == key), None)
        if position is None:
            self.app.bell()
            self.notify(f"No option {key} here", timeout=2)
            return
        self.choose(position)

    def action_cursor(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.choices)
        self.render_options()
        self.query_one(f"#option-{self.cursor}", OptionRow).scroll_visible(animate=False)

    def action_select(self) -> None:
        self.choose(self.cursor)

    def action_skip(self) -> None:
        self.flow.skip()

    def action_no_skip(self) -> None:
        self.flow.skip()  # (the flow says why a check cannot be skipped)

    def action_back(self) -> None:
        self.flow.back()

    def action_forward(self) -> None:
        self.flow.forward()

    def action_review(self) -> None:
        self.flow.review()

    def action_quit(self) -> None:
        self.flow.quit()


def _status(view: QuestionView) -> str:
    if view.current == SKIP:
        return "Skipped (not applicable). Press a number to answer instead."
    if view.current is not None:
        return "Answered [x]. Press a number to change it; → goes forward."
    if view.about is not None:
        return "Press a number to answer and go on; s skips (you cannot say); b goes back."
    if view.kind == "rating":
        return "Press a number to answer and go on; s skips (not applicable); b goes back."
    return "Press a number to answer and go on (0 = I don't know); b goes back."
