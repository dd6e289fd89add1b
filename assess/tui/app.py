"""The survey app: wires the screens to the core ``Survey`` and response storage.

``make_app`` is the one factory used by the CLI and the tests.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from assess.brief import Brief, WelcomeInfo, brief_of
from assess.errors import UserError
from assess.storage import DEFAULT_RESPONSES_DIR, Existing, backup, default_response_path
from assess.tui.screens.question import QuestionScreen

# The first screen is drawn from a plain ``Brief``; pydantic, the models and the other
# screens are imported after that first paint, or on first use (start-up time).

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.session import Survey
    from assess.storage import ResponseLock


MODELS_AFTER_SECONDS = 0.1
"""Delay before loading pydantic and the models once the first screen is drawn: loading
holds the interpreter, so started at once it would hold back the first frame's output.
A key pressed sooner loads them on the spot (see ``questionnaire`` and ``survey``)."""

EXIT_GRACE_SECONDS = 3.0
"""How long a clean exit after SIGTERM may take before the process exits regardless."""


class AssessApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "assess"
    BINDINGS = [
        Binding("ctrl+c", "quit_saving", "Save & quit", show=False, priority=True),
        Binding("ctrl+q", "quit_saving", "Save & quit", show=False, priority=True),
        Binding("f2", "toggle_theme", "Light/dark"),
    ]

    def __init__(
        self,
        questionnaire: Questionnaire | None = None,
        *,
        brief: Brief | None = None,
        load: Callable[[], Questionnaire] | None = None,
        out: Path | None = None,
        responses_dir: Path = DEFAULT_RESPONSES_DIR,
        reports_dir: Path = Path("reports"),
        respondent: WelcomeInfo | None = None,
        handle_signals: bool = True,
    ) -> None:
        super().__init__()
        if questionnaire is None and (brief is None or load is None):
            raise TypeError("give a questionnaire, or a brief and a way to load it")
        self._questionnaire = questionnaire
        self._load = load
        self.brief = brief or brief_of(questionnaire)  # type: ignore[arg-type]
        self.out = out
        self.responses_dir = responses_dir
        self.reports_dir = reports_dir
        self.preset = respondent
        self.handle_signals = handle_signals
        self._survey: Survey | None = None
        self._pending: tuple[WelcomeInfo, Path] | None = None
        """A new survey shown before the models loaded; started on first need."""
        self.out_path: Path | None = None
        self.exit_message = ""
        self.save_error: str | None = None
        """Why the last save failed, while it does."""
        self.question_screen: QuestionScreen | None = None
        self.lock: ResponseLock | None = None  # (held while the survey has the file)

    @property
    def questionnaire(self) -> Questionnaire:
        """The validated questionnaire, loaded on first use (after the first paint)."""
        if self._questionnaire is None:
            assert self._load is not None
            self._questionnaire = self._load()
        return self._questionnaire

    @property
    def survey(self) -> Survey | None:
        if self._pending is not None:  # a key came before the deferred start: start now
            self._start_pending()
        return self._survey

    @survey.setter
    def survey(self, survey: Survey | None) -> None:
        self._survey = survey

    async def on_event(self, event: events.Event) -> None:
        # Keys for the welcome form are applied here, in arrival order, so a name typed
        # and submitted in one fast burst is never overtaken by the keys after it.
        if isinstance(event, events.Key) and not event.is_forwarded and self._welcome_takes(event):
            return
        await super().on_event(event)

    def _welcome_takes(self, event: events.Key) -> bool:
        from assess.tui.screens.welcome import WelcomeScreen

        return isinstance(self.screen, WelcomeScreen) and self.screen.type_in_order(event)

    # -- start -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, self._on_terminate)
            loop.add_signal_handler(signal.SIGHUP, self._on_hangup)
        if self.preset is not None:
            if not self._show_first_question(self.preset):
                self.begin_survey(self.preset)
        else:
            from assess.tui.screens.welcome import WelcomeScreen

            hint = str(self.out) if self.out else f"{self.responses_dir}/<your-name>.json"
            self.push_screen(WelcomeScreen(self.brief, hint))
            self.set_timer(MODELS_AFTER_SECONDS, self._load_models)

    def _show_first_question(self, info: WelcomeInfo) -> bool:
        """With a name given and no file yet: show question 1 at once, from the brief,
        and create the response once it is on screen. False if that does not apply."""
        try:
            path = self.out or default_response_path(info.name, self.responses_dir)
        except ValueError:
            return False
        if path.exists():
            return False
        self._pending = (info, path)
        self.question_screen = QuestionScreen(first=self.brief.first)
        self.push_screen(self.question_screen)
        self.set_timer(MODELS_AFTER_SECONDS, self._start_pending)
        return True

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        info, path = self._pending
        self._pending = None
        try:
            self.questionnaire  # noqa: B018 - loads the models now
        except UserError as exc:
            self._fail(str(exc), exc.exit_code)
            return
        if not self._claim(path):
            return
        if path.exists():  # appeared since start-up: ask, as for any existing file
            self.begin_survey(info)
            return
        self.start_new(info, path, on_screen=True)
        # The questionnaire changed between the cache read and now: show it as it is.
        screen, survey = self.question_screen, self._survey
        if screen is not None and survey is not None and screen.view != survey.view():
            screen.show_question()

    def _load_models(self) -> None:
        """Load the questionnaire while the welcome screen waits for a name."""
        try:
            self.questionnaire  # noqa: B018
        except UserError as exc:
            self._fail(str(exc), exc.exit_code)
            return
        import assess.session  # noqa: F401 - ready for the first answer

    def _fail(self, message: str, code: int = 2) -> None:
        self.exit_message = f"error: {message}"
        self.exit(return_code=code)

    def begin_survey(self, info: WelcomeInfo) -> None:
        """Called synchronously by the welcome screen (or at mount with --name)."""
        try:
            path = self.out or default_response_path(info.name, self.responses_dir)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if not self._claim(path):
            return
        self.out_path = path
        from assess.storage import inspect_existing
        from assess.tui.screens.dialogs import existing_file_dialog

        found = inspect_existing(path, self.questionnaire)
        if found.kind is Existing.NONE:
            self.start_new(info, path)
            return
        ids = [question.id for question in self.questionnaire.questions]
        ours = found.kind in (Existing.IN_PROGRESS, Existing.COMPLETE)
        self.push_screen(
            existing_file_dialog(found, path, ids),
            partial(self._after_existing, info, path, found.response if ours else None),
        )

    def _claim(self, path: Path) -> bool:
        """Lock the response file (``storage.claim``); else exit with who has it open."""
        from assess.storage import ResponseInUse, claim

        try:
            self.lock = claim(path, self.lock)
        except ResponseInUse as exc:
            self._fail(str(exc))
            return False
        return True

    def on_unmount(self) -> None:
        if self.lock is not None:  # the survey is over: another may open the file
            self.lock.release()

    def _after_existing(
        self, info: WelcomeInfo, path: Path, response: Response | None, choice: str | None
    ) -> None:
        if choice == "resume" and response is not None:
            self._use_response(self._with_details(response, info), path)
            assert self.survey is not None
            self.show_questions(self.survey.first_unanswered() or 0)
        elif choice == "view" and response is not None:
            self._use_response(response, path)
            self.show_results()
        elif choice == "new":
            kept = backup(path)
            self.notify(f"Previous file kept as {kept.name}", markup=False)
            self.start_new(info, path)
        else:
            self.exit_message = f"Left {path} unchanged."
            self.exit()

    def _with_details(self, response: Response, info: WelcomeInfo) -> Response:
        who = response.respondent
        update = {"team": info.team or who.team, "target_role": info.target_role or who.target_role}
        return response.model_copy(update={"respondent": who.model_copy(update=update)})

    def start_new(self, info: WelcomeInfo, path: Path, *, on_screen: bool = False) -> None:
        """A new response, saved at once. ``on_screen``: question 1 is already shown
        (drawn from the brief); leave it, and the cursor the person may have moved, be."""
        from assess.answers import new_option_seed
        from assess.model.response import Respondent, Response, utc_now

        now = utc_now()
        response = Response(
            questionnaire_id=self.questionnaire.id,
            questionnaire_version=self.questionnaire.version,
            respondent=Respondent(name=info.name, team=info.team, target_role=info.target_role),
            option_seed=new_option_seed(),
            started_at=now,
            updated_at=now,
        )
        self._use_response(response, path)
        assert self._survey is not None
        self._survey.save_now()
        if self.save_error:  # nothing answered yet: stop before anyone types in vain
            self._fail(self.save_error)
            return
        if not on_screen:
            self.show_questions(0)

    def _use_response(self, response: Response, path: Path) -> None:
        from assess.session import Survey

        self.out_path = path  # (every way into a survey passes here, the fast start too)
        self.survey = Survey(self.questionnaire, response, save=partial(self._save, path))

    def _save(self, path: Path, response: Response) -> None:
        """Write the response. A failure is shown, not raised: the answers stay in memory
        and the next save (after any answer, or on quit) writes them all."""
        from assess.storage import save_response

        try:
            save_response(path, response)
        except OSError as exc:
            self.save_error = f"cannot write {path}: {exc.strerror or exc}"
            self.notify(
                f"{self.save_error}. Answers are kept until a save succeeds.",
                severity="error",
                markup=False,
            )
        else:
            self.save_error = None

    # -- navigation --------------------------------------------------------------------------
    def show_questions(self, index: int) -> None:
        assert self.survey is not None
        self.survey.go_to(index)
        if self.question_screen is None:
            from assess.tui.screens.welcome import WelcomeScreen

            self.question_screen = QuestionScreen()
            if isinstance(self.screen, WelcomeScreen):
                self.switch_screen(self.question_screen)
            else:
                self.push_screen(self.question_screen)
        else:
            while self.screen is not self.question_screen:
                self.pop_screen()
            self.question_screen.show_question()

    def show_review(self, start_at: int = 0) -> None:
        """The review list, with question ``start_at`` highlighted."""
        from assess.tui.screens.review import ReviewScreen

        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen(start_at))

    def edit_question(self, index: int) -> None:
        assert self.survey is not None and self.question_screen is not None
        self.show_questions(index)
        self.question_screen.return_to_review = True

    def resume_questions(self) -> None:
        assert self.survey is not None
        first = self.survey.first_unanswered()
        self.show_questions(first if first is not None else self.survey.index)

    def finish(self) -> None:
        assert self.survey is not None
        missing = self.survey.total - self.survey.answered_count
        if missing:
            from assess.tui.screens.dialogs import ChoiceDialog

            self.push_screen(
                ChoiceDialog(
                    "Finish with unanswered questions?",
                    f"{missing} question(s) are not answered; their skills count as not assessed.",
                    [("f", "finish", "Finish anyway"), ("b", "back", "Back to review")],
                    cancel_id="back",
                ),
                self._after_finish_dialog,
            )
        else:
            self._complete()

    def _after_finish_dialog(self, choice: str | None) -> None:
        if choice == "finish":
            self._complete()

    def _complete(self) -> None:
        assert self.survey is not None
        self.survey.complete()
        self.show_results()

    def show_results(self) -> None:
        # Imported on first use: numpy and the results screen are not needed at start-up.
        from assess.scoring import score_responses
        from assess.tui.screens.results import ResultsScreen

        assert self.survey is not None
        result = score_responses(self.questionnaire, [self.survey.response])[0]
        screen = ResultsScreen(result, str(self.out_path), self.questionnaire, self.reports_dir)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- leaving -----------------------------------------------------------------------------
    def action_quit_saving(self) -> None:
        survey = self._survey  # not self.survey: quitting must not start a pending survey
        if survey is not None:
            survey.save_now()
            if self.save_error:
                self._fail(f"{self.save_error}; {survey.answered_count} answer(s) NOT saved", 1)
                return
            state = "complete" if survey.response.status == "complete" else "in progress"
            self.exit_message = (
                f"Saved {survey.answered_count} of {survey.total} answers to "
                f"{self.out_path} ({state})."
            )
            if state != "complete":
                self.exit_message += " Run the same command again to resume."
        self.exit()

    def _on_terminate(self) -> None:
        """SIGTERM: save and leave cleanly, but never hang if the terminal is gone too."""
        self.action_quit_saving()
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()

    def _on_hangup(self) -> None:
        """SIGHUP: the terminal is gone. Save and exit at once: Textual's shutdown would
        block forever writing terminal-restore codes to the dead terminal."""
        if self._survey is not None:
            self._survey.save_now()
        os._exit(1 if self.save_error else 0)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def make_app(
    questionnaire: Questionnaire | None = None,
    *,
    brief: Brief | None = None,
    load: Callable[[], Questionnaire] | None = None,
    out: Path | None = None,
    responses_dir: Path = DEFAULT_RESPONSES_DIR,
    reports_dir: Path = Path("reports"),
    name: str | None = None,
    team: str | None = None,
    target_role: str | None = None,
    handle_signals: bool = True,
) -> AssessApp:
    """The survey app. With ``name`` the welcome screen is skipped.

    Give the questionnaire, or (for a fast start) its ``brief`` and a function that loads
    it: the first screen is drawn from the brief, and the models load right after."""
    preset = WelcomeInfo(name, team, target_role) if name else None
    return AssessApp(
        questionnaire,
        brief=brief,
        load=load,
        out=out,
        responses_dir=responses_dir,
        reports_dir=reports_dir,
        respondent=preset,
        handle_signals=handle_signals,
    )
