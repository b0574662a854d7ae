"""Whose calendar is missing, partial or stale: one row per person for the Calendars view and `imm status`.

Pure: takes the plan, the requirement (for the weeks), what each person's calendars cover (see
engine.compare) and per person what the store holds (`CalendarFacts`).

States, worst first:
- `no calendar`: nothing imported for the person;
- `stale`: their newest covered day is more than `[monitor] stale_after_days` before the as-of day
  (ask for a new export);
- `partial`: some weeks that have happened, in which the person worked, are not covered (a gap, or an
  export that starts late); weeks before their start, on leave or after they left are not missing;
- `ok`: every such week is covered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from imm_tui.engine.compare import Coverage, covered_weeks, elapsed_weeks
from imm_tui.engine.requirement import Requirement
from imm_tui.i18n import N_
from imm_tui.model.plan import Plan

NO_CALENDAR, STALE, PARTIAL, OK = N_("no calendar"), N_("stale"), N_("partial"), N_("ok")
STATES = (NO_CALENDAR, STALE, PARTIAL, OK)
COLUMNS = ("person", "name", "team", "state", "covered_from", "covered_to", "weeks_covered", "weeks_happened", "last_import",
           "files", "items", "unclassified_share")


@dataclass(frozen=True)
class CalendarFacts:
    """What the store holds for one person."""

    files: int
    items: int  # stored items in the plan year
    unclassified: int  # of those, neither counted nor skipped
    last_import: date | None


def is_stale(periods: Iterable[tuple[date, date]], as_of: date, stale_after_days: int) -> bool:
    """Whether a calendar whose covered periods are `periods` is stale as of `as_of`: its newest covered
    day is more than `stale_after_days` before (or it covers nothing)."""
    last = max((end for _, end in periods), default=None)
    return last is None or last < as_of - timedelta(days=stale_after_days)


def calendar_states(plan: Plan, requirement: Requirement, coverage: Coverage, facts: dict[str, CalendarFacts],
                    as_of: date) -> pd.DataFrame:
    """One row per person of the plan (vacancies have no calendar to ask for), worst state first."""
    covered = covered_weeks(requirement, coverage, as_of, plan.calendar.days_per_week)
    happened = elapsed_weeks(requirement.year, requirement.weeks, as_of)
    # only weeks in which the person worked can be missing: not before their start, on leave or after they left
    capacity = requirement.capacity.assign(person=requirement.capacity["person"].astype(str))
    working = (capacity.pivot_table(index="person", columns="week", values="capacity", aggfunc="sum")
               .reindex(columns=list(requirement.weeks)).fillna(0.0) > 0)
    row_of = {str(p): i for i, p in enumerate(requirement.rows["person"])}
    rows = []
    for person in plan.people:
        fact = facts.get(person.id)
        periods = list(coverage.get(person.id, ()))
        worked = working.loc[person.id].to_numpy() & happened if person.id in working.index else np.zeros(len(happened), dtype=bool)
        weeks = covered[row_of[person.id]] & worked if person.id in row_of else np.zeros(len(happened), dtype=bool)
        last = max((end for _, end in periods), default=None)
        if fact is None or fact.files == 0:
            state = NO_CALENDAR
        elif is_stale(periods, as_of, plan.monitor.stale_after_days):
            state = STALE
        elif int(weeks.sum()) < int(worked.sum()):
            state = PARTIAL
        else:
            state = OK
        items = fact.items if fact else 0
        rows.append((person.id, person.name, person.team, state, min((s for s, _ in periods), default=None), last,
                     int(weeks.sum()), int(worked.sum()), fact.last_import if fact else None, fact.files if fact else 0, items,
                     (fact.unclassified / items) if fact and items else None))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    order = frame["state"].map({state: rank for rank, state in enumerate(STATES)})
    return frame.assign(_order=order).sort_values(["_order", "person"], kind="stable").drop(columns="_order").reset_index(drop=True)
