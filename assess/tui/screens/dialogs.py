"""A modal question with a few keyed choices; returns the chosen id via ``dismiss``."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assess.survey.asks import Ask
from assess.tui.key_order import TakesKeys


class ChoiceButton(Button):
    """A choice with its key in the label and a › while focused (so Enter's target shows
    in text, not only by colour)."""

    def __init__(self, key: str, label: str, ident: str) -> None:
        self.caption = f"[{key}] {label}"
        self.ident = ident
        super().__init__(self._label(focused=False), id=f"choice-{ident}")

    def _label(self, focused: bool) -> Text:
        # Text, not a str: "[r]" would be read as markup and vanish.
        return Text(f"{'›' if focused else ' '} {self.caption}")

    def on_focus(self) -> None:
        self.label = self._label(focused=True)

    def on_blur(self) -> None:
        self.label = self._label(focused=False)


class ChoiceDialog(TakesKeys, ModalScreen[str]):
    """Ask one question (an ``Ask``): each choice has a key; Escape picks ``cancel_id``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        # Priority, like the keyed choices: the dialog is gone before the next key is read.
        Binding("enter", "press_focused", "Choose", show=False, priority=True),
        Binding("down", "app.focus_next", "Next choice", show=False),
        Binding("up", "app.focus_previous", "Previous choice", show=False),
    ]

    def __init__(self, ask: Ask, on_choice: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._on_choice = on_choice
        """Called as a choice is made, before the answer goes out (the app holds the keys
        typed behind it until the flow has acted on the choice)."""
        self.title_text = ask.title
        self.message = ask.message
        self.choices = ask.choices
        self.cancel_id = ask.cancel_id

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
        self.set_focus(self.query(Button).first())
        self.announce_ready()

    def dismiss(self, result: str | None = None) -> AwaitComplete:
        if self._on_choice is not None:
            self._on_choice()
        return super().dismiss(result)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_press_focused(self) -> None:
        if isinstance(self.focused, ChoiceButton):
            self.dismiss(self.focused.ident)

    def action_choose(self, ident: str) -> None:
        self.dismiss(ident)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_id)
