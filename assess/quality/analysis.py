"""Item quality for authors: knowledge-check statistics with a verdict, Cronbach's alpha
of each area's self-ratings, and careless-responding flags per respondent. Pure: a
questionnaire and answer codes in, DataFrames out (numbers from ``assess.quality.stats``).

Thresholds, and where they come from (README, "Item quality"):

- fewer than ``MIN_RESPONSES`` (30) answers: no statistic is given as meaningful;
- difficulty p outside .20-.90: review (items almost everyone gets right, or wrong, carry
  little information about who knows more; a common rule of thumb of classical item
  analysis, the band varies a little between sources);
- discrimination (corrected item-total r) below .20: review, below 0: rewrite (Ebel &
  Frisbie, 1991: .40 and up very good, .30-.39 reasonably good, .20-.29 marginal, below
  .20 poor; a negative value means the better respondents get it wrong more often);
- a distractor nobody chose: review (a non-functioning distractor; Haladyna & Downing,
  1993); a distractor the upper 27% (Kelley, 1939) choose at least ``STRONG_PICK`` (10
  points) more often than the lower 27%: review, a sign of a miskeyed or ambiguous item;
- Cronbach's alpha below .70: low for a group-level scale (Nunnally, 1978);
- careless responding: see ``assess.quality.careless``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assess.model.questionnaire import MAX_LEVEL, ChoiceQuestion, Questionnaire
from assess.quality import stats
from assess.quality.careless import Careless, careless_flags
from assess.scoring.plan import FloatArray, IntArray, ScoringPlan

MIN_RESPONSES = 30
P_LOW, P_HIGH = 0.20, 0.90
R_REVIEW = 0.20
EXTREME_SHARE = 0.27
STRONG_PICK = 0.10
"""A distractor is flagged when the upper group picks it this much more often (as a share)
than the lower group: one or two people in a small group should not flag an option."""
MIN_REST_ITEMS = 3
"""A rest score needs this many other checks; with fewer it says more about those one or
two items than about the skill."""
ALPHA_FLOOR = 0.70
TOLERANCE = 1e-9

VERDICT_ORDER = {"rewrite": 0, "review": 1, "too few responses": 2, "keep": 3}


@dataclass
class ItemAnalysis:
    items: pd.DataFrame
    """One row per knowledge check, in questionnaire order."""
    options: pd.DataFrame
    """One row per check x option (authored order) and its "I don't know"."""
    areas: pd.DataFrame
    """One row per area with self-ratings: Cronbach's alpha."""
    careless: Careless
    respondents: int
    min_responses: int


def analyse_items(
    q: Questionnaire,
    plan: ScoringPlan,
    codes: IntArray,
    durations: Sequence[float | None] | FloatArray,
    names: Sequence[str],
    teams: Sequence[str | None] | None = None,
    *,
    min_responses: int = MIN_RESPONSES,
) -> ItemAnalysis:
    items, options = check_statistics(q, plan, codes, min_responses=min_responses)
    return ItemAnalysis(
        items=items,
        options=options,
        areas=area_reliability(q, plan, codes, min_responses=min_responses),
        careless=careless_flags(q, plan, codes, durations, names, teams),
        respondents=len(codes),
        min_responses=min_responses,
    )


# -- knowledge checks ---------------------------------------------------------------------


def _criteria(q: Questionnaire, checks: list[ChoiceQuestion]) -> tuple[np.ndarray, list[str]]:
    """(C, C) which checks make up each check's rest score, and what they are."""
    area_of = {s.id: s.area for s in q.skills}
    size = len(checks)
    groups = np.zeros((size, size), dtype=bool)
    kinds: list[str] = []
    for j, check in enumerate(checks):
        choices = [
            ("skill", [i for i, c in enumerate(checks) if c.skill == check.skill]),
            ("area", [i for i, c in enumerate(checks) if area_of[c.skill] == area_of[check.skill]]),
            ("questionnaire", list(range(size))),
        ]
        for kind, members in choices:
            if len(members) - 1 >= MIN_REST_ITEMS:
                groups[members, j] = True
                groups[j, j] = False
                kinds.append(kind)
                break
        else:
            kinds.append("")
    return groups, kinds


