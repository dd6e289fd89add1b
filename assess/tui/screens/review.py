"""Review: every answer grouped by area; Enter jumps to a question to change it."""

from __future__ import annotations

from typing import Protocol, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from assess.model.response import SKIP
from assess.session import Survey, choices_for
from assess.tui.screens.early_keys import EarlyKeys, once_ready


class ReviewFlow(Protocol):
    survey: Survey

    def edit_question(self, index: int) -> None: ...
    def finish(self) -> None: ...
    def resume_questions(self) -> None: ...


class ReviewScreen(EarlyKeys, Screen[None]):
    # Priority, so a burst keeps its order across the screen changes these make (see
    # early_keys); the list's own keys are bound here for the same reason.
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

    def __init__(self, start_at: int = 0) -> None:
        super().__init__()
        self.start_at = start_at
        """Index of the question to highlight first."""

    @property
    def flow(self) -> ReviewFlow:
        return cast(ReviewFlow, self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="review-summary")
        yield OptionList(id="review-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.ready()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        survey = self.flow.survey
        q = survey.questionnaire
        answers = survey.response.answers
        skipped = sum(1 for x in q.questions if answers.get(x.id) == SKIP)
        missing = sum(1 for x in q.questions if x.id not in answers)
        answered = len(q.questions) - skipped - missing
        self.query_one("#review-summary", Static).update(
            f"Review · {answered} answered · {skipped} skipped · {missing} not answered. "
            "Enter on a question changes it; f finishes."
        )
        listing = self.query_one("#review-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        self._marked = None
        options: list[Option | None] = []
        for area in q.areas:
            members = [
                (i, x) for i, x in enumerate(q.questions) if q.skill(x.skill).area == area.id
            ]
            if not members:
                continue
            options.append(Option(Text(area.name.upper(), style="bold"), disabled=True))
            for index, question in members:
                options.append(Option(self._line(index, question.id, False), id=f"q-{index}"))
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
                index = int(option_id.removeprefix("q-"))
                question_id = self.flow.survey.questionnaire.questions[index].id
                listing.replace_option_prompt(option_id, self._line(index, question_id, marked))
        self._marked = event.option.id

    def _line(self, index: int, question_id: str, highlighted: bool) -> Table:
        survey = self.flow.survey
        q = survey.questionnaire
        question = q.questions[index]
        answer = survey.answer_of(question_id)
        skill = q.skill(question.skill).name
        kind = "rating" if question.kind == "rating" else "check"
        if answer is None:
            mark, shown = "[ ]", "not answered"
        elif answer == SKIP:
            mark, shown = "[-]", "skipped"
        else:
            choice = next(c for c in choices_for(q, question) if c.value == answer)
            mark, shown = "[x]", f"{choice.key} {choice.label}"
        text = Text(f"{skill} ({kind}): ")
        text.append(shown, style="bold" if answer not in (None, SKIP) else "italic")
        # Two columns, so a long answer wraps under the text, not under the marks.
        row = Table.grid()
        row.add_column(no_wrap=True)
        row.add_column(ratio=1)
        row.add_row(Text(f"{'›' if highlighted else ' '} {mark} {index + 1:>2}. "), text)
        return row

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.flow.edit_question(int(event.option.id.removeprefix("q-")))

    @once_ready
    def action_finish(self) -> None:
        self.flow.finish()

    @once_ready
    def action_back(self) -> None:
        self.flow.resume_questions()

    @once_ready
    def action_quit(self) -> None:
        self.app.action_quit_saving()  # type: ignore[attr-defined]

    @once_ready
    def action_move(self, step: int) -> None:
        listing = self.query_one("#review-list", OptionList)
        if step < 0:
            listing.action_cursor_up()
        else:
            listing.action_cursor_down()

    @once_ready
    def action_change(self) -> None:
        listing = self.query_one("#review-list", OptionList)
        if listing.highlighted is not None:
            option = listing.get_option_at_index(listing.highlighted)
            if option.id:
                self.flow.edit_question(int(option.id.removeprefix("q-")))
