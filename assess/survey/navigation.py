"""Moving through a survey's questions and its review: the controller's part that the
question and review screens call (answer, skip, back, forward, edit, finish)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assess.answers import Answer
from assess.brief import WelcomeInfo
from assess.survey import asks

if TYPE_CHECKING:
    from pathlib import Path

    from assess.survey.flow import Survey
    from assess.survey.ui import SurveyUI, WelcomeForm


class QuestionsAndReview:
    """Answers, moves and the finish, on the survey under way (``SurveyController``
    supplies the survey, the UI and the results)."""

    ui: SurveyUI
    path: Path | None
    _from_review: bool
    _visit: list[int]
    _survey: Survey | None

    def _survey_now(self) -> Survey | None:
        raise NotImplementedError

    def _form(self, values: WelcomeInfo | None = None, save_hint: str | None = None) -> WelcomeForm:
        raise NotImplementedError

    def show_results(self) -> None:
        raise NotImplementedError

    # -- questions ---------------------------------------------------------------------------
    def answer(self, value: Answer) -> None:
        survey = self._survey_now()
        if survey is not None:
            self._visit = survey.set_answer(value) or self._visit
            self._move_on(survey)

    def skip(self) -> None:
        survey = self._survey_now()
        if survey is None:
            return
        if not survey.skip():
            self.ui.tell('A knowledge check cannot be skipped: press 0 for "I don\'t know".')
            return
        self._move_on(survey)

    def _move_on(self, survey: Survey) -> None:
        """After an answer: checks a rating has just reopened, else on (or back to review)."""
        while self._visit:
            index = self._visit.pop(0)
            if survey.answer_of(survey.questions[index].id) is None:
                survey.go_to(index)
                self.ui.show_question(survey.view())
                return
        if self._from_review:
            self._from_review = False
            self.ui.show_review(survey.index)
        elif survey.advance():
            self.ui.show_question(survey.view())
        else:  # ran off the end: review from the top
            self.ui.show_review(0)

    def back(self) -> None:
        """The previous question; from question 1, the welcome form with its details."""
        survey = self._survey_now()
        if survey is None:
            return
        self._visit = []
        if survey.back():
            self.ui.show_question(survey.view())
            return
        who, rater = survey.response.respondent, survey.response.rater
        values = (
            WelcomeInfo(rater.name, None, None)
            if rater is not None
            else WelcomeInfo(who.name, who.team, who.target_role)
        )
        self.ui.show_welcome(self._form(values, save_hint=str(self.path)))

    def forward(self) -> None:
        survey = self._survey_now()
        if survey is None:
            return
        if survey.forward():
            self.ui.show_question(survey.view())
        elif survey.answer_of(survey.current.id) is None:
            how = "s skips it" if survey.current.kind == "rating" else '0 is "I don\'t know"'
            self.ui.tell(f"Answer this question first ({how})")

    def review(self) -> None:
        survey = self._survey_now()
        if survey is not None:
            self._from_review, self._visit = False, []
            self.ui.show_review(survey.index)

    # -- review ------------------------------------------------------------------------------
    def edit(self, index: int) -> None:
        """Change question ``index`` (a check skipped with its self-rating: the rating)."""
        survey = self._survey_now()
        if survey is not None:
            survey.go_to(survey.rating_of(index))
            self._from_review, self._visit = True, []
            self.ui.show_question(survey.view())

    def back_to_questions(self) -> None:
        survey = self._survey_now()
        if survey is not None:
            first = survey.first_unanswered()
            survey.go_to(first if first is not None else survey.index)
            self._from_review, self._visit = False, []
            self.ui.show_question(survey.view())

    def finish(self) -> None:
        survey = self._survey_now()
        if survey is None:
            return
        open_checks = len(survey.open_checks())
        missing = survey.counts().not_answered - open_checks
        if missing or open_checks:
            self.ui.ask(asks.finish_early(missing, open_checks), self._after_finish)
        else:
            self._complete(survey)

    def _after_finish(self, choice: str | None) -> None:
        survey = self._survey
        if survey is None:
            return
        if choice == "finish":
            survey.record_dont_know(survey.open_checks())
            self._complete(survey)
        elif choice == "answer":
            self.back_to_questions()

    def _complete(self, survey: Survey) -> None:
        survey.complete()
        self.show_results()
