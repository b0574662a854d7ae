"""Derive the required activity per person, ISO week and activity (docs/method.md).

Pure: takes a `Plan`, returns DataFrames. Figures stay unrounded. Arrays are laid out as
rows (people, then vacancies) × weeks × activities and only turned into a tidy frame at the end.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from imm_tui.engine.calendar import FloatArray, WorkYear
from imm_tui.model.plan import Plan

DRIVERS = ("none", "coverage", "funnel", "norm", "minimum")
ROW_COLUMNS = ["person", "name", "team", "kind", "fte", "fop"]


@dataclass(frozen=True)
class Rows:
    """The rows of the requirement: every person, then every vacancy (`vacancy-<team>-<n>`)."""

    frame: pd.DataFrame  # ROW_COLUMNS, one row per person or vacancy, in plan order
    capacity: FloatArray  # (R, K) FTE available per week
    portfolio: FloatArray  # (R, S) accounts per segment
    revenue: FloatArray  # (R,)
    minimums: FloatArray  # (R, A) weekly minimum at full capacity
    norm_factor: FloatArray  # (R,) f(p); 0 for vacancies (no norm floor)
    is_vacancy: np.ndarray


@dataclass(frozen=True)
class Requirement:
    """The derived plan: what each person must do, per week and per year, and why."""

    year: int
    weeks: np.ndarray  # ISO week numbers 1..K
    activities: list[str]
    rows: pd.DataFrame  # person, name, team, kind, fte, fop
    weekly: pd.DataFrame  # person, team, week, activity, required, driver
    annual: pd.DataFrame  # person, team, activity, coverage, funnel, floor, annual, required, driver
    capacity: pd.DataFrame  # person, team, week, capacity, weight, share
    required_array: FloatArray  # (R, K, A), the same numbers as `weekly`


def vacancy_ids(plan: Plan) -> list[str]:
    """`vacancy-<team>-<n>`, n counting from 1 per team in file order."""
    counts: dict[str, int] = defaultdict(int)
    ids = []
    for vacancy in plan.vacancies:
        counts[vacancy.team] += 1
        ids.append(f"vacancy-{vacancy.team}-{counts[vacancy.team]}")
    return ids


def build_rows(plan: Plan, year: WorkYear) -> Rows:
    segments = [s.id for s in plan.segments]
    activities = plan.activity_ids
    people, vacancies = plan.people, plan.vacancies
    count = len(people) + len(vacancies)
    dpw = year.days_per_week
    capacity = np.zeros((count, len(year.weeks)))
    portfolio = np.zeros((count, len(segments)))
    minimums = np.zeros((count, len(activities)))
    revenue = np.zeros(count)
    norm_factor = np.zeros(count)
    seg_index = {s: i for i, s in enumerate(segments)}
    act_index = {a: i for i, a in enumerate(activities)}
    hunter = plan.norms.hunter_factor
    for r, person in enumerate(people):
        capacity[r] = person.fte * year.available_days(person.start, person.end, person.absences) / dpw
        for seg, accounts in person.portfolio.items():
            portfolio[r, seg_index[seg]] = accounts
        for act, minimum in person.minimums.items():
            minimums[r, act_index[act]] = minimum
        revenue[r] = person.revenue_target
        norm_factor[r] = {"farmer": 1.0, "hunter": hunter}.get(person.fop, 1.0 - person.hunting_share * (1.0 - hunter))
    company_days = year.company_open.sum(axis=1)
    for v, vacancy in enumerate(vacancies):
        r = len(people) + v
        capacity[r] = vacancy.fte * company_days / dpw
        for seg, accounts in vacancy.portfolio.items():
            portfolio[r, seg_index[seg]] = accounts
    frame = pd.DataFrame(
        {
            "person": [p.id for p in people] + vacancy_ids(plan),
            "name": [p.name for p in people] + ["Vacancy"] * len(vacancies),
            "team": [p.team for p in people] + [v.team for v in vacancies],
            "kind": ["person"] * len(people) + ["vacancy"] * len(vacancies),
            "fte": [p.fte for p in people] + [v.fte for v in vacancies],
            "fop": [p.fop for p in people] + [""] * len(vacancies),
        }
    )
    is_vacancy = np.arange(count) >= len(people)
    return Rows(frame, capacity, portfolio, revenue, minimums, norm_factor, is_vacancy)


def coverage_matrix(plan: Plan) -> tuple[FloatArray, np.ndarray]:
    """(S, A) annual contacts per account of each segment, and which activities coverage defines."""
    activities = plan.activity_ids
    per_account = np.zeros((len(plan.segments), len(activities)))
    defines = np.zeros(len(activities), dtype=bool)
    offer = next((i for i, a in enumerate(plan.activities) if a.stage == "offer"), None)
    for s, segment in enumerate(plan.segments):
        contacts = segment.contacts_per_account * segment.contacts_per_year
        for act, share in segment.channels.items():
            a = activities.index(act)
            per_account[s, a] += contacts * share
            defines[a] = True
        if segment.offers_per_account is not None and offer is not None:
            per_account[s, offer] += segment.offers_per_account
            defines[offer] = True
    return per_account, defines


def funnel_values(plan: Plan, revenue: FloatArray) -> tuple[FloatArray, np.ndarray]:
    """(R, A) the reverse funnel from each row's revenue target, and which activities it defines."""
    activities = plan.activities
    values = np.zeros((len(revenue), len(activities)))
    defines = np.zeros(len(activities), dtype=bool)
    funnel = plan.funnel
    if funnel is None:
        return values, defines
    orders = revenue / funnel.average_order_value
    offers = orders * funnel.offers_per_order
    requests = offers * funnel.requests_per_offer
    visits = requests * funnel.visits_per_request
    stages = {"order": orders, "offer": offers, "request": requests, "visit": visits, "call": visits * funnel.calls_per_visit}
    for a, activity in enumerate(activities):
        if activity.stage is not None:
            values[:, a] = stages[activity.stage]
            defines[a] = True
    return values, defines


