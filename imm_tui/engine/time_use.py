"""Customer time against internal time (docs/method.md): where people's calendar hours go, year to date.

Pure: the plan and a frame of minutes per person, week and kind (`customer`: items counted as an activity;
`internal`: items a rule marks `internal = true`; `unclassified`: items no rule took). Items skipped for
another reason (cancelled, declined, free, all-day, ignored) are in none of them.
"""

from __future__ import annotations

import pandas as pd

from imm_tui.model.plan import Plan

TIME_USE_COLUMNS = ("group", "level", "name", "people", "customer_hours", "internal_hours", "unclassified_hours", "customer_share",
                    "internal_share", "customer_hours_per_week")


def time_use(plan: Plan, minutes: pd.DataFrame, as_of_week: int, monitored: set[str] | frozenset[str]) -> pd.DataFrame:
    """One row per person with a calendar, then per team (with the teams below it), division and the organisation:
    hours by kind over weeks 1..`as_of_week`, the shares of customer and internal time in the hours a rule
    placed (customer + internal; unclassified hours are said apart, not guessed), and customer hours per
    week gone by."""
    from imm_tui.engine.rollup import team_descendants

    people = [p for p in plan.people if p.id in monitored]
    frame = minutes[minutes["week"] <= as_of_week] if len(minutes) else minutes
    hours: dict[str, dict[str, float]] = {kind: {} for kind in ("customer", "internal", "unclassified")}
    if len(frame):
        summed = frame.groupby(["person", "kind"], observed=True)["minutes"].sum() / 60
        for key, value in summed.items():
            who, kind = (str(part) for part in key)  # type: ignore[attr-defined]
            if kind in hours:
                hours[kind][who] = float(value)
    weeks = max(as_of_week, 0)

    def row(group: str, level: str, name: str, members: list[str]) -> dict[str, object]:
        customer = sum(hours["customer"].get(m, 0.0) for m in members)
        internal = sum(hours["internal"].get(m, 0.0) for m in members)
        placed = customer + internal
        return {"group": group, "level": level, "name": name, "people": len(members), "customer_hours": customer,
                "internal_hours": internal, "unclassified_hours": sum(hours["unclassified"].get(m, 0.0) for m in members),
                "customer_share": customer / placed if placed > 0 else float("nan"),
                "internal_share": internal / placed if placed > 0 else float("nan"),
                "customer_hours_per_week": customer / len(members) / weeks if members and weeks else float("nan")}

    rows = [row(p.id, "person", p.name, [p.id]) for p in people]
    teams = {p.id: p.team for p in people}
    parents = {t.parent for t in plan.teams}
    names = {t.id: t.name for t in plan.teams}
    for team, below in team_descendants(plan).items():
        inside = set(below)
        rows.append(row(team, "division" if team in parents else "team", names.get(team, team),
                        [p for p, own in teams.items() if own in inside]))
    rows.append(row("org", "org", plan.plan.name, [p.id for p in people]))
    return pd.DataFrame(rows, columns=list(TIME_USE_COLUMNS))
