"""The core (models, loading, scoring, output) must import without the UI."""

from __future__ import annotations

import subprocess
import sys

from assess.loading import builtin_dir, load_questionnaire

CORE = [
    "assess.model.questionnaire",
    "assess.model.response",
    "assess.model.result",
    "assess.model.checks",
    "assess.model.learning",
    "assess.model.learning_plan",
    "assess.learning",
    "assess.loading",
    "assess.scoring",
    "assess.result_text",
    "assess.errors",
    "assess.cli",
    "assess.storage",
    "assess.survey",
    "assess.survey.flow",
    "assess.survey.controller",
    "assess.survey.ui",
    "assess.report",
]


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'assess.tui'))\n" + "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"core imported UI modules: {out}"


def test_scoring_does_not_import_pandas_or_plotly() -> None:
    code = (
        "import sys, assess.scoring, assess.loading, assess.learning\n"
        "print(','.join(sorted(m for m in ('pandas', 'plotly', 'jinja2') "
        "if m in sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_core_does_not_import_item_quality() -> None:
    """assess.quality sits above the core: model, scoring and loading never import it."""
    code = (
        "import sys, assess.model.questionnaire, assess.model.response, assess.scoring, "
        "assess.loading\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('assess.quality'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_first_screen_is_drawn_without_pydantic(tmp_path: object) -> None:
    """`assess take` draws its first screen from the cache before pydantic is imported
    (the start-up goal); the models load right after."""
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    warm = "from assess.loading import load_questionnaire, builtin_dir\n"
    warm += "load_questionnaire(builtin_dir() / 'ml-team.yaml')\n"
    subprocess.run([sys.executable, "-c", warm], check=True, env=env)
    total = len(load_questionnaire(builtin_dir() / "ml-team.yaml").questions)
    code = (
        "import sys\n"
        "from assess.cli import cli\n"
        "from assess.paths import resolve_questionnaire\n"
        "from assess.questionnaire_cache import read_brief\n"
        "from assess.tui.app import make_app\n"
        "import assess.tui.screens.question, assess.tui.screens.welcome\n"
        "brief = read_brief(resolve_questionnaire(None))\n"
        f"assert brief is not None and brief.total == {total}, brief\n"
        "brief.view(0, 1)\n"
        "make_app(brief=brief, load=lambda: None, name='Ada')\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('pydantic'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()
    assert out == "", f"imported before the first screen: {out}"


# -- static: the import graph -------------------------------------------------------------


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), i.e. the cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def _import_graph() -> dict[str, set[str]]:
    import grimp

    graph = grimp.build_graph("assess")
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def test_no_import_cycles() -> None:
    """No module reaches itself through its imports (imports inside functions count)."""
    assert _cycles(_import_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    """Control: the same check on the real graph plus one edge back up does fail."""
    edges = _import_graph()
    edges["assess.model.questionnaire"].add("assess.cli")
    assert _cycles(edges)


def test_layer_contracts_are_kept() -> None:
    """The contracts in pyproject.toml ([tool.importlinter]): commands > UI > views >
    team/import/quality > learning; the core imports nothing above it, no textual, plotly or
    jinja2; scoring no pandas and no files."""
    from pathlib import Path

    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout
