"""`assess take`: the self-assessment in the terminal."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import check_role, echo_error, for_terminal
from assess.errors import UsageError

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire


@click.command()
@click.argument("questionnaire", required=False)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Response file to write (default: responses/<your-name>.json).",
)
@click.option("--name", help="Your name (skips the welcome screen).")
@click.option("--team", help="Your team (with --name).")
@click.option("--role", "target_role", help="Role id you are aiming for (with --name).")
def take(
    questionnaire: str | None,
    out: Path | None,
    name: str | None,
    team: str | None,
    target_role: str | None,
) -> None:
    """Take the self-assessment in the terminal.

    QUESTIONNAIRE is a file or a built-in name (ml-team, quick); default ml-team.
    Every answer is saved at once; run the same command again to resume.
    """
    if name is not None:  # as the welcome screen takes it: stripped, 1-200 characters
        name = name.strip()
        if not name:
            raise UsageError("--name must not be blank")
        if len(name) > 200:
            raise UsageError(f"--name is {len(name)} characters long; the limit is 200")
    if team is not None:
        team = team.strip() or None
    # Start-up must feel instant: with a current cache, the first screen is drawn from a
    # plain brief and pydantic loads after it is on screen (see assess.brief).
    from assess.brief import brief_of
    from assess.paths import resolve_questionnaire
    from assess.questionnaire_cache import read_brief

    path = resolve_questionnaire(questionnaire)
    brief = read_brief(path)
    q = None
    if brief is None:
        from assess.loading import load_questionnaire

        q = load_questionnaire(path)
        brief = brief_of(q)
    check_role([role_id for role_id, _ in brief.roles], target_role)
    from assess.tui.app import make_app

    app = make_app(
        q,
        brief=brief,
        load=partial(_load_questionnaire, path),
        out=out,
        name=name,
        team=team,
        target_role=target_role,
    )
    app.run()
    if app.return_code:
        echo_error(app.exit_message)
        raise SystemExit(app.return_code)
    if app.exit_message:
        click.echo(for_terminal(app.exit_message, keep_newlines=True))


def _load_questionnaire(path: Path) -> Questionnaire:
    from assess.loading import load_questionnaire

    return load_questionnaire(path)
