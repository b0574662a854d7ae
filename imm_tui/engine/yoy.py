"""This year against last year (docs/method.md): activity, conversion and quality in the same weeks.

Pure: the plan and two frames of counted items (ingest.activity.ACTIVITY_COLUMNS), this ISO year's and the
previous one's. Weeks 1 to the as-of week of this year are held against weeks 1 to the same week of last year
(its last week when it had fewer), counted by the same rules: the funnel stages of this year's plan.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from imm_tui.engine.calendar import weeks_in_year
from imm_tui.engine.insights import person_counts
from imm_tui.model.plan import Plan

COUNTS = ("visits", "calls", "requests", "offers", "orders", "contacts", "commitments")
RATIOS = {"visits_per_order": ("visits", "orders"), "offers_per_order": ("offers", "orders"), "quality": ("commitments", "contacts")}
YOY_COLUMNS = ("group", "level", "name", "metric", "this_year", "last_year", "change")


def _counts(plan: Plan, frame: pd.DataFrame, last_week: int, ids: list[str]) -> pd.DataFrame:
    done = frame[frame["week"] <= last_week] if len(frame) else frame
    return person_counts(plan, done, ids)[list(COUNTS)]


def year_on_year(plan: Plan, this_year: pd.DataFrame, last_year: pd.DataFrame, as_of_week: int,
                 monitored: set[str] | frozenset[str], orders: tuple[pd.DataFrame, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Per person with a calendar, team (with the teams below it), division and the organisation, for each count
    and ratio: this year to date, last year to the same week, and the change (this ÷ last − 1; NaN when last
    year had none). With `orders` (this and last year's lines of a CRM export), orders are those lines (of a
    positive value) and their revenue is a metric too, as in the rest of the review."""
    from imm_tui.engine.rollup import team_descendants

    people = [p for p in plan.people if p.id in monitored]
    ids = [p.id for p in people]
    weeks_last = weeks_in_year(plan.plan.year - 1)
    now = _counts(plan, this_year, as_of_week, ids)
    before = _counts(plan, last_year, min(as_of_week, weeks_last), ids)
    metrics = list(COUNTS)
    if orders is not None:
        for counts, frame, last_week in ((now, orders[0], as_of_week), (before, orders[1], min(as_of_week, weeks_last))):
            won = frame[frame["week"] <= last_week] if len(frame) else frame
            person = won["person"].astype(str) if len(won) else pd.Series(dtype=str)
            counts["orders"] = (won["value"] > 0).groupby(person).sum().reindex(ids, fill_value=0).astype(float) if len(won) else 0.0
            counts["revenue"] = won["value"].groupby(person).sum().reindex(ids, fill_value=0.0) if len(won) else 0.0
        metrics.append("revenue")
    teams = {p.id: p.team for p in people}
    parents = {t.parent for t in plan.teams}
    names = {t.id: t.name for t in plan.teams}
    groups = [(p.id, "person", p.name, [p.id]) for p in people]
    for team, below in team_descendants(plan).items():
        inside = set(below)
        members = [p for p, t in teams.items() if t in inside]
        groups.append((team, "division" if team in parents else "team", names.get(team, team), members))
    groups.append(("org", "org", plan.plan.name, ids))
    rows = []
    for group, level, name, members in groups:
        a, b = now.loc[members].sum(), before.loc[members].sum()
        for metric in metrics:
            rows.append((group, level, name, metric, float(a[metric]), float(b[metric]), _change(float(a[metric]), float(b[metric]))))
        for metric, (top, bottom) in RATIOS.items():
            this = float(a[top] / a[bottom]) if a[bottom] > 0 else np.nan
            last = float(b[top] / b[bottom]) if b[bottom] > 0 else np.nan
            rows.append((group, level, name, metric, this, last, _change(this, last)))
    return pd.DataFrame(rows, columns=list(YOY_COLUMNS))


def _change(this: float, last: float) -> float:
    return this / last - 1 if last == last and last > 0 and this == this else np.nan


def weekly_both(this_year: pd.DataFrame, last_year: pd.DataFrame, activities: list[str], people: list[str],
                weeks: int) -> pd.DataFrame:
    """Per ISO week 1..`weeks`: items of `activities` by `people` this year and last year (for the chart)."""
    def per_week(frame: pd.DataFrame) -> pd.Series:
        if not len(frame):
            return pd.Series(0.0, index=range(1, weeks + 1))
        mine = frame[frame["person"].astype(str).isin(people) & frame["activity"].astype(str).isin(activities)]
        return mine.groupby("week").size().reindex(range(1, weeks + 1), fill_value=0).astype(float)

    return pd.DataFrame({"week": range(1, weeks + 1), "this_year": per_week(this_year).to_numpy(),
                         "last_year": per_week(last_year).to_numpy()})
