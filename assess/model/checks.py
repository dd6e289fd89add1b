"""Cross-checks a schema cannot express: unique ids, references, one correct option...

Each finding carries the path of the offending value in the questionnaire data, so the
loader can point at its file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assess.errors import did_you_mean
from assess.model.questionnaire import ChoiceQuestion, Questionnaire

__all__ = ["Finding", "cross_check", "did_you_mean"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    path: Path
    message: str
    fix: str = ""


def _duplicates(kind: str, ids: Sequence[str]) -> list[Finding]:
    seen: dict[str, int] = {}
    found = []
    for index, ident in enumerate(ids):
        if ident in seen:
            found.append(
                Finding(
                    (kind, index, "id"),
                    f"duplicate id '{ident}' (also {kind}[{seen[ident]}])",
                    "give each entry a unique id",
                )
            )
        else:
            seen[ident] = index
    return found


def cross_check(q: Questionnaire) -> list[Finding]:
    """Every inconsistency between the parts of a questionnaire, in file order."""
    found: list[Finding] = []
    for kind, items in (
        ("areas", q.areas),
        ("skills", q.skills),
        ("questions", q.questions),
        ("roles", q.roles),
    ):
        found += _duplicates(kind, [item.id for item in items])

    area_ids = [a.id for a in q.areas]
    skill_ids = [s.id for s in q.skills]
    for i, skill in enumerate(q.skills):
        if skill.area not in area_ids:
            found.append(
                Finding(
                    ("skills", i, "area"),
                    f"unknown area '{skill.area}'",
                    did_you_mean(skill.area, area_ids),
                )
            )
    used_areas = {s.area for s in q.skills}
    for i, area in enumerate(q.areas):
        if area.id not in used_areas:
            found.append(
                Finding(
                    ("areas", i, "id"),
                    f"area '{area.id}' has no skills",
                    "remove the area or set it as the area of a skill",
                )
            )

    asked: set[str] = set()
    for i, question in enumerate(q.questions):
        if question.skill not in skill_ids:
            found.append(
                Finding(
                    ("questions", i, "skill"),
                    f"unknown skill '{question.skill}'",
                    did_you_mean(question.skill, skill_ids),
                )
            )
        asked.add(question.skill)
        if isinstance(question, ChoiceQuestion):
            found += _check_options(i, question)

    found += _check_profiles(q, skill_ids)

    not_asked = set(q.not_asked)
    for i, skill_id in enumerate(q.not_asked):
        if skill_id not in skill_ids:
            found.append(
                Finding(
                    ("not_asked", i),
                    f"unknown skill '{skill_id}'",
                    did_you_mean(skill_id, skill_ids),
                )
            )
        elif skill_id in asked:
            found.append(
                Finding(
                    ("not_asked", i),
                    f"skill '{skill_id}' is listed as not asked but has questions",
                    "remove it from not_asked",
                )
            )
    for i, skill in enumerate(q.skills):
        if skill.id not in asked and skill.id not in not_asked:
            found.append(
                Finding(
                    ("skills", i, "id"),
                    f"skill '{skill.id}' has no question",
                    "add a question with 'skill: " + skill.id + "', or list it under "
                    "not_asked if this questionnaire deliberately leaves it out",
                )
            )
    return found


def _check_options(index: int, question: ChoiceQuestion) -> list[Finding]:
    correct = [j for j, option in enumerate(question.options) if option.correct]
    path: Path = ("questions", index, "options")
    if len(correct) != 1:
        return [
            Finding(
                path,
                f"choice question '{question.id}' has {len(correct)} correct "
                "options; it needs exactly one",
                "mark exactly one option with 'correct: true'",
            )
        ]
    texts = [o.text.casefold() for o in question.options]
    for j, text in enumerate(texts):
        if text in texts[:j]:
            return [
                Finding(
                    (*path, j, "text"),
                    "two options have the same text",
                    "make every option distinct",
                )
            ]
    return []


def _check_profiles(q: Questionnaire, skill_ids: list[str]) -> list[Finding]:
    """Every role states a level for every skill: required, or typical (its full profile)."""
    found: list[Finding] = []
    for i, role in enumerate(q.roles):
        for part, verb, ids in (
            ("requirements", "requires", list(role.requirements)),
            ("typical", "gives a typical level for", list(role.typical)),
        ):
            found += [
                Finding(
                    ("roles", i, part, skill_id),
                    f"role '{role.id}' {verb} unknown skill '{skill_id}'",
                    did_you_mean(skill_id, skill_ids),
                )
                for skill_id in ids
                if skill_id not in skill_ids
            ]
        for skill_id in role.typical:
            if skill_id in role.requirements:
                found.append(
                    Finding(
                        ("roles", i, "typical", skill_id),
                        f"role '{role.id}' lists skill '{skill_id}' under both requirements "
                        "and typical",
                        "keep it in requirements (its level is the role's level) and remove "
                        "it from typical",
                    )
                )
        missing = [s for s in skill_ids if s not in role.requirements and s not in role.typical]
        if missing:
            shown = ", ".join(f"{s}: 0" for s in missing[:6]) + (
                ", ..." if len(missing) > 6 else ""
            )
            found.append(
                Finding(
                    ("roles", i, "typical"),
                    f"role '{role.id}' states no level for {len(missing)} skill(s): "
                    + ", ".join(missing[:6])
                    + (f" and {len(missing) - 6} more" if len(missing) > 6 else ""),
                    "a role profile must be complete to be compared with a person: add "
                    f"typical: {{{shown}}} with the level typical of the role (0 = not used)",
                )
            )
    return found
