"""The plan year as ISO weeks: working days, capacity and weight (docs/method.md).

Days are held as proleptic ordinals in a (weeks × working days) grid so that capacity for a whole
organisation is a handful of numpy comparisons rather than a loop over dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from imm_tui.model.plan import Absence, CalendarSettings

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the last ISO week of its year."""
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True)
class WorkYear:
    """The ISO weeks of one plan year and which of their days the company works."""

    year: int
    days_per_week: int
    weeks: npt.NDArray[np.int64]  # 1..K
    day_ordinals: npt.NDArray[np.int64]  # (K, days_per_week): date.toordinal() of each working day
    company_open: BoolArray  # (K, days_per_week): working day, not closed week, not holiday
    thursday_month: npt.NDArray[np.int64]  # (K,): month 1..12 a week belongs to

    @classmethod
    def build(cls, year: int, calendar: CalendarSettings) -> WorkYear:
        count = weeks_in_year(year)
        weeks = np.arange(1, count + 1, dtype=np.int64)
        first_monday = date.fromisocalendar(year, 1, 1).toordinal()
        offsets = np.arange(calendar.days_per_week, dtype=np.int64)
        ordinals = first_monday + 7 * (weeks[:, None] - 1) + offsets[None, :]
        open_days = np.ones(ordinals.shape, dtype=bool)
        closed = [w for w in calendar.closed_weeks if 1 <= w <= count]
        if closed:
            open_days[np.asarray(closed) - 1, :] = False
        if calendar.holidays:
            holidays = np.asarray([d.toordinal() for d in calendar.holidays], dtype=np.int64)
            open_days &= ~np.isin(ordinals, holidays)
        thursdays = first_monday + 7 * (weeks - 1) + 3
        months = np.asarray([date.fromordinal(int(t)).month for t in thursdays], dtype=np.int64)
        return cls(year, calendar.days_per_week, weeks, ordinals, open_days, months)

    def weight(self, calendar: CalendarSettings) -> FloatArray:
        """w(k): seasonality of the week's month × the factors of the events listing the week."""
        by_month = np.asarray([calendar.seasonality.weight(m) for m in range(1, 13)], dtype=np.float64)
        weight = by_month[self.thursday_month - 1]
        for event in calendar.events:
            for week in set(event.weeks):
                if 1 <= week <= len(self.weeks):
                    weight[week - 1] *= event.factor
        return weight

    def available_days(
        self,
        start: date | None = None,
        end: date | None = None,
        absences: Sequence[Absence] = (),
    ) -> npt.NDArray[np.int64]:
        """Available days per week for one person: open company days inside start..end, not absent."""
        mask = self.company_open.copy()
        if start is not None:
            mask &= self.day_ordinals >= start.toordinal()
        if end is not None:
            mask &= self.day_ordinals <= end.toordinal()
        for absence in absences:
            mask &= ~((self.day_ordinals >= absence.from_.toordinal()) & (self.day_ordinals <= absence.to.toordinal()))
        result: npt.NDArray[np.int64] = mask.sum(axis=1)
        return result

    def monday(self, week: int) -> date:
        return date.fromisocalendar(self.year, week, 1)
