"""Insights that open a conversation (docs/method.md): ratios, deviation, hunting/farming, signals,
forecast, quality and "the hands". Pure: plan, requirement, comparison and the counted activity.

Every figure is year to date up to the comparison's as-of date. A signal always carries the sentence
that explains it, because a number without its reason is a verdict, not a conversation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from imm_tui.engine.compare import Comparison, happened
from imm_tui.engine.requirement import Requirement
from imm_tui.i18n import N_, Params, filled, said
from imm_tui.model.plan import DEFAULT_MONITOR, MonitorSettings, Plan

RATIOS = {  # name: (numerator stage, denominator stage)
    "visits_per_request": ("visit", "request"),
    "visits_per_order": ("visit", "order"),
    "requests_per_order": ("request", "order"),
    "offers_per_order": ("offer", "order"),
}


@dataclass(frozen=True)
class Signal:
    person: str
    kind: str  # "no calendar" | "needs help" | "remarkable" | "target too low"
    reason: str  # in English: `template` filled with `params`
    template: str = ""
    params: Params = ()

    def said(self, labels: Callable[..., str]) -> str:
        """The reason in another language: `labels(template, **params)` (see imm_tui.i18n)."""
        return said(labels, self.template, self.params, self.reason)


SIGNAL_KINDS = (N_("no calendar"), N_("needs help"), N_("remarkable"), N_("target too low"))


def _signal(person: str, kind: str, template: str, **params: object) -> Signal:
    reason, shown = filled(template, **params)
    return Signal(person, kind, reason, template, shown)


@dataclass(frozen=True)
class Insights:
    as_of: date
    people: pd.DataFrame  # one row per person: counts, ratios, indices, hunting/farming, quality, forecast
    organisation: dict[str, float]
    signals: list[Signal] = field(default_factory=list)
    hands: dict[str, float] = field(default_factory=dict)

    def units(self, plan: Plan) -> pd.DataFrame:
        """The same figures per team, division and the organisation (see `units`)."""
        return units(plan, self)


UNIT_COLUMNS = ("group", "level", "people", "visits", "requests", "offers", "orders", *(name for r in RATIOS for name in (r, r + "_index")),
                "visit_required_ytd", "visits_judged", "visit_attainment", "forecast_orders", "forecast_revenue", "revenue_target",
                "revenue_ytd", "revenue_target_ytd", "revenue_attainment", *(kind.replace(" ", "_") for kind in SIGNAL_KINDS[1:]))


def units(plan: Plan, found: Insights) -> pd.DataFrame:
    """Per team (with the teams below it), division and the organisation, over the people with a calendar:
    funnel counts and ratios with their index against the organisation, visit attainment over covered
    weeks, forecast against those people's revenue target, and how many people carry each signal. Ratios are pooled (the unit's
    visits over its orders), not averages of people's ratios."""
    from imm_tui.engine.rollup import team_descendants

    people = found.people.set_index("person")
    linked = {s.person for s in found.signals if s.kind == "no calendar"}
    measured = people[~people.index.isin(list(linked))]
    teams = {p.id: p.team for p in plan.people}
    parents = {t.parent for t in plan.teams}
    groups: list[tuple[str, str, list[str], list[str]]] = []
    for team, below in team_descendants(plan).items():
        inside = set(below)
        members = [person for person in measured.index if teams.get(str(person)) in inside]
        groups.append((team, "division" if team in parents else "team", members,
                       [person for person in people.index if teams.get(str(person)) in inside]))
    groups.append(("org", "org", list(measured.index), list(people.index)))
    rows = []
    for group, level, members, everyone in groups:
        part = measured.loc[members]
        row: dict[str, object] = {"group": group, "level": level, "people": len(members)}
        for stage in ("visits", "requests", "offers", "orders"):
            row[stage] = float(part[stage].sum())
        for name, (top, bottom) in RATIOS.items():
            numerator, denominator = float(part[top + "s"].sum()), float(part[bottom + "s"].sum())
            ratio = numerator / denominator if denominator > 0 else float("nan")
            org = found.organisation.get(name, float("nan"))
            row[name] = ratio
            row[name + "_index"] = 100 * ratio / org if org == org and org > 0 and ratio == ratio else float("nan")
        asked, judged = float(part["visit_required_ytd"].sum()), float(part["visits_judged"].sum())
        row.update(visit_required_ytd=asked, visits_judged=judged, visit_attainment=judged / asked if asked > 0 else float("nan"),
                   forecast_orders=float(part["forecast_orders"].sum(min_count=1)),
                   forecast_revenue=float(part["forecast_revenue"].sum(min_count=1)),
                   revenue_target=float(part["revenue_target"].sum()))  # of the same people, to hold the forecast against
        whole = people.loc[everyone]  # revenue won is known with or without a calendar (a CRM export, or none at all)
        revenue, target = float(whole["revenue_ytd"].sum(min_count=1)), float(whole["revenue_target_ytd"].sum())
        row.update(revenue_ytd=revenue, revenue_target_ytd=target, revenue_attainment=revenue / target if target > 0 else float("nan"))
        for kind in SIGNAL_KINDS[1:]:
            row[kind.replace(" ", "_")] = sum(1 for s in found.signals if s.kind == kind and s.person in set(members))
        rows.append(row)
    return pd.DataFrame(rows, columns=list(UNIT_COLUMNS))


