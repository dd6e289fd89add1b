"""Untrusted text made safe for where it is shown: a terminal, a spreadsheet, a chart.

Names, teams, e-mails, answer keys, file names and questionnaire texts come from forms and
from other people's files. They are data, never instructions: no terminal escape sequence
(which can set the clipboard, the window title or clear the screen), no spreadsheet
formula, no chart markup may come through. These are the only rules for that; every
output calls them.

Plain functions on ``str``, no imports beyond the standard library: the core can use them.
"""

from __future__ import annotations

import re

# Control characters (C0, DEL, C1), line and paragraph separators, the bidirectional
# controls that can reorder what a reader sees ("Trojan Source"), and lone surrogates
# (bytes of a file name that are not UTF-8), which no terminal or file can encode.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_KEEPING_NEWLINES = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_FORMULA_START = ("=", "+", "-", "@")
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def for_terminal(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``ESC`` as ``\\x1b``,
    a tab as ``\\t``): it prints as written and cannot drive the terminal.

    ``keep_newlines`` keeps line feeds, for messages of several lines put together by
    assess itself (any carriage return, which could overwrite a line, is still escaped).
    """
    if text.isprintable():  # the usual case: nothing to do (isprintable is C-fast)
        return text
    pattern = _UNSAFE_KEEPING_NEWLINES if keep_newlines else _UNSAFE
    return pattern.sub(_escape, text)


def for_spreadsheet(value: object) -> object:
    """A cell value that a spreadsheet shows as text and never runs as a formula.

    Text gets its control characters escaped (see ``for_terminal``) and, when it starts
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any spaces), a
    leading ``'`` (OWASP's advice against CSV injection). Numbers and ``None`` are kept.
    """
    if not isinstance(value, str) or not value:
        return value
    text = for_terminal(value)
    first = value.lstrip(" ")[:1]
    if first in _FORMULA_START or first in ("\t", "\r"):
        return "'" + text
    return text


def for_plotly(text: str) -> str:
    """A chart label that Plotly draws as written: Plotly renders a little HTML in
    labels (``<a href>``, ``<b>``, ``<br>``, entities), so ``&``, ``<`` and ``>`` become
    entities, which it shows as the characters; control characters are escaped."""
    text = for_terminal(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_for_terminal(text: str) -> str:
    """JSON text made by ``json.dumps(..., ensure_ascii=False)`` (which escapes C0 but
    not C1 controls or bidirectional marks) with those written as ``\\u`` escapes too:
    the same JSON value, safe to print."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out: a reason or a
    label quoting a 4 MB answer key stays readable and small."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def path_text(path: str) -> str:
    """A path as text that can be written anywhere: bytes of a file name that are not
    UTF-8 (which Python keeps as lone surrogates) become U+FFFD."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
