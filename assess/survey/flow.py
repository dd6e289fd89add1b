"""The survey as a state machine over one response, independent of any UI.

``Survey`` holds the questionnaire, the response being built and the current position.
Every change to the response is saved at once through the ``save`` callback.

Two rules make knowledge checks impossible to game by skipping:

- a check is never "not applicable": ``skip`` refuses it (0, "I don't know", is its
  honest answer);
- skipping a skill's self-rating skips its checks: they are recorded as ``skip`` and the
  flow does not show them (they are *hidden*). Changing that rating from skip to a level
  makes them unanswered again, and the flow visits them next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assess.answers import DONT_KNOW, SKIP, Answer, counts_line, new_option_seed
from assess.brief import QuestionView, WelcomeInfo, brief_of
from assess.model.questionnaire import ChoiceQuestion, Questionnaire, RatingQuestion
from assess.model.response import Response, Status, utc_now

QuestionT = RatingQuestion | ChoiceQuestion


def for_rater(questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire a rating by someone else is answered on: its self-ratings only (a
    knowledge check tests the one who answers, not the person rated). The response keeps
    the questionnaire's id and version and is scored against the whole of it."""
    ratings = [x for x in questionnaire.questions if x.kind == "rating"]
    if len(ratings) == len(questionnaire.questions):
        return questionnaire
    return questionnaire.model_copy(update={"questions": ratings})


@dataclass(frozen=True)
class Counts:
    """How many questions are answered, skipped and not answered (as scoring counts)."""

    answered: int
    skipped: int
    not_answered: int

    def __str__(self) -> str:
        return counts_line(self.answered, self.skipped, self.not_answered)


@dataclass(frozen=True)
class ReviewRow:
    """One question as the review lists it."""

    index: int
    area: str
    skill: str
    kind: str
    """``rating`` or ``check``."""
    state: str
    """``answered``, ``skipped``, ``not answered``, or ``hidden`` (a check skipped with
    its self-rating)."""
    shown: str
    """The answer as text: ``3 Practitioner``, ``skipped``, ``not answered``…"""


