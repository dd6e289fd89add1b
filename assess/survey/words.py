"""The survey's vocabulary for counting answers, shared by every view.

"answered" (a level, an option or "I don't know"), "skipped" (not applicable: a skipped
self-rating and the knowledge checks that go with it) and "not answered" (not reached, or
left open): the exit message, the review, the results screen, ``assess score`` and the
report all say it this way.
"""

from __future__ import annotations


def counts_line(answered: int, skipped: int, not_answered: int) -> str:
    """``"12 answered, 1 skipped, 3 not answered"``."""
    return f"{answered} answered, {skipped} skipped, {not_answered} not answered"
