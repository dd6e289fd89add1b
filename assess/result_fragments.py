"""The pieces `assess score`'s JSON text is made of (``result_json``): JSON strings, the
texts of rounded numbers (a whole array at once), the layout of keys and lists, and the
fixed text of a role's entry (its gaps' and strengths' text per value)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import msgspec
import numpy as np
import numpy.typing as npt

from assess.model.questionnaire import LEVEL_NAMES, MAX_LEVEL
from assess.safetext import json_for_terminal
from assess.scoring.engine import TOLERANCE
from assess.scoring.plan import FloatArray
from assess.scoring.results import STRENGTH_LEVEL
from assess.team.forms import Form

_encode = msgspec.json.encode
Texts = npt.NDArray[np.object_]


_TEXTS: dict[str | None, str] = {None: "null"}
"""JSON strings made before: a team's name, a role, a date recur for many people."""


def json_text(value: str | None) -> str:
    """A JSON string (or null) that prints safely (``json_for_terminal``)."""
    made = _TEXTS.get(value)
    if made is not None:
        return made
    assert value is not None
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        made = f'"{value}"'  # (nothing to escape: the usual name, email or date)
    else:
        encoded = _encode(value).decode()
        made = encoded if encoded.isascii() else json_for_terminal(encoded)
    if len(_TEXTS) > 50_000:  # (memory stays bounded: names and e-mails are many)
        _TEXTS.clear()
        _TEXTS[None] = "null"
    _TEXTS[value] = made
    return made


class Numbers:
    """Floats as the JSON text of ``round(value, digits)`` (NaN as null), a whole array
    at once: the text of each multiple of 10^-digits within a range is made once, and a
    value's is looked up by ``rint(value * 10^digits)``. A value within 10^-6 of halfway
    (where that product's float error could round the other way) or out of the range is
    formatted one by one, as ``round`` does it."""

    def __init__(self, digits: int, low: float, high: float) -> None:
        self.digits = digits
        self.scale = 10.0**digits
        self.low = round(low * self.scale)
        high_k = round(high * self.scale)
        texts = [repr(round(k / self.scale, digits)) for k in range(self.low, high_k + 1)]
        self.high = high_k
        self.table = np.array([*texts, "null", "-0.0"], dtype=object)
        self.encoded_table = np.array([t.encode() for t in self.table], dtype=object)
        self._shown: dict[Callable[[str], str], Texts] = {}

    def __call__(self, values: FloatArray) -> list[Any]:
        """The texts, as (nested) lists shaped like ``values``."""
        listed: list[Any] = self.array(values).tolist()
        return listed

    def array(self, values: FloatArray, encoded: bool = False) -> Texts:
        """The texts, as an object array shaped like ``values`` (``encoded``: UTF-8)."""
        return self.mapped(values, None, encoded)

    def mapped(
        self, values: FloatArray, shown: Callable[[str], str] | None, encoded: bool = False
    ) -> Texts:
        """``shown(text)`` of each value's text (the text itself for None), made once per
        text of the range (``shown`` is kept: a few module functions)."""
        scaled = values * self.scale
        k = np.rint(scaled)
        index = np.where(np.isnan(k), len(self.table) - 2, 0)
        ok = ~np.isnan(k) & (k >= self.low) & (k <= self.high)
        index = np.where(ok, k - self.low, index).astype(np.intp)
        index[ok & (k == 0) & np.signbit(values)] = len(self.table) - 1  # -0.0
        table = self.encoded_table if encoded else self.table
        if shown is not None:
            table = self._shown.get(shown)  # type: ignore[assignment]
            if table is None:
                table = self._shown[shown] = np.array([shown(t) for t in self.table], dtype=object)
        texts: Texts = table[index]
        near_half = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6
        odd = ~np.isnan(k) & (~ok | near_half)
        if odd.any():
            made = [repr(round(float(v), self.digits)) for v in values[odd]]
            if shown is not None:
                made = [shown(t) for t in made]
            texts[odd] = [t.encode() for t in made] if encoded else made
        return texts


@functools.cache
def numbers() -> tuple[Numbers, Numbers, Numbers, Numbers]:
    """Rounded as results are (``scoring.results``): match to 1 digit, readiness to 2,
    levels, gaps and calibration to 3, coverage to 4."""
    return Numbers(1, -100, 100), Numbers(2, -100, 100), Numbers(3, -4, 20), Numbers(4, 0, 1)


SMALL_INTS = np.array([str(i) for i in range(1000)], dtype=object)


_ENCODED_INTS = np.array([t.encode() for t in SMALL_INTS], dtype=object)


def ints(values: npt.NDArray[Any], encoded: bool = False) -> Texts:
    """Non-negative counts as text (a table below 1000; ``encoded``: UTF-8)."""
    ints = values.astype(np.intp)
    if ints.size and (ints.max() >= len(SMALL_INTS) or ints.min() < 0):
        made = [str(v).encode() if encoded else str(v) for v in ints.ravel()]
        return np.array(made, dtype=object).reshape(ints.shape)
    texts: Texts = (_ENCODED_INTS if encoded else SMALL_INTS)[ints]
    return texts


