"""The monitor kept up to date person by person: after one person's re-import, recompute only them.

Holds the actual-count array and the per-person counts; replacing one person's items updates their
slice and row, then redoes the organisation-level step (ratios, indices, signals), which works on one
row per person and is cheap. The result equals a full recomputation (tested).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from imm_tui.engine.compare import Comparison, Coverage, actual_array, comparison_from_actual, covered_weeks, happened
from imm_tui.engine.insights import Insights, insights_from_counts, person_counts, stage_ids
from imm_tui.engine.requirement import Requirement
from imm_tui.model.plan import MonitorSettings, Plan


class LiveMonitor:
    """Comparison and insights for one plan, requirement and as-of date, updatable per person."""

    comparison: Comparison
    _insights: Insights | None

    def __init__(
        self, plan: Plan, requirement: Requirement, activity: pd.DataFrame, as_of: date,
        monitored: set[str] | None = None, settings: MonitorSettings | None = None, coverage: Coverage | None = None,
        orders: pd.DataFrame | None = None,
    ) -> None:
        """`coverage`: the periods each person's calendars cover (engine.compare); None judges every week.
        `orders`: the order lines of imported CRM exports (engine.orders); None: orders are calendar items."""
        self.plan, self.requirement, self.as_of = plan, requirement, as_of
        self.orders = orders
        self.settings = settings or plan.monitor  # status bands and signal thresholds
        self.monitored = set(monitored) if monitored is not None else None
        self.coverage = {person: list(periods) for person, periods in coverage.items()} if coverage is not None else None
        self._covered = covered_weeks(requirement, self.coverage, as_of, plan.calendar.days_per_week)
        done = happened(activity, as_of)
        self._actual = actual_array(requirement, done)
        self._counts = person_counts(plan, done, [p.id for p in plan.people])
        self._rows = {person: index for index, person in enumerate(requirement.rows["person"].astype(str))}
        self._finish()

    def replace_person(self, person: str, items: pd.DataFrame, periods: list[tuple[date, date]] | None = None) -> None:
        """`items`: all counted items of `person` now in the store (after their re-import); `periods`: what
        their calendars now cover."""
        done = happened(items, self.as_of)
        self._actual[self._rows[person]] = actual_array(self.requirement, done)[self._rows[person]]
        if self.coverage is not None and periods is not None:
            self.coverage[person] = list(periods)
            self._covered = covered_weeks(self.requirement, self.coverage, self.as_of, self.plan.calendar.days_per_week)
        self._counts.loc[person] = person_counts(self.plan, done, [person]).loc[person]
        if self.monitored is not None:
            self.monitored.add(person)
        self._finish()

    def replanned(self, plan: Plan, requirement: Requirement) -> LiveMonitor | None:
        """The monitor for an edited plan with the same items and day, without counting them again; None
        when the edit changed who or what is counted (people, activities, funnel stages, weeks)."""
        before = self.requirement
        same_rows = requirement.rows["person"].astype(str).tolist() == list(self._rows)
        same_grid = list(requirement.activities) == list(before.activities) and list(requirement.weeks) == list(before.weeks)
        same_stages = stage_ids(plan) == stage_ids(self.plan) and plan.activity_ids == self.plan.activity_ids  # what person_counts counts
        same_counting = same_stages and [p.id for p in plan.people] == [p.id for p in self.plan.people]
        if not (same_rows and same_grid and same_counting):
            return None
        other = object.__new__(LiveMonitor)
        other.plan, other.requirement, other.as_of, other.settings = plan, requirement, self.as_of, plan.monitor
        other.orders = self.orders
        other.monitored = set(self.monitored) if self.monitored is not None else None
        other.coverage = {k: list(v) for k, v in self.coverage.items()} if self.coverage is not None else None
        same_week = plan.calendar.days_per_week == self.plan.calendar.days_per_week  # the same rows and weeks (checked above)
        other._covered = self._covered if same_week else covered_weeks(requirement, other.coverage, self.as_of, plan.calendar.days_per_week)
        other._actual, other._counts, other._rows = self._actual.copy(), self._counts.copy(), dict(self._rows)
        other._finish()
        return other

    @property
    def insights(self) -> Insights:
        """Ratios, signals, forecast and the hands; worked out when first asked for (a plan edit seen on the
        Requirement or Monitor tab does not need them: a third of the edit's time at 160 people)."""
        if self._insights is None:
            self._insights = insights_from_counts(self.plan, self.requirement, self.comparison, self._counts, self.settings,
                                                  self.monitored, self.orders)
        return self._insights

    def _finish(self) -> None:
        self.comparison = comparison_from_actual(self.requirement, self._actual, self.as_of, self.settings, self._covered)
        self._insights = None
