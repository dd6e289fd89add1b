"""The periods of the team over time: a period's first day, the next period, its label,
and which period ``auto`` takes for a set of assessments."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

PERIODS = ("day", "week", "month", "quarter", "year")
BY_CHOICES = ("auto", *PERIODS)
MAX_POINTS = 12
"""``auto`` picks the finest period that gives at most this many points."""


def period_starts(days: npt.NDArray[np.datetime64], by: str) -> npt.NDArray[np.datetime64]:
    """The first day of each day's period."""
    if by == "day":
        return days
    months = days.astype("datetime64[M]")
    starts: npt.NDArray[np.datetime64]
    if by == "week":  # ISO: Monday; 1970-01-01 was a Thursday
        weekday = (days.astype(np.int64) + 3) % 7
        starts = days - weekday.astype("timedelta64[D]")
    elif by == "month":
        starts = months.astype("datetime64[D]")
    elif by == "quarter":
        month = months.astype(np.int64)  # months since 1970-01
        starts = (months - (month % 3).astype("timedelta64[M]")).astype("datetime64[D]")
    else:
        starts = days.astype("datetime64[Y]").astype("datetime64[D]")
    return starts


def next_period(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    step = {"month": 1, "quarter": 3, "year": 12}[by]
    month = start.month - 1 + step
    return date(start.year + month // 12, month % 12 + 1, 1)


def period_label(start: date, by: str) -> str:
    if by == "day":
        return start.isoformat()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start:%Y-%m}"
    if by == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


SPLIT_SHARE = 0.05
"""``auto`` may put two assessments of this share of the people assessed more than once in
one period (the later one counts): a quick retake should not turn quarterly rounds into
weekly points."""


def choose_period(
    days: npt.NDArray[np.datetime64], person: npt.NDArray[np.intp], by: str = "auto"
) -> tuple[str, str]:
    """The period to use and, in words, how the points are made. ``auto``: a point per
    round of assessments, the coarsest period that keeps each person's assessments apart
    (all but ``SPLIT_SHARE`` of the people assessed more than once), with at most
    ``MAX_POINTS`` points; when nobody was assessed twice, the finest period with at most
    ``MAX_POINTS`` points (the team as people joined)."""
    if by != "auto":
        return by, f"one per {by}, as asked"
    points = {p: len(np.unique(period_starts(days, p))) for p in PERIODS}
    repeated = np.bincount(person) if len(person) else np.zeros(0, np.intp)
    again = int((repeated >= 2).sum())
    if not again:
        period = next((p for p in PERIODS if points[p] <= MAX_POINTS), "year")
        return period, (
            f"one per {period}: nobody was assessed twice, so the points show the team "
            f"as people were assessed (the finest period with at most {MAX_POINTS} points)"
        )
    chosen = "day"
    for candidate in reversed(PERIODS):  # coarsest first
        keys = np.stack([person, period_starts(days, candidate).astype(np.int64)])
        distinct = np.bincount(np.unique(keys, axis=1)[0], minlength=len(repeated))
        split = int((distinct < repeated).sum())  # people with two in one period
        if split <= SPLIT_SHARE * again:
            chosen = candidate
            break
    reason = f"one per {chosen}: the coarsest period that keeps each person's assessments apart"
    if chosen != "year" and points[chosen] > MAX_POINTS:
        coarser = PERIODS[PERIODS.index(chosen) + 1 :]
        chosen = next((p for p in coarser if points[p] <= MAX_POINTS), "year")
        reason = (
            f"one per {chosen}: by anything finer there would be more than {MAX_POINTS} "
            "points (in a period, each person's newest assessment counts)"
        )
    return chosen, reason
