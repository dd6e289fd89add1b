"""A modal question with a few keyed choices; returns the chosen id via ``dismiss``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceDialog(ModalScreen[str]):
    """Ask one question; each choice is a (key, id, label). Escape picks ``cancel_id``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

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
            with Horizontal(id="dialog-buttons"):
                for key, ident, label in self.choices:
                    yield Button(f"[{key}] {label}", id=f"choice-{ident}")

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