def derive(plan: Plan) -> Requirement:
    """The requirement of `plan`: weekly per row and activity, annual figures and their drivers."""
    year = WorkYear.build(plan.plan.year, plan.calendar)
    rows = build_rows(plan, year)
    activities = plan.activity_ids
    n_rows, n_acts = len(rows.frame), len(activities)

    per_account, cov_defines = coverage_matrix(plan)
    coverage = rows.portfolio @ per_account if per_account.size else np.zeros((n_rows, n_acts))
    funnel, fun_defines = funnel_values(plan, rows.revenue)
    funnel[rows.is_vacancy] = 0.0  # vacancies carry no revenue target: coverage only

    annual, driver = _choose(plan.plan.basis, coverage, funnel, cov_defines, fun_defines)
    vac = rows.is_vacancy
    annual[vac] = np.where(cov_defines, coverage[vac], 0.0)
    driver[vac] = np.where(cov_defines & (coverage[vac] > 0), DRIVERS.index("coverage"), 0)

    total_capacity = rows.capacity.sum(axis=1)
    floor = np.zeros((n_rows, n_acts))
    visit = next((i for i, a in enumerate(plan.activities) if a.stage == "visit"), None)
    if visit is not None:
        floor[:, visit] = plan.norms.appointments_per_week * rows.norm_factor * total_capacity
        raised = floor[:, visit] > annual[:, visit]
        annual[:, visit] = np.where(raised, floor[:, visit], annual[:, visit])
        driver[raised, visit] = DRIVERS.index("norm")

    weight = year.weight(plan.calendar)
    load = rows.capacity * weight[None, :]
    total = load.sum(axis=1, keepdims=True)
    share = np.divide(load, total, out=np.zeros_like(load), where=total > 0)
    base = annual[:, None, :] * share[:, :, None]  # (R, K, A)
    fte = rows.frame["fte"].to_numpy(dtype=np.float64)
    own = rows.minimums[:, None, :] * (rows.capacity / fte[:, None])[:, :, None]
    required = np.maximum(base, own)
    by_minimum = own > base
    week_driver = np.where(by_minimum, DRIVERS.index("minimum"), driver[:, None, :])
    yearly = required.sum(axis=1)
    annual_driver = np.where(by_minimum.any(axis=1) & (yearly > annual * (1 + 1e-12)), DRIVERS.index("minimum"), driver)

    return Requirement(
        year=plan.plan.year,
        weeks=year.weeks,
        activities=activities,
        rows=rows.frame,
        weekly=_weekly_frame(rows.frame, year.weeks, activities, required, week_driver),
        annual=_annual_frame(rows.frame, activities, coverage, funnel, floor, annual, yearly, annual_driver, cov_defines, fun_defines),
        capacity=_capacity_frame(rows.frame, year.weeks, rows.capacity, weight, share),
        required_array=required,
    )


