"""Charts drawn with textual-plotext: weekly asked vs done on one shared scale, the year to date against the
plan, and the funnel. The figures come from `series` (no textual there), so they are tested as numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from textual_plotext import PlotextPlot

from imm_tui.engine.rollup import ORGANISATION, team_descendants
from imm_tui.model.printable import printable

if TYPE_CHECKING:
    from imm_tui.tui.session import Session

TEAM_KEY = "team:"
FUNNEL = ("call", "visit", "request", "offer", "order")


@dataclass(frozen=True)
class Series:
    """One person's, team's or the organisation's year for an activity, week by week."""

    weeks: list[int]
    asked: list[float]  # the plan's requirement of each week
    done: list[float | None]  # counted items; None where the week has not happened or no calendar covers it
    cumulative_asked: list[float]  # the plan, summed week by week over the whole year
    cumulative_done: list[float | None]  # done, summed over the weeks that happened (None after the as-of week)
    funnel: list[tuple[str, float, float]]  # (activity, required in the year, done to date)
    last_year: list[float] | None = None  # the same activity last year, summed week by week (None: no items of that year)
    this_year: list[float] | None = None  # this year's items summed week by week up to the as-of week (every item, as last year's)


def members(session: Session, key: str) -> list[str]:
    """The rows a chart sums: a person, a team with everyone below it, or every person (`org`)."""
    rows = session.requirement.rows
    if key == ORGANISATION:
        return [str(p) for p, kind in zip(rows["person"], rows["kind"], strict=True) if kind == "person"]
    if key.startswith(TEAM_KEY):
        below = set(team_descendants(session.plan, [key.removeprefix(TEAM_KEY)])[key.removeprefix(TEAM_KEY)])
        return [str(p) for p, team, kind in zip(rows["person"], rows["team"], rows["kind"], strict=True)
                if str(team) in below and kind == "person"]
    return [key]


def series(session: Session, key: str, activity: str) -> Series:
    """The weekly figures of `key` (person id, `team:<id>` or `org`) for `activity`."""
    people = members(session, key)
    weekly = session.comparison.weekly
    mine = weekly[weekly["person"].astype(str).isin(people)]
    weeks = sorted(int(w) for w in weekly["week"].unique())
    this = mine[mine["activity"] == activity]
    asked = this.groupby("week")["required"].sum().reindex(weeks, fill_value=0.0)
    judged = this[this["actual"].notna()]
    done_by_week = judged.groupby("week")["actual"].sum().reindex(weeks)
    elapsed = set(int(w) for w in weekly.loc[weekly["elapsed"], "week"].unique())
    done = [None if (w not in elapsed or math.isnan(v)) else float(v) for w, v in zip(weeks, done_by_week.tolist(), strict=True)]
    cumulative_asked = np.cumsum(asked.to_numpy()).tolist()
    running, cumulative_done = 0.0, []
    for week, value in zip(weeks, done, strict=True):
        running += value or 0.0
        cumulative_done.append(running if week in elapsed else None)
    funnel = []
    for name in FUNNEL:
        if name in session.plan.activity_ids:
            rows = mine[mine["activity"] == name]
            funnel.append((name, float(rows["required"].sum()), float(rows["actual"].sum(skipna=True))))
    last_year, this_year = _both_years(session, people, activity, weeks, elapsed)
    return Series(weeks, asked.tolist(), done, cumulative_asked, cumulative_done, funnel, last_year, this_year)


def _both_years(session: Session, people: list[str], activity: str, weeks: list[int],
                elapsed: set[int]) -> tuple[list[float] | None, list[float] | None]:
    """Cumulative counts of `activity` by `people`, last year over its whole year and this year to the as-of week."""
    from imm_tui.engine.calendar import weeks_in_year
    from imm_tui.engine.yoy import weekly_both

    previous = session.monitoring.previous
    if previous is None:
        return None, None
    last_weeks = weeks_in_year(session.plan.plan.year - 1)
    both = weekly_both(session.monitoring.activity, previous, [activity], people, max(len(weeks), last_weeks))
    last = np.cumsum(both["last_year"].to_numpy()[:last_weeks]).tolist()
    now = np.cumsum(both["this_year"].to_numpy()[:len(weeks)]).tolist()
    return last, [v for w, v in zip(weeks, now, strict=True) if w in elapsed]


def draw_years(plot: PlotextPlot, found: Series, this_label: str, last_label: str, title: str) -> None:
    """This year to date against last year, both summed week by week, on one scale."""
    last, this = found.last_year or [], found.this_year or []
    _lines(plot, found.weeks, title, [(list(range(1, len(last) + 1)), last, last_label, "gray", None),
                                      (list(range(1, len(this) + 1)), this, this_label, "green", "dot")])


def draw_weekly(plot: PlotextPlot, found: Series, asked_label: str, done_label: str, title: str) -> None:
    """Asked and done side by side per week, one scale for both."""
    plt = plot.plt
    plt.clear_figure()
    labels = [f"W{w:02d}" for w in found.weeks]
    plt.multiple_bar(labels, [found.asked, [v or 0.0 for v in found.done]], labels=[asked_label, done_label], color=["blue", "green"])
    plt.xticks([i + 1 for i in range(0, len(labels), 4)], labels[::4])
    plt.title(printable(title))  # a name from plan.toml: control characters shown, never obeyed
    plot.refresh()


def draw_cumulative(plot: PlotextPlot, found: Series, plan_label: str, done_label: str, title: str) -> None:
    happened = [(w, v) for w, v in zip(found.weeks, found.cumulative_done, strict=True) if v is not None]
    _lines(plot, found.weeks, title, [(found.weeks, found.cumulative_asked, plan_label, "blue", None),
                                      ([w for w, _ in happened], [v for _, v in happened], done_label, "green", "dot")])


def _lines(plot: PlotextPlot, weeks: list[int], title: str,
           lines: list[tuple[list[int], list[float], str, str, str | None]]) -> None:
    """Lines over the weeks (x, y, label, colour, marker), each drawn when it has points; every fourth week labelled."""
    plt = plot.plt
    plt.clear_figure()
    for xs, ys, label, color, marker in lines:
        if xs:
            plt.plot(xs, ys, label=label, color=color, **({"marker": marker} if marker else {}))
    plt.xticks(weeks[::4], [f"W{w:02d}" for w in weeks[::4]])
    plt.title(printable(title))  # a name from plan.toml: control characters shown, never obeyed
    plot.refresh()


def draw_funnel(plot: PlotextPlot, found: Series, year_label: str, done_label: str, title: str) -> None:
    plt = plot.plt
    plt.clear_figure()
    names = [printable(name) for name, _, _ in found.funnel]
    plt.multiple_bar(names, [[r for _, r, _ in found.funnel], [d for _, _, d in found.funnel]], labels=[year_label, done_label],
                     orientation="horizontal", color=["blue", "green"])
    plt.title(printable(title))  # a name from plan.toml: control characters shown, never obeyed
    plot.refresh()


__all__ = ["Series", "draw_cumulative", "draw_funnel", "draw_weekly", "draw_years", "members", "series"]
