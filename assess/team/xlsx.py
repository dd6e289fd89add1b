"""A workbook written straight from Arrow tables: the sheets' XML made a column at a time by
Arrow's string kernels (no Python object per cell) and streamed into the zip file, which
a second thread compresses meanwhile.

An XLSX file is a zip of XML parts (ECMA-376, SpreadsheetML). This writes the few that a
workbook of plain tables needs: each sheet's rows (numbers as numbers, text as shared
strings, never formulas; an empty cell for a missing value), the shared strings, one
bold style for the header row, the workbook with its sheet names, and the parts'
relationships and content types. 10k people's tables (about 5M cells) take a few
seconds, where writing a cell at a time took a minute; memory stays flat (one table
part, in slices of rows, at a time).

Text is XML-escaped here; what it says was made spreadsheet-safe before
(``safetext.for_spreadsheet``: a leading ``'`` before ``=``, control characters escaped).
Characters XML cannot hold at all are written as Excel's ``_xHHHH_`` escapes.
"""

from __future__ import annotations

import queue
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    import pyarrow as pa

EXCEL_MAX_ROWS = 1_048_576
"""Rows in an Excel sheet, header included; longer tables continue on "name (2)" etc."""
MAX_TEXT = 32_767
"""Characters in an Excel cell."""
SLICE_ROWS = 50_000
"""Rows turned into XML together."""

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_SHEET_HEAD = (_XML + f'<worksheet xmlns="{_NS}" xmlns:r="{_REL}"><sheetData>').encode()
_SHEET_TAIL = b"</sheetData></worksheet>"
_STYLES = (
    _XML + f'<styleSheet xmlns="{_NS}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
# Characters XML 1.0 cannot hold (tab and line feed it can; a carriage return it would
# read back as a line feed).
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")

Parts = Callable[[], Iterator["pa.Table"]]


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _excel_text(text: str) -> str:
    """A text as a shared string's XML: clipped to what a cell holds, Excel's escape
    sequences kept as text, characters XML cannot hold escaped, then XML-escaped."""
    text = text[:MAX_TEXT]
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    if _NOT_XML.search(text):
        text = _NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return escape(text)


class SharedStrings:
    """The workbook's table of distinct texts: a text cell holds its number here, so a
    name on 60 rows of gaps is written once."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.cells = 0

    def cells_of(self, values: pa.Array, refs: list[pa.Array]) -> pa.Array:
        """``<c r="B2" t="s"><v>7</v></c>`` per value; "" for a null."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        encoded = pc.dictionary_encode(values.cast(pa.string()))
        numbers = self.numbers
        setdefault = numbers.setdefault
        distinct = [setdefault(text, len(numbers)) for text in encoded.dictionary.to_pylist()]
        table = pa.array(np.asarray(distinct, dtype=np.int64)).cast(pa.string())
        texts = table.take(encoded.indices)  # (a null index stays null)
        self.cells += len(values) - values.null_count
        cells = pc.binary_join_element_wise(*refs, '" t="s"><v>', texts, "</v></c>", "")
        return pc.fill_null(cells, "")

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_excel_text(text)}</t></si>' for text in self.numbers
        )
        return (
            _XML + f'<sst xmlns="{_NS}" count="{self.cells}" uniqueCount="{len(self.numbers)}">'
            f"{items}</sst>"
        )


def _number_cells(values: pa.Array, refs: list[pa.Array]) -> pa.Array:
    """``<c r="B2"><v>1.5</v></c>`` per finite number; "" for a null, NaN or infinity."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_floating(values.type):
        values = pc.if_else(pc.is_finite(values), values, pa.scalar(None, values.type))
    text = values.cast(pa.string())
    cells = pc.binary_join_element_wise(*refs, '"><v>', text, "</v></c>", "")
    return pc.fill_null(cells, "")


def _flag_cells(values: pa.Array, refs: list[pa.Array]) -> pa.Array:
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.if_else(values, pa.scalar("1"), pa.scalar("0"))
    cells = pc.binary_join_element_wise(*refs, '" t="b"><v>', text, "</v></c>", "")
    return pc.fill_null(cells, "")


def _rows_xml(table: pa.Table, first_row: int, strings: SharedStrings) -> memoryview:
    """The ``<row>`` elements of ``table``, its first row numbered ``first_row``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    numbers = pa.array(np.arange(first_row, first_row + table.num_rows, dtype=np.int64))
    row_numbers = numbers.cast(pa.string())
    parts: list[pa.Array] = [pc.binary_join_element_wise('<row r="', row_numbers, '">', "")]
    for j, column in enumerate(table.columns):
        values = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        refs = [pa.scalar(f'<c r="{column_letters(j)}'), row_numbers]
        kind = values.type
        if pa.types.is_boolean(kind):
            parts.append(_flag_cells(values, refs))
        elif pa.types.is_integer(kind) or pa.types.is_floating(kind):
            parts.append(_number_cells(values, refs))
        elif pa.types.is_null(kind):
            continue
        else:
            parts.append(strings.cells_of(values, refs))
    parts.append(pa.scalar("</row>"))
    rows = pc.binary_join_element_wise(*parts, "")
    return _bytes(rows)


