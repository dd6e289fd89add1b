"""What the survey flow and a user interface exchange: the set-up of ``assess take``, what
the flow asks the UI to show (``SurveyUI``), and the plain data it shows. No UI here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from assess.brief import AboutInfo, Brief, QuestionView, WelcomeInfo
from assess.storage import DEFAULT_RESPONSES_DIR
from assess.survey.asks import Ask

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.model.result import RespondentResult


@dataclass(frozen=True)
class SurveySetup:
    """What ``assess take`` was asked for."""

    brief: Brief
    """The questionnaire as plain data: enough to draw the first screen."""
    load: Callable[[], Questionnaire]
    """Loads the validated questionnaire (after the first screen is drawn)."""
    out: Path | None = None
    responses_dir: Path = DEFAULT_RESPONSES_DIR
    preset: WelcomeInfo | None = None
    """Who is answering, given on the command line: no welcome form then."""
    about: AboutInfo | None = None
    """The person rated, when someone other than them answers (a manager, a peer): the
    self-ratings only, asked about them, into ``responses/<them>/ratings/``."""


@dataclass(frozen=True)
class WelcomeForm:
    brief: Brief
    save_hint: str
    """Where the answers are (or will be) saved."""
    values: WelcomeInfo | None = None
    """What the form holds: the details so far when coming back from question 1."""
    about: AboutInfo | None = None
    """The person rated, on the form of a rating by someone else (asks only the name)."""


@dataclass(frozen=True)
class ResultsView:
    result: RespondentResult
    questionnaire: Questionnaire
    saved_to: Path
    notes: tuple[str, ...] = ()
    """Anything to say beside the results (a rating of someone without a self-assessment)."""
    response: Response | None = None
    """The response scored (for the report's history and other raters)."""


class SurveyUI(Protocol):
    """What the flow asks of a user interface (the Textual app implements it)."""

    def show_welcome(self, form: WelcomeForm) -> None: ...
    def show_question(self, view: QuestionView) -> None: ...
    def show_review(self, start_at: int) -> None: ...
    def show_results(self, results: ResultsView) -> None: ...
    def ask(self, ask: Ask, then: Callable[[str | None], None]) -> None: ...
    def tell(self, message: str, *, error: bool = False) -> None: ...
    def close(self) -> None:
        """Leave: ``exit_message`` and ``exit_code`` say how."""
