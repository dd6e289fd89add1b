"""`assess take`: the self-assessment in the terminal."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import check_role, echo_error, for_terminal
from assess.errors import UsageError

if TYPE_CHECKING:
    from assess.brief import AboutInfo
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
@click.option("--team", help="Your team (with --name; with --about, theirs).")
@click.option("--role", "target_role", help="Role id you are aiming for (with --name).")
@click.option(
    "--about",
    metavar="NAME",
    help="Rate someone else: the self-ratings about them (worded about them; no knowledge "
    "checks), saved to responses/<their-name>/ratings/. Needs --as.",
)
@click.option("--email", help="The e-mail of the person you rate (with --about).")
@click.option(
    "--as",
    "relation",
    type=click.Choice(["manager", "peer"]),
    help="How you relate to the person you rate (with --about): a manager's rating may be "
    "shown on its own, peers' only as the mean of at least three.",
)
def take(
    questionnaire: str | None,
    out: Path | None,
    name: str | None,
    team: str | None,
    target_role: str | None,
    about: str | None,
    email: str | None,
    relation: str | None,
) -> None:
    """Take the self-assessment in the terminal, or rate someone else (--about NAME
    --as manager|peer).

    QUESTIONNAIRE is a file or a built-in name (ml-team, quick); default ml-team.
    Every answer is saved at once; run the same command again to resume, or, once
    finished, to view, edit or retake it (a retake keeps the earlier answers in
    responses/<name>/history/).
    """
    name = _name(name, "--name")
    about_info = _about(about, email, relation, target_role, name)
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

    if about_info is not None and not any(x.kind == "rating" for x in brief.questions):
        raise UsageError(f"{path} has no self-ratings: there is nothing to rate someone on")
    app = make_app(
        q,
        brief=brief,
        load=partial(_load_questionnaire, path),
        out=out,
        name=name,
        team=team,
        target_role=target_role,
        about=about_info,
    )
    app.run()
    if app.return_code:
        echo_error(app.exit_message)
        raise SystemExit(app.return_code)
    if app.exit_message:
        click.echo(for_terminal(app.exit_message, keep_newlines=True))


def _name(value: str | None, option: str) -> str | None:
    """A name as the welcome screen takes it: stripped, 1-200 characters."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        raise UsageError(f"{option} must not be blank")
    if len(value) > 200:
        raise UsageError(f"{option} is {len(value)} characters long; the limit is 200")
    return value


def _about(
    about: str | None,
    email: str | None,
    relation: str | None,
    target_role: str | None,
    name: str | None,
) -> AboutInfo | None:
    """Who is rated, when someone else is (--about NAME --as manager|peer [--email E])."""
    from assess.brief import AboutInfo

    if about is None:
        if relation is not None:
            raise UsageError("--as says how you relate to the person you rate: give --about NAME")
        if email is not None:
            raise UsageError(
                "--email is the e-mail of the person you rate (with --about NAME); your own "
                "self-assessment asks none"
            )
        return None
    about = _name(about, "--about")
    assert about is not None
    if relation is None:
        raise UsageError(
            f"--about {about!r} needs --as manager or --as peer: how you relate to them "
            "(a manager's rating may be shown on its own, peers' only as the mean of three)"
        )
    if target_role is not None:
        raise UsageError(
            "--role is the role someone aims for, theirs to give: leave it out with --about"
        )
    if email is not None:
        import re

        from assess.answers import EMAIL_PATTERN

        email = email.strip()
        if not re.fullmatch(EMAIL_PATTERN, email):
            raise UsageError(f"--email {email!r} is not an e-mail address")
    if name is not None and " ".join(name.split()).casefold() == " ".join(about.split()).casefold():
        raise UsageError("to assess yourself, leave out --about and --as")
    return AboutInfo(about, email, "manager" if relation == "manager" else "peer")


def _load_questionnaire(path: Path) -> Questionnaire:
    from assess.loading import load_questionnaire

    return load_questionnaire(path)