def pick(which: Any, *texts: str | bytes) -> Texts:
    """``texts[which]`` per element: shared strings, none made per element."""
    picked: Texts = np.array(texts, dtype=object)[which.astype(np.intp)]
    return picked


def as_column(texts: list[str] | list[bytes]) -> Texts:
    return np.array(texts, dtype=object).reshape(-1, 1)


class Layout:
    """Line breaks and key separators: none (compact, one line) or as
    ``msgspec.json.format(indent=2)`` puts them for an item of the top-level array."""

    def __init__(self, indent: bool) -> None:
        self.ks = ": " if indent else ":"
        self.indent = indent

    def nl(self, depth: int) -> str:
        return "\n" + "  " * depth if self.indent else ""

    def key(self, depth: int, name: str, first: bool = False) -> str:
        """A key (with the separator before it unless it comes first in its object)."""
        return ("{" if first else ",") + self.nl(depth) + f'"{name}"' + self.ks


class RoleText:
    """The fixed text of one role's entry: its head, and per requirement (in order) the
    skill column, level, importance and the text around a gap's and a strength's numbers."""

    def __init__(self, form: Form, k: int, lay: Layout) -> None:
        q, plan = form.questionnaire, form.plan
        profile, key = q.roles[k], lay.key
        skills = {s.id: s for s in q.skills}
        head = (
            f"{key(4, 'role', True)}{json_text(profile.id)}{key(4, 'name')}"
            f"{json_text(profile.name)}{key(4, 'match')}"
        )
        # (the pieces, encoded: a result is joined as bytes)
        self.heads = ((lay.nl(3) + head).encode(), ("," + lay.nl(3) + head).encode())
        self.readiness, self.coverage = key(4, "readiness").encode(), key(4, "coverage").encode()
        self.weak = tuple(
            f"{key(4, 'weak_evidence')}{word}{key(4, 'gaps')}[".encode()
            for word in ("false", "true")
        )
        strengths = f"]{key(4, 'strengths')}["
        self.after_gaps = (strengths.encode(), (lay.nl(4) + strengths).encode())  # (no gap, some)
        self.end = (f"]{lay.nl(3)}}}".encode(), f"{lay.nl(4)}]{lay.nl(3)}}}".encode())
        self.first, self.later = lay.nl(5).encode(), ("," + lay.nl(5)).encode()
        self.made: list[dict[float | None, tuple[bytes, bytes]]] = []
        """Per requirement, a gap's and a strength's text per value (None: NaN)."""
        self.columns: list[int] = []
        self.levels: list[float] = []
        self.importance: list[float] = []
        self.gap_texts: list[tuple[str, str, list[str]]] = []  # head, middle, next levels
        self.strength_texts: list[tuple[str, str]] = []
        for skill_id, need in profile.requirements.items():
            skill = skills[skill_id]
            column = plan.skill_ids.index(skill_id)
            self.columns.append(column)
            self.made.append({})
            self.levels.append(float(plan.required[k][column]))
            self.importance.append(float(plan.importance[k][column]))
            named = (
                f"{key(6, 'skill', True)}{json_text(skill_id)}"
                f"{key(6, 'skill_name')}{json_text(skill.name)}"
            )
            nexts = [
                f"{key(6, 'next_level')}{level}{key(6, 'next_level_name')}"
                f"{json_text(LEVEL_NAMES[level])}{key(6, 'next_descriptor')}"
                f"{json_text(skill.levels.as_list()[level])}{lay.nl(5)}}}"
                for level in range(MAX_LEVEL + 1)
            ]
            self.gap_texts.append(
                (
                    f"{named}{key(6, 'area')}{json_text(skill.area)}{key(6, 'current')}",
                    f"{key(6, 'required')}{need.level}{key(6, 'importance')}"
                    f"{need.importance}{key(6, 'weighted_gap')}",
                    nexts,
                )
            )
            self.strength_texts.append(
                (f"{named}{key(6, 'current')}", f"{key(6, 'required')}{need.level}{lay.nl(5)}}}")
            )

    def texts(self, j: int, value: float, text: str) -> tuple[bytes, bytes]:
        """Requirement j's gap and strength text (blank if none) for a skill of ``value``
        (whose text is ``text``), as ``role_gaps`` finds them."""
        if len(self.made[j]) > 10_000:  # (memory stays bounded)
            self.made[j].clear()
        level, importance = self.levels[j], self.importance[j]
        short = level - (0.0 if math.isnan(value) else value)
        if level > 0 and short > TOLERANCE:
            head, middle, nexts = self.gap_texts[j]
            weighted = repr(round(importance * short, 3))  # (as Numbers writes it)
            nxt = min(MAX_LEVEL, math.floor(0.0 if math.isnan(value) else value) + 1)
            return (head + text + middle + weighted + nexts[nxt]).encode(), b""
        if value >= STRENGTH_LEVEL - TOLERANCE:
            s_head, s_tail = self.strength_texts[j]
            return b"", (s_head + text + s_tail).encode()
        return b"", b""