def stage_ids(plan: Plan) -> dict[str, list[str]]:
    """Activity ids counted for each funnel stage; video counts as a visit when the norms say so."""
    stages: dict[str, list[str]] = {s: [] for s in ("visit", "request", "order", "offer", "call")}
    for activity in plan.activities:
        if activity.stage is not None:
            stages[activity.stage].append(activity.id)
    if plan.norms.video_counts_as_visit and "video" in plan.activity_ids:
        stages["visit"].append("video")
    return stages


THRESHOLDS_SHOWN = (80, 90, 100, 110, 125)


def _pct(value: float) -> str:
    """`70 %`, but `79.8 %` where a whole number would round a value onto a threshold it is not."""
    percent = 100 * value
    if round(percent) in THRESHOLDS_SHOWN and abs(percent - round(percent)) >= 0.05:
        return f"{percent:.1f} %"
    return f"{percent:.0f} %"


def insights(
    plan: Plan,
    requirement: Requirement,
    comparison: Comparison,
    activity: pd.DataFrame,
    settings: MonitorSettings = DEFAULT_MONITOR,
    monitored: set[str] | None = None,
    orders: pd.DataFrame | None = None,
) -> Insights:
    """All insights as of the comparison's date. `monitored`: people with an imported calendar (None: all);
    `orders`: the order lines of a CRM export (engine.orders), None when none was imported."""
    counts = person_counts(plan, happened(activity, comparison.as_of), [p.id for p in plan.people])
    return insights_from_counts(plan, requirement, comparison, counts, settings, monitored, orders)


