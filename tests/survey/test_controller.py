"""The survey flow (start, files already there, back, edit, finish, quit) without Textual:
a fake UI records what the controller asks it to show. The form (see conftest): ratings
0-3, the check of ml-modelling at 4, ratings 5-8, the check of monitoring at 9."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assess.brief import QuestionView, WelcomeInfo, brief_of
from assess.loading import load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Status
from assess.survey.asks import Ask
from assess.survey.controller import SurveyController
from assess.survey.ui import ResultsView, SurveySetup, WelcomeForm
from tests.conftest import STAMP
from tests.tui.helpers import existing


@dataclass
class FakeUI:
    shown: list[tuple[str, object]] = field(default_factory=list)
    told: list[str] = field(default_factory=list)
    pending: Callable[[str | None], None] | None = None
    closed: bool = False

    def show_welcome(self, form: WelcomeForm) -> None:
        self.shown.append(("welcome", form))

    def show_question(self, view: QuestionView) -> None:
        self.shown.append(("question", view))

    def show_review(self, start_at: int) -> None:
        self.shown.append(("review", start_at))

    def show_results(self, results: ResultsView) -> None:
        self.shown.append(("results", results))

    def ask(self, ask: Ask, then: Callable[[str | None], None]) -> None:
        self.shown.append(("ask", ask))
        self.pending = then

    def tell(self, message: str, *, error: bool = False) -> None:
        self.told.append(message)

    def close(self) -> None:
        self.closed = True

    def choose(self, choice: str) -> None:
        assert self.pending is not None
        then, self.pending = self.pending, None
        then(choice)

    @property
    def last(self) -> tuple[str, object]:
        return self.shown[-1]


def flow_for(
    q: Questionnaire,
    tmp_path: Path,
    loads: list[int] | None = None,
    *,
    out: Path | None = None,
    preset: WelcomeInfo | None = None,
) -> tuple[SurveyController, FakeUI]:
    def load() -> Questionnaire:
        if loads is not None:
            loads.append(1)
        return q

    ui = FakeUI()
    setup = SurveySetup(brief_of(q), load, out, tmp_path / "responses", preset)
    return SurveyController(setup, ui), ui


ADA = WelcomeInfo("Ada Lovelace", None, None)
MR, MC = "ml-modelling-rating", "ml-modelling-imbalance"
"""A rating (question 4) and its skill's check (question 5)."""


def test_welcome_first_and_nothing_loaded(quick: Questionnaire, tmp_path: Path) -> None:
    loads: list[int] = []
    flow, ui = flow_for(quick, tmp_path, loads)
    flow.start()
    assert ui.last[0] == "welcome" and loads == []
    flow.warm_up()
    assert loads == [1] and flow.survey is None  # loaded while the name is typed


def test_fast_start_draws_question_1_then_starts(quick: Questionnaire, tmp_path: Path) -> None:
    loads: list[int] = []
    flow, ui = flow_for(quick, tmp_path, loads, preset=ADA)
    flow.start()
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView) and view.position == 1
    assert loads == [] and not (tmp_path / "responses").exists()
    flow.answer(3)  # a key before the models: the survey starts on the spot
    assert loads == [1]
    saved = load_response(tmp_path / "responses" / "ada-lovelace.json")
    assert saved.answers == {"sql-rating": 3}


def test_out_on_an_unfinished_file_offers_resume_at_once(
    quick: Questionnaire, tmp_path: Path
) -> None:
    out = existing(quick, tmp_path, {"sql-rating": 2}, seed=None, path=tmp_path / "mine.json")
    flow, ui = flow_for(quick, tmp_path, out=out)
    flow.start()
    kind, ask = ui.last
    assert kind == "ask" and isinstance(ask, Ask) and ask.title == "Resume your answers?"
    assert [ident for _, ident, _ in ask.choices] == ["resume", "new", "quit"]
    ui.choose("resume")
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView) and view.position == 2
    saved = load_response(out)
    assert saved.option_seed is not None  # given on resume, saved at once
    assert saved.answers == {"sql-rating": 2}


