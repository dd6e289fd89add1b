"""Learning catalogue: for every skill and level step, what to practise, read and how long.

A step is named by the level it reaches: ``aware`` is 0 → 1, ``working`` 1 → 2,
``practitioner`` 2 → 3, ``expert`` 3 → 4 (the names of ``skills.yaml``'s descriptors).
Plain data: no I/O. Loading (with file:line errors) lives in ``assess.learning``; the
checks between parts and against the skill catalogue are ``learning_findings`` below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from assess.errors import did_you_mean
from assess.model.checks import Finding
from assess.model.questionnaire import LEVEL_NAMES, Identifier, NonEmpty, Strict

STEP_NAMES: tuple[str, ...] = LEVEL_NAMES[1:]
"""Step keys in level order: each is the name of the level the step reaches (1-4)."""

HttpsUrl = Annotated[
    str,
    StringConstraints(
        pattern=r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s<>\"'`\\]*)?$", max_length=300
    ),
]
"""A plain ``https://`` link: no spaces, quotes or angle brackets. Nothing is fetched."""

CITED_KINDS = ("book", "paper")
"""Kinds cited by author and year (a link is optional); every other kind needs a link."""

MAX_HOURS = 2000


class Resource(Strict):
    """A public resource to read or take: a book or paper (cited), or a page (linked)."""

    kind: Literal["book", "paper", "course", "docs", "guide", "article"]
    """``book`` or ``paper`` (a citation: ``by`` and ``year`` required); ``course``,
    ``docs``, ``guide`` or ``article`` (a web page: ``url`` required)."""
    title: NonEmpty
    """Title as published (``Designing Data-Intensive Applications``)."""
    by: str = ""
    """Authors (``Martin Kleppmann``) or the organisation that publishes it."""
    year: int | None = Field(default=None, ge=1900, le=2100)
    """Year of publication (the edition cited), for books and papers."""
    publisher: str = ""
    """Publisher of a book or venue of a paper (``O'Reilly``, ``NeurIPS``)."""
    url: HttpsUrl | None = None
    """A plain ``https://`` link; required unless the resource is a book or paper."""

    def citation(self) -> str:
        """One line: title, by, publisher and year, e.g. ``Title — A. Author (O'Reilly, 2017)``."""
        text = self.title
        if self.by:
            text += f" — {self.by}"
        where = ", ".join(p for p in (self.publisher, str(self.year or "")) if p)
        return text + (f" ({where})" if where else "")


class Effort(Strict):
    """Typical effort of a step: a range of hours of deliberate practice and study."""

    min_hours: int = Field(ge=1, le=MAX_HOURS)
    """Fewest hours the step usually takes (at most ``max_hours``)."""
    max_hours: int = Field(ge=1, le=MAX_HOURS)
    """Most hours the step usually takes."""
    note: str = ""
    """What the range assumes beyond the catalogue's pace (e.g. "with real pipelines at work")."""


class Step(Strict):
    """One level step of one skill: what to practise, what to read, how long it takes."""

    tasks: list[NonEmpty] = Field(min_length=2, max_length=4)
    """Two to four concrete tasks, phrased as observable outcomes that match the
    descriptor of the level this step reaches."""
    resources: list[Identifier] = Field(min_length=1, max_length=3)
    """One to three ids from the catalogue's ``resources``."""
    effort: Effort
    """Typical effort, in hours."""


class SkillSteps(Strict):
    """The four steps of one skill, named by the level each reaches."""

    aware: Step
    """Step 0 → 1 (none → aware)."""
    working: Step
    """Step 1 → 2 (aware → working)."""
    practitioner: Step
    """Step 2 → 3 (working → practitioner)."""
    expert: Step
    """Step 3 → 4 (practitioner → expert)."""

    def to_level(self, level: int) -> Step:
        """The step that reaches ``level`` (1-4)."""
        step: Step = getattr(self, LEVEL_NAMES[level])
        return step


