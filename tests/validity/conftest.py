"""Personas (written blind from the seed texts) turned into responses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from assess.answers import DONT_KNOW
from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.model.response import Respondent, Response, Status

PERSONAS = Path(__file__).with_name("personas.yaml")
STAMP = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Persona:
    id: str
    role: str
    levels: dict[str, int]
    checks: dict[str, str]


def load_personas() -> list[Persona]:
    data: Any = YAML(typ="safe").load(PERSONAS.read_text(encoding="utf-8"))
    return [
        Persona(p["id"], p["role"], dict(p["levels"]), dict(p.get("checks") or {}))
        for p in data["personas"]
    ]


def answer_as(persona: Persona, q: Questionnaire) -> Response:
    """The response this persona gives: each self-rating at their level; a check answered
    right when they rate the skill 2 or more (else "I don't know"), unless overridden."""
    answers: dict[str, int | str] = {}
    for question in q.questions:
        level = persona.levels[question.skill]
        if not isinstance(question, ChoiceQuestion):
            answers[question.id] = level
            continue
        how = persona.checks.get(question.skill, "right" if level >= 2 else "dont_know")
        right = next(i for i, o in enumerate(question.options) if o.correct)
        if how == "right":
            answers[question.id] = right
        elif how == "wrong":
            answers[question.id] = (right + 1) % len(question.options)
        else:
            answers[question.id] = DONT_KNOW
    return Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=Respondent(name=persona.id),
        answers=answers,
        started_at=STAMP,
        updated_at=STAMP,
        status=Status.complete,
    )


@pytest.fixture(scope="session")
def personas() -> list[Persona]:
    return load_personas()
