"""Reading YAML files safely and remembering where every value came from.

Raw input problems (empty, not UTF-8, tabs, too large, not YAML, not a mapping) become
``Problem``s with file and line; ``Located`` maps a data path back to file:line, across
files merged with ``include``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assess.errors import Problem

MAX_BYTES = 5 * 1024 * 1024
DataPath = tuple[str | int, ...]


def read_text(path: Path, *, what: str) -> str:
    """The file's text, or a ``Problem`` (raised via ``InputProblem``) saying why not."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputProblem(
            Problem(
                path,
                None,
                "",
                "file not found",
                "check the path; run from the folder it is relative to",
            )
        ) from None
    except OSError as exc:
        raise InputProblem(Problem(path, None, "", f"cannot read: {exc.strerror}")) from None
    if path.is_dir():
        raise InputProblem(Problem(path, None, "", "is a folder, not a file"))
    if size > MAX_BYTES:
        raise InputProblem(
            Problem(
                path,
                None,
                "",
                f"file is {size / 1048576:.1f} MB; a {what} may be at most 5 MB",
                "check this is the right file",
            )
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputProblem(Problem(path, None, "", f"cannot read: {exc.strerror}")) from None
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
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
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
