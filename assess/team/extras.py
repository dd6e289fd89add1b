"""What ``assess team --history`` and ``--raters`` add to the team view, in the order the
command needs it: read every assessment and the other raters' ratings while the batch
still names people and files (``read_extras``, before ``--anonymize``), rescore the team
view by the rater policy (``Extras.rescore``), then draw the team over time
(``Extras.trend``) and date each person's row in the exports (``Extras.assessed``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Scores
from assess.scoring.plan import FloatArray
from assess.scoring.raters import RaterPolicy
from assess.team.batch import Batch
from assess.team.history import Assessments, read_assessments
from assess.team.others import RaterView, Ratings, rater_view, read_ratings, with_policy
from assess.team.trend import TeamTrend, build_trend


@dataclass
class Extras:
    policy: RaterPolicy
    ratings: Ratings
    others: FloatArray | None
    """(people, skills) others' level the policy may take, per row of the team view
    (None under ``self``)."""
    assessments: Assessments | None
    """Every assessment (with ``--history`` or when the exports need dates)."""
    history: bool

    def rescore(self, scores: Scores) -> Scores:
        """The team view's scores under the policy (``score_team(rescore=...)``)."""
        if self.others is None:
            return scores
        return with_policy(scores, self.others, self.policy)

    @property
    def raters(self) -> RaterView:
        return rater_view(self.ratings, self.others, self.policy)

    def trend(
        self,
        q: Questionnaire,
        target_roles: list[str],
        *,
        by: str = "auto",
        labels: list[str] | None = None,
        anonymize_key: str | None = None,
        anonymized: bool = False,
    ) -> TeamTrend | None:
        """The team over time (None without ``--history``)."""
        if not self.history or self.assessments is None:
            return None
        return build_trend(
            q,
            self.assessments,
            target_roles,
            by=by,
            policy=self.policy,
            ratings=self.ratings,
            labels=labels,
            anonymize_key=anonymize_key,
            anonymized=anonymized,
        )

    @property
    def assessed(self) -> list[str | None] | None:
        """Per row of the team view: the day its response was finished (else last saved),
        for the exports' ``assessed`` column."""
        return None if self.assessments is None else self.assessments.assessed()


def read_extras(
    batch: Batch,
    inputs: Iterable[Path | str],
    *,
    questionnaire: Questionnaire | None = None,
    history: bool = False,
    policy: RaterPolicy = "self",
    dated: bool = False,
) -> Extras:
    """Read what the options need from ``batch`` (not yet anonymized) and the inputs:
    the ratings always (the views say how many people have other raters, whatever the
    policy), every assessment with ``history`` or ``dated`` (the exports' dates).
    ``questionnaire``: the one given with ``-q``."""
    ratings = read_ratings(batch, questionnaire)
    others = None if policy == "self" else ratings.others(len(batch))
    assessments = (
        read_assessments(batch, inputs, questionnaire=questionnaire, history=history)
        if history or dated
        else None
    )
    return Extras(policy, ratings, others, assessments, history)


def trend_tables(trend: TeamTrend | None) -> dict[str, Callable[[], Iterable[pd.DataFrame]]]:
    """The exports' tables of the team over time: ``trend`` and ``history_skipped``."""
    if trend is None:
        return {}
    return {
        "trend": lambda: [trend.table()],
        "history_skipped": lambda: [trend.not_used_table()],
    }
