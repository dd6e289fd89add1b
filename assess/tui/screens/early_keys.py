"""Keys that must keep their order across screen changes.

Textual hands an ordinary key to the screen on top *when the app reads it*; the screen
acts on it later, in its own queue. In a burst ("r", "down", "enter", "4"), the keys
behind one that changes screens have then already gone to the old screen, and are lost.
Priority bindings run as the app reads each key, so a screen change happens before the
next key is handed out. But a screen just pushed may not have drawn itself yet: actions
decorated with ``once_ready`` wait for ``ready()`` and then run in the order they came.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any, TypeVar

Action = TypeVar("Action", bound=Callable[..., None])


class EarlyKeys:
    """Mixin for a screen whose priority-bound actions are decorated with ``once_ready``."""

    _is_ready = False

    def ready(self) -> None:
        """The screen can act on keys now: run those that came early, in order."""
        self._is_ready = True
        for action in self.__dict__.pop("_early", []):
            action()


def once_ready(action: Action) -> Action:
    @wraps(action)
    def run(self: EarlyKeys, *args: Any) -> None:
        if self._is_ready:
            action(self, *args)
        else:
            self.__dict__.setdefault("_early", []).append(partial(action, self, *args))

    return run  # type: ignore[return-value]
