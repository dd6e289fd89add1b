"""Review: every answer grouped by area; Enter jumps to a question to change it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from assess.survey.controller import SurveyController
from assess.survey.flow import ReviewRow
from assess.tui.key_order import TakesKeys

MARKS = {"answered": "[x]", "skipped": "[-]", "hidden": "[-]", "not answered": "[ ]"}


class ReviewScreen(TakesKeys, Screen[None]):
    # Priority, so a burst keeps its order across the screen changes these make (see
    # key_order); the list's own keys are bound here for the same reason.
    BINDINGS = [
        Binding("f", "finish", "Finish & see results", priority=True),
        Binding("escape,b", "back", "Back to questions", priority=True),
        Binding("q", "quit", "Save & quit", priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("enter", "change", "Change", show=False, priority=True),
    ]

    _marked: str | None = None
    """The option shown with the › mark."""

    def __init__(self, flow: SurveyController, start_at: int = 0) -> None:
        super().__init__()
        self.flow = flow
        self.start_at = start_at
        """Index of the question to highlight first."""
        self.rows: list[ReviewRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="review-summary")
        yield OptionList(id="review-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.announce_ready()

    def highlight(self, start_at: int) -> None:
        """Shown again (after a change): refresh, on question ``start_at``."""
        self.start_at = start_at
        self.refresh_list(keep=False)

    def refresh_list(self, keep: bool = True) -> None:
        survey = self.flow.survey
        assert survey is not None
        self.rows = survey.review_rows()
        self.query_one("#review-summary", Static).update(
            Text(f"Review · {survey.counts()}. Enter on a question changes it; f finishes.")
        )
        listing = self.query_one("#review-list", OptionList)
        highlighted = listing.highlighted if keep else None
        listing.clear_options()
        self._marked = None
        options: list[Option | None] = []
        for area in survey.brief.area_names:
            members = [row for row in self.rows if row.area == area]
            if members:
                options.append(Option(Text(area.upper(), style="bold"), disabled=True))
                options += [Option(self._line(row, False), id=f"q-{row.index}") for row in members]
        listing.add_options(options)
        if highlighted is not None:
            listing.highlighted = highlighted
        else:  # start on the question last shown: after a change, the one just changed
            wanted = f"q-{self.start_at}"
            ids = [None if option is None else option.id for option in options]
            listing.highlighted = ids.index(wanted) if wanted in ids else 1
        listing.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # The highlight is shown in text (a leading ›), not only by colour.
        listing = event.option_list
        for option_id, marked in ((self._marked, False), (event.option.id, True)):
            if option_id is not None:  # (headers have none; refresh_list resets _marked)
                row = self.rows[int(option_id.removeprefix("q-"))]
                listing.replace_option_prompt(option_id, self._line(row, marked))
        self._marked = event.option.id

    @staticmethod
    def _line(row: ReviewRow, highlighted: bool) -> Table:
        text = Text(f"{row.skill} ({row.kind}): ")
        text.append(row.shown, style="bold" if row.state == "answered" else "italic")
        # Two columns, so a long answer wraps under the text, not under the marks.
        line = Table.grid()
        line.add_column(no_wrap=True)
        line.add_column(ratio=1)
        mark = MARKS[row.state]
        line.add_row(Text(f"{'›' if highlighted else ' '} {mark} {row.index + 1:>2}. "), text)
        return line

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.flow.edit(int(event.option.id.removeprefix("q-")))

    def action_finish(self) -> None:
        self.flow.finish()

    def action_back(self) -> None:
        self.flow.back_to_questions()

    def action_quit(self) -> None:
        self.flow.quit()

    def action_move(self, step: int) -> None:
        listing = self.query_one("#review-list", OptionList)
        if step < 0:
            listing.action_cursor_up()
        else:
            listing.action_cursor_down()

    def action_change(self) -> None:
        listing = self.query_one("#review-list", OptionList)
        if listing.highlighted is not None:
            option = listing.get_option_at_index(listing.highlighted)
            if option.id:
                self.flow.edit(int(option.id.removeprefix("q-")))
