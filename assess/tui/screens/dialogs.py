"""A modal question with a few keyed choices; returns the chosen id via ``dismiss``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from assess.storage import ExistingFile


class ChoiceButton(Button):
    """A choice with its key in the label and a › while focused (so Enter's target shows
    in text, not only by colour)."""

    def __init__(self, key: str, label: str, ident: str) -> None:
        self.caption = f"[{key}] {label}"
        super().__init__(self._label(focused=False), id=f"choice-{ident}")

    def _label(self, focused: bool) -> Text:
        # Text, not a str: "[r]" would be read as markup and vanish.
        return Text(f"{'›' if focused else ' '} {self.caption}")

    def on_focus(self) -> None:
        self.label = self._label(focused=True)

    def on_blur(self) -> None:
        self.label = self._label(focused=False)


class ChoiceDialog(ModalScreen[str]):
    """Ask one question; each choice is a (key, id, label). Escape picks ``cancel_id``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "app.focus_next", "Next choice", show=False),
        Binding("up", "app.focus_previous", "Previous choice", show=False),
    ]

    def __init__(
        self, title: str, message: str, choices: list[tuple[str, str, str]], cancel_id: str
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.cancel_id = cancel_id

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title")
            yield Static(self.message, id="dialog-message", markup=False)
            with Vertical(id="dialog-buttons"):
                for key, ident, label in self.choices:
                    yield ChoiceButton(key, label, ident)

    def on_mount(self) -> None:
        for key, ident, _ in self.choices:
            self._bindings.bind(key, f"choose('{ident}')", show=False, priority=True)
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_choose(self, ident: str) -> None:
        self.dismiss(ident)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_id)


QUIT = ("q", "quit", "Quit")
START_OVER = ("n", "new", "Start over (keep a backup)")


def existing_file_dialog(found: ExistingFile, path: Path, question_ids: list[str]) -> ChoiceDialog:
    """What to do with a response file already at ``path``: resume, view, start over, quit.

    Returns ``resume``, ``view``, ``new`` or ``quit``."""
    from assess.storage import Existing

    response = found.response
    if found.kind is Existing.IN_PROGRESS and response is not None:
        done = sum(1 for question_id in question_ids if question_id in response.answers)
        return ChoiceDialog(
            "Resume your answers?",
            f"{path} holds an unfinished survey: {done} of {len(question_ids)} questions "
            f"answered, last saved {response.updated_at:%Y-%m-%d %H:%M} UTC.",
            [("r", "resume", "Resume"), START_OVER, QUIT],
            cancel_id="quit",
        )
    if found.kind is Existing.COMPLETE and response is not None:
        return ChoiceDialog(
            "You have already finished this survey",
            f"{path} holds your completed answers "
            f"({response.completed_at or response.updated_at:%Y-%m-%d}).",
            [("v", "view", "View results"), START_OVER, QUIT],
            cancel_id="quit",
        )
    return ChoiceDialog(
        "This file is not yours to overwrite",
        f"{path}: {found.reason}. It will not be overwritten without your say-so.",
        [("n", "new", "Back it up and start new"), ("q", "quit", "Quit, leave it")],
        cancel_id="quit",
    )
