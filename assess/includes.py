"""A questionnaire's ``include:``: catalogue files merged into it, within limits.

At most ``MAX_INCLUDES`` files, each once, never the questionnaire itself, from its
folder or below, and with the questionnaire at most ``MAX_YAML_BYTES`` together; a file
that cannot be read is reported at its ``include`` line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assess.errors import Problem, did_you_mean
from assess.infile import megabytes
from assess.safetext import clip, for_terminal
from assess.yamlsource import MAX_YAML_BYTES, InputProblem, Located, parse_yaml_mapping, read_text

INCLUDABLE = ("areas", "skills", "roles")
MAX_INCLUDES = 16


def _include_problem(
    path: Path, located: Located, index: int, message: str, fix: str
) -> InputProblem:
    field = "include" if index < 0 else f"include[{index}]"
    return InputProblem(Problem(path, located.locate(("include",))[1], field, message, fix))


def merge_includes(root: Any, path: Path, located: Located, size: int) -> None:
    """Merge the included catalogue files into ``root``. At most ``MAX_INCLUDES`` files,
    each once, from this folder or below; with the questionnaire at most
    ``MAX_YAML_BYTES`` together (``size`` is the questionnaire's own)."""
    includes = root.get("include") or []
    if not isinstance(includes, list):
        return  # the model reports the type error with its line
    if len(includes) > MAX_INCLUDES:
        raise _include_problem(
            path,
            located,
            -1,
            f"{len(includes):,} files included; at most {MAX_INCLUDES} may be",
            "merge catalogue files, or include each file once",
        )
    folder = path.parent.resolve()
    seen = {path.resolve(): -1}  # resolved file -> where it was included (-1: the root)
    for index, name in enumerate(includes):
        if not isinstance(name, str):
            continue
        if not name.isprintable() or not name.strip():
            raise _include_problem(
                path,
                located,
                index,
                f"'{for_terminal(name)}' is not a file name",
                "name a catalogue file in this questionnaire's folder, e.g. catalogue/skills.yaml",
            )
        try:
            file = (path.parent / name).resolve()
        except (OSError, RuntimeError, ValueError):  # a loop of links, a name too long
            raise _include_problem(
                path, located, index, f"'{clip(name, 80)}' cannot be opened", "check the name"
            ) from None
        if not file.is_relative_to(folder):
            raise _include_problem(
                path,
                located,
                index,
                f"'{clip(name, 80)}' is outside this questionnaire's folder",
                "include files from the same folder or below",
            )
        if file in seen:
            first = seen[file]
            raise _include_problem(
                path,
                located,
                index,
                "the questionnaire includes itself"
                if first < 0
                else f"'{clip(name, 80)}' is already included (include[{first}])",
                "include each catalogue file once",
            )
        seen[file] = index
        shown = path.parent / file.relative_to(folder)
        try:
            text = read_text(shown, what="catalogue", limit=max(0, MAX_YAML_BYTES - size))
        except InputProblem as exc:
            if exc.problem.line is not None:  # empty, not UTF-8: at its line in that file
                raise
            reason = exc.problem.message
            if "may be at most" in reason:
                raise _include_problem(
                    path,
                    located,
                    index,
                    f"'{clip(name, 80)}' makes the questionnaire over "
                    f"{megabytes(MAX_YAML_BYTES)} with its included files",
                    "a questionnaire with its catalogue needs far less; check the files",
                ) from None
            raise _include_problem(
                path,
                located,
                index,
                f"included file '{clip(name, 80)}' {reason.removeprefix('file ')}",
                f"check the name; paths are relative to {path.parent}"
                if reason == "file not found"
                else "include a catalogue file (YAML text)",
            ) from None
        size += len(text)
        part = parse_yaml_mapping(shown, text, what="catalogue")
        for key in part:
            if key not in INCLUDABLE:
                line = part.lc.key(key)[0] + 1
                raise InputProblem(
                    Problem(
                        shown,
                        line,
                        str(key),
                        "an included file may only hold " + ", ".join(INCLUDABLE),
                        did_you_mean(str(key), INCLUDABLE),
                    )
                )
        for key in INCLUDABLE:
            items = part.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                line = part.lc.key(key)[0] + 1
                raise InputProblem(
                    Problem(
                        shown,
                        line,
                        key,
                        "expected a list of entries",
                        "write each entry on a line starting with '- '",
                    )
                )
            for item in items:
                located.adopt(item, shown)
            existing = root.get(key)
            if existing is None:
                root[key] = list(items)
            elif isinstance(existing, list):
                existing.extend(items)
