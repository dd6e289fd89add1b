"""`assess score -f table` to a file or pipe: the text made from the arrays
(``result_table``) is exactly what rich prints from the result models."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rich.console import Console

from assess.cell_wrap import wrapped
from assess.model.result import RespondentResult
from assess.result_stream import FormText
from assess.result_table import TableText
from assess.result_table_chunk import ChunkTable
from assess.result_text import render_table
from assess.storage import save_response
from assess.team.stream import Scored, stream_scores
from tests.cli.test_commands import call
from tests.cli.test_score_stream import ML_TEAM, QUICK, TINY, responses


def _rich(form_text: FormText, scored: Scored, width: int, role: str | None) -> list[str]:
    out = []
    for text in form_text.results(scored):
        console = Console(file=io.StringIO(), width=width)
        render_table([RespondentResult.model_validate_json(text)], console, role)
        out.append(console.file.getvalue())  # type: ignore[attr-defined]
    return out


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # (shrinking 12 responses is slow)
)
@given(
    st.sampled_from(["ml-team", "quick", "tiny"]),
    st.integers(0, 10_000),
    st.sampled_from([80, 100, 60]),
    st.booleans(),
)
def test_the_fast_table_is_what_rich_prints(
    tmp_path_factory: pytest.TempPathFactory, which: str, seed: int, width: int, a_role: bool
) -> None:
    q = {"ml-team": ML_TEAM, "quick": QUICK, "tiny": TINY}[which]
    folder = tmp_path_factory.mktemp("responses")
    batch = responses(q, seed, 12)
    batch[0] = batch[0].model_copy(
        update={"respondent": batch[0].respondent.model_copy(update={"name": "A" * 150})}
    )
    for i, response in enumerate(batch):
        save_response(folder / f"r{i:02d}.json", response)
    role = q.roles[seed % len(q.roles)].id if a_role else None
    made = 0
    for item in stream_scores([folder], None if which != "tiny" else q):
        assert isinstance(item, Scored)
        fast = TableText(item.form, role, width).results(item)
        # (the chunk's layout: the same texts, and the same ones left to rich)
        assert ChunkTable(item.form, role, width).results(item) == fast
        slow = _rich(FormText(item.form, role), item, width, role)
        for mine, theirs in zip(fast, slow, strict=True):
            if mine is not None:
                assert mine == theirs
                made += 1
    if width >= 100:
        assert made >= 6  # (most are made fast; a narrower table may need rich's wrapping)


def test_lines_wrap_as_rich_wraps_them() -> None:
    for text in [
        "  - ML modelling and evaluation: 3.0 (practitioner) → needs 4 (expert), importance 5",
        "x" * 200,
        "word " * 40,
        "    next (expert): " + "Zoë 名前 " * 20,
    ]:
        for width in (20, 60, 80):
            console = Console(file=io.StringIO(), width=width)
            console.print(text, markup=False)
            expected = console.file.getvalue()  # type: ignore[attr-defined]
            lines = wrapped(text, width)
            assert lines is not None and "\n".join(lines) + "\n" == expected, (text, width)
    assert wrapped("a :smile: here", 80) is None  # (rich would draw an emoji)


def test_score_table_to_a_file_is_fast_and_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for i, response in enumerate(responses(ML_TEAM, 3, 5)):
        save_response(tmp_path / f"r{i}.json", response)
    code, out, _ = call(capsys, "score", str(tmp_path))
    assert code == 0
    console = Console(file=io.StringIO(), width=80)
    items = [i for i in stream_scores([tmp_path]) if isinstance(i, Scored)]
    models = [
        RespondentResult.model_validate_json(t)
        for item in items
        for t in FormText(item.form).results(item)
    ]
    render_table(models, console)
    assert out == console.file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("ab  →◀·—éx\u3000\u0301"), max_size=120),
    st.integers(5, 90),
)
def test_breaks_are_rich_s(text: str, width: int) -> None:
    from rich._wrap import divide_line

    from assess.cell_wrap import _breaks

    assert _breaks(text, width) == divide_line(text, width, fold=True)
