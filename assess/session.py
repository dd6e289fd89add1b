"""The survey as a state machine, independent of any UI.

``Survey`` holds the questionnaire, the response being built and the current position.
Every change to an answer is saved at once through the ``save`` callback, so the UI
only has to call these methods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assess.answers import SKIP, Answer
from assess.brief import Choice, QuestionView, WelcomeInfo, choices
from assess.model.questionnaire import ChoiceQuestion, Questionnaire, RatingQuestion
from assess.model.response import Response, Status, utc_now

QuestionT = RatingQuestion | ChoiceQuestion

__all__ = ["Choice", "QuestionView", "Survey", "WelcomeInfo", "choices_for"]


def choices_for(q: Questionnaire, question: QuestionT) -> list[Choice]:
    """The options of a question in display order, each with the digit that selects it."""
    if isinstance(question, RatingQuestion):
        return choices("rating", [], q.skill(question.skill).levels.as_list())
    return choices("choice", [option.text for option in question.options], [])


@dataclass
class Survey:
    questionnaire: Questionnaire
    response: Response
    save: Callable[[Response], None]
    index: int = 0
    history: list[int] = field(default_factory=list)

    @property
    def questions(self) -> list[QuestionT]:
        return list(self.questionnaire.questions)

    @property
    def total(self) -> int:
        return len(self.questionnaire.questions)

    @property
    def current(self) -> QuestionT:
        return self.questionnaire.questions[self.index]

    def view(self) -> QuestionView:
        """The current question as the question screen shows it."""
        q, question = self.questionnaire, self.current
        skill = q.skill(question.skill)
        return QuestionView(
            position=self.index + 1,
            total=self.total,
            area=q.area(skill.area).name,
            skill=skill.name,
            kind=question.kind,
            text=question.text,
            choices=choices_for(q, question),
            current=self.answer_of(question.id),
        )

    def answer_of(self, question_id: str) -> Answer | None:
        return self.response.answers.get(question_id)

    @property
    def answered_count(self) -> int:
        return sum(1 for x in self.questionnaire.questions if x.id in self.response.answers)

    def first_unanswered(self) -> int | None:
        for i, question in enumerate(self.questionnaire.questions):
            if question.id not in self.response.answers:
                return i
        return None

    def set_answer(self, value: Answer) -> None:
        """Record an answer (or ``SKIP``) for the current question and save at once."""
        answers = dict(self.response.answers)
        answers[self.current.id] = value
        self.response = self.response.model_copy(
            update={"answers": answers, "updated_at": utc_now()}
        )
        self.save(self.response)

    def skip(self) -> None:
        self.set_answer(SKIP)

    def go_to(self, index: int) -> None:
        self.index = max(0, min(self.total - 1, index))

    def back(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def forward(self) -> bool:
        """Move on if the current question has an answer; False at the end or if unanswered."""
        if self.current.id not in self.response.answers or self.index >= self.total - 1:
            return False
        self.index += 1
        return True

    def advance(self) -> bool:
        """After answering: next question, or False when this was the last one."""
        if self.index >= self.total - 1:
            return False
        self.index += 1
        return True

    def complete(self) -> None:
        now = utc_now()
        self.response = self.response.model_copy(
            update={"status": Status.complete, "completed_at": now, "updated_at": now}
        )
        self.save(self.response)

    def save_now(self) -> None:
        self.save(self.response)
