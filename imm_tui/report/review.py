"""Everything a review meeting looks at, computed once: comparison, insights, checklist, tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from imm_tui.engine.accounts import AccountsCovered
from imm_tui.engine.checklist import Answer, checklist
from imm_tui.engine.compare import NOT_COVERED, Comparison, Coverage, compare, status_of
from imm_tui.engine.insights import Insights, insights
from imm_tui.engine.requirement import Requirement, derive
from imm_tui.model.accounts import Account
from imm_tui.model.plan import MonitorSettings, Plan


@dataclass(frozen=True)
class Review:
    plan: Plan
    requirement: Requirement
    comparison: Comparison
    insights: Insights
    checklist: list[Answer]
    monitored: frozenset[str]
    time: pd.DataFrame | None = None  # minutes per person, week and kind (ingest.activity.load_time); None: not known
    orders: pd.DataFrame | None = None  # order lines of imported CRM exports; None: orders are calendar items
    accounts: tuple[Account, ...] = ()  # accounts.csv
    contacts: pd.DataFrame | None = None  # counted items with an account (ingest.activity.contacts_of); None without a store
    previous: pd.DataFrame | None = None  # last year's counted items; None when the store holds none
    activity: pd.DataFrame | None = None  # this year's counted items (year-on-year counts commitments and contacts)
    previous_orders: pd.DataFrame | None = None  # last year's order lines of CRM exports

    def year_on_year(self) -> pd.DataFrame | None:
        """This year to the as-of week against last year to the same week, per person, team and the organisation."""
        if self.previous is None or self.activity is None:
            return None
        from imm_tui.engine.yoy import year_on_year

        both = (self.orders, self.previous_orders if self.previous_orders is not None else self.orders.iloc[0:0]) \
            if self.orders is not None else None
        return year_on_year(self.plan, self.activity, self.previous, self.comparison.as_of_week, self.monitored, both)

    def accounts_covered(self) -> AccountsCovered | None:
        """Contacts per account and segment against the plan, quiet accounts, other owners, reach (None without
        accounts.csv or a store)."""
        if not self.accounts or self.contacts is None:
            return None
        from imm_tui.engine.accounts import accounts_covered

        weekly = self.requirement.weekly
        total = float(weekly["required"].sum())
        share = float(weekly.loc[weekly["week"] <= self.comparison.as_of_week, "required"].sum()) / total if total > 0 else 0.0
        return accounts_covered(self.plan, self.accounts, self.contacts, self.as_of, share, self.plan.monitor.quiet_after_weeks)

    def products(self) -> pd.DataFrame | None:
        """Revenue won per product to date against its target to date (None without a CRM export)."""
        if self.orders is None:
            return None
        from imm_tui.engine.orders import product_actuals

        people = self.insights.people
        targets = people["revenue_target"].sum()
        share = float(people["revenue_target_ytd"].sum() / targets) if targets > 0 else 0.0
        return product_actuals(self.plan, self.orders, self.as_of, share)

    def time_use(self) -> pd.DataFrame | None:
        """Customer, internal and unclassified hours per person, team and the organisation, to date (None without a store)."""
        if self.time is None:
            return None
        from imm_tui.engine.time_use import time_use

        return time_use(self.plan, self.time, self.comparison.as_of_week, self.monitored)

    @property
    def as_of(self) -> date:
        return self.comparison.as_of

    def visit_ids(self) -> list[str]:
        ids = [a.id for a in self.plan.activities if a.stage == "visit"]
        if self.plan.norms.video_counts_as_visit and "video" in self.plan.activity_ids:
            ids.append("video")
        return ids

    def people(self) -> pd.DataFrame:
        """One row per person: visits to date against the plan, catch-up, forecast, quality, conversion."""
        ytd = self.comparison.ytd
        visits = ytd[ytd["activity"].isin(self.visit_ids())].groupby("person", observed=True)[
            ["annual", "actual_ytd", "uncovered_ytd"]].sum()
        table = self.insights.people.set_index("person")
        remaining = ytd.groupby("person", observed=True)["remaining_weeks"].first()
        out = pd.DataFrame({
            "name": table["name"], "team": table["team"],
            "visits_required_ytd": table["visit_required_ytd"], "visits_ytd": table["visits_judged"],  # of the covered weeks
            "attainment": table["visit_attainment"],
        })
        out["status"] = status_of(out["attainment"].fillna(0), out["visits_required_ytd"], self.plan.monitor)
        uncovered = visits["uncovered_ytd"].reindex(out.index).fillna(0)
        out.loc[(out["visits_required_ytd"] <= 0) & (uncovered > 0), "status"] = NOT_COVERED
        unlinked = ~out.index.isin(list(self.monitored))
        out.loc[unlinked, "attainment"] = np.nan
        out.loc[unlinked, "status"] = "no calendar"
        # what is left of the year (weeks nobody's calendar covers counted as done as planned) over their own weeks
        left = (visits["annual"] - visits["actual_ytd"] - visits["uncovered_ytd"]).clip(lower=0).reindex(out.index)
        weeks = remaining.reindex(out.index)
        out["catch_up_per_week"] = (left / weeks.where(weeks > 0)).where(~unlinked)
        ends = {p.id: p.end for p in self.plan.people if p.end is not None and p.end >= self.as_of}
        out["leaves_on"] = [ends.get(str(person)) for person in out.index]
        for column in ("orders", "forecast_orders", "run_rate_orders", "revenue_target", "revenue_ytd", "revenue_target_ytd",
                       "revenue_attainment", "order_value", "revenue_basis", "forecast_revenue", "quality",
                       "visits_per_order_index", "hunting_share_expected", "hunting_share_actual"):
            out[column] = table[column]
        for name in ("visits_per_request", "visits_per_order", "requests_per_order", "offers_per_order"):  # every ratio, and its index
            out[name], out[name + "_index"] = table[name], table[name + "_index"]
        return out.reset_index()

    def team_weeks(self) -> pd.DataFrame:
        """Visits required and done per team and week (vacancies included in required)."""
        weekly = self.comparison.weekly
        visits = weekly[weekly["activity"].isin(self.visit_ids())]
        frame = visits.groupby(["team", "week"], observed=True)[["required", "actual"]].sum(min_count=1).reset_index()
        frame.loc[frame["week"] > self.comparison.as_of_week, "actual"] = np.nan
        return frame


def build_review(
    plan: Plan, activity: pd.DataFrame, as_of: date, *, monitored: set[str], reviews_exported: bool,
    settings: MonitorSettings | None = None, coverage: Coverage | None = None, time: pd.DataFrame | None = None,
    orders: pd.DataFrame | None = None, accounts: Sequence[Account] = (), contacts: pd.DataFrame | None = None,
    previous: pd.DataFrame | None = None, previous_orders: pd.DataFrame | None = None,
) -> Review:
    """Everything for a review; thresholds come from the plan's `[monitor]` unless `settings` says otherwise.
    `coverage`: the periods each person's calendars cover (engine.compare); None judges every week."""
    requirement = derive(plan)
    settings = settings or plan.monitor
    comparison = compare(requirement, activity, as_of, settings, coverage, plan.calendar.days_per_week)
    found = insights(plan, requirement, comparison, activity, settings, monitored, orders)
    return review_from(plan, requirement, comparison, found, monitored=monitored, reviews_exported=reviews_exported, time=time,
                       orders=orders, accounts=accounts, contacts=contacts, previous=previous, activity=activity,
                       previous_orders=previous_orders)


def review_from(
    plan: Plan, requirement: Requirement, comparison: Comparison, found: Insights, *, monitored: set[str], reviews_exported: bool,
    time: pd.DataFrame | None = None, orders: pd.DataFrame | None = None, accounts: Sequence[Account] = (),
    contacts: pd.DataFrame | None = None, previous: pd.DataFrame | None = None, activity: pd.DataFrame | None = None,
    previous_orders: pd.DataFrame | None = None,
) -> Review:
    """The review bundle from figures already computed (the app keeps them live); adds the checklist."""
    totals = {str(k): float(v) for k, v in requirement.annual.groupby("person")["required"].sum().items()}
    answers = checklist(plan, monitored=monitored, reviews_exported=reviews_exported, required_per_person=totals)
    return Review(plan, requirement, comparison, found, answers, frozenset(monitored), time, orders, tuple(accounts), contacts,
                  previous, activity, previous_orders)
