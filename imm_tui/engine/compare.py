"""Actual versus required (DESIGN.md §4 "Monitoring"): attainment, status, year to date, catch-up.

Pure: takes the derived requirement and a DataFrame of counted items (see ingest/activity.py).
As-of: weeks whose Monday is on or before the as-of date have happened (their actual counts the items
up to that date); later weeks are plan only (actual is empty). Attainment is measured against the
requirement of the weeks that have happened (`required_to_date`), so a month half gone is not judged
against its whole requirement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from imm_tui.engine.requirement import Requirement
from imm_tui.engine.rollup import By, Level, summarise, with_period
from imm_tui.i18n import N_
from imm_tui.model.plan import DEFAULT_MONITOR, MonitorSettings, Plan

ON_TRACK, BEHIND, AT_RISK, NO_REQUIREMENT = N_("on track"), N_("behind"), N_("at risk"), "—"


@dataclass(frozen=True)
class Comparison:
    """Weekly actual vs required for every row (person or vacancy), week and activity, plus YTD."""

    as_of: date
    as_of_week: int  # weeks 1..as_of_week have happened (0: none yet)
    weekly: pd.DataFrame  # person, team, week, activity, required, actual, required_to_date, elapsed
    ytd: pd.DataFrame  # person, team, activity, required_ytd, actual_ytd, attainment, status, annual, remaining_weeks, catch_up


def elapsed_weeks(year: int, weeks: np.ndarray, as_of: date) -> np.ndarray:
    """Which ISO weeks of `year` have started on or before `as_of`."""
    mondays = np.asarray([date.fromisocalendar(year, int(w), 1) for w in weeks])
    return mondays <= as_of


def happened(activity: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The counted items up to and including `as_of` (days as datetime64, or as dates in small frames)."""
    if not len(activity):
        return activity
    days = activity["day"]
    limit: object = pd.Timestamp(as_of) if pd.api.types.is_datetime64_any_dtype(days) else as_of
    return activity[(days <= limit).to_numpy()]


def status_of(attainment: pd.Series, required: pd.Series, thresholds: MonitorSettings = DEFAULT_MONITOR) -> pd.Series:
    bands = np.select(
        [required <= 0, attainment >= thresholds.on_track, attainment >= thresholds.behind],
        [NO_REQUIREMENT, ON_TRACK, BEHIND],
        default=AT_RISK,
    )
    return pd.Series(bands, index=attainment.index)


def actual_array(requirement: Requirement, done: pd.DataFrame) -> np.ndarray:
    """Counted items as a (rows × weeks × activities) array aligned with `requirement.required_array`.

    Items of people or activities the plan does not know are left out; weeks outside the plan year too.
    """
    shape = requirement.required_array.shape
    counts = np.zeros(shape)
    if not len(done):
        return counts
    rows = pd.Index(requirement.rows["person"].astype(str))
    acts = pd.Index(requirement.activities)
    r = rows.get_indexer(pd.Index(done["person"].astype(str)))
    a = acts.get_indexer(pd.Index(done["activity"].astype(str)))
    k = done["week"].to_numpy(dtype=np.int64) - 1
    keep = (r >= 0) & (a >= 0) & (k >= 0) & (k < shape[1])
    np.add.at(counts, (r[keep], k[keep], a[keep]), 1.0)
    return counts


def compare(
    requirement: Requirement, activity: pd.DataFrame, as_of: date, thresholds: MonitorSettings = DEFAULT_MONITOR
) -> Comparison:
    return comparison_from_actual(requirement, actual_array(requirement, happened(activity, as_of)), as_of, thresholds)


def comparison_from_actual(
    requirement: Requirement, actual: np.ndarray, as_of: date, thresholds: MonitorSettings = DEFAULT_MONITOR
) -> Comparison:
    """The comparison from an actual-count array (see actual_array): the live monitor updates one slice."""
    weekly = requirement.weekly[["person", "team", "week", "activity", "required"]].copy()
    elapsed = elapsed_weeks(requirement.year, requirement.weeks, as_of)
    weekly["elapsed"] = elapsed[weekly["week"].to_numpy() - 1]
    weekly["actual"] = np.where(weekly["elapsed"], actual.reshape(-1), np.nan)
    weekly["required_to_date"] = np.where(weekly["elapsed"], weekly["required"], 0.0)
    return Comparison(as_of, int(elapsed.sum()), weekly, _ytd(weekly, requirement, thresholds))


def _ytd(weekly: pd.DataFrame, requirement: Requirement, thresholds: MonitorSettings) -> pd.DataFrame:
    grouped = weekly.groupby(["person", "team", "activity"], observed=True, sort=False)
    ytd = grouped.agg(required_ytd=("required_to_date", "sum"), actual_ytd=("actual", "sum"), annual=("required", "sum")).reset_index()
    capacity = requirement.capacity
    elapsed_week = weekly.drop_duplicates("week").set_index("week")["elapsed"]
    future = capacity[(capacity["capacity"] > 0) & ~capacity["week"].map(elapsed_week).astype(bool)]
    remaining = future.groupby("person").size()
    ytd["remaining_weeks"] = ytd["person"].astype(str).map(remaining).fillna(0).astype(int)
    ytd["attainment"] = np.where(ytd["required_ytd"] > 0, ytd["actual_ytd"] / ytd["required_ytd"].where(ytd["required_ytd"] > 0), np.nan)
    ytd["status"] = status_of(ytd["attainment"].fillna(0), ytd["required_ytd"], thresholds)
    left = (ytd["annual"] - ytd["actual_ytd"]).clip(lower=0)
    ytd["catch_up"] = np.where(ytd["remaining_weeks"] > 0, left / ytd["remaining_weeks"].where(ytd["remaining_weeks"] > 0), np.nan)
    return ytd


REPORT_COLUMNS = ("period", "activity", "required", "actual", "required_to_date", "attainment", "status")  # after the keys


def report(
    comparison: Comparison, requirement: Requirement, plan: Plan, *, by: By = "week", level: Level = "person",
    thresholds: MonitorSettings = DEFAULT_MONITOR,
) -> pd.DataFrame:
    """Actual vs required by period and level, with attainment and status against what has happened."""
    frame = summarise(comparison.weekly, requirement.rows, plan, by=by, level=level, values=("required", "actual", "required_to_date"))
    elapsed = comparison.weekly.groupby("week")["elapsed"].first()
    periods = with_period(pd.DataFrame({"week": elapsed.index}), plan.plan.year, by).assign(elapsed=elapsed.to_numpy())
    started = periods.groupby("period")["elapsed"].any()
    frame.loc[~frame["period"].map(started).astype(bool), "actual"] = np.nan
    frame["attainment"] = frame["actual"] / frame["required_to_date"].where(frame["required_to_date"] > 0)
    frame["status"] = np.where(frame["actual"].isna(), "", status_of(frame["attainment"].fillna(0), frame["required_to_date"], thresholds))
    return frame
