"""Learning plans: the learning catalogue (load), and a scored result turned into an
ordered plan of level steps (build). Core: no UI; ``render`` is the terminal, Markdown and
JSON output of ``assess plan``.

From any view that has a questionnaire ``q`` and a scored ``result``::

    from assess.learning import build_plan, load_learning

    learning = load_learning()  # the built-in catalogue; LearningError if it is broken
    plan = build_plan(q, result, learning, role=None, max_steps=5)  # a LearningPlan

and for one skill (team training advice): ``skill_steps(learning, q.skill(id), start,
required)`` with ``total_effort(steps, learning.hours_per_week)``.
"""

from assess.learning import cache
from assess.learning.build import (
    DEFAULT_STEPS,
    build_plan,
    choose_role,
    skill_steps,
    total_effort,
)
from assess.learning.load import LearningError, builtin_learning, is_learning_file, load_learning

__all__ = [
    "DEFAULT_STEPS",
    "LearningError",
    "build_plan",
    "builtin_learning",
    "cache",
    "choose_role",
    "is_learning_file",
    "load_learning",
    "skill_steps",
    "total_effort",
]