class Survey:
    def __init__(
        self, questionnaire: Questionnaire, response: Response, save: Callable[[Response], None]
    ) -> None:
        self.questionnaire = questionnaire
        self.response = response
        self.save = save
        self.index = 0
        self.brief = brief_of(questionnaire)
        """The questions as plain data: views are built the way the first screen's were."""
        if response.rater is not None:  # asked about the person rated
            self.brief = self.brief.about_other(response.respondent.name)
        self._ratings: dict[str, list[str]] = {}
        self._checks: dict[str, list[int]] = {}
        for i, question in enumerate(questionnaire.questions):
            if question.kind == "rating":
                self._ratings.setdefault(question.skill, []).append(question.id)
            else:
                self._checks.setdefault(question.skill, []).append(i)

    # -- reading -------------------------------------------------------------------------
    @property
    def questions(self) -> list[QuestionT]:
        return list(self.questionnaire.questions)

    @property
    def total(self) -> int:
        return len(self.questionnaire.questions)

    @property
    def current(self) -> QuestionT:
        return self.questionnaire.questions[self.index]

    def view(self, index: int | None = None) -> QuestionView:
        """Question ``index`` (default: the current one) as the question screen shows it."""
        index = self.index if index is None else index
        question_id = self.questionnaire.questions[index].id
        return self.brief.view(index, self.response.option_seed, self.answer_of(question_id))

    def answer_of(self, question_id: str) -> Answer | None:
        return self.response.answers.get(question_id)

    def counts(self) -> Counts:
        given = [self.answer_of(x.id) for x in self.questionnaire.questions]
        skipped = sum(1 for answer in given if answer == SKIP)
        missing = sum(1 for answer in given if answer is None)
        return Counts(len(given) - skipped - missing, skipped, missing)

    def is_hidden(self, index: int) -> bool:
        """A check whose skill's self-rating is skipped: recorded as skipped, not shown."""
        question = self.questionnaire.questions[index]
        return question.kind == "choice" and self._rating_skipped(question.skill)

    def _rating_skipped(self, skill: str) -> bool:
        ratings = self._ratings.get(skill, [])
        return bool(ratings) and all(self.answer_of(r) == SKIP for r in ratings)

    def _rated(self, skill: str) -> bool:
        """Whether a self-rating of ``skill`` has a level (or the skill has none to give)."""
        ratings = self._ratings.get(skill, [])
        return not ratings or any(self.answer_of(r) not in (None, SKIP) for r in ratings)

    def first_unanswered(self) -> int | None:
        for i, question in enumerate(self.questionnaire.questions):
            if question.id not in self.response.answers:
                return i
        return None

    def open_checks(self) -> list[int]:
        """Unanswered checks of skills whose self-rating has a level: finishing would
        leave them without evidence, so they are answered (or counted "I don't know")."""
        return [
            i
            for i, question in enumerate(self.questionnaire.questions)
            if question.kind == "choice"
            and question.id not in self.response.answers
            and self._rated(question.skill)
        ]

    def rating_of(self, index: int) -> int:
        """The self-rating a hidden check goes with (the question itself otherwise)."""
        question = self.questionnaire.questions[index]
        if not self.is_hidden(index):
            return index
        first = self._ratings[question.skill][0]
        return next(i for i, x in enumerate(self.questionnaire.questions) if x.id == first)

    def review_rows(self) -> list[ReviewRow]:
        """Every question, in questionnaire order, as the review lists it."""
        rows = []
        for index, question in enumerate(self.questionnaire.questions):
            answer = self.answer_of(question.id)
            kind = "rating" if question.kind == "rating" else "check"
            if self.is_hidden(index):
                state, shown = "hidden", "skipped with its self-rating"
            elif answer is None:
                state, shown = "not answered", "not answered"
            elif answer == SKIP:
                state, shown = "skipped", "skipped"
            else:
                choice = next(c for c in self.view(index).choices if c.value == answer)
                state, shown = "answered", f"{choice.key} {choice.label}"
            data = self.brief.questions[index]
            rows.append(ReviewRow(index, data.area, data.skill, kind, state, shown))
        return rows

    # -- changing ------------------------------------------------------------------------
    def _update(self, **changes: object) -> None:
        self.response = self.response.model_copy(update={**changes, "updated_at": utc_now()})
        self.save(self.response)

    def set_answer(self, value: Answer) -> list[int]:
        """Record an answer for the current question and save at once. A skipped
        self-rating skips its skill's checks; a level after a skip reopens them: returns
        the indices of the checks reopened (to be visited next)."""
        question = self.current
        if value == SKIP and question.kind == "choice":
            raise ValueError("a knowledge check cannot be skipped; answer it or 'dont_know'")
        answers = dict(self.response.answers)
        before = answers.get(question.id)
        answers[question.id] = value
        reopened = []
        if question.kind == "rating":
            questions = self.questionnaire.questions
            checks = [questions[i].id for i in self._checks.get(question.skill, [])]
            ratings = self._ratings[question.skill]
            if all(answers.get(r) == SKIP for r in ratings):
                answers.update(dict.fromkeys(checks, SKIP))
            elif before == SKIP:
                for i, check in zip(self._checks.get(question.skill, []), checks, strict=True):
                    if answers.get(check) == SKIP:
                        del answers[check]
                        reopened.append(i)
        self._update(answers=answers)
        return reopened

    def skip(self) -> bool:
        """Skip the current self-rating (and its checks); False on a check (refused)."""
        if self.current.kind == "choice":
            return False
        self.set_answer(SKIP)
        return True

    def settle(self) -> bool:
        """Bring a response written before these rules in line: the checks of a skipped
        self-rating are skipped too. Saves if anything changed; True then."""
        answers = dict(self.response.answers)
        for skill, checks in self._checks.items():
            if self._rating_skipped(skill):
                for i in checks:
                    answers[self.questionnaire.questions[i].id] = SKIP
        if answers == self.response.answers:
            return False
        self._update(answers=answers)
        return True

    def ensure_seed(self) -> bool:
        """Give a response written before options were shuffled its own order, saved at
        once (its answers stay valid: they are authored option indices). True if it
        needed one."""
        if self.response.option_seed is not None:
            return False
        self._update(option_seed=new_option_seed())
        return True

    def record_dont_know(self, indices: list[int]) -> None:
        """Record "I don't know" for these checks (finishing with them left open)."""
        answers = dict(self.response.answers)
        for i in indices:
            answers[self.questionnaire.questions[i].id] = DONT_KNOW
        self._update(answers=answers)

    def update_respondent(self, info: WelcomeInfo) -> None:
        """New details from the welcome form: the respondent's, or on a rating by someone
        else, the rater's name."""
        rater = self.response.rater
        if rater is not None:
            self._update(rater=rater.model_copy(update={"name": info.name}))
            return
        who = self.response.respondent.model_copy(
            update={"name": info.name, "team": info.team, "target_role": info.target_role}
        )
        self._update(respondent=who)

    def complete(self) -> None:
        now = utc_now()
        self.response = self.response.model_copy(
            update={"status": Status.complete, "completed_at": now, "updated_at": now}
        )
        self.save(self.response)

    def save_now(self) -> None:
        self.save(self.response)

    # -- moving --------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        self.index = max(0, min(self.total - 1, index))

    def _step(self, start: int, step: int) -> int | None:
        i = start + step
        while 0 <= i < self.total:
            if not self.is_hidden(i):
                return i
            i += step
        return None

    def back(self) -> bool:
        """To the previous question shown; False on the first."""
        previous = self._step(self.index, -1)
        if previous is None:
            return False
        self.index = previous
        return True

    def forward(self) -> bool:
        """Move on if the current question has an answer; False at the end or if unanswered."""
        following = self._step(self.index, 1)
        if self.current.id not in self.response.answers or following is None:
            return False
        self.index = following
        return True

    def advance(self) -> bool:
        """After answering: the next question shown, or False when this was the last."""
        following = self._step(self.index, 1)
        if following is None:
            return False
        self.index = following
        return True
