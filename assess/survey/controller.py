"""The survey flow around ``Survey``, without any UI.

``SurveyController`` decides what a screen must not: where the answers go and what to do
with a file already there, when the models load and the survey starts (the fast start),
saving, which screen comes next, and the message on leaving. Screens call its methods;
it calls the UI back through ``SurveyUI``. Every call is synchronous, so a burst of keys
is applied in the order it was typed, across screen changes.

Plain at import (no pydantic): question 1 or the welcome form is drawn from the brief
before the models load; ``warm_up`` loads them once the first screen is on screen, and
any call that needs them sooner loads them on the spot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from assess.answers import new_option_seed
from assess.brief import WelcomeInfo
from assess.errors import UserError
from assess.storage import default_response_path
from assess.survey import asks
from assess.survey.navigation import QuestionsAndReview
from assess.survey.starting import new_response, response_path, save_hint, with_details
from assess.survey.ui import ResultsView, SurveySetup, SurveyUI, WelcomeForm

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.storage import ExistingFile, ResponseLock
    from assess.survey.flow import Survey


@dataclass(frozen=True)
class _Pending:
    """A new survey whose question 1 is on screen before the models have loaded."""

    info: WelcomeInfo
    path: Path
    seed: int


class SurveyController(QuestionsAndReview):
    def __init__(self, setup: SurveySetup, ui: SurveyUI) -> None:
        self.setup = setup
        self.about = setup.about
        """The person rated, when someone else answers about them."""
        self.brief = setup.brief.about_other(setup.about.name) if setup.about else setup.brief
        self.ui = ui
        self._rater_number = 1
        """1, or 2, 3... for another rater of the same name (their own file)."""
        self.notes: list[str] = []
        """What to say with the results and on leaving (a rating of someone without a
        self-assessment)."""
        self._questionnaire: Questionnaire | None = None
        self._survey: Survey | None = None
        self._pending: _Pending | None = None
        self._from_review = False
        """The question on screen was opened from the review: go back there after it."""
        self._visit: list[int] = []
        """Checks a self-rating reopened (skip changed to a level): shown next."""
        self.path: Path | None = None
        """The response file, once known."""
        self.exit_message = ""
        self.exit_code = 0
        self.save_error: str | None = None
        """Why the last save failed, while it does."""
        self._lock: ResponseLock | None = None
        """The lock on the response file, held while this survey may write it."""

    @property
    def survey(self) -> Survey | None:
        """The survey under way, if one has started (reading this never starts one)."""
        return self._survey

    @property
    def underway(self) -> bool:
        """A survey has started, or its question 1 is on screen."""
        return self._survey is not None or self._pending is not None

    # -- start -------------------------------------------------------------------------------
    def start(self) -> None:
        """Show the first screen: question 1 (with a name and no file yet), what to do with
        a file already there, or the welcome form."""
        preset, out = self.setup.preset, self.setup.out
        if preset is not None:
            path = self._path_for(preset)
            if path is None:
                self.ui.show_welcome(self._form(preset))
            elif not path.exists():
                self._pending = _Pending(preset, path, new_option_seed())
                self.ui.show_question(self.brief.view(0, self._pending.seed))
                if self.about is not None:  # (no welcome form to say it: --name was given)
                    self.ui.tell(f"Rating {self.about.name}. {self.about.shown_how}")
            else:
                self.begin(preset)
        elif out is not None and out.exists():  # --out names a file: offer it straight away
            self._open(out, None)
        else:
            self.ui.show_welcome(self._form())

    def warm_up(self) -> None:
        """Once the first screen is drawn: load the models, start a pending survey."""
        if self._load() is None:
            return
        if self._pending is not None:
            self._start_pending()
        else:
            import assess.survey.flow  # noqa: F401 - ready for the first answer

    def begin(self, info: WelcomeInfo) -> None:
        """The welcome form is filled in (or a name came on the command line)."""
        survey = self._survey_now()
        if survey is not None:  # back on the form from question 1: new details, same survey
            survey.update_respondent(info)
            survey.go_to(0)
            self.ui.show_question(survey.view())
            return
        path = self._path_for(info)
        if path is not None:
            self._open(path, info)

    def _open(self, path: Path, info: WelcomeInfo | None) -> None:
        """Start at ``path``: new, or ask what to do with the file there."""
        from assess.storage import Existing, inspect_existing

        q = self._load()
        if q is None or not self._claim(path):
            return
        found = inspect_existing(path, q)
        if found.kind is Existing.NONE:
            if info is None:
                self.ui.show_welcome(self._form(save_hint=str(path)))
            else:
                self._start_new(info, path, new_option_seed())
            return
        questions = self._for(found.response, q).questions
        self.ui.ask(
            asks.existing_file(found, path, [x.id for x in questions], info is not None),
            partial(self._after_existing, info, path, found),
        )

    def _after_existing(
        self, info: WelcomeInfo | None, path: Path, found: ExistingFile, choice: str | None
    ) -> None:
        from assess.storage import Existing

        ours = found.kind in (Existing.IN_PROGRESS, Existing.COMPLETE)
        response = found.response if ours else None
        if choice == "retake" and found.response is not None:
            self._retake(path, found.response, info)
        elif choice == "another" and info is not None:
            self._rater_number += 1
            following = self._path_for(info)
            if following is not None:
                self._open(following, info)
        elif choice in ("resume", "edit") and response is not None:
            survey = self._use(with_details(response, info), path)
            survey.settle()
            survey.ensure_seed()
            first = survey.first_unanswered()
            if choice == "edit" or first is None:
                self.ui.show_review(0)
            else:
                survey.go_to(first)
                self.ui.show_question(survey.view())
        elif choice == "view" and response is not None:
            self._use(response, path)
            self.show_results()
        elif choice == "new":
            from assess.storage import backup

            kept = backup(path)
            self.ui.tell(f"Previous file kept as {kept.name}")
            if info is None:  # (--out without a name: ask who is answering)
                self.ui.show_welcome(self._form(save_hint=str(path)))
            else:
                self._start_new(info, path, new_option_seed())
        else:
            self.exit_message = f"Left {path} unchanged."
            self.ui.close()

    def _start_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None or self._load() is None:
            return
        if pending.path.exists():  # appeared since start-up: ask, as for any existing file
            self.begin(pending.info)
            return
        if not self._claim(pending.path):
            return
        self._start_new(pending.info, pending.path, pending.seed, on_screen=True)
        survey = self._survey
        # The questionnaire changed between the cache read and now: show it as it is.
        if survey is not None and survey.view(0) != self.brief.view(0, pending.seed):
            self.ui.show_question(survey.view())

    def _start_new(
        self,
        info: WelcomeInfo,
        path: Path,
        seed: int,
        on_screen: bool = False,
        like: Response | None = None,
    ) -> None:
        """A new response, saved at once. ``on_screen``: question 1 is shown already;
        ``like``: a retake of this response (the same person and rater)."""
        q = self._questionnaire
        assert q is not None
        response = new_response(q, info, seed, self.about, like)
        rater, who = response.rater, response.respondent
        survey = self._use(response, path)
        survey.save_now()
        if self.save_error:  # nothing answered yet: stop before anyone types in vain
            self._fail(self.save_error)
            return
        if rater is not None:
            self._note_no_self_view(who.name)
        if not on_screen:
            self.ui.show_question(survey.view())

    def _note_no_self_view(self, name: str) -> None:
        """A rating of someone with no self-assessment is kept; say what that means."""
        if self.setup.out is not None or self.notes:
            return
        try:
            own = default_response_path(name, self.setup.responses_dir)
        except ValueError:
            return
        if not own.exists():
            note = (
                f"{name} has no self-assessment in {self.setup.responses_dir}/ yet: your "
                f"rating is kept, and until {name} takes the survey their report has no "
                "self view to set it beside."
            )
            self.notes.append(note)
            self.ui.tell(note)

    def _retake(self, path: Path, response: Response, info: WelcomeInfo | None) -> None:
        """Keep ``response`` (finished) in the history beside ``path`` and start again."""
        from assess.storage import retire

        try:
            kept = retire(path, response.completed_at or response.updated_at)
        except OSError as exc:
            self._fail(
                f"cannot keep {path} in its history ({exc.strerror or exc}); left it unchanged", 1
            )
            return
        self.ui.tell(f"Your earlier answers are kept in {kept}")
        who = response.respondent
        info = info or WelcomeInfo(who.name, who.team, who.target_role)
        self._start_new(info, path, new_option_seed(), like=response)

    def retake(self) -> None:
        """Take the finished survey again (the results screen's Retake): the answers so
        far go into the history, a new response starts at question 1."""
        survey = self._survey
        if survey is None or self.path is None:
            return
        if survey.response.status != "complete":
            self.ui.tell("Finish this survey first: a retake keeps finished answers.")
            return
        self._retake(self.path, survey.response, None)

    def _survey_now(self) -> Survey | None:
        """The survey, started now if its question 1 is on screen ahead of the models."""
        if self._pending is not None:
            self._start_pending()
        return self._survey

    def show_results(self) -> None:
        from assess.scoring import score_responses  # numpy: not needed at start-up

        q, survey = self._questionnaire, self._survey
        assert q is not None and survey is not None and self.path is not None
        result = score_responses(survey.questionnaire, [survey.response])[0]
        self.ui.show_results(ResultsView(result, q, self.path, tuple(self.notes), survey.response))

    # -- leaving -----------------------------------------------------------------------------
    def quit(self) -> None:
        """Save and leave (``q``, Ctrl+C, SIGTERM). A pending survey is not started."""
        survey = self._survey
        if survey is not None:
            survey.save_now()
            if self.save_error:
                self._fail(f"{self.save_error}; your answers ({survey.counts()}) are NOT saved", 1)
                return
            complete = survey.response.status == "complete"
            self.exit_message = (
                f"Saved to {self.path}: {survey.counts()} "
                f"({'complete' if complete else 'in progress'}). Run the same command again "
                + ("to view, edit or retake your answers." if complete else "to resume.")
                + "".join(f"\n{note}" for note in self.notes)
            )
        self.ui.close()

    def hang_up(self) -> int:
        """The terminal is gone: save, and return the exit code (no UI to close)."""
        if self._survey is not None:
            self._survey.save_now()
        return 1 if self.save_error else 0

    # -- helpers -----------------------------------------------------------------------------
    def _load(self) -> Questionnaire | None:
        """The validated questionnaire, loaded on first use; None if it cannot be."""
        if self._questionnaire is None:
            try:
                self._questionnaire = self.setup.load()
            except UserError as exc:
                self._fail(str(exc), exc.exit_code)
                return None
        return self._questionnaire

    def _path_for(self, info: WelcomeInfo) -> Path | None:
        try:
            return response_path(self.setup, info.name, self._rater_number)
        except ValueError as exc:
            self.ui.tell(str(exc), error=True)
            return None

    def _hint(self) -> str:
        return save_hint(self.setup)

    def _form(self, values: WelcomeInfo | None = None, save_hint: str | None = None) -> WelcomeForm:
        return WelcomeForm(self.brief, save_hint or self._hint(), values, self.about)

    @staticmethod
    def _for(response: Response | None, q: Questionnaire) -> Questionnaire:
        """The questions a response is answered on: a rating by someone else has the
        self-ratings only."""
        if response is None or response.rater is None:
            return q
        from assess.survey.flow import for_rater

        return for_rater(q)

    def _claim(self, path: Path) -> bool:
        """Hold the response file for this survey (every way to a file passes here before
        it is read or written); False, having left with the reason, if that fails: two
        surveys never write one file (``storage.claim``, released in ``release``)."""
        from assess.storage import ResponseInUse, claim

        if self._lock is not None and self._lock.path != path and self._survey is None:
            self._lock.release()  # (nothing written there: another rater's file, say)
            self._lock = None
        try:
            self._lock = claim(path, self._lock)
        except ResponseInUse as exc:
            self._fail(str(exc))
            return False
        return True

    def release(self) -> None:
        """The survey is over (the app has closed): let go of the response file."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _use(self, response: Response, path: Path) -> Survey:
        from assess.survey.flow import Survey

        q = self._questionnaire
        assert q is not None
        self.path = path
        self._from_review, self._visit = False, []
        self._survey = Survey(self._for(response, q), response, save=self._save)
        return self._survey

    def _save(self, response: Response) -> None:
        """Write the response. A failure is shown, not raised: the answers stay in memory
        and the next save (after any answer, or on quit) writes them all."""
        from assess.storage import save_response

        assert self.path is not None
        try:
            save_response(self.path, response)
        except (OSError, UserError) as exc:  # (a UserError names the file itself)
            self.save_error = (
                str(exc)
                if isinstance(exc, UserError)
                else f"cannot write {self.path}: {exc.strerror or exc}"
            )
            self.ui.tell(f"{self.save_error}. Answers are kept until a save succeeds.", error=True)
        else:
            self.save_error = None

    def _fail(self, message: str, code: int = 2) -> None:
        self.exit_message = f"error: {message}"
        self.exit_code = code
        self.ui.close()
