"""Does the role ranking find the role a person holds? Personas written blind from the seeds.

The personas (``personas.yaml``) were written from the seed texts and the skill
descriptors before any result was seen; each answers the built-in questionnaires as that
person would. The figures printed here are the ones the README quotes.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pytest

from assess.loading import load_questionnaire
from assess.model.questionnaire import Questionnaire
from assess.paths import builtin_dir
from assess.scoring import score_responses
from tests.validity.conftest import Persona, answer_as

ROLES_PER_PERSONA_SET = 10
MIN_PER_ROLE = 5


def _ranking_figures(q: Questionnaire, personas: list[Persona]) -> dict[str, object]:
    results = score_responses(q, [answer_as(p, q) for p in personas])
    per_role: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    top1 = top2 = 0
    firsts: Counter[str | None] = Counter()
    for persona, result in zip(personas, results, strict=True):
        order = [r.role for r in result.roles] if result.best_role else []
        counts = per_role[persona.role]
        counts[0] += 1
        firsts[result.best_role] += 1
        if order[:1] == [persona.role]:
            top1 += 1
            counts[1] += 1
        if persona.role in order[:2]:
            top2 += 1
            counts[2] += 1
    n = len(personas)
    print(f"\n{q.id} v{q.version}: {n} personas, top-1 {top1 / n:.0%}, top-2 {top2 / n:.0%}")
    for role, (count, first, second) in per_role.items():
        print(f"  {role:20s} {count} personas  top-1 {first}/{count}  top-2 {second}/{count}")
    print("  first places:", dict(firsts))
    return {"top1": top1 / n, "top2": top2 / n, "firsts": firsts, "per_role": per_role}


def test_personas_cover_every_role(personas: list[Persona], ml_team: Questionnaire) -> None:
    counts = Counter(p.role for p in personas)
    assert set(counts) == {r.id for r in ml_team.roles}
    assert min(counts.values()) >= MIN_PER_ROLE, counts
    for persona in personas:
        assert set(persona.levels) == {s.id for s in ml_team.skills}, persona.id


def test_full_questionnaire_finds_the_role(personas: list[Persona], ml_team: Questionnaire) -> None:
    figures = _ranking_figures(ml_team, personas)
    assert figures["top2"] >= 0.80
    assert figures["top1"] >= 0.60
    # no role takes more than a quarter of all first places (there are ten roles)
    firsts = figures["firsts"]
    assert isinstance(firsts, Counter)
    assert max(firsts.values()) <= 0.25 * len(personas), firsts


def test_quick_questionnaire_finds_the_role(personas: list[Persona]) -> None:
    quick = load_questionnaire(builtin_dir() / "quick.yaml")
    figures = _ranking_figures(quick, personas)
    # the short form asks half the skills: a lower bar, still far above chance (20% top-2)
    assert figures["top2"] >= 0.70
    assert figures["top1"] >= 0.50


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_flat_profiles_get_no_best_role(ml_team: Questionnaire, level: int) -> None:
    """Equal levels everywhere have no highs or lows to match: no role is named."""
    flat = Persona("flat", "none", {s.id: level for s in ml_team.skills}, {})
    (result,) = score_responses(ml_team, [answer_as(flat, ml_team)])
    assert result.best_role is None
    assert result.no_match_reason and "hardly differ" in result.no_match_reason
    assert all(r.match is None for r in result.roles)


def test_near_flat_profiles_do_not_all_land_on_one_role(ml_team: Questionnaire) -> None:
    """Flat at each level, with one skill a level higher: the best role follows that skill,
    so flat-ish profiles spread over the roles instead of collapsing onto one."""
    rng = np.random.default_rng(7)
    firsts: Counter[str | None] = Counter()
    skills = [s.id for s in ml_team.skills]
    for _ in range(120):
        base = int(rng.integers(0, 4))
        levels = dict.fromkeys(skills, base)
        levels[skills[int(rng.integers(0, len(skills)))]] = base + 1
        persona = Persona("near-flat", "none", levels, {})
        (result,) = score_responses(ml_team, [answer_as(persona, ml_team)])
        firsts[result.best_role] += 1
    print("\nfirst places of near-flat profiles:", dict(firsts))
    assert len(firsts) >= 8
    assert max(firsts.values()) <= 0.3 * 120
