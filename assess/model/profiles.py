"""Role profiles as numbers: the complete profile matrix and the skills that set a role apart.

Pure functions of a questionnaire (no I/O); used by ``assess roles``, the reports and the
profile tests.
"""

from __future__ import annotations

from assess.model.questionnaire import Questionnaire

APART_ABOVE_AVERAGE = 1.5
"""A skill sets a role apart when the role's level is at least this far above the average
level of the other roles..."""
APART_BELOW_TOP = 1
"""...and no other role is more than this many levels above it."""


def profile_matrix(q: Questionnaire) -> list[list[int]]:
    """Role x skill levels (0-4): required level, else typical level."""
    return [[role.profile_level(s.id) for s in q.skills] for role in q.roles]


def distinctive_skills(q: Questionnaire, role_id: str) -> list[str]:
    """Skills that set a role apart from the others, highest margin first."""
    matrix = profile_matrix(q)
    index = [r.id for r in q.roles].index(role_id)
    found: list[tuple[float, int, str]] = []
    for column, skill in enumerate(q.skills):
        own = matrix[index][column]
        others = [row[column] for i, row in enumerate(matrix) if i != index]
        if not others:
            continue
        margin = own - sum(others) / len(others)
        if margin >= APART_ABOVE_AVERAGE and own >= max(others) - APART_BELOW_TOP:
            found.append((-margin, column, skill.id))
    return [skill_id for _, _, skill_id in sorted(found)]