def test_edit_a_finished_survey(quick: Questionnaire, tmp_path: Path) -> None:
    answers = {q.id: 1 if q.kind == "rating" else 0 for q in quick.questions}
    out = existing(quick, tmp_path, answers, Status.complete, path=tmp_path / "done.json")
    flow, ui = flow_for(quick, tmp_path, out=out)
    flow.start()
    _, ask = ui.last
    assert isinstance(ask, Ask)
    assert [ident for _, ident, _ in ask.choices] == ["view", "edit", "retake", "new", "quit"]
    ui.choose("edit")
    assert ui.last == ("review", 0)
    flow.edit(3)
    assert ui.last[0] == "question"
    flow.answer(4)
    assert ui.last == ("review", 3)
    flow.finish()
    assert ui.last[0] == "results"
    saved = load_response(out)
    assert saved.answers == answers | {MR: 4} and saved.status == Status.complete
    assert saved.completed_at is not None and saved.completed_at > STAMP
    flow.quit()
    assert "(complete). Run the same command again to view, edit or retake" in flow.exit_message


def test_back_from_question_1_to_the_form_and_on(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = flow_for(quick, tmp_path, preset=WelcomeInfo("Ada Lovelace", "Core", None))
    flow.start()
    flow.back()
    kind, form = ui.last
    assert kind == "welcome" and isinstance(form, WelcomeForm)
    assert form.values == WelcomeInfo("Ada Lovelace", "Core", None)
    flow.begin(WelcomeInfo("Ada King", "Platform", "data-engineer"))
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView) and view.position == 1
    who = load_response(tmp_path / "responses" / "ada-lovelace.json").respondent
    assert (who.name, who.team, who.target_role) == ("Ada King", "Platform", "data-engineer")


def _to_question_4(quick: Questionnaire, tmp_path: Path) -> tuple[SurveyController, FakeUI]:
    flow, ui = flow_for(quick, tmp_path, preset=ADA)
    flow.start()
    for level in (2, 2, 2):
        flow.answer(level)
    return flow, ui


def test_s_on_a_check_tells_and_stays(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = _to_question_4(quick, tmp_path)
    flow.answer(2)
    shown = len(ui.shown)
    flow.skip()  # on question 5, a check
    assert len(ui.shown) == shown and "press 0" in ui.told[-1]
    assert flow.survey is not None and flow.survey.index == 4
    assert MC not in flow.survey.response.answers


def test_reopened_checks_come_next_from_review(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = _to_question_4(quick, tmp_path)
    flow.skip()  # the rating and its check
    flow.review()
    flow.edit(4)  # the hidden check: its rating is shown instead
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView) and view.position == 4
    flow.answer(3)
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView) and view.position == 5
    flow.answer("dont_know")
    assert ui.last == ("review", 4)


def test_finishing_counts_open_checks_as_dont_know(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = _to_question_4(quick, tmp_path)
    flow.answer(3)
    flow.review()
    flow.finish()
    _, ask = ui.last
    assert isinstance(ask, Ask) and 'records them as "I don\'t know"' in ask.message
    assert "9 question(s) are not answered" in ask.message  # the rest: not assessed
    ui.choose("finish")
    assert ui.last[0] == "results"
    saved = load_response(tmp_path / "responses" / "ada-lovelace.json")
    assert saved.answers[MC] == "dont_know"
    assert "monitoring-delayed-labels" not in saved.answers  # its skill is not rated


def test_quit_counts_as_the_results_do(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = _to_question_4(quick, tmp_path)
    flow.skip()  # and its check
    flow.quit()
    total = len(quick.questions)
    path = tmp_path / "responses" / "ada-lovelace.json"
    assert ui.closed and flow.exit_message == (
        f"Saved to {path}: 3 answered, 2 skipped, {total - 5} not answered (in progress). "
        "Run the same command again to resume."
    )


def test_quit_before_the_survey_starts_writes_nothing(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = flow_for(quick, tmp_path, preset=ADA)
    flow.start()
    flow.quit()
    assert ui.closed and flow.exit_message == "" and not (tmp_path / "responses").exists()
