"""Which questionnaire scores each response of a batch.

With ``-q`` one questionnaire scores every response, and a response to any other is
listed as skipped. Without it each response is scored against the built-in questionnaire
it names, in the version it names when that earlier version is kept (``ml-team@1.0``;
``assess.scorable.builtin_scorable``, as for one file: an id, never a path), loaded the
first time a response names it.

Questionnaires that share a catalogue (the same areas, skills and roles, as ``ml-team``
and ``quick`` do) give results on the same skills and roles, so a team view shows their
responses together: a skill a person's questionnaire did not ask is simply not assessed.
``Form.catalogue`` tells catalogues apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from assess.model.questionnaire import Questionnaire
from assess.safetext import clip
from assess.scorable import Mismatch, builtin_scorable
from assess.scoring.plan import ScoringPlan
from assess.team.fastpath import FastReader


@dataclass(eq=False)
class Form:
    """One questionnaire version responses in a batch are scored against."""

    index: int
    questionnaire: Questionnaire
    plan: ScoringPlan
    catalogue: int
    """Forms with the same number share their areas, skills and roles."""
    reader: FastReader

    @property
    def identity(self) -> tuple[str, str]:
        return self.plan.questionnaire_id, self.plan.version

    @property
    def label(self) -> str:
        """``quick v2.0``"""
        return f"{self.plan.questionnaire_id} v{self.plan.version}"


def catalogue_key(q: Questionnaire) -> str:
    """The areas, skills and roles of a questionnaire as one text: equal for two
    questionnaires whose results can be shown side by side."""
    parts = [
        [area.model_dump(mode="json") for area in q.areas],
        [skill.model_dump(mode="json") for skill in q.skills],
        [role.model_dump(mode="json") for role in q.roles],
    ]
    return json.dumps(parts, sort_keys=True)


class Forms:
    """The questionnaires of one batch, each with its fast reader, in the order first
    met; ``fixed``: only the one given (``-q``) scores anything."""

    def __init__(
        self,
        questionnaire: Questionnaire | None = None,
        plan: ScoringPlan | None = None,
        *,
        keep_stamps: bool = False,
    ) -> None:
        self.keep_stamps = keep_stamps
        self.forms: list[Form] = []
        self.fixed: Form | None = None
        self._by_identity: dict[tuple[str, str], Form | None] = {}
        self._catalogues: dict[str, int] = {}
        if questionnaire is not None:
            self.fixed = self._add(questionnaire, plan)

    def _add(self, q: Questionnaire, plan: ScoringPlan | None = None) -> Form:
        plan = plan or ScoringPlan.from_questionnaire(q)
        catalogue = self._catalogues.setdefault(catalogue_key(q), len(self._catalogues))
        index = len(self.forms)
        reader = FastReader(plan, index, keep_stamps=self.keep_stamps)
        form = Form(index, q, plan, catalogue, reader)
        self.forms.append(form)
        self._by_identity[form.identity] = form
        return form

    def lookup(self, questionnaire_id: str, version: str) -> Form | None:
        """The form that scores responses naming this questionnaire version, or None
        (``why_not`` says why)."""
        key = (questionnaire_id, version)
        if key in self._by_identity:
            return self._by_identity[key]
        form = None
        if self.fixed is None:
            found = builtin_scorable(questionnaire_id, version)
            if found is not None and found[0].version == version:
                form = self._add(*found)
        self._by_identity[key] = form
        return form

    def why_not(self, questionnaire_id: str, version: str) -> Mismatch:
        """Why no form scores a response naming this questionnaire version."""
        if self.fixed is not None:
            plan = self.fixed.plan
            if questionnaire_id != plan.questionnaire_id:
                reason = (
                    f"answers questionnaire '{questionnaire_id}', not '{plan.questionnaire_id}'"
                )
                return Mismatch("questionnaire_id", [reason], 0, "answers another questionnaire")
            reason = (
                f"answers version {version} of '{questionnaire_id}', not version {plan.version}"
            )
            return Mismatch("questionnaire_version", [reason], 0, "answers another version")
        found = builtin_scorable(questionnaire_id)
        if found is None:
            return Mismatch(
                "questionnaire_id",
                [
                    f"answers questionnaire '{clip(questionnaire_id, 80)}', which is not "
                    "built in (pass its file with --questionnaire PATH)"
                ],
                0,
                "answers a questionnaire that is not built in",
            )
        reason = (
            f"answers version {clip(version, 80)} of '{questionnaire_id}', not version "
            f"{found[0].version} (the built-in one; pass the file of that version with -q)"
        )
        return Mismatch("questionnaire_version", [reason], 0, "answers another version")
