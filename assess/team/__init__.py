"""Team batch scoring: tolerant loading (``batch``), scoring and analysis (``scored``),
exports, pseudonyms (``anonymize``).

The names below load on first use: ``assess score`` reads responses through
``assess.team.stream`` without importing pandas, which the analysis needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assess.team.anonymize import anonymize_batch, pseudonym
    from assess.team.batch import Batch, MixedForms, load_batch, score_batch
    from assess.team.scored import Team, score_team

_HOMES = {
    "anonymize_batch": "assess.team.anonymize",
    "pseudonym": "assess.team.anonymize",
    "Batch": "assess.team.batch",
    "MixedForms": "assess.team.batch",
    "load_batch": "assess.team.batch",
    "Team": "assess.team.scored",
    "score_batch": "assess.team.batch",
    "score_team": "assess.team.scored",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'assess.team' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)


__all__ = [
    "Batch",
    "MixedForms",
    "Team",
    "anonymize_batch",
    "load_batch",
    "pseudonym",
    "score_batch",
    "score_team",
]
