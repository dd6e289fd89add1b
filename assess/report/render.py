"""Render built reports to one self-contained HTML file (Jinja2, autoescaped).

Both reports carry plotly.js once, packed: LZMA-compressed (4.8 MB -> 1.1 MB) and written
7 bits per character (``pack_text``), in a ``<script type="application/x-assess-packed">``
element that the page's own script (``static/unpack.js``) decodes and starts; nothing is
fetched. Charts wait for it (``assessCharts.add``); without JavaScript, or if unpacking
fails, every chart says so and the tables still hold every number. Figures are embedded as
JSON with stable div ids, so the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from assess.model.questionnaire import LEVEL_NAMES
from assess.numbers import shown
from assess.report.build import PersonalReport

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
}

PACK_ILLEGAL = (0x00, 0x0D, 0x3C)
"""7-bit values never written as themselves: NUL (an HTML parser replaces it), CR (it
becomes LF) and "<" (it could close the script element). Each goes out as a character
from U+0080 up that also carries the next 7 bits; ``static/unpack.js`` mirrors this."""
PACK_VERSION = "lzma-alone-6/text7-1"
"""Changes whenever the packed form changes, so a cached bundle of another form is unused."""


@cache
def plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def pack_text(data: bytes) -> str:
    """``data`` as text, 7 bits per character, safe inside a ``<script>`` element.

    The bytes are read as one bit string, cut into 7-bit values (the last padded with
    zeros); a value in ``PACK_ILLEGAL`` and the value after it become one character
    ``(index + 1) << 7 | next``, every other value is the character with that code."""
    import numpy as np

    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
    bits = np.concatenate([bits, np.zeros(-len(bits) % 7, dtype=np.uint8)])
    values = bits.reshape(-1, 7).astype(np.uint32) @ (1 << np.arange(6, -1, -1, dtype=np.uint32))
    marker = np.zeros(128, dtype=np.uint32)
    marker[list(PACK_ILLEGAL)] = np.arange(1, len(PACK_ILLEGAL) + 1)
    starts: list[int] = []
    last = -2
    for i in np.flatnonzero(marker[values]).tolist():  # ~2% of the values
        if i != last + 1:  # not the value a pair just carried
            starts.append(i)
            last = i
    codes = values.copy()
    if starts:
        at = np.array(starts)
        following = np.append(values, 0)[at + 1]  # the last value pairs with a zero
        codes[at] = marker[values[at]] << 7 | following
        keep = np.ones(len(values), dtype=bool)
        keep[at[at + 1 < len(values)] + 1] = False
        codes = codes[keep]
    return codes.astype("<u4").tobytes().decode("utf-32-le")


def unpack_text(text: str, size: int) -> bytes:
    """The inverse of ``pack_text`` (tests and the cache check use it; pages use unpack.js)."""
    bits: list[str] = []
    for char in text:
        code = ord(char)
        if code < 128:
            bits.append(f"{code:07b}")
        else:
            bits.append(f"{PACK_ILLEGAL[(code >> 7) - 1]:07b}{code & 127:07b}")
    stream = "".join(bits)[: size * 8]
    return int(stream, 2).to_bytes(size, "big") if size else b""


@dataclass(frozen=True)
class Packed:
    """plotly.js as it goes into a page."""

    text: str
    """The LZMA stream, 7 bits per character."""
    packed_size: int
    """Bytes of the LZMA stream."""
    size: int
    """Bytes of plotly.js (UTF-8)."""


def _cache_file(source: bytes) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    key = hashlib.sha256(PACK_VERSION.encode() + b"\0" + source).hexdigest()[:32]
    return Path(base) / "assess" / "plotly" / f"{key}.txt"


def _read_cached(path: Path) -> Packed | None:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            header, text = handle.read().split("\n", 1)
        size, packed_size, digest = header.split(" ")
        if hashlib.sha256(text.encode()).hexdigest() != digest:
            return None
        return Packed(text, int(packed_size), int(size))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _write_cached(path: Path, packed: Packed) -> None:
    digest = hashlib.sha256(packed.text.encode()).hexdigest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(f"{packed.size} {packed.packed_size} {digest}\n{packed.text}")
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


@cache
def packed_plotly() -> Packed:
    """plotly.js, LZMA-compressed and packed as text. Compressing takes about 3 s, so the
    result is cached on disk (``$XDG_CACHE_HOME/assess/plotly``, keyed by a hash of the
    bundle; ``ASSESS_NO_CACHE=1`` skips it)."""
    source = plotly_js().encode("utf-8")
    use_cache = not os.environ.get("ASSESS_NO_CACHE")
    path = _cache_file(source)
    if use_cache and (hit := _read_cached(path)) is not None and hit.size == len(source):
        return hit
    stream = lzma.compress(source, format=lzma.FORMAT_ALONE, preset=6)
    packed = Packed(pack_text(stream), len(stream), len(source))
    if use_cache:
        _write_cached(path, packed)
    return packed


@cache
def _static(name: str) -> str:
    return files("assess.report").joinpath("static", name).read_text(encoding="utf-8")


def _inline_script(code: str) -> Markup:
    if "</" in code or "<!--" in code:
        raise ValueError("an inline script must not contain '</' or '<!--'")
    return Markup(f"<script>{code}</script>")


def chart_head() -> Markup:
    """The page's first script: marks that JavaScript runs and queues chart drawing until
    plotly.js is unpacked."""
    return _inline_script(_static("charts.js"))


def plotly_bundle() -> Markup:
    """plotly.js, packed, and the script that unpacks it: the last thing in the body."""
    packed = packed_plotly()
    return Markup(
        f'<script type="application/x-assess-packed" id="assess-plotly" '
        f'data-size="{packed.size}" data-packed-size="{packed.packed_size}">'
        f"{packed.text}</script>\n"
    ) + _inline_script(_static("unpack.js"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("assess.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["level"] = level_text
    env.filters["level_name"] = lambda value: LEVEL_NAMES[min(4, int(value))]
    env.filters["pct"] = lambda value: f"{value:.0%}"
    env.filters["count"] = lambda value: f"{int(value):,}"  # 100,000 reads at a glance
    env.filters["signed"] = lambda value: shown(value, "+.0f")
    env.filters["num"] = shown
    return env


def level_text(value: float | None) -> str:
    if value is None:
        return "not assessed"
    return f"{value:.1f} ({LEVEL_NAMES[min(4, int(value))]})"


def _json(value: Any) -> str:
    """JSON that no text can close a script with."""
    payload = json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_html(figure: dict[str, Any], div_id: str, label: str = "") -> Markup:
    """A figure as a div plus a script that draws it once plotly.js is unpacked."""
    config = json.dumps(PLOTLY_CONFIG, sort_keys=True)
    aria = f' aria-label="{Markup.escape(label)}"' if label else ""
    return Markup(
        f'<div id="{div_id}" class="chart" role="img"{aria}>'
        '<noscript><p class="chart-off">This chart needs JavaScript; '
        "the table below holds the same numbers.</p></noscript></div>\n"
        f"<script>assessCharts.add(function(){{var f={_json(figure)};"
        f'Plotly.newPlot("{div_id}",f.data,f.layout,{config});}});</script>'
    )


def render_page(template: str, **context: Any) -> str:
    """Render a report template with the chart scripts both reports share."""
    return (
        environment()
        .get_template(template)
        .render(chart_head=chart_head(), plotly_bundle=plotly_bundle(), **context)
    )


def render_personal(report: PersonalReport) -> str:
    since = report.since
    return render_page(
        "personal.html.j2",
        r=report,
        result=report.result,
        radar_html=figure_html(report.radar, "assess-radar", "Radar chart of your skills"),
        fit_html=figure_html(report.fit_chart, "assess-fit", "Match with each role"),
        since_html=figure_html(
            since.chart, "assess-history", "Readiness and match over your assessments"
        )
        if since is not None and since.chart is not None
        else "",
        personal_js=_inline_script(_static("personal.js")),
        level_names=LEVEL_NAMES,
    )
