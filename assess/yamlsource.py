"""Reading YAML files safely and remembering where every value came from.

Raw input problems (empty, not UTF-8, tabs, too large, not YAML, not a mapping) become
``Problem``s with file and line; ``Located`` maps a data path back to file:line, across
files merged with ``include``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from assess.errors import Problem
from assess.infile import MAX_INPUT_BYTES, NotReadable, read_regular

MAX_BYTES = MAX_INPUT_BYTES
"""A form export (CSV)."""
MAX_YAML_BYTES = 512 * 1024
"""A questionnaire with all its included files, or a mapping: ten times the built-in
questionnaire with its catalogue (50 kB). The YAML parser that keeps line numbers reads
about 0.2-0.5 MB a second, so this also bounds what one file can cost: a few seconds."""
MAX_DEPTH = 64
"""Nesting of YAML collections; a questionnaire needs about six levels."""
DataPath = tuple[str | int, ...]


def read_text(path: Path, *, what: str, limit: int = MAX_YAML_BYTES) -> str:
    """The file's text, or a ``Problem`` (raised via ``InputProblem``) saying why not.

    Only a regular file of at most ``limit`` bytes is read (see ``assess.infile``)."""
    try:
        data = read_regular(path, limit, f"a {what}")
    except NotReadable as exc:
        fix = ""
        if exc.reason == "file not found":
            fix = "check the path; run from the folder it is relative to"
        elif exc.reason.startswith(f"a {what} may be at most"):
            fix = "check this is the right file"
        raise InputProblem(Problem(path, None, "", exc.reason, fix)) from None
    if not data.strip():
        raise InputProblem(
            Problem(
                path,
                1,
                "",
                f"file is empty; expected a {what}",
                "fill it in, or check this is the right file",
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputProblem(
            Problem(
                path,
                line,
                "",
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                "save the file with UTF-8 encoding",
            )
        ) from None
    return text


class InputProblem(Exception):
    """Internal carrier of a single ``Problem`` while reading raw input."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def parse_yaml_mapping(path: Path, text: str, *, what: str) -> Any:
    """Parse YAML text into a round-trip mapping that knows its line numbers."""
    for number, text_line in enumerate(text.splitlines(), start=1):
        stripped = text_line.lstrip(" ")
        if stripped.startswith("\t"):
            raise InputProblem(
                Problem(
                    path,
                    number,
                    "",
                    "tab character used for indentation",
                    "YAML indents with spaces only: replace the tab(s) with spaces",
                )
            )
    # Imported here: a cached questionnaire never needs the YAML parser.
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = _yaml()
    try:
        data = yaml.load(text)
    except RecursionError:
        line = _too_deep(text)
        raise InputProblem(
            Problem(
                path,
                line,
                "",
                f"nested more than {MAX_DEPTH} levels deep",
                "a questionnaire needs a few levels of lists and mappings; check the "
                "brackets and the indentation",
            )
        ) from None
    except DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputProblem(
            Problem(
                path,
                line,
                "",
                f"duplicate key: {_first_line(exc.problem)}",
                "each key may appear once per mapping",
            )
        ) from None
    except _constructor().problem as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputProblem(
            Problem(
                path,
                line,
                "",
                _first_line(exc.problem),
                "correct the value, or quote it to keep it as text",
            )
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = _first_line(exc.problem or exc.context or "syntax error")
        context = exc.context_mark
        if context is not None and mark is not None and context.line < mark.line:
            detail += f" ({_first_line(exc.context or 'block')} started on line {context.line + 1})"
            if "stream end" in detail:  # unclosed bracket or quote: point at its start
                mark = context
        line = mark.line + 1 if mark else None
        raise InputProblem(
            Problem(
                path,
                line,
                "",
                f"not valid YAML: {detail}",
                "check indentation, colons and quotes on this line or the one before",
            )
        ) from None
    except YAMLError as exc:
        raise InputProblem(
            Problem(path, None, "", f"not valid YAML: {_first_line(str(exc))}")
        ) from None
    if data is None:
        raise InputProblem(Problem(path, 1, "", f"file has no content; expected a {what}"))
    if not isinstance(data, Mapping):
        found = (
            "a list"
            if isinstance(data, Sequence) and not isinstance(data, str)
            else f"a single {type(data).__name__} value"
        )
        raise InputProblem(
            Problem(
                path,
                1,
                "",
                f"expected a mapping of keys (id:, title:, ...) at the top level, found {found}",
                f"a {what} starts with 'key: value' lines, not '- ' items",
            )
        )
    return data


@cache
def _constructor() -> Any:
    """The round-trip constructor, with values that cannot be made (an integer of 5,000
    digits, ``2026-02-30``) raised as errors at their line."""
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor

    class ValueProblem(ConstructorError):
        pass

    class Constructor(RoundTripConstructor):
        problem = ValueProblem

        def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
            try:
                return super().construct_non_recursive_object(node, tag)
            except (ValueError, OverflowError) as exc:
                value = node.value if isinstance(node.value, str) else ""
                shown = f"'{value[:40]}…'" if len(value) > 40 else f"'{value}'"
                reason = str(exc).split(";")[0]
                raise ValueProblem(
                    None, None, f"cannot read the value {shown}: {reason}", node.start_mark
                ) from None

    return Constructor


def _yaml() -> Any:
    """A round-trip YAML loader (it keeps line numbers) with ``_constructor``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    return yaml


def _too_deep(text: str) -> int | None:
    """The line where the YAML text first nests deeper than ``MAX_DEPTH`` (the event
    parser does not recurse, unlike the loader)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in YAML(typ="rt").parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(event.start_mark.line) + 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None
    return None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


class Located:
    """Maps a data path to the file and line it was written at."""

    def __init__(self, root: Any, root_file: Path) -> None:
        self.root = root
        self.root_file = root_file
        self.origins: dict[int, Path] = {}

    def adopt(self, node: Any, file: Path) -> None:
        """Record that ``node`` (and everything under it) came from ``file``."""
        self.origins[id(node)] = file

    def files(self) -> list[Path]:
        """Every included file, in the order first seen."""
        return list(dict.fromkeys(self.origins.values()))

    def locate(self, path: DataPath) -> tuple[Path, int | None]:
        node = self.root
        file = self.root_file
        line = _line_of(node)
        for part in path:
            file = self.origins.get(id(node), file)
            child, child_line = _child(node, part)
            if child_line is not None:
                line = child_line
            if child is _MISSING:
                break
            node = child
            file = self.origins.get(id(node), file)
        return file, line


_MISSING = object()


def _line_of(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def _child(node: Any, part: str | int) -> tuple[Any, int | None]:
    lc = getattr(node, "lc", None)
    if isinstance(node, Mapping):
        if part not in node:
            return _MISSING, None
        line = None
        if lc is not None:
            try:
                line = lc.key(part)[0] + 1
            except (KeyError, TypeError):
                line = None
        return node[part], line
    if isinstance(node, Sequence) and not isinstance(node, str) and isinstance(part, int):
        if not 0 <= part < len(node):
            return _MISSING, None
        item = node[part]
        line = _line_of(item)
        if line is None and lc is not None:
            try:
                line = lc.item(part)[0] + 1
            except (KeyError, TypeError, IndexError):
                line = None
        return item, line
    return _MISSING, None