def check_statistics(
    q: Questionnaire, plan: ScoringPlan, codes: IntArray, *, min_responses: int = MIN_RESPONSES
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(items, options) frames for the knowledge checks of ``q`` (see the module doc)."""
    columns = [i for i, x in enumerate(q.questions) if isinstance(x, ChoiceQuestion)]
    checks_c = [x for x in q.questions if isinstance(x, ChoiceQuestion)]
    area_of = {s.id: s.area for s in q.skills}
    n_codes = plan.missing_code + 1
    dont_know = plan.dont_know_code
    answers = codes[:, columns] if len(codes) else np.empty((0, len(columns)), np.int16)
    key = np.array([next(k for k, o in enumerate(c.options) if o.correct) for c in checks_c])
    # a skipped check and one never reached are both left out (scoring counts a skip as
    # not correct; here it says nothing about which option the person would pick)
    answered = (answers != plan.skip_code) & (answers != plan.missing_code)
    correct = answers == key[None, :]
    tally = stats.counts(answers, n_codes)
    p, n = stats.difficulty(correct, answered)
    groups, criteria = _criteria(q, checks_c)
    rest = stats.rest_scores(correct, answered, groups)
    scored = answered & ~np.isnan(rest)
    r, n_r = stats.correlations(correct.astype(np.float64), rest, scored)
    upper, lower, size = stats.extreme_groups(np.where(scored, rest, np.nan), EXTREME_SHARE)
    up = stats.group_shares(answers, upper, size, n_codes)
    down = stats.group_shares(answers, lower, size, n_codes)

    item_rows, option_rows = [], []
    for j, check in enumerate(checks_c):
        enough, enough_r = n[j] >= min_responses, n_r[j] >= min_responses
        unused, strong = [], []
        for k, option in enumerate([*check.options, None]):  # None: "I don't know"
            code = k if option is not None else dont_know
            share = tally[j, code] / n[j] if n[j] else np.nan
            diff = up[j, code] - down[j, code] if enough_r else np.nan
            note = ""
            if option is not None and k != key[j] and enough:
                if tally[j, code] == 0:
                    unused.append(k + 1)
                    note = "chosen by nobody"
                elif diff >= STRONG_PICK - TOLERANCE:
                    strong.append((k + 1, up[j, code], down[j, code]))
                    note = "chosen more by the upper 27% than the lower 27%"
            option_rows.append(
                {
                    "question": check.id,
                    "option": str(k + 1) if option is not None else "dont_know",
                    "text": option.text if option is not None else "I don't know",
                    "correct": option is not None and k == key[j],
                    "count": int(tally[j, code]),
                    "share": share,
                    "upper_share": up[j, code] if enough_r else np.nan,
                    "lower_share": down[j, code] if enough_r else np.nan,
                    "upper_minus_lower": diff,
                    "group_size": size[j] if enough_r else np.nan,
                    "note": note,
                }
            )
        p_j = float(p[j]) if enough else np.nan
        r_j = float(r[j]) if enough and enough_r else np.nan
        verdict, reason = _verdict(
            int(n[j]), p_j, r_j, int(n_r[j]), criteria[j], unused, strong, min_responses
        )
        item_rows.append(
            {
                "question": check.id,
                "skill": check.skill,
                "area": area_of[check.skill],
                "text": check.text,
                "options": len(check.options),
                "answered": int(n[j]),
                "skipped": int(tally[j, plan.skip_code]),
                "not_answered": int(tally[j, plan.missing_code]),
                "correct": int((correct[:, j] & answered[:, j]).sum()),
                "dont_know": int(tally[j, dont_know]),
                "p": p_j,
                "discrimination": r_j,
                "discrimination_n": int(n_r[j]),
                "criterion": criteria[j],
                "criterion_checks": int(groups[:, j].sum()),
                "verdict": verdict,
                "reason": reason,
            }
        )
    item_columns = [
        "question", "skill", "area", "text", "options", "answered", "skipped", "not_answered",
        "correct",
        "dont_know", "p", "discrimination", "discrimination_n", "criterion",
        "criterion_checks", "verdict", "reason",
    ]  # fmt: skip
    option_columns = [
        "question", "option", "text", "correct", "count", "share", "upper_share",
        "lower_share", "upper_minus_lower", "group_size", "note",
    ]  # fmt: skip
    return (
        pd.DataFrame(item_rows, columns=item_columns),
        pd.DataFrame(option_rows, columns=option_columns),
    )


def signed(value: float) -> str:
    """0.41, or −0.12 with a real minus sign (and never −0.00). Rounded to 9 places
    first, so a value on a rounding edge (−0.375) reads the same whatever order the sums
    were taken in."""
    text = f"{round(value, 9):.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def _verdict(
    n: int,
    p: float,
    r: float,
    n_r: int,
    criterion: str,
    unused: list[int],
    strong: list[tuple[int, float, float]],
    min_responses: int,
) -> tuple[str, str]:
    """keep / review / rewrite / too few responses, and why."""
    if n < min_responses:
        return "too few responses", f"{n} answered; at least {min_responses} needed"
    rewrite, review = [], []
    if p < P_LOW - TOLERANCE:
        review.append(f"p = {p:.2f}, very hard (or miskeyed?)")
    elif p > P_HIGH + TOLERANCE:
        review.append(f"p = {p:.2f}, too easy to tell people apart")
    if r < -TOLERANCE:
        rewrite.append(f"discrimination {signed(r)} (negative: miskeyed or ambiguous?)")
    elif r < R_REVIEW - TOLERANCE:
        review.append(f"discrimination {signed(r)} (weak: below {R_REVIEW:.2f})")
    elif np.isnan(r) and 0 < p < 1:
        if not criterion:
            why = f"fewer than {MIN_REST_ITEMS} other checks to compare with"
        elif n_r < min_responses:
            why = f"{n_r} respondents answered other checks too; {min_responses} needed"
        else:
            why = "the other checks' scores do not vary"
        review.append(f"discrimination not computed: {why}")
    review += [f"option {k} chosen by nobody" for k in unused]
    review += [
        f"option {k} chosen more by the upper 27% ({u:.0%}) than the lower 27% ({lo:.0%}): "
        "miskeyed or ambiguous?"
        for k, u, lo in strong
    ]
    if rewrite:
        return "rewrite", "; ".join(rewrite + review)
    if review:
        return "review", "; ".join(review)
    return "keep", f"p = {p:.2f}, discrimination {signed(r)}"


# -- self-ratings ---------------------------------------------------------------------------


def area_reliability(
    q: Questionnaire, plan: ScoringPlan, codes: IntArray, *, min_responses: int = MIN_RESPONSES
) -> pd.DataFrame:
    """Cronbach's alpha of each area's self-ratings over the respondents who answered all
    of them (listwise)."""
    area_of = {s.id: s.area for s in q.skills}
    rows = []
    for area in q.areas:
        columns = [
            i
            for i, x in enumerate(q.questions)
            if x.kind == "rating" and area_of[x.skill] == area.id
        ]
        if not columns:
            continue
        block = codes[:, columns].astype(np.float64)
        values = np.where(block <= MAX_LEVEL, block, np.nan)
        alpha, n = stats.cronbach_alpha(values)
        k = len(columns)
        if k < 2:
            verdict, reason = "not defined", "alpha needs at least 2 self-ratings; this area has 1"
        elif n < min_responses:
            verdict, reason = (
                "too few responses",
                (f"{n} answered all {k} self-ratings; at least {min_responses} needed"),
            )
        elif np.isnan(alpha):
            verdict, reason = "not defined", "the total of the self-ratings does not vary"
        elif alpha >= ALPHA_FLOOR - TOLERANCE:
            verdict, reason = "ok", f"alpha {signed(alpha)} ≥ {ALPHA_FLOOR:.2f}"
        else:
            verdict, reason = (
                "low",
                (f"alpha {signed(alpha)} < {ALPHA_FLOOR:.2f}: the ratings do not hang together"),
            )
        shown = alpha if verdict in ("ok", "low") else np.nan
        rows.append(
            {
                "area": area.id,
                "name": area.name,
                "ratings": k,
                "n": n,
                "alpha": shown,
                "verdict": verdict,
                "reason": reason,
            }
        )
    return pd.DataFrame(
        rows, columns=["area", "name", "ratings", "n", "alpha", "verdict", "reason"]
    )


def verdict_counts(items: pd.DataFrame) -> dict[str, int]:
    """How many checks got each verdict, in the order rewrite, review, too few, keep."""
    found = items["verdict"].value_counts()
    return {v: int(found.get(v, 0)) for v in VERDICT_ORDER}
