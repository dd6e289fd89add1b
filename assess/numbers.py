"""How a number is shown to people: one rule for every screen, report and table.

A value that rounds to zero is shown without a minus sign: "-0" reads as a loss where there
is none (a match of -0.3 is "+0", a change of -0.04 is "0.0")."""

from __future__ import annotations

_NONZERO = frozenset("123456789")


def shown(value: float | None, spec: str, missing: str = "—") -> str:
    """``value`` formatted by ``spec`` (Python's format mini-language), ``missing`` for
    None or NaN, and never a negative zero."""
    if value is None or value != value:  # NaN is never equal to itself
        return missing
    text = format(value, spec)
    if text.startswith("-") and not _NONZERO.intersection(text):
        return ("+" if "+" in spec else "") + text[1:]
    return text