def _choose(basis: str, coverage: FloatArray, funnel: FloatArray, cov: np.ndarray, fun: np.ndarray) -> tuple[FloatArray, np.ndarray]:
    """A(p,a) before the norm floor, and which part set it (index into DRIVERS)."""
    both = cov & fun
    if basis == "coverage":
        use_cov = np.broadcast_to(cov, coverage.shape)
    elif basis == "funnel":
        use_cov = np.broadcast_to(cov & ~fun, coverage.shape)
    else:
        use_cov = np.where(both, coverage >= funnel, cov)
    defined = np.broadcast_to(cov | fun, coverage.shape)
    annual = np.where(use_cov, coverage, np.where(defined, funnel, 0.0))
    driver = np.where(use_cov, DRIVERS.index("coverage"), np.where(defined, DRIVERS.index("funnel"), 0))
    driver = np.where(annual > 0, driver, 0)
    return annual.astype(np.float64), driver.astype(np.int64)


def _weekly_frame(rows: pd.DataFrame, weeks: np.ndarray, activities: list[str], required: FloatArray, driver: np.ndarray) -> pd.DataFrame:
    n_rows, n_weeks, n_acts = required.shape
    row_codes = np.repeat(np.arange(n_rows), n_weeks * n_acts)
    persons = rows["person"].tolist()
    team_categories = list(dict.fromkeys(rows["team"]))
    team_of_row = np.asarray([team_categories.index(t) for t in rows["team"]], dtype=np.int64)
    return pd.DataFrame(
        {
            "person": pd.Categorical.from_codes(row_codes, categories=pd.Index(persons)),
            "team": pd.Categorical.from_codes(team_of_row[row_codes], categories=pd.Index(team_categories)),
            "week": np.tile(np.repeat(weeks, n_acts), n_rows),
            "activity": pd.Categorical.from_codes(np.tile(np.arange(n_acts), n_rows * n_weeks), categories=pd.Index(activities)),
            "required": required.reshape(-1),
            "driver": pd.Categorical.from_codes(driver.reshape(-1), categories=pd.Index(list(DRIVERS))),
        }
    )


def _annual_frame(
    rows: pd.DataFrame,
    activities: list[str],
    coverage: FloatArray,
    funnel: FloatArray,
    floor: FloatArray,
    annual: FloatArray,
    yearly: FloatArray,
    driver: np.ndarray,
    cov_defines: np.ndarray,
    fun_defines: np.ndarray,
) -> pd.DataFrame:
    n_rows, n_acts = annual.shape
    row_codes = np.repeat(np.arange(n_rows), n_acts)
    return pd.DataFrame(
        {
            "person": rows["person"].to_numpy()[row_codes],
            "team": rows["team"].to_numpy()[row_codes],
            "activity": np.tile(np.asarray(activities, dtype=object), n_rows),
            "coverage": np.where(cov_defines, coverage, np.nan).reshape(-1),
            "funnel": np.where(fun_defines, funnel, np.nan).reshape(-1),
            "floor": floor.reshape(-1),
            "annual": annual.reshape(-1),
            "required": yearly.reshape(-1),
            "driver": np.asarray(DRIVERS, dtype=object)[driver.reshape(-1)],
        }
    )


def _capacity_frame(rows: pd.DataFrame, weeks: np.ndarray, capacity: FloatArray, weight: FloatArray, share: FloatArray) -> pd.DataFrame:
    n_rows, n_weeks = capacity.shape
    row_codes = np.repeat(np.arange(n_rows), n_weeks)
    return pd.DataFrame(
        {
            "person": rows["person"].to_numpy()[row_codes],
            "team": rows["team"].to_numpy()[row_codes],
            "week": np.tile(weeks, n_rows),
            "capacity": capacity.reshape(-1),
            "weight": np.tile(weight, n_rows),
            "share": share.reshape(-1),
        }
    )