def person_counts(plan: Plan, done: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Per person: items per funnel stage, contacts, commitments, prospect and client visits (to date)."""
    stages = stage_ids(plan)
    # one pass per question over the (large) activity frame, then plain column sums
    if len(done):
        person = done["person"].astype(str)
        per_activity = pd.crosstab(person, done["activity"].astype(str)).reindex(index=ids, fill_value=0)
    else:
        person = pd.Series(dtype=str)
        per_activity = pd.DataFrame(index=pd.Index(ids))
    counts = pd.DataFrame(index=pd.Index(ids, name="person"))
    for stage, members in stages.items():
        counts[stage + "s"] = per_activity.reindex(columns=members, fill_value=0).sum(axis=1).astype(float)
    contact_ids = {a for s in ("visit", "call") for a in stages[s]} | ({"video"} & set(plan.activity_ids))
    counts["contacts"] = per_activity.reindex(columns=sorted(contact_ids), fill_value=0).sum(axis=1).astype(float)
    if len(done):
        is_contact = done["activity"].astype(str).isin(contact_ids).to_numpy()
        won = done["commitment"].to_numpy() & is_contact
        counts["commitments"] = pd.Series(won, index=person.index).groupby(person).sum().reindex(ids, fill_value=0).astype(float)
        is_visit = done["activity"].astype(str).isin(stages["visit"]).to_numpy()
        by_status = pd.crosstab(person, done["account_status"].where(is_visit)).reindex(index=ids, fill_value=0)
    else:
        counts["commitments"] = 0.0
        by_status = pd.DataFrame(index=pd.Index(ids))
    for status_name, column in (("prospect", "prospect_visits"), ("client", "client_visits")):
        counts[column] = by_status[status_name].astype(float) if status_name in by_status else 0.0
    return counts


def insights_from_counts(
    plan: Plan,
    requirement: Requirement,
    comparison: Comparison,
    person_table: pd.DataFrame,
    settings: MonitorSettings = DEFAULT_MONITOR,
    monitored: set[str] | None = None,
    orders: pd.DataFrame | None = None,
) -> Insights:
    """Ratios, indices, forecast, signals and the hands from per-person counts (see person_counts). With
    `orders` (a CRM export's lines), orders and revenue are the ones won there, not calendar items × the
    average order value."""
    as_of = comparison.as_of
    people = list(plan.people)
    ids = [p.id for p in people]
    counts = person_table.copy()
    org: dict[str, float] = {}
    won = None
    if orders is not None:
        from imm_tui.engine.orders import person_orders

        won = person_orders(orders, as_of, ids)
        counts["calendar_orders"] = counts["orders"]
        counts["orders"] = won["orders"]  # the funnel's last stage: what the CRM says was won
    for name, (top, bottom) in RATIOS.items():
        numerator, denominator = counts[top + "s"], counts[bottom + "s"]
        counts[name] = numerator / denominator.where(denominator > 0)
        org[name] = float(numerator.sum() / denominator.sum()) if denominator.sum() > 0 else float("nan")
        counts[name + "_index"] = 100 * counts[name] / org[name] if org[name] == org[name] and org[name] > 0 else np.nan

    ytd = comparison.ytd
    visit_ids = stage_ids(plan)["visit"]
    visit_rows = ytd[ytd["activity"].astype(str).isin(visit_ids)]
    by_person = visit_rows.groupby(visit_rows["person"].astype(str))
    required_ytd = by_person["required_ytd"].sum().reindex(ids, fill_value=0.0)
    counts["visit_required_ytd"] = required_ytd
    # attainment as the monitor and the report judge it: the visits of the covered weeks over what they ask
    counts["visits_judged"] = by_person["actual_ytd"].sum().reindex(ids, fill_value=0.0)
    counts["visit_attainment"] = counts["visits_judged"] / required_ytd.where(required_ytd > 0)

    expected_share = pd.Series({p.id: {"farmer": 0.0, "hunter": 1.0}.get(p.fop, p.hunting_share) for p in people})
    known = counts["prospect_visits"] + counts["client_visits"]
    counts["hunting_share_expected"] = expected_share
    counts["hunting_share_actual"] = counts["prospect_visits"] / known.where(known > 0)
    counts["quality"] = counts["commitments"] / counts["contacts"].where(counts["contacts"] > 0)

    _forecast(plan, requirement, comparison, counts, org, settings, None if won is None else won["revenue"])
    org["quality"] = float(counts["commitments"].sum() / counts["contacts"].sum()) if counts["contacts"].sum() > 0 else float("nan")
    linked = set(ids) if monitored is None else monitored
    unlinked = ~counts.index.isin(list(linked))
    # nobody's calendar, nothing to project: no attainment, forecast or run rate for them (not zero, not the plan)
    counts.loc[unlinked, ["visit_attainment", "forecast_orders", "run_rate_orders", "forecast_revenue", "run_rate_revenue"]] = np.nan
    measured = counts[~unlinked]
    total_required = measured["visit_required_ytd"].sum()
    org["visit_attainment"] = float(measured["visits_judged"].sum() / total_required) if total_required > 0 else float("nan")
    org["people_measured"] = float(len(measured))
    org["people"] = float(len(counts))
    signals = _signals(plan, counts, org, settings, linked)
    table = counts.reset_index()
    names = {p.id: p.name for p in people}
    teams = {p.id: p.team for p in people}
    table.insert(1, "name", table["person"].map(names))
    table.insert(2, "team", table["person"].map(teams))
    return Insights(as_of, table, org, signals, _hands(plan, requirement, comparison, org))


def _forecast(
    plan: Plan, requirement: Requirement, comparison: Comparison, counts: pd.DataFrame, org: dict[str, float], settings: MonitorSettings,
    revenue: pd.Series | None = None,
) -> None:
    """Year-end orders: YTD orders + remaining required visits ÷ visits per order; and the run rate. Revenue:
    orders × the plan's average order value, or with `revenue` (won per person, from a CRM export) the real
    revenue to date plus the orders still expected × the person's own average order value (the organisation's
    while they have fewer than `forecast_min_orders` orders)."""
    weekly = comparison.weekly
    visit_ids = stage_ids(plan)["visit"]
    future = weekly[~weekly["elapsed"] & weekly["activity"].isin(visit_ids)]
    remaining = future.groupby("person", observed=True)["required"].sum().reindex(counts.index).fillna(0)
    own = counts["visits_per_order"]
    use_own = (counts["orders"] >= settings.forecast_min_orders) & own.notna() & (own > 0)
    per_order = own.where(use_own, org["visits_per_order"])
    counts["remaining_visits"] = remaining
    counts["forecast_basis"] = np.where(use_own, "own", "organisation")
    counts["forecast_orders"] = counts["orders"] + remaining / per_order.where(per_order > 0)
    capacity = requirement.capacity.copy()
    capacity["load"] = capacity["capacity"] * capacity["weight"]
    # the weeks whose orders are known: happened and covered by the person's calendars (engine.compare)
    judged = weekly.drop_duplicates(["person", "week"]).assign(judged=lambda f: f["elapsed"] & f["covered"])
    known = judged.set_index([judged["person"].astype(str), "week"])["judged"]
    capacity["elapsed"] = pd.Series(list(zip(capacity["person"].astype(str), capacity["week"], strict=True))).map(known).fillna(False)\
        .astype(bool).to_numpy()
    load = capacity.groupby("person")["load"].sum()
    load_done = capacity[capacity["elapsed"]].groupby("person")["load"].sum()
    share_done = (load_done / load.where(load > 0)).reindex(counts.index).fillna(0)
    counts["share_of_year_done"] = share_done
    counts["run_rate_orders"] = counts["orders"] / share_done.where(share_done > 0)
    value = plan.funnel.average_order_value if plan.funnel else float("nan")
    targets = pd.Series({p.id: p.revenue_target for p in plan.people}).reindex(counts.index)
    counts["revenue_target"] = targets
    if revenue is None:
        counts["revenue_target_ytd"] = targets * share_done
        counts["revenue_basis"] = N_("average order value")
        counts["order_value"] = value
        counts["revenue_ytd"] = counts["orders"] * value
        counts["forecast_revenue"] = counts["forecast_orders"] * value
        counts["run_rate_revenue"] = counts["run_rate_orders"] * value
    else:
        total_orders, total_revenue = float(counts["orders"].sum()), float(revenue.sum())
        org_value = total_revenue / total_orders if total_orders > 0 else value
        own_value = revenue / counts["orders"].where(counts["orders"] > 0)
        per_order = own_value.where(counts["orders"] >= settings.forecast_min_orders, org_value)
        org["order_value"] = org_value
        # a CRM knows every week that happened, covered by a calendar or not: the target to date is that share of the year
        happened_weeks = judged.set_index([judged["person"].astype(str), "week"])["elapsed"]
        capacity["happened"] = pd.Series(list(zip(capacity["person"].astype(str), capacity["week"], strict=True))).map(happened_weeks)\
            .fillna(False).astype(bool).to_numpy()
        share_elapsed = (capacity[capacity["happened"]].groupby("person")["load"].sum() / load.where(load > 0)).reindex(counts.index)\
            .fillna(0)
        counts["revenue_target_ytd"] = targets * share_elapsed
        counts["revenue_basis"] = np.where(counts["orders"] >= settings.forecast_min_orders, N_("own orders"), N_("organisation's orders"))
        counts["order_value"] = per_order
        counts["revenue_ytd"] = revenue
        counts["forecast_revenue"] = revenue + (counts["forecast_orders"] - counts["orders"]).clip(lower=0) * per_order
        counts["run_rate_revenue"] = revenue / share_elapsed.where(share_elapsed > 0)  # the same weeks as the revenue
    counts["revenue_attainment"] = counts["revenue_ytd"] / counts["revenue_target_ytd"].where(counts["revenue_target_ytd"] > 0)


def _signals(plan: Plan, counts: pd.DataFrame, org: dict[str, float], settings: MonitorSettings, monitored: set[str]) -> list[Signal]:
    signals = []
    names = {p.id: p.name for p in plan.people}
    for person, row in counts.iterrows():
        who = names[str(person)]
        if str(person) not in monitored:
            signals.append(_signal(str(person), "no calendar", N_("No calendar of {who} has been imported: the figures say nothing yet."),
                                   who=who))
            continue
        attainment, index = row["visit_attainment"], row["visits_per_order_index"]
        if attainment == attainment and attainment < settings.needs_help_attainment:
            signals.append(
                _signal(
                    str(person),
                    "needs help",
                    N_("{who} made {visits} of the {asked} visits the plan asks to date ({attainment}, below {threshold})."),
                    who=who, visits=f"{row['visits_judged']:.0f}", asked=f"{row['visit_required_ytd']:.1f}",
                    attainment=_pct(attainment), threshold=_pct(settings.needs_help_attainment),
                )
            )
        elif index == index and index > settings.needs_help_index:
            signals.append(
                _signal(
                    str(person),
                    "needs help",
                    N_("{who} needs {visits} visits per order against {organisation} in the organisation: "
                       "{more} % more visits for each order (index {index})."),
                    who=who, visits=f"{row['visits_per_order']:.1f}", organisation=f"{org['visits_per_order']:.1f}",
                    more=f"{index - 100:.0f}", index=f"{index:.0f}",
                )
            )
        if (
            attainment == attainment
            and attainment >= settings.remarkable_attainment
            and index == index
            and index <= settings.remarkable_index
        ):
            signals.append(
                _signal(
                    str(person),
                    "remarkable",
                    N_("{who} is at {attainment} of the visits asked to date and converts well: "
                       "{visits} visits per order against {organisation} (index {index})."),
                    who=who, attainment=_pct(attainment), visits=f"{row['visits_per_order']:.1f}",
                    organisation=f"{org['visits_per_order']:.1f}", index=f"{index:.0f}",
                )
            )
        target_ytd, revenue = row["revenue_target_ytd"], row["revenue_ytd"]
        if (
            target_ytd == target_ytd
            and target_ytd > 0
            and revenue >= target_ytd
            and attainment == attainment
            and attainment < settings.target_too_low_attainment
        ):
            signals.append(
                _signal(
                    str(person),
                    "target too low",
                    N_("{who} is on track for revenue ({revenue} against {target} to date) with only "
                       "{attainment} of the visits asked: the target may ask too little."),
                    who=who, revenue=f"{revenue:,.0f}", target=f"{target_ytd:,.0f}", attainment=_pct(attainment),
                )
            )
    return signals


def _hands(plan: Plan, requirement: Requirement, comparison: Comparison, org: dict[str, float]) -> dict[str, float]:
    """Do we have the hands (FTE budgeted vs available this week, uncovered work), do they move, quality."""
    rows = requirement.rows
    budgeted = float(rows["fte"].sum())
    week = max(comparison.as_of_week, 1)
    capacity = requirement.capacity
    this_week = capacity[(capacity["week"] == week) & ~capacity["person"].str.startswith("vacancy-")]
    weekly = requirement.weekly
    vacancy = weekly["person"].astype(str).str.startswith("vacancy-")
    visit_ids = stage_ids(plan)["visit"]
    visits = weekly["activity"].isin(visit_ids)
    return {
        "week": float(week),
        "fte_budgeted": budgeted,
        "fte_in_seats": float(rows.loc[rows["kind"] == "person", "fte"].sum()),
        "fte_available_this_week": float(this_week["capacity"].sum()),
        "uncovered_visits_year": float(weekly.loc[vacancy & visits, "required"].sum()),
        # the share of the year's *visits* that vacancies hold: of the same thing as the visits beside it in the review
        "uncovered_share": float(weekly.loc[vacancy & visits, "required"].sum() / weekly.loc[visits, "required"].sum())
        if weekly.loc[visits, "required"].sum() else 0.0,
        "visit_attainment_ytd": org.get("visit_attainment", float("nan")),
        "quality": org.get("quality", float("nan")),
    }
