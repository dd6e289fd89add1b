"""What the survey's screens show, as plain data: no pydantic, no UI.

The first screen of ``assess take`` (welcome, or question 1 with ``--name``) is drawn from
a ``Brief`` read straight from the questionnaire cache, before pydantic is imported; the
validated models load right after that first paint. ``Survey`` (in ``assess.session``)
builds the same ``QuestionView`` for every later question, so there is one way to turn a
question into what a person sees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assess.answers import DONT_KNOW, LEVEL_NAMES, Answer


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
class Choice:
    """One selectable answer as shown: its key, label, detail and stored value."""

    key: str
    label: str
    detail: str
    value: Answer


def choices(
    kind: str, option_texts: Sequence[str], level_descriptors: Sequence[str]
) -> list[Choice]:
    """The options of a question in display order, each with the digit that selects it.

    Ratings: keys 0-4 are the levels. Checks: keys 1..n are the options and 0 is
    "I don't know" (listed last).
    """
    if kind == "rating":
        return [
            Choice(str(level), name.capitalize(), level_descriptors[level], level)
            for level, name in enumerate(LEVEL_NAMES)
        ]
    options = [Choice(str(i + 1), text, "", i) for i, text in enumerate(option_texts)]
    return [*options, Choice("0", "I don't know", "", DONT_KNOW)]


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


@dataclass(frozen=True)
class Brief:
    """What the welcome screen and the first question need from a questionnaire."""

    id: str
    version: str
    title: str
    description: str
    estimated_minutes: int
    area_names: list[str]
    roles: list[tuple[str, str]]
    """(id, name) of every role, in questionnaire order."""
    first: QuestionView


def brief_of(questionnaire: HasDump) -> Brief:
    """The brief of a loaded questionnaire model."""
    return brief_from_dump(questionnaire.model_dump(mode="json"))


def brief_from_dump(dump: Mapping[str, Any]) -> Brief:
    """A brief from a questionnaire as JSON data (``Questionnaire.model_dump``)."""
    areas = {area["id"]: area["name"] for area in dump["areas"]}
    skills = {skill["id"]: skill for skill in dump["skills"]}
    question = dump["questions"][0]
    skill = skills[question["skill"]]
    first = QuestionView(
        position=1,
        total=len(dump["questions"]),
        area=areas[skill["area"]],
        skill=skill["name"],
        kind=question["kind"],
        text=question["text"],
        choices=choices(
            question["kind"],
            [option["text"] for option in question.get("options", [])],
            [skill["levels"][name] for name in LEVEL_NAMES],
        ),
        current=None,
    )
    return Brief(
        id=dump["id"],
        version=dump["version"],
        title=dump["title"],
        description=dump.get("description", ""),
        estimated_minutes=dump["estimated_minutes"],
        area_names=list(areas.values()),
        roles=[(role["id"], role["name"]) for role in dump["roles"]],
        first=first,
    )
