"""What the survey's screens show, as plain data: no pydantic, no UI.

The first screen of ``assess take`` (welcome, or question 1 with ``--name``) is drawn from
a ``Brief`` read straight from the questionnaire cache, before pydantic is imported; the
validated models load right after that first paint. The survey flow
(``assess.survey.flow.Survey``) draws every later question from a brief of the loaded
questionnaire (``brief_of``), so ``Brief.view`` is the one way to turn a question into what
a person sees, and ``choices`` the one way to order its options.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from assess.answers import DONT_KNOW, LEVEL_NAMES, Answer, option_order


class HasDump(Protocol):
    """A pydantic model, seen from here without importing pydantic."""

    def model_dump(self, *, mode: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class WelcomeInfo:
    """Who is answering, as given on the welcome screen (or on the command line)."""

    name: str
    team: str | None
    target_role: str | None


@dataclass(frozen=True)
class AboutInfo:
    """The person being rated, when someone else answers about them (``assess take
    --about NAME --as manager|peer``)."""

    name: str
    email: str | None
    relation: Literal["manager", "peer"]

    @property
    def shown_how(self) -> str:
        """What the rated person will see of this rating (told before the first answer)."""
        if self.relation == "manager":
            return "A manager's rating may be shown to them on its own."
        return (
            "Peers' ratings are shown to them only as the mean of at least three peers, so "
            "yours cannot be told apart."
        )


_SECOND_PERSON = {
    "you": "they",
    "your": "their",
    "yours": "theirs",
    "yourself": "themselves",
    "you're": "they're",
    "you've": "they've",
    "you'd": "they'd",
    "you'll": "they'll",
}
_YOU = re.compile(r"\b(" + "|".join(sorted(_SECOND_PERSON, key=len, reverse=True)) + r")\b", re.I)


def third_person(text: str) -> str:
    """A self-rating's question asked about someone else: "Which best describes your work
    with SQL?" -> "Which best describes their work with SQL?" (you/your/yourself... to
    they/their/themselves..., keeping a capital)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        new = _SECOND_PERSON[word.lower()]
        return new.capitalize() if word[0].isupper() else new

    return _YOU.sub(swap, text)


@dataclass(frozen=True)
class Choice:
    """One selectable answer as shown: its key, label, detail and stored value."""

    key: str
    label: str
    detail: str
    value: Answer
    """What is stored: a level, the option's index in the *authored* order, or
    ``dont_know``, whatever position the option is shown at."""


@dataclass(frozen=True)
class QuestionData:
    """One question as plain data: what it takes to show it."""

    id: str
    kind: str
    """``rating`` or ``choice``."""
    text: str
    area: str
    """Name of the skill's area."""
    skill: str
    """Name of the skill."""
    skill_id: str
    options: tuple[str, ...]
    """A check's option texts in the authored order (empty for a rating)."""
    levels: tuple[str, ...]
    """The skill's five level descriptors, 0-4 (used by a rating)."""


def choices(question: QuestionData, seed: int | None) -> list[Choice]:
    """The options of a question in display order, each with the digit that selects it.

    Ratings: keys 0-4 are the levels. Checks: the options in the response's shuffled
    order (``option_order``), keys 1..n by position shown, each storing its authored
    index; 0 is "I don't know", always last.
    """
    if question.kind == "rating":
        return [
            Choice(str(level), name.capitalize(), question.levels[level], level)
            for level, name in enumerate(LEVEL_NAMES)
        ]
    order = option_order(seed, question.id, len(question.options))
    shown = [
        Choice(str(position), question.options[index], "", index)
        for position, index in enumerate(order, start=1)
    ]
    return [*shown, Choice("0", "I don't know", "", DONT_KNOW)]


@dataclass(frozen=True)
class QuestionView:
    """One question as the question screen shows it."""

    position: int
    """1-based position in the survey."""
    total: int
    area: str
    skill: str
    kind: str
    """``rating`` or ``choice``."""
    text: str
    choices: list[Choice]
    current: Answer | None
    """The answer given so far, if any."""
    about: str | None = None
    """The person rated, when someone else answers about them."""


@dataclass(frozen=True)
class Brief:
    """What the survey's screens need from a questionnaire, as plain data."""

    id: str
    version: str
    title: str
    description: str
    estimated_minutes: int
    area_names: list[str]
    roles: list[tuple[str, str]]
    """(id, name) of every role, in questionnaire order."""
    questions: tuple[QuestionData, ...]
    about: str | None = None
    """The person rated, when the brief is of a rating by someone else (``about_other``)."""

    @property
    def total(self) -> int:
        return len(self.questions)

    def about_other(self, name: str) -> Brief:
        """The brief of a rating by someone else: the self-ratings only (a knowledge check
        tests the one who answers, not the person rated), asked in the third person."""
        ratings = tuple(
            replace(q, text=third_person(q.text)) for q in self.questions if q.kind == "rating"
        )
        if not ratings:
            raise ValueError("this questionnaire has no self-ratings for someone else to answer")
        return replace(self, questions=ratings, about=name)

    def view(self, index: int, seed: int | None, current: Answer | None = None) -> QuestionView:
        """Question ``index`` (0-based) as shown to a respondent whose seed is ``seed``."""
        question = self.questions[index]
        return QuestionView(
            position=index + 1,
            total=self.total,
            area=question.area,
            skill=question.skill,
            kind=question.kind,
            text=question.text,
            choices=choices(question, seed),
            current=current,
            about=self.about,
        )


def brief_of(questionnaire: HasDump) -> Brief:
    """The brief of a loaded questionnaire model."""
    return brief_from_dump(questionnaire.model_dump(mode="json"))


def brief_from_dump(dump: Mapping[str, Any]) -> Brief:
    """A brief from a questionnaire as JSON data (``Questionnaire.model_dump``)."""
    areas = {area["id"]: area["name"] for area in dump["areas"]}
    skills = {skill["id"]: skill for skill in dump["skills"]}
    questions = []
    for question in dump["questions"]:
        skill = skills[question["skill"]]
        questions.append(
            QuestionData(
                id=question["id"],
                kind=question["kind"],
                text=question["text"],
                area=areas[skill["area"]],
                skill=skill["name"],
                skill_id=skill["id"],
                options=tuple(option["text"] for option in question.get("options", [])),
                levels=tuple(skill["levels"][name] for name in LEVEL_NAMES),
            )
        )
    if not questions:
        raise ValueError("a questionnaire without questions")
    return Brief(
        id=dump["id"],
        version=dump["version"],
        title=dump["title"],
        description=dump.get("description", ""),
        estimated_minutes=dump["estimated_minutes"],
        area_names=list(areas.values()),
        roles=[(role["id"], role["name"]) for role in dump["roles"]],
        questions=tuple(questions),
    )
