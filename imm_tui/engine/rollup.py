"""Roll weekly figures up by period (month, quarter, year) and by team, division and organisation.

A week belongs to the month of its Thursday (so to exactly one month, quarter and the plan year).
Team figures are the sums of their rows, including child teams; the vacancies' part is kept apart as
`uncovered`, the work budgeted but with nobody to do it.
"""

from __future__ import annotations

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


def team_descendants(plan: Plan) -> dict[str, list[str]]:
    """Each team with every team below it (itself included), in plan order."""
    children: dict[str, list[str]] = {t.id: [] for t in plan.teams}
    for team in plan.teams:
        if team.parent in children:
            children[team.parent].append(team.id)
    result = {}
    for team in plan.teams:
        seen: list[str] = []
        stack = [team.id]
        while stack:
            current = stack.pop(0)
            if current not in seen:
                seen.append(current)
                stack.extend(children.get(current, []))
        result[team.id] = seen
    return result


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
    pieces = []
    team_level = {t.id: ("division" if any(c.parent == t.id for c in plan.teams) else "team") for t in plan.teams}
    for team, members in team_descendants(plan).items():
        part = by_team[by_team["team"].isin(members)]
        summed = part.groupby(["period", "activity"], observed=True, sort=False)[columns].sum().reset_index()
        if summed.empty:
            continue
        summed.insert(0, "level", team_level[team])
        summed.insert(0, "group", team)
        pieces.append(summed)
    if not pieces:
        return pd.DataFrame(columns=["group", "level", "period", "activity", *columns])
    return pd.concat(pieces, ignore_index=True)
