"""Questionnaire models: areas, skills with anchored levels, questions and roles.

These are plain data: no I/O, no UI. Loading (with file:line errors) lives in
``assess.loading``; the cross-checks between parts live in ``assess.model.checks``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assess.answers import LEVEL_NAMES as LEVEL_NAMES  # re-exported with the models

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$", max_length=64),
]
"""Lower-case id: letters, digits, single '-' or '_' between them (``data-quality``)."""

MAX_LEVEL = len(LEVEL_NAMES) - 1


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, docstrings become descriptions."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=True
    )


NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Area(Strict):
    """A group of related skills, shown together in surveys and charts."""

    id: Identifier
    """Unique id of the area, referenced by skills (``data-engineering``)."""
    name: NonEmpty
    """Display name (``Data engineering``)."""


class Levels(Strict):
    """What a person at each level can be observed doing with this skill.

    Write behaviour ("has run a staged rollout with automatic rollback"), not adjectives.
    """

    none: NonEmpty
    """Level 0: what someone with no exposure to the skill looks like."""
    aware: NonEmpty
    """Level 1: knows what it is and when it is used; has tried it with guidance."""
    working: NonEmpty
    """Level 2: does routine tasks with it unaided."""
    practitioner: NonEmpty
    """Level 3: handles non-routine work, makes design choices, reviews others."""
    expert: NonEmpty
    """Level 4: sets practice for others, solves the hardest cases, teaches it."""

    def as_list(self) -> list[str]:
        """Descriptors in level order 0-4."""
        return [getattr(self, name) for name in LEVEL_NAMES]


class Skill(Strict):
    """One assessable skill with a five-level behavioural scale."""

    id: Identifier
    """Unique id, referenced by questions and role requirements (``sql``)."""
    name: NonEmpty
    """Display name (``SQL and relational databases``)."""
    area: Identifier
    """Id of the area this skill belongs to."""
    description: NonEmpty
    """One or two sentences on what the skill covers."""
    levels: Levels
    """Behavioural descriptor for each level 0-4."""
    source: list[NonEmpty] = Field(default_factory=list)
    """Where the skill comes from: seed file(s) or public framework codes (``SFIA: DENG``)."""


class QuestionBase(Strict):
    id: Identifier
    """Unique id of the question, used as the key in response files."""
    skill: Identifier
    """Id of the skill this question gives evidence for."""
    text: NonEmpty
    """The question as shown to the respondent."""
    weight: float = Field(default=1.0, gt=0, le=10)
    """Weight of this item in its skill's proficiency (default 1; must be > 0)."""


class RatingQuestion(QuestionBase):
    """A self-rating: the respondent picks the level (0-4) that describes them best."""

    kind: Literal["rating"]
    """``rating``: answered with one of the skill's five level descriptors."""


class Option(Strict):
    """One answer option of a knowledge check.

    Options carry no score: the correct one earns credit, every other answer none (no
    partial credit for a statement that is false).
    """

    text: NonEmpty
    """The option as shown to the respondent (in an order shuffled per response)."""
    correct: bool = False
    """True for the one correct option."""


RETIRED_KEYS: dict[tuple[str, str], str] = {
    ("Option", "score"): "options carry no score since questionnaire format 2: the correct "
    "option earns credit, every other answer none; delete 'score' (keep 'correct: true' on "
    "the right option)",
}
"""(model, key) -> how to update a file that still uses a key this format no longer has."""


class ChoiceQuestion(QuestionBase):
    """A knowledge check: several options, exactly one correct.

    Every choice question also offers "I don't know". A check is never "not
    applicable": anything but the correct option (a wrong option, "I don't know", a
    skip, no answer) earns no credit, and a check only counts once its skill's
    self-rating is answered.
    """

    kind: Literal["choice"]
    """``choice``: a knowledge check with one correct option."""
    options: list[Option] = Field(min_length=2, max_length=9)
    """Two to nine options; exactly one has ``correct: true``."""


Question = Annotated[RatingQuestion | ChoiceQuestion, Field(discriminator="kind")]


class Requirement(Strict):
    """What a role needs of one skill (O*NET-style level and importance)."""

    level: int = Field(ge=1, le=MAX_LEVEL)
    """Required proficiency level, 1 (aware) to 4 (expert)."""
    importance: int = Field(ge=1, le=5)
    """How much the skill matters to the role, 1 (marginal) to 5 (essential)."""


class Role(Strict):
    """A role an ML organisation needs: what it requires, and its typical level of every skill.

    ``requirements`` (level and importance) drive readiness and gaps; together with
    ``typical`` they make the role's complete profile, which match compares a person with.
    """

    id: Identifier
    """Unique id of the role (``data-engineer``)."""
    name: NonEmpty
    """Display name (``Data Engineer``)."""
    summary: NonEmpty
    """What the role does, in a sentence or two."""
    source: list[NonEmpty] = Field(min_length=1)
    """Where the profile comes from: seed file names and/or public frameworks (SFIA, O*NET)."""
    requirements: dict[Identifier, Requirement] = Field(min_length=1)
    """Skill id -> required level and importance."""
    typical: dict[Identifier, Annotated[int, Field(ge=0, le=MAX_LEVEL)]] = Field(
        default_factory=dict
    )
    """Skill id -> the level (0-4) typical of the role for every skill it does not require
    (0 = the role does not use it). Every skill appears in ``requirements`` or here."""

    def profile_level(self, skill_id: str) -> int:
        """The role's level of a skill: its requirement, else its typical level."""
        need = self.requirements.get(skill_id)
        return need.level if need is not None else self.typical.get(skill_id, 0)


class Questionnaire(Strict):
    """A complete questionnaire: skills, the questions on them and the roles to score against."""

    id: Identifier
    """Id stored in every response, so a response is never scored against the wrong form."""
    version: NonEmpty
    """Version stored in every response; change it when questions or options change."""
    title: NonEmpty
    """Title shown on the welcome screen and in reports."""
    description: str = ""
    """What the questionnaire covers, shown on the welcome screen."""
    estimated_minutes: int = Field(ge=1, le=600)
    """How long answering takes, in minutes."""
    include: list[NonEmpty] = Field(default_factory=list)
    """Files (relative to this one) whose ``areas``, ``skills`` and ``roles`` are merged in."""
    not_asked: list[Identifier] = Field(default_factory=list)
    """Skills of the included catalogue this questionnaire deliberately has no question on.

    They stay available to role profiles and count as not assessed (lowering coverage).
    """
    areas: list[Area] = Field(min_length=1)
    """Skill areas, in display order."""
    skills: list[Skill] = Field(min_length=1)
    """Skills, in display order."""
    questions: list[Question] = Field(min_length=1)
    """Questions, in the order they are asked."""
    roles: list[Role] = Field(min_length=1)
    """Roles to score against, in file order (which breaks ties)."""

    # -- lookups (cheap; the lists are small) --------------------------------------------
    def skill(self, skill_id: str) -> Skill:
        return next(s for s in self.skills if s.id == skill_id)

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def question(self, question_id: str) -> RatingQuestion | ChoiceQuestion:
        return next(q for q in self.questions if q.id == question_id)

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    @property
    def asked_skill_ids(self) -> list[str]:
        """Skills that have at least one question, in skill order."""
        asked = {q.skill for q in self.questions}
        return [s.id for s in self.skills if s.id in asked]
