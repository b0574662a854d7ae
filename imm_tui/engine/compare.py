"""Actual versus required (docs/method.md "Monitoring"): attainment, status, year to date, catch-up.

Pure: takes the derived requirement and a DataFrame of counted items (see ingest/activity.py).
As-of: weeks whose Monday is on or before the as-of date have happened (their actual counts the items
up to that date); later weeks are plan only (actual is empty). Attainment is measured against the
requirement of the weeks that have happened (`required_to_date`), so a month half gone is not judged
against its whole requirement.

Coverage: a person is judged only on the weeks their imported calendars cover (`Coverage`: per person,
periods of first and last day). A week is covered when one period holds its Monday through its last
working day (or the as-of day, in the current week). A week that happened but is not covered is *not
covered*: its actual is empty, its requirement is left out of `required_to_date` and kept in
`uncovered_to_date`, and catch-up treats it as done as planned (IMM does not know otherwise). A person
with no covered week that happened has the status `not covered`. Without a coverage (None) every week of
every row counts, as in a plan checked against items alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from imm_tui.engine.requirement import Requirement
from imm_tui.engine.rollup import By, Level, summarise, with_period
from imm_tui.i18n import N_
from imm_tui.model.plan import DEFAULT_MONITOR, MonitorSettings, Plan

ON_TRACK, BEHIND, AT_RISK, NO_REQUIREMENT = N_("on track"), N_("behind"), N_("at risk"), "—"
NOT_COVERED = N_("not covered")
Coverage = Mapping[str, Sequence[tuple[date, date]]]
"""Per person, the periods (first day, last day) their imported calendars cover."""


@dataclass(frozen=True)
class Comparison:
    """Weekly actual vs required for every row (person or vacancy), week and activity, plus YTD."""

    as_of: date
    as_of_week: int  # weeks 1..as_of_week have happened (0: none yet)
    weekly: pd.DataFrame  # person, team, week, activity, required, actual, required_to_date, elapsed, covered, uncovered_to_date
    ytd: pd.DataFrame  # person, team, activity, required_ytd, actual_ytd, attainment, status, annual, remaining_weeks, catch_up,
    #                    uncovered_ytd


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
    """The band of each attainment, decided on the whole percent that is shown (79.6 % shows as 80 % and is
    behind, not at risk), so a figure and its colour never disagree."""
    shown = np.round(100 * np.asarray(attainment, dtype=float))
    bands = np.select(
        [required <= 0, shown >= round(100 * thresholds.on_track, 6), shown >= round(100 * thresholds.behind, 6)],
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


def covered_weeks(requirement: Requirement, coverage: Coverage | None, as_of: date, days_per_week: int = 5) -> np.ndarray:
    """(rows × weeks) whether each row's week is covered (see the module's docstring)."""
    people = requirement.rows["person"].astype(str).tolist()
    if coverage is None:
        return np.ones((len(people), len(requirement.weeks)), dtype=bool)
    mondays = [date.fromisocalendar(requirement.year, int(w), 1) for w in requirement.weeks]
    starts = np.asarray([d.toordinal() for d in mondays])
    ends = np.asarray([min(d + timedelta(days=days_per_week - 1), max(as_of, d)).toordinal() for d in mondays])
    covered = np.zeros((len(people), len(mondays)), dtype=bool)
    for row, person in enumerate(people):
        for first, last in coverage.get(person, ()):
            covered[row] |= (first.toordinal() <= starts) & (ends <= last.toordinal())
    return covered


def compare(
    requirement: Requirement, activity: pd.DataFrame, as_of: date, thresholds: MonitorSettings = DEFAULT_MONITOR,
    coverage: Coverage | None = None, days_per_week: int = 5,
) -> Comparison:
    actual = actual_array(requirement, happened(activity, as_of))
    return comparison_from_actual(requirement, actual, as_of, thresholds, covered_weeks(requirement, coverage, as_of, days_per_week))


def comparison_from_actual(
    requirement: Requirement, actual: np.ndarray, as_of: date, thresholds: MonitorSettings = DEFAULT_MONITOR,
    covered: np.ndarray | None = None,
) -> Comparison:
    """The comparison from an actual-count array (see actual_array) and the covered weeks (see
    covered_weeks; None: all): the live monitor updates one slice."""
    weekly = requirement.weekly[["person", "team", "week", "activity", "required"]].copy()
    elapsed = elapsed_weeks(requirement.year, requirement.weeks, as_of)
    weekly["elapsed"] = elapsed[weekly["week"].to_numpy() - 1]
    shape = actual.shape
    cover = np.ones(shape, dtype=bool) if covered is None else np.broadcast_to(covered[:, :, None], shape)
    weekly["covered"] = cover.reshape(-1)
    judged = weekly["elapsed"].to_numpy() & weekly["covered"].to_numpy()
    weekly["actual"] = np.where(judged, actual.reshape(-1), np.nan)
    weekly["required_to_date"] = np.where(judged, weekly["required"], 0.0)
    weekly["uncovered_to_date"] = np.where(weekly["elapsed"].to_numpy() & ~judged, weekly["required"], 0.0)
    return Comparison(as_of, int(elapsed.sum()), weekly, _ytd(weekly, requirement, thresholds))


def _ytd(weekly: pd.DataFrame, requirement: Requirement, thresholds: MonitorSettings) -> pd.DataFrame:
    grouped = weekly.groupby(["person", "team", "activity"], observed=True, sort=False)
    ytd = grouped.agg(required_ytd=("required_to_date", "sum"), actual_ytd=("actual", "sum"), annual=("required", "sum"),
                      uncovered_ytd=("uncovered_to_date", "sum"), judged=("actual", "count")).reset_index()
    capacity = requirement.capacity
    elapsed_week = weekly.drop_duplicates("week").set_index("week")["elapsed"]
    future = capacity[(capacity["capacity"] > 0) & ~capacity["week"].map(elapsed_week).astype(bool)]
    remaining = future.groupby("person").size()
    ytd["remaining_weeks"] = ytd["person"].astype(str).map(remaining).fillna(0).astype(int)
    ytd["attainment"] = np.where(ytd["required_ytd"] > 0, ytd["actual_ytd"] / ytd["required_ytd"].where(ytd["required_ytd"] > 0), np.nan)
    ytd["status"] = status_of(ytd["attainment"].fillna(0), ytd["required_ytd"], thresholds)
    ytd.loc[(ytd["judged"] == 0) & (ytd["uncovered_ytd"] > 0), "status"] = NOT_COVERED
    ytd = ytd.drop(columns="judged")
    left = (ytd["annual"] - ytd["actual_ytd"] - ytd["uncovered_ytd"]).clip(lower=0)  # uncovered weeks: as planned
    ytd["catch_up"] = np.where(ytd["remaining_weeks"] > 0, left / ytd["remaining_weeks"].where(ytd["remaining_weeks"] > 0), np.nan)
    return ytd


REPORT_COLUMNS = ("period", "activity", "required", "actual", "required_to_date", "attainment", "status")  # after the keys


def report(
    comparison: Comparison, requirement: Requirement, plan: Plan, *, by: By = "week", level: Level = "person",
    thresholds: MonitorSettings = DEFAULT_MONITOR,
) -> pd.DataFrame:
    """Actual vs required by period and level, with attainment and status against what has happened."""
    weekly = comparison.weekly.assign(judged=comparison.weekly["actual"].notna().astype(float))
    frame = summarise(weekly, requirement.rows, plan, by=by, level=level, values=("required", "actual", "required_to_date", "judged"))
    elapsed = comparison.weekly.groupby("week")["elapsed"].first()
    periods = with_period(pd.DataFrame({"week": elapsed.index}), plan.plan.year, by).assign(elapsed=elapsed.to_numpy())
    started = frame["period"].map(periods.groupby("period")["elapsed"].any()).astype(bool)
    uncovered = started & (frame["judged"] == 0)  # happened, but no calendar covers any of its weeks
    frame.loc[~started | uncovered, "actual"] = np.nan
    frame["attainment"] = frame["actual"] / frame["required_to_date"].where(frame["required_to_date"] > 0)
    frame["status"] = np.where(frame["actual"].isna(), "", status_of(frame["attainment"].fillna(0), frame["required_to_date"], thresholds))
    frame.loc[uncovered, "status"] = NOT_COVERED
    return frame.drop(columns=[c for c in frame.columns if c.endswith("judged")])