class LearningCatalogue(Strict):
    """Learning steps for every skill of a skill catalogue, and the resources they cite."""

    skill_catalogue: NonEmpty
    """The skill catalogue these steps are for (``skills.yaml``), relative to this file."""
    hours_per_week: int = Field(ge=1, le=40)
    """The pace efforts are shown at in weeks (4 = "a few hours a week")."""
    assumption: NonEmpty
    """What every effort assumes and rests on, shown with each plan."""
    resources: dict[Identifier, Resource] = Field(min_length=1)
    """Resource id -> resource; steps cite them by id."""
    skills: dict[Identifier, SkillSteps] = Field(min_length=1)
    """Skill id -> its four steps; every skill of the skill catalogue has an entry."""

    def step_count(self) -> int:
        return len(self.skills) * len(STEP_NAMES)


def learning_findings(
    catalogue: LearningCatalogue, skills: Sequence[tuple[str, str]]
) -> list[Finding]:
    """Every inconsistency, in file order: unknown or missing skills (``skills`` holds
    (id, name) of the skill catalogue), unknown or repeated resources, unused resources,
    resources without a citation or link, and effort ranges with min above max."""
    found: list[Finding] = []
    skill_ids = [sid for sid, _ in skills]
    resource_ids = list(catalogue.resources)
    for rid, res in catalogue.resources.items():
        if res.kind in CITED_KINDS:
            for field in ("by", "year"):
                if not getattr(res, field):
                    found.append(
                        Finding(
                            ("resources", rid, "kind"),
                            f"a {res.kind} is cited by author and year: '{field}' is missing",
                            f"add '{field}:'"
                            + (" (authors as printed on the cover)" if field == "by" else ""),
                        )
                    )
        elif res.url is None:
            found.append(
                Finding(
                    ("resources", rid, "kind"),
                    f"a {res.kind} needs a link: 'url' is missing",
                    "add 'url: https://…' (a plain link to the public page)",
                )
            )
    used: set[str] = set()
    for sid, steps in catalogue.skills.items():
        if sid not in skill_ids:
            found.append(
                Finding(
                    ("skills", sid),
                    f"unknown skill '{sid}': not in the skill catalogue",
                    did_you_mean(sid, skill_ids),
                )
            )
        for name in STEP_NAMES:
            step: Step = getattr(steps, name)
            where = ("skills", sid, name)
            for i, rid in enumerate(step.resources):
                used.add(rid)
                if rid not in catalogue.resources:
                    found.append(
                        Finding(
                            (*where, "resources", i),
                            f"unknown resource '{rid}'",
                            did_you_mean(rid, resource_ids),
                        )
                    )
                elif rid in step.resources[:i]:
                    found.append(
                        Finding(
                            (*where, "resources", i),
                            f"resource '{rid}' is cited twice in this step",
                            "cite each resource once per step",
                        )
                    )
            if step.effort.min_hours > step.effort.max_hours:
                found.append(
                    Finding(
                        (*where, "effort", "min_hours"),
                        f"effort range is backwards: min_hours {step.effort.min_hours} is "
                        f"more than max_hours {step.effort.max_hours}",
                        "swap the two numbers (min_hours is the fewest hours the step takes)",
                    )
                )
    for rid in resource_ids:
        if rid not in used:
            found.append(
                Finding(
                    ("resources", rid),
                    f"resource '{rid}' is not cited by any step",
                    "cite it in a step's resources, or remove it",
                )
            )
    for sid, name in skills:
        if sid not in catalogue.skills:
            found.append(
                Finding(
                    ("skills",),
                    f"no steps for skill '{sid}' ({name})",
                    f"add '{sid}:' with its steps " + ", ".join(STEP_NAMES),
                )
            )
    return found


__all__ = [
    "CITED_KINDS",
    "STEP_NAMES",
    "Effort",
    "LearningCatalogue",
    "Resource",
    "SkillSteps",
    "Step",
    "learning_findings",
]
