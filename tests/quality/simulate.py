"""Simulated respondents for item-statistics tests (and a benchmark by hand).

Each person has an ability theta ~ N(0, 1). A knowledge check j with difficulty b_j is
answered right with probability 1 / (1 + exp(-(1.7 (theta - b_j)))) (a Rasch-like model);
otherwise "I don't know" (more likely for the weak) or a distractor (the first distractor
drawing most). Self-ratings follow theta: round(2 + theta + noise) clipped to 0-4. So a
well-keyed check discriminates, and moving its key makes it discriminate negatively.
"""

from __future__ import annotations

import numpy as np

from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.scoring.plan import ScoringPlan


def simulate(q: Questionnaire, n: int, seed: int = 0) -> np.ndarray:
    plan = ScoringPlan.from_questionnaire(q)
    rng = np.random.default_rng(seed)
    theta = rng.normal(size=n)
    codes = np.full((n, len(q.questions)), plan.missing_code, dtype=np.int16)
    for j, question in enumerate(q.questions):
        if isinstance(question, ChoiceQuestion):
            key = next(k for k, o in enumerate(question.options) if o.correct)
            wrong = [k for k in range(len(question.options)) if k != key]
            b = rng.uniform(-1.2, 1.2)
            right = rng.random(n) < 1 / (1 + np.exp(-1.7 * (theta - b)))
            weights = np.array([0.6] + [0.4 / (len(wrong) - 1)] * (len(wrong) - 1))
            picks = rng.choice(wrong, size=n, p=weights)
            dont_know = rng.random(n) < 0.3 / (1 + np.exp(theta))
            column = np.where(right, key, np.where(dont_know, plan.dont_know_code, picks))
        else:
            level = np.rint(2 + theta + rng.normal(scale=0.7, size=n))
            column = np.clip(level, 0, 4)
        skipped = rng.random(n) < 0.03
        codes[:, j] = np.where(skipped, plan.skip_code, column)
    return codes


def rekey(q: Questionnaire, question_id: str, new_key: int) -> Questionnaire:
    """``q`` with the correct option of one check moved to option ``new_key`` (0-based)."""
    questions = []
    for question in q.questions:
        if question.id == question_id and isinstance(question, ChoiceQuestion):
            options = [
                o.model_copy(update={"correct": k == new_key})
                for k, o in enumerate(question.options)
            ]
            question = question.model_copy(update={"options": options})
        questions.append(question)
    return q.model_copy(update={"questions": questions})
