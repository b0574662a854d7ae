"""How many occurrences of a series fall outside the window the readers expand (the plan year and a week
either side), for the import summary's "outside the plan year": occurrences, not series.

The expanders only walk the window. Outside it, the common shapes of real exports (daily, weekly on some
days, every N weeks) are counted arithmetically, one arithmetic sequence per weekday; any other rule is
counted by dateutil within the file's `StepBudget`. A series without an end counts only the occurrences
before the window (those after it never end). EXDATEs outside the window are taken off, RDATEs added.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from imm_tui.ingest.ics.series_guard import StepBudget, parsed, start_of

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ARITHMETIC = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"}


def occurrences_outside(rule: str, start: datetime, window: tuple[date, date], exdates: Iterable[str] = (),
                        rdates: Iterable[str] = (), budget: StepBudget | None = None) -> int:
    """Occurrences of `rule` from `start` before `window[0]` or from `window[1]` on (naive local times)."""
    parts = dict(part.split("=", 1) for part in rule.strip().upper().split(";") if "=" in part)
    low, high = datetime.combine(window[0], time()), datetime.combine(window[1], time())
    until = start_of(parts["UNTIL"]) if "UNTIL" in parts else None
    limit = int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None
    if start >= low and limit is None and until is None:
        return _dated(rdates, low, high) - _dated(exdates, low, high)  # starts inside, never ends: nothing before it
    sequences = _sequences(parts, start)
    if sequences is not None:
        end = until + timedelta(seconds=1) if until is not None else None
        before = sum(_between(first, step, start, min(low, end) if end else low) for first, step in sequences)
        inside = sum(_between(first, step, max(start, low), min(high, end) if end else high) for first, step in sequences)
        after = sum(_between(first, step, max(start, high), end) for first, step in sequences) if end else 0
        if limit is not None:  # the first COUNT occurrences, in time order
            before = min(before, limit)
            inside = min(inside, limit - before)
            after = limit - before - inside
        counted = before + after
    else:
        counted = _walked(rule, start, low, high, bounded=limit is not None or (until is not None and until >= high), budget=budget)
    return max(0, counted + _dated(rdates, low, high) - _dated(exdates, low, high))


def _sequences(parts: dict[str, str], start: datetime) -> list[tuple[datetime, timedelta]] | None:
    """The rule as arithmetic sequences (first occurrence, step), one per weekday; None for other shapes."""
    if not parts.keys() <= _ARITHMETIC or parts.get("WKST", "MO") != "MO":
        return None
    try:
        interval = int(parts.get("INTERVAL", "1"))
    except ValueError:
        return None
    days = [d.strip() for d in parts.get("BYDAY", "").split(",") if d.strip()]
    if interval < 1 or any(d not in WEEKDAYS for d in days):  # an ordinal (2TU) is not a plain weekday
        return None
    frequency = parts.get("FREQ")
    if frequency == "DAILY" and not days:
        return [(start, timedelta(days=interval))]
    if frequency == "DAILY" and interval == 1:
        return [(_next_weekday(start, WEEKDAYS.index(d)), timedelta(days=7)) for d in set(days)]
    if frequency == "WEEKLY":
        monday = start - timedelta(days=start.weekday())
        step = timedelta(weeks=interval)
        firsts = []
        for day in set(days) or {WEEKDAYS[start.weekday()]}:
            first = monday + timedelta(days=WEEKDAYS.index(day))
            firsts.append((first if first >= start else first + step, step))
        return firsts
    return None


def _next_weekday(start: datetime, weekday: int) -> datetime:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _between(first: datetime, step: timedelta, low: datetime, high: datetime) -> int:
    """How many of first, first + step, … lie in [low, high)."""
    if high <= low:
        return 0
    lowest = max(0, math.ceil((low - first) / step))
    highest = max(0, math.ceil((high - first) / step))  # the count of k with first + k·step < high
    return max(0, highest - lowest)


def _walked(rule: str, start: datetime, low: datetime, high: datetime, *, bounded: bool, budget: StepBudget | None) -> int:
    """dateutil's count, in one walk from DTSTART within what is left of the file's budget (a cut-short count stops
    where it is): the instances before `low`, and when the rule may go on past `high` (`bounded`: a COUNT, or an
    UNTIL from `high` on) those from `high` on; an unbounded rule stops at the window."""
    try:
        recurrence = parsed(rule.strip(), start)
    except (ValueError, TypeError, OverflowError, IndexError, KeyError):
        return 0
    allowed = budget.left if budget is not None else 100_000
    counted = steps = 0
    for instance in recurrence:
        steps += 1
        if instance >= low and not bounded:
            break  # in the window or after it: an unbounded rule's later instances are not counted
        if instance < low or instance >= high:
            counted += 1
        if steps >= allowed:
            break
    if budget is not None:
        budget.left -= steps
    return counted


def _dated(values: Iterable[str], low: datetime, high: datetime) -> int:
    """How many of the EXDATE/RDATE values (each line may list several) fall outside [low, high)."""
    outside = 0
    for value in values:
        for part in value.split(","):
            moment = start_of(part)
            if moment is not None and not low <= moment < high:
                outside += 1
    return outside
