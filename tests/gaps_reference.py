"""The tidy gap table as pandas frames: the reference the exports' Arrow gap tables
(``assess.team.export.gap_tables``) and the gap formula are checked against."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from assess.scoring.engine import Scores
from assess.scoring.gaps import role_gaps

GAP_COLUMNS = ["person", "role", "skill", "current", "required", "importance", "weighted_gap"]


def gap_frames(scores: Scores, names: list[str], role_ids: list[str]) -> Iterator[pd.DataFrame]:
    """Tidy gaps a role at a time (an export can write each and let it go: 100k people
    make about 10M rows): one row per person x required skill below that role's level,
    with the gap formula of ``scoring.gaps`` (the one personal results use)."""
    plan = scores.plan
    people = np.asarray(names, dtype=object)
    skill_ids = np.asarray(plan.skill_ids, dtype=object)
    for role_id in role_ids:
        k = list(plan.role_ids).index(role_id)
        is_gap, weighted = role_gaps(scores.proficiency, plan.required[k], plan.importance[k])
        person, skill = np.nonzero(is_gap)
        yield pd.DataFrame(
            {
                "person": people[person],
                "role": role_id,
                "skill": skill_ids[skill],
                "current": scores.proficiency[person, skill].round(3),  # as in skills.csv
                "required": plan.required[k][skill].astype(int),
                "importance": plan.importance[k][skill].astype(int),
                "weighted_gap": weighted[person, skill].round(3),
            }
        )


def gaps_table(scores: Scores, names: list[str], role_ids: list[str]) -> pd.DataFrame:
    """Tidy gaps: one row per person x target role x required skill below level."""
    frames = list(gap_frames(scores, names, role_ids))
    if not frames:
        return pd.DataFrame(columns=GAP_COLUMNS)
    return pd.concat(frames, ignore_index=True)
