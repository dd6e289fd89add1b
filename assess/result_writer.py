"""`assess score` results written as they are scored, a chunk at a time: JSON (one array,
written incrementally), JSON lines, CSV and the table, from the text ``result_stream``
makes, so memory stays flat however many responses there are."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from assess.result_stream import CsvText, FormText, OtherRaters
from assess.result_text import CSV_COLUMNS
from assess.safetext import for_spreadsheet

if TYPE_CHECKING:
    from rich.console import Console

    from assess.team.stream import Scored


class ResultWriter:
    """Writes results in one format as chunks come: ``json`` (an array), ``jsonl``,
    ``csv`` or ``table``; ``close`` ends the output (the JSON array's bracket)."""

    def __init__(
        self, fmt: str, out: IO[bytes], role: str | None = None, *, header: bool = True
    ) -> None:
        self.fmt = fmt
        self.out = out
        self.role = role
        self.written = 0
        self._texts: dict[int, FormText] = {}
        self._csv: dict[int, CsvText] = {}
        self._tables: dict[int, Any] = {}  # (result_table.TableText, for a file or pipe)
        self._console: Console | None = None
        self._others = OtherRaters()
        if fmt == "csv" and header:
            out.write(_csv_line(CSV_COLUMNS))

    def write(self, scored: Scored) -> None:
        form = scored.form
        if self.fmt == "csv":
            rows = self._csv.get(form.index)
            if rows is None:
                rows = self._csv[form.index] = CsvText(form, self.role)
            self.out.write(rows.rows(scored).encode())
            self.written += len(scored.people)
            return
        if self.fmt == "table" and self._plain_table():
            self._fast_table(scored)
            self.written += len(scored.people)
            return
        text = self._texts.get(form.index)
        if text is None:
            text = self._texts[form.index] = FormText(form, self.role, self.fmt == "json")
        if self.fmt == "table":
            self._table(text.results(scored))
            self.written += len(scored.people)
            return
        # Each result's text is written as made, its separator in it: a chunk's text is
        # tens of MB, and one string of it (a join) costs more than making it.
        before, after = (b"", b"\n") if self.fmt == "jsonl" else (b",\n  ", b"")
        results = text.encoded(scored, before, after)
        if self.fmt == "json" and not self.written:
            results[0] = b"[" + results[0][1:]  # (",\n  " -> "[\n  ": the array's first)
        others = self._others
        for i, person in enumerate(scored.people):
            path = None if person.rater is not None else others.beside(person.source)
            if path is not None:
                inner = results[i][len(before) : len(results[i]) - len(after)].decode()
                added = others.added(inner, path, form, self.fmt == "json").encode()
                results[i] = results[i][: len(before)] + added + after
        write = self.out.write
        for result in results:
            write(result)
        self.written += len(results)

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write(b"\n]\n" if self.written else b"[]\n")
        self.out.flush()

    def _plain_table(self) -> bool:
        """Whether the table goes to a file or a pipe (no colours, no terminal): then it
        is made from the arrays (``result_table``) rather than laid out by rich."""
        from rich.console import Console

        if self._console is None:
            self._console = Console()
        return not self._console.is_terminal

    def _fast_table(self, scored: Scored) -> None:
        from assess.result_table_chunk import ChunkTable

        assert self._console is not None
        form = scored.form
        table = self._tables.get(form.index)
        if table is None:
            table = self._tables[form.index] = ChunkTable(form, self.role, self._console.width)
        texts = table.results(scored)
        if None in texts:  # (rich lays out these: from their result models)
            form_text = self._texts.get(form.index)
            if form_text is None:
                form_text = self._texts[form.index] = FormText(form, self.role)
            results = form_text.results(scored)
        pending: list[str] = []
        for i, text in enumerate(texts):
            if text is not None:
                pending.append(text)
                continue
            self.out.write("".join(pending).encode())
            pending = []
            self.out.flush()
            self._table([results[i]])
            self._console.file.flush()
        self.out.write("".join(pending).encode())

    def _table(self, results: list[str]) -> None:
        """The table, drawn by rich from the result models (on standard output)."""
        from rich.console import Console

        from assess.model.result import RespondentResult
        from assess.result_text import render_table

        if self._console is None:
            self._console = Console()
        decoded = [RespondentResult.model_validate_json(result) for result in results]
        render_table(decoded, self._console, self.role)


def _csv_line(row: Sequence[object]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([for_spreadsheet(cell) for cell in row])
    return buffer.getvalue().encode()
