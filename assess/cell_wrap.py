"""Plain text wrapped as rich wraps it, without rich's layout: the lines of
``assess score -f table`` (``result_table``) are wrapped here, at some microseconds a
line, and rich's own break rule (``rich._wrap``) decides where they break."""

from __future__ import annotations

import re

from rich._wrap import divide_line
from rich._wrap import re_word as _WORD
from rich.cells import cell_len, set_cell_size

_EMOJI_LIKE = re.compile(r":\S*?:")

_ONE_CELL: set[str] = set()
"""Characters seen to take one cell each (the text of results uses a handful)."""


def one_cell_each(text: str) -> bool:
    """Whether every character of ``text`` takes one cell (then a cell count is a length)."""
    if text.isascii() and text.isprintable():
        return True
    new = set(text) - _ONE_CELL
    for char in new:
        if cell_len(char) != 1 or not char.isprintable():
            return False
        _ONE_CELL.add(char)
    return True


def _breaks(text: str, width: int) -> list[int]:
    """``rich._wrap.divide_line(text, width, fold=True)``: the same break offsets, found
    with lengths for a text of one-cell characters (its cost is in measuring words)."""
    if not one_cell_each(text):
        return divide_line(text, width, fold=True)
    breaks = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # (a word folded over lines: as rich does it)
            return divide_line(text, width, fold=True)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


_WRAPPED: dict[tuple[str, int], list[str] | None] = {}
"""Lines wrapped before: a gap's "next" line or a calibration line recurs for many people."""


def wrapped(text: str, width: int) -> list[str] | None:
    """``text`` in lines as rich prints a plain string at ``width`` cells; None when rich
    would do more than wrap it (a tab, a line end, an emoji code)."""
    key = (text, width)
    got = _WRAPPED.get(key, _MISSING)
    if got is _MISSING:
        if len(_WRAPPED) > 20_000:  # (memory stays bounded: some MB)
            _WRAPPED.clear()
        got = _WRAPPED[key] = _wrap(text, width)
    return got


_MISSING: list[str] = []


def _wrap(text: str, width: int) -> list[str] | None:
    if "\t" in text or "\n" in text or "\r" in text or _EMOJI_LIKE.search(text):
        return None
    if (len(text) if one_cell_each(text) else cell_len(text)) <= width:
        return [text]
    lines = []
    start = 0
    for end in [*_breaks(text, width), len(text)]:
        line = text[start:end]
        start = end
        if len(line) > width:  # (rich drops trailing spaces beyond the width)
            stripped = line.rstrip()
            line = line[: len(line) - min(len(line) - len(stripped), len(line) - width)]
        if cell_len(line) > width:
            line = set_cell_size(line, width)
        lines.append(line)
    return lines
