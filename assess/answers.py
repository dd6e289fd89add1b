"""The answer vocabulary, as plain values shared by the models and the screens.

Kept free of pydantic so the first screen of ``assess take`` can be drawn before the
models are imported (see ``assess.brief``).
"""

from __future__ import annotations

from typing import Final, Literal

SKIP: Final = "skip"
"""Answer value for "not applicable / skip": missing, never 0."""
DONT_KNOW: Final = "dont_know"
"""Answer value for "I don't know" on a knowledge check: an answer scoring 0."""

Answer = int | Literal["skip", "dont_know"]
"""Rating: the level 0-4. Choice: the 0-based option index, or ``dont_know``. Any: ``skip``."""

LEVEL_NAMES: tuple[str, ...] = ("none", "aware", "working", "practitioner", "expert")
"""Names of the proficiency levels 0-4, in order."""
