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

EMAIL_PATTERN: Final = r"[^@\s]+@[^@\s]+"
"""What an e-mail address must look like (anchored at both ends where it is used)."""

LEVEL_NAMES: tuple[str, ...] = ("none", "aware", "working", "practitioner", "expert")
"""Names of the proficiency levels 0-4, in order."""


def option_order(seed: int | None, question_id: str, count: int) -> list[int]:
    """The order (authored option indices) in which a respondent sees a check's options.

    A permutation fixed by the response's ``option_seed`` and the question id, so resume,
    review and reports show the same order; ``None`` keeps the authored order. Sorting by
    a SHA-256 of (seed, question, option) keeps it independent of Python's ``random``.
    """
    if seed is None:
        return list(range(count))
    from hashlib import sha256

    def key(index: int) -> bytes:
        return sha256(f"{seed}:{question_id}:{index}".encode()).digest()

    return sorted(range(count), key=key)


def new_option_seed() -> int:
    """A fresh seed for a new response's option order (0 <= seed < 2**32). From
    ``os.urandom``: the survey draws one before its first screen, and ``secrets`` would
    import ``hmac`` and ``random`` there."""
    import os

    return int.from_bytes(os.urandom(4), "big")


def counts_line(answered: int, skipped: int, not_answered: int) -> str:
    """How every view counts answers: ``"12 answered, 1 skipped, 3 not answered"``.

    "answered" (a level, an option or "I don't know"), "skipped" (not applicable: a skipped
    self-rating and the knowledge checks that go with it) and "not answered" (not reached,
    or left open): the exit message, the review, the results screen, ``assess score`` and
    the report all say it this way."""
    return f"{answered} answered, {skipped} skipped, {not_answered} not answered"
