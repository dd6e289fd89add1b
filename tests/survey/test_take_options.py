"""`assess take` options for rating someone else: what does not fit is refused with the
reason, before anything is drawn or written."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.cli import main


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--about", "Ada Lovelace"], "needs --as manager or --as peer"),
        (["--as", "peer"], "--as says how you relate to the person you rate"),
        (["--email", "a@b.c"], "--email is the e-mail of the person you rate"),
        (["--about", "Ada", "--as", "peer", "--role", "data-engineer"], "--role is the role"),
        (["--about", "Ada", "--as", "peer", "--email", "nope"], "is not an e-mail address"),
        (["--about", "Ada", "--as", "peer", "--name", " ada "], "to assess yourself"),
        (["--about", " ", "--as", "peer"], "--about must not be blank"),
        (["--about", "Ada", "--as", "boss"], "Invalid value for '--as'"),
    ],
)
def test_options_that_do_not_fit(
    arguments: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["take", "quick", *arguments])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "responses").exists()
