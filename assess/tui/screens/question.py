"""One question at a time: number keys answer and move on; the answer is saved at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from assess.answers import SKIP
from assess.brief import Choice, QuestionView
from assess.tui.screens.early_keys import EarlyKeys, once_ready

if TYPE_CHECKING:  # the first question is drawn before the models (and Survey) load
    from assess.session import Survey

MAX_CHOICES = 10


class SurveyFlow(Protocol):
    survey: Survey

    def show_review(self, start_at: int = 0) -> None: ...


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
        cast(QuestionScreen, self.screen).choose(self.position)


def _digit_bindings() -> list[Binding]:
    return [Binding(str(d), f"pick('{d}')", show=False, priority=True) for d in range(10)]


class QuestionScreen(EarlyKeys, Screen[None]):
    """Priority bindings: every key is handled in arrival order by the app, so a burst
    of digits answers one question per digit, however fast it is typed."""

    BINDINGS = [
        *_digit_bindings(),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("enter", "select", "Choose", priority=True),
        Binding("s", "skip", "Skip (n/a)", priority=True),
        Binding("b,left", "back", "Back", priority=True),
        Binding("right", "forward", "Forward", priority=True),
        Binding("r", "review", "Review", priority=True),
        Binding("q", "quit", "Save & quit", priority=True),
    ]

    def __init__(self, return_to_review: bool = False, first: QuestionView | None = None) -> None:
        super().__init__()
        self.return_to_review = return_to_review
        self.cursor = 0
        self.first = first
        """Shown at mount instead of asking the survey (which may still be loading)."""
        self.view: QuestionView | None = None
        self.choices: list[Choice] = []

    @property
    def survey(self) -> Survey:
        return cast(SurveyFlow, self.app).survey

    def compose(self) -> ComposeResult:
        with Horizontal(id="progress-row"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
            yield Static("", id="progress-label")
        yield Static("", id="skill-heading")
        yield Static("", id="question-text")
        with Options(id="options"):
            # Rows for the first question only; more are added when a question needs them
            # (each row costs start-up time to style and lay out).
            first = len(self.first.choices) if self.first is not None else 0
            for position in range(first):
                yield OptionRow(position)
        yield Static("", id="answer-status")
        yield Footer()

    def on_mount(self) -> None:
        if self.first is not None:
            self.show_view(self.first)
        else:
            self.show_question()
        self.ready()

    # -- rendering --------------------------------------------------------------------------
    def show_question(self) -> None:
        self.show_view(self.survey.view())

    def show_view(self, view: QuestionView) -> None:
        self.view = view
        self.choices = view.choices
        current = view.current
        selected = next((i for i, c in enumerate(self.choices) if c.value == current), None)
        self.cursor = selected if selected is not None else 0
        self.query_one("#progress", ProgressBar).update(total=view.total, progress=view.position)
        self.query_one("#progress-label", Static).update(
            Text(f"{view.position} / {view.total} · {view.area}")
        )
        kind = "Self-rating" if view.kind == "rating" else "Knowledge check"
        self.query_one("#skill-heading", Static).update(
            Text(f"{view.area} › {view.skill} · {kind}")
        )
        self.query_one("#question-text", Static).update(Text(view.text))
        self.render_options()
        if current == SKIP:
            status = "Skipped (not applicable). Press a number to answer instead."
        elif current is None:
            status = "Press a number to answer and go on; s skips; b goes back."
        else:
            status = "Answered [x]. Press a number to change it; → goes forward."
        self.query_one("#answer-status", Static).update(Text(status))
        self.query_one("#options", Options).scroll_home(animate=False)

    def render_options(self) -> None:
        current = None if self.view is None else self.view.current
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
        """Answer with the option at ``position`` and move on."""
        if not 0 <= position < len(self.choices):
            return
        self.survey.set_answer(self.choices[position].value)
        self.move_on()

    def move_on(self) -> None:
        if self.return_to_review:  # back to the list, on the question just changed
            self.return_to_review = False
            cast(SurveyFlow, self.app).show_review(self.survey.index)
        elif self.survey.advance():
            self.show_question()
        else:  # ran off the end: review from the top
            cast(SurveyFlow, self.app).show_review(0)

    @once_ready
    def action_pick(self, key: str) -> None:
        position = next((i for i, c in enumerate(self.choices) if c.key == key), None)
        if position is None:
            self.app.bell()
            self.notify(f"No option {key} here", timeout=2)
            return
        self.choose(position)

    @once_ready
    def action_cursor(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.choices)
        self.render_options()
        self.query_one(f"#option-{self.cursor}", OptionRow).scroll_visible(animate=False)

    @once_ready
    def action_select(self) -> None:
        self.choose(self.cursor)

    @once_ready
    def action_skip(self) -> None:
        self.survey.skip()
        self.move_on()

    @once_ready
    def action_back(self) -> None:
        if self.survey.back():
            self.show_question()

    @once_ready
    def action_forward(self) -> None:
        if self.survey.forward():
            self.show_question()
        elif self.survey.answer_of(self.survey.current.id) is None:
            self.notify("Answer or skip (s) this question first", timeout=2)

    @once_ready
    def action_review(self) -> None:
        cast(SurveyFlow, self.app).show_review(self.survey.index)

    @once_ready
    def action_quit(self) -> None:
        self.app.action_quit_saving()  # type: ignore[attr-defined]