def _bytes(strings: pa.Array) -> memoryview:
    """The UTF-8 bytes of a string array without nulls, end to end."""
    import numpy as np
    import pyarrow as pa

    if len(strings) == 0:
        return memoryview(b"")
    width = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    _, offsets_buffer, data = strings.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=width)
    start, end = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return memoryview(data)[start:end]


def _header_xml(names: list[str]) -> bytes:
    cells = "".join(
        f'<c r="{column_letters(j)}1" s="1" t="inlineStr"><is><t xml:space="preserve">'
        f"{escape(name)}</t></is></c>"
        for j, name in enumerate(names)
    )
    return f'<row r="1">{cells}</row>'.encode()


class _Background:
    """Runs the zip writes (compression, mostly) in a second thread, in order, while the
    next rows are made: zlib and Arrow's kernels both let go of the GIL."""

    def __init__(self) -> None:
        self.jobs: queue.Queue[Callable[[], object] | None] = queue.Queue(maxsize=3)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="xlsx-zip", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.error is None:
                try:
                    job()
                except BaseException as exc:  # (handed to the caller: a full disk)
                    self.error = exc

    def do(self, job: Callable[[], object]) -> None:
        if self.error is not None:
            raise self.error
        self.jobs.put(job)

    def close_quietly(self) -> None:
        """Stop after the jobs queued (the caller has an error of its own to raise)."""
        self.error = self.error or RuntimeError("stopped")
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()

    def close(self) -> None:
        """Wait for every job; raise the first one's error."""
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()
        if self.error is not None:
            raise self.error


class _Book:
    def __init__(self, archive: zipfile.ZipFile, max_rows: int, background: _Background) -> None:
        self.archive = archive
        self.max_rows = max_rows
        self.sheets: list[str] = []
        self.strings = SharedStrings()
        self.background = background
        self._out: IO[bytes] | None = None

    def _part(self, name: str, text: str) -> None:
        """A part written whole, dated as the sheets are (1980-01-01, the zip format's
        first day): the same tables make the same bytes, whenever they are written."""
        part = zipfile.ZipInfo(name)
        part.external_attr = 0o600 << 16
        self.archive.writestr(part, text, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)

    def write_sheet(self, name: str, parts: Parts) -> None:
        """One table on as many sheets as its rows need (``name``, ``name (2)``...)."""
        per_sheet = self.max_rows - 1  # the header takes a row
        header: list[str] = []
        row = per_sheet
        number = 0
        for table in parts():
            header = table.column_names
            start = 0
            while start < table.num_rows:
                if row == per_sheet:
                    if number:
                        self._end()
                    number += 1
                    self._start(name if number == 1 else f"{name} ({number})", header)
                    row = 0
                take = min(table.num_rows - start, per_sheet - row, SLICE_ROWS)
                self._write(_rows_xml(table.slice(start, take), row + 2, self.strings))
                row += take
                start += take
        if not number:  # an empty table: the header alone
            self._start(name, header)
        self._end()

    def _start(self, name: str, header: list[str]) -> None:
        self.sheets.append(name)
        part = f"xl/worksheets/sheet{len(self.sheets)}.xml"

        def start() -> None:
            self._out = self.archive.open(part, "w", force_zip64=True)
            self._out.write(_SHEET_HEAD)
            self._out.write(_header_xml(header))

        self.background.do(start)

    def _write(self, data: memoryview) -> None:
        def write() -> None:
            assert self._out is not None
            self._out.write(data)

        self.background.do(write)

    def _end(self) -> None:
        def end() -> None:
            assert self._out is not None
            self._out.write(_SHEET_TAIL)
            self._out.close()
            self._out = None

        self.background.do(end)

    def finish(self) -> None:
        n = len(self.sheets)
        sheets = "".join(
            f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(self.sheets, start=1)
        )
        self._part(
            "xl/workbook.xml",
            _XML + f'<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>{sheets}</sheets></workbook>',
        )
        relations = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        relations += f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        relations += (
            f'<Relationship Id="rId{n + 2}" Type="{_REL}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
        self._part(
            "xl/_rels/workbook.xml.rels",
            _XML + f'<Relationships xmlns="{_PKG_REL}">{relations}</Relationships>',
        )
        self._part("xl/styles.xml", _STYLES)
        self._part("xl/sharedStrings.xml", self.strings.xml())
        self._part(
            "_rels/.rels",
            _XML + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{kind}.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        self._part(
            "[Content_Types].xml",
            _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{kind}.sharedStrings+xml"/>'
            f"{overrides}</Types>",
        )


def write_workbook(
    path: Path, sheets: list[tuple[str, Parts]], max_rows: int = EXCEL_MAX_ROWS
) -> None:
    """Write ``sheets`` (name, a function giving the table in parts) to ``path``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        background = _Background()
        book = _Book(archive, max_rows, background)
        try:
            for name, parts in sheets:
                book.write_sheet(name, parts)
        except BaseException:
            background.close_quietly()
            if book._out is not None:  # (the zip cannot be closed with an entry open)
                book._out.close()
            raise
        background.close()  # (raises the writer's error, if any)
        book.finish()
