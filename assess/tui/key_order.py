"""How a burst of keys keeps its order: every rule in one place.

Textual hands an ordinary key to a widget's own message queue, to be acted on later. In
a fast burst ("Ada<Enter>3", or "r", "up", "enter", "4"), the keys behind one that changes
screens would then already have gone to the old screen, or to a screen not drawn yet,
and be lost. So, in this app:

1. Keys that act on the survey are **priority bindings** of each screen: the app runs
   them as it reads each key, so a screen change happens before the next key is read.
2. **Held until ready**: from start-up until the first screen can take keys, and from
   each push of a screen of ours (``TakesKeys``) until that screen says it is ready
   (``ReadyForKeys``, posted at the end of its ``on_mount``), the app holds every key it
   reads and then replays them, in order. Type-ahead typed before the first frame is
   kept this way, and so are keys typed while a dialog or question is being drawn. A
   dialog's answer reaches the flow a moment after the key that chose it (Textual calls
   the result back next), so the keys behind that key are held until the flow has acted
   on it (``hold_after_choice``, ``chosen``).
3. **Typing into a text field** is applied by the app as it reads each key
   (``type_into``), not through the field's queue, so Enter (a priority binding) can
   never overtake the letters before it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


class TakesKeys:
    """A screen that posts ``ReadyForKeys`` once it can act on keys (``announce_ready``
    at the end of its ``on_mount``); the app holds keys from its push until then."""

    def announce_ready(self) -> None:
        assert isinstance(self, Screen)
        self.post_message(ReadyForKeys(self))


class ReadyForKeys(Message):
    """A screen of ours is mounted and can take keys (bubbles to the app)."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen = screen


_STARTUP = object()
"""Waiting for the first screen, whichever it is."""

_CHOSEN = object()
"""A dialog's choice was made, and the flow has not acted on it yet."""

Dispatch = Callable[[events.Key], Awaitable[None]]


class KeyOrder:
    """The app's hold on keys while a screen is not ready (rule 2)."""

    def __init__(self) -> None:
        self._held: deque[events.Key] = deque()
        self._waiting_for: object | None = _STARTUP

    def hold(self, event: events.Key) -> bool:
        """Keep ``event`` for later if a screen is not ready yet; True if kept."""
        if self._waiting_for is None and not self._held:
            return False
        self._held.append(event)
        return True

    def wait_for(self, screen: Screen[Any]) -> None:
        """``screen`` was just shown: hold keys until it is ready (if it says so)."""
        if isinstance(screen, TakesKeys):
            self._waiting_for = screen

    def hold_after_choice(self) -> None:
        """A dialog was answered: its result reaches the flow a moment later (Textual
        calls it next), so hold the keys behind the choice until ``chosen`` (or until the
        screen the flow shows is ready)."""
        self._waiting_for = _CHOSEN

    async def chosen(self, dispatch: Dispatch) -> None:
        """The flow has acted on a dialog's choice: if it showed no new screen that will
        say when it is ready, replay the keys held since."""
        if self._waiting_for is _CHOSEN:
            await self._replay(dispatch)

    async def ready(self, screen: Screen[Any], dispatch: Dispatch) -> None:
        """``screen`` can take keys: replay those held, in order, until one of them
        shows another screen that is not ready yet."""
        if self._waiting_for is not _STARTUP and self._waiting_for is not screen:
            return
        await self._replay(dispatch)

    async def _replay(self, dispatch: Dispatch) -> None:
        self._waiting_for = None
        while self._held and self._waiting_for is None:
            await dispatch(self._held.popleft())


_EDITING: dict[str, Callable[[Input], None]] = {
    "backspace": Input.action_delete_left,
    "delete": Input.action_delete_right,
    "left": Input.action_cursor_left,
    "right": Input.action_cursor_right,
    "home": Input.action_home,
    "end": Input.action_end,
}


def type_into(focused: Widget | None, event: events.Key) -> bool:
    """Apply a key to the focused text field now, in arrival order (rule 3); True if it
    was typing or editing. Enter and everything else go on to the bindings."""
    if not isinstance(focused, Input):
        return False
    if event.key in _EDITING:
        _EDITING[event.key](focused)
    elif event.is_printable and event.character:
        focused.insert_text_at_cursor(event.character)
    else:
        return False
    return True
