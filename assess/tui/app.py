"""The survey app: the screen stack, signals, theme and key order around the survey flow.

What the survey does next is decided by ``assess.survey.controller.SurveyController``
(no UI); the app shows what it asks for (it implements ``SurveyUI``) and hands the
controller to each screen. ``make_app`` is the one factory used by the CLI and the tests.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from assess.brief import AboutInfo, Brief, QuestionView, WelcomeInfo, brief_of
from assess.storage import DEFAULT_RESPONSES_DIR
from assess.survey.controller import SurveyController
from assess.survey.ui import ResultsView, SurveySetup, WelcomeForm
from assess.tui.key_order import KeyOrder, ReadyForKeys, type_into
from assess.tui.screens.question import QuestionScreen

# The first screen is drawn from a plain ``Brief``; pydantic, the models and the other
# screens are imported after that first paint, or on first use (start-up time).

if TYPE_CHECKING:
    from assess.model.questionnaire import Questionnaire
    from assess.survey.asks import Ask


MODELS_AFTER_SECONDS = 0.1
"""Delay before loading pydantic and the models once the first screen is drawn: loading
holds the interpreter, so started at once it would hold back the first frame's output
(and counted from the app's start, a slow first screen, such as the welcome form on a busy
machine, would still be waiting for it). A key pressed sooner loads them on the spot."""

EXIT_GRACE_SECONDS = 3.0
"""How long a clean exit after SIGTERM may take before the process exits regardless."""

S = TypeVar("S", bound=Screen[Any])


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
        setup: SurveySetup,
        *,
        reports_dir: Path = Path("reports"),
        handle_signals: bool = True,
    ) -> None:
        super().__init__()
        self.flow = SurveyController(setup, ui=self)
        self.reports_dir = reports_dir
        self.handle_signals = handle_signals
        self.keys = KeyOrder()
        self._warming = False
        self._welcome: Screen[Any] | None = None
        """The welcome form last shown (not imported until it is: start-up time)."""
        self._results: Screen[Any] | None = None
        """The results screen last shown (a retake replaces it with question 1)."""

    @property
    def exit_message(self) -> str:
        return self.flow.exit_message

    # -- keys, in the order they were typed (see key_order) ----------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self.keys.hold(event):
                await self._key(event)
            return
        await super().on_event(event)

    async def _key(self, event: events.Key) -> None:
        if not type_into(self.focused, event):
            await super().on_event(event)

    async def on_ready_for_keys(self, message: ReadyForKeys) -> None:
        if not self._warming:  # the first screen is mounted: warm up once it is drawn
            self._warming = True
            self.call_after_refresh(self.set_timer, MODELS_AFTER_SECONDS, self.flow.warm_up)
        await self.keys.ready(message.screen, self._key)

    def _show(self, screen: S, *, replace: bool = False) -> S:
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self.keys.wait_for(screen)
        return screen

    def _on_top(self, kind: type[S]) -> S | None:
        """The screen of type ``kind`` in the stack, with those above it popped."""
        found = next((s for s in reversed(self.screen_stack) if isinstance(s, kind)), None)
        while found is not None and self.screen is not found:
            self.pop_screen()
        return found

    # -- SurveyUI: what the flow asks to see -------------------------------------------------
    def show_welcome(self, form: WelcomeForm) -> None:
        from assess.tui.screens.welcome import WelcomeScreen

        self._welcome = self._show(WelcomeScreen(form, self.flow))

    def show_question(self, view: QuestionView) -> None:
        screen = self._on_top(QuestionScreen)
        if screen is None:  # (the form, or the results before a retake, is done with)
            replace = self.screen is self._welcome or self.screen is self._results
            self._show(QuestionScreen(self.flow, view), replace=replace)
        else:
            screen.show_view(view)

    def show_review(self, start_at: int) -> None:
        from assess.tui.screens.review import ReviewScreen

        screen = self._on_top(ReviewScreen)
        if screen is None:
            self._show(ReviewScreen(self.flow, start_at))
        else:
            screen.highlight(start_at)

    def show_results(self, results: ResultsView) -> None:
        from assess.tui.screens.results import ResultsScreen

        self._results = self._show(
            ResultsScreen(results, self.flow, self.reports_dir), replace=len(self.screen_stack) > 1
        )

    def ask(self, ask: Ask, then: Callable[[str | None], None]) -> None:
        from assess.tui.screens.dialogs import ChoiceDialog

        async def answered(choice: str | None) -> None:
            then(choice)
            await self.keys.chosen(self._key)

        dialog = ChoiceDialog(ask, on_choice=self.keys.hold_after_choice)
        self.push_screen(dialog, answered)
        self.keys.wait_for(dialog)

    def tell(self, message: str, *, error: bool = False) -> None:
        self.notify(message, severity="error" if error else "information", markup=False)

    def close(self) -> None:
        self.exit(return_code=self.flow.exit_code)

    # -- start -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, self._on_terminate)
            loop.add_signal_handler(signal.SIGHUP, self._on_hangup)
        self.flow.start()

    def on_unmount(self) -> None:
        self.flow.release()

    # -- the command palette -----------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from assess.tui.screens.results import ResultsScreen

        flow = self.flow
        if isinstance(screen, QuestionScreen):
            yield SystemCommand("Skip this question", "Not applicable (self-ratings)", flow.skip)
        if flow.underway and not isinstance(screen, ResultsScreen):
            yield SystemCommand("Review answers", "Every answer, to check or change", flow.review)
            yield SystemCommand("Finish and see results", "Score your answers", flow.finish)
        if isinstance(screen, ResultsScreen):
            if screen.result.rater is None:
                yield SystemCommand(
                    "Write the HTML report", "A report to keep", screen.action_report
                )
            yield SystemCommand(
                "Retake the survey", "Start again; these answers go into your history", flow.retake
            )
        yield SystemCommand("Light/dark", "Switch the colour theme (F2)", self.action_toggle_theme)
        yield SystemCommand("Save and quit", "Answers are kept; run again to resume", flow.quit)
        yield from super().get_system_commands(screen)

    # -- leaving -----------------------------------------------------------------------------
    def action_quit_saving(self) -> None:
        self.flow.quit()

    def _on_terminate(self) -> None:
        """SIGTERM: save and leave cleanly, but never hang if the terminal is gone too."""
        self.flow.quit()
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()

    def _on_hangup(self) -> None:
        """SIGHUP: the terminal is gone. Save and exit at once: Textual's shutdown would
        block forever writing terminal-restore codes to the dead terminal."""
        os._exit(self.flow.hang_up())

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
    about: AboutInfo | None = None,
    handle_signals: bool = True,
) -> AssessApp:
    """The survey app. With ``name`` the welcome screen is skipped; with ``about``, the
    one answering rates that person (the self-ratings only, asked about them).

    Give the questionnaire, or (for a fast start) its ``brief`` and a function that loads
    it: the first screen is drawn from the brief, and the models load right after."""
    if questionnaire is not None:
        loaded = questionnaire
        brief, load = brief or brief_of(questionnaire), lambda: loaded
    if brief is None or load is None:
        raise TypeError("give a questionnaire, or a brief and a way to load it")
    setup = SurveySetup(
        brief=brief,
        load=load,
        out=out,
        responses_dir=responses_dir,
        preset=WelcomeInfo(name, team, target_role) if name else None,
        about=about,
    )
    return AssessApp(setup, reports_dir=reports_dir, handle_signals=handle_signals)
