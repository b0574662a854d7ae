"""Roll weekly figures up by period (month, quarter, year) and by team, division and organisation.

A week belongs to the month of its Thursday (so to exactly one month, quarter and the plan year).
Team figures are the sums of their rows, including child teams; the vacancies' part is kept apart as
`uncovered`, the work budgeted but with nobody to do it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from imm_tui.model.plan import Plan

By = Literal["week", "month", "quarter", "year"]
Level = Literal["person", "team", "org"]
BY_CHOICES: tuple[By, ...] = ("week", "month", "quarter", "year")
LEVEL_CHOICES: tuple[Level, ...] = ("person", "team", "org")
ORGANISATION = "org"


def period_labels(year: int, weeks: Iterable[int], by: By) -> list[str]:
    """`2027-W05`, `2027-02`, `2027-Q1` or `2027` for each ISO week of `year`."""
    labels = []
    for week in weeks:
        month = date.fromisocalendar(year, int(week), 4).month
        if by == "week":
            labels.append(f"{year}-W{int(week):02d}")
        elif by == "month":
            labels.append(f"{year}-{month:02d}")
        elif by == "quarter":
            labels.append(f"{year}-Q{(month - 1) // 3 + 1}")
        else:
            labels.append(f"{year}")
    return labels


def with_period(frame: pd.DataFrame, year: int, by: By) -> pd.DataFrame:
    """`frame` (with a `week` column) grouped into periods, values summed; keeps category order."""
    weeks = np.sort(frame["week"].unique())
    mapping = dict(zip(weeks, period_labels(year, weeks, by), strict=True))
    out = frame.assign(period=frame["week"].map(mapping))
    return out


def _children(plan: Plan) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {t.id: [] for t in plan.teams}
    for team in plan.teams:
        if team.parent in children and team.parent != team.id:
            children[team.parent].append(team.id)
    return children


def team_descendants(plan: Plan, teams: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Each team (or each of `teams`) with every team below it (itself included), nearest first."""
    children = _children(plan)
    result = {}
    for team in children if teams is None else [t for t in teams if t in children]:
        seen = {team}
        order = [team]
        queue = deque([team])
        while queue:
            for child in children[queue.popleft()]:
                if child not in seen:
                    seen.add(child)
                    order.append(child)
                    queue.append(child)
        result[team] = order
    return result


def children_first(plan: Plan) -> list[str]:
    """The teams ordered so that every team comes after all teams below it; linear in the number of
    teams whatever the depth. Teams on a circle of parents (refused by the plan check) are left out."""
    children = _children(plan)
    waiting = {team: len(below) for team, below in children.items()}
    parent = {t.id: t.parent for t in plan.teams}
    ready = deque(team for team, count in waiting.items() if count == 0)
    order = []
    while ready:
        team = ready.popleft()
        order.append(team)
        above = parent[team]
        if above in waiting and above != team:
            waiting[above] -= 1
            if waiting[above] == 0:
                ready.append(above)
    return order


def summarise(
    weekly: pd.DataFrame,
    rows: pd.DataFrame,
    plan: Plan,
    *,
    by: By = "week",
    level: Level = "person",
    values: Sequence[str] = ("required",),
) -> pd.DataFrame:
    """Sum `values` of a weekly person frame by period and level.

    level `person`: person, team, period, activity, *values.
    level `team` / `org`: group, level, period, activity, *values, and `uncovered_<value>`: the part of
    each value held by vacancies.
    """
    framed = with_period(weekly, plan.plan.year, by)
    value_list = list(values)
    if level == "person":
        grouped = framed.groupby(["person", "team", "period", "activity"], observed=True, sort=False)[value_list].sum()
        return grouped.reset_index()[["person", "team", "period", "activity", *value_list]]
    is_vacancy = framed["person"].map(dict(zip(rows["person"], rows["kind"] == "vacancy", strict=True))).astype(bool)
    for value in value_list:
        framed[f"uncovered_{value}"] = np.where(is_vacancy, framed[value], 0.0)
    columns = value_list + [f"uncovered_{v}" for v in value_list]
    by_team = framed.groupby(["team", "period", "activity"], observed=True, sort=False)[columns].sum().reset_index()
    if level == "org":
        org = by_team.groupby(["period", "activity"], observed=True, sort=False)[columns].sum().reset_index()
        org.insert(0, "level", "org")
        org.insert(0, "group", ORGANISATION)
        return org
    return _team_sums(by_team, plan, columns)


def _team_sums(by_team: pd.DataFrame, plan: Plan, columns: list[str]) -> pd.DataFrame:
    """Each team's figures with all teams below it, summed once from the bottom up (a chain of 3,000
    levels costs 3,000 additions, not 3,000 selections of everything below)."""
    position = {t.id: index for index, t in enumerate(plan.teams)}
    known = by_team[by_team["team"].astype(object).isin(list(position))]
    if known.empty:
        return pd.DataFrame(columns=["group", "level", "period", "activity", *columns])
    combo = known.groupby(["period", "activity"], observed=True, sort=False).ngroup().to_numpy()
    keys = known[["period", "activity"]].iloc[np.unique(combo, return_index=True)[1]].reset_index(drop=True)
    team = known["team"].astype(object).map(position).to_numpy(dtype=int)
    values = np.zeros((len(plan.teams), len(keys), len(columns)))
    present = np.zeros((len(plan.teams), len(keys)), dtype=bool)
    np.add.at(values, (team, combo), known[columns].to_numpy(dtype=float))
    present[team, combo] = True
    for name in children_first(plan):
        above = plan.teams[position[name]].parent
        if above in position and above != name:
            values[position[above]] += values[position[name]]
            present[position[above]] |= present[position[name]]
    rows, cells = np.nonzero(present)  # teams in plan order, then periods and activities as first seen
    parents = {t.parent for t in plan.teams}
    out = pd.DataFrame({
        "group": [plan.teams[r].id for r in rows],
        "level": ["division" if plan.teams[r].id in parents else "team" for r in rows],
    })
    out["period"] = keys["period"].iloc[cells].to_numpy()
    out["activity"] = keys["activity"].iloc[cells].to_numpy()
    if isinstance(keys["activity"].dtype, pd.CategoricalDtype):
        out["activity"] = pd.Categorical(out["activity"], categories=keys["activity"].cat.categories)
    for index, column in enumerate(columns):
        out[column] = values[rows, cells, index]
    return out
