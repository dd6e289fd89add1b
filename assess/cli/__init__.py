"""The ``assess`` command: one module per command group, thin shells over the core.

``main`` is the one error handler: a UserError is printed plainly (exit 2), an output that
cannot be written too (exit 1); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

import click

from assess import __version__
from assess.cli.common import STOPPED_NOTE, Stopped, echo_error, stop_on_signals
from assess.cli.files import roles, schema, validate
from assess.cli.importing import import_form
from assess.cli.items import items
from assess.cli.plan import plan
from assess.cli.progress import progress
from assess.cli.results import report, score
from assess.cli.survey import take
from assess.cli.team import team
from assess.errors import UserError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assess")
def cli() -> None:
    """Skills-gap assessment for data & ML teams.

    Take the survey (assess take), write a personal HTML report (assess report), plan
    what to learn (assess plan), see what changed since last time (assess progress),
    score responses (assess score) or a whole team (assess team), import form exports
    (assess import), check questionnaire files (assess validate), list the roles (assess
    roles), see which knowledge checks work (assess items) or print the file formats
    (assess schema).
    """


for command in (
    validate,
    schema,
    roles,
    score,
    report,
    take,
    plan,
    progress,
    team,
    import_form,
    items,
):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: a UserError is printed plainly; anything else is a bug."""
    try:
        with stop_on_signals():
            cli.main(
                args=list(argv) if argv is not None else None,
                prog_name="assess",
                standalone_mode=False,
            )
    except UserError as exc:
        echo_error(f"error: {exc}")
        raise SystemExit(exc.exit_code) from None
    except Stopped as exc:
        echo_error(f"stopped by {signal.Signals(exc.number).name}: {STOPPED_NOTE}")
        raise SystemExit(128 + exc.number) from None
    except BrokenPipeError:  # `assess ... | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # (so the exit's flush has nowhere to fail)
        raise SystemExit(1) from None
    except OSError as exc:  # an output the user named cannot be written (or read)
        where = f"{exc.filename}: " if exc.filename else ""
        echo_error(f"error: {where}{exc.strerror or exc}")
        raise SystemExit(1) from None
    except click.exceptions.Abort:
        echo_error(f"interrupted: {STOPPED_NOTE}")
        raise SystemExit(130) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except SystemExit:
        raise
    except KeyboardInterrupt:
        echo_error(f"interrupted: {STOPPED_NOTE}")
        raise SystemExit(130) from None
