"""The cache's staleness rule: any change to a source file or to loaded code is a miss."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from assess.json_cache import JsonCache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> JsonCache:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ASSESS_NO_CACHE", raising=False)
    return JsonCache("probe")


def _touch(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_hit_until_the_source_changes(cache: JsonCache, tmp_path: Path) -> None:
    source = tmp_path / "q.yaml"
    source.write_text("id: x\n")
    cache.write(source, [source], '{"id": "x"}')
    assert cache.read(source) == '{"id": "x"}'
    _touch(source)
    assert cache.read(source) is None


def test_a_change_to_any_loaded_assess_module_is_a_miss(
    cache: JsonCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No hand-kept list: a module loaded when the entry was written (here a stand-in for
    a new validation module) counts as code that shaped it."""
    code = tmp_path / "probe_rules.py"
    code.write_text("RULE = 1\n")
    module = types.ModuleType("assess.probe_rules")
    module.__file__ = str(code)
    monkeypatch.setitem(sys.modules, "assess.probe_rules", module)
    source = tmp_path / "q.yaml"
    source.write_text("id: x\n")
    cache.write(source, [source], "{}")
    assert cache.read(source) == "{}"
    _touch(code)
    assert cache.read(source) is None


def test_no_cache_when_asked(
    cache: JsonCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "q.yaml"
    source.write_text("id: x\n")
    cache.write(source, [source], "{}")
    monkeypatch.setenv("ASSESS_NO_CACHE", "1")
    assert cache.read(source) is None
