"""One check before any series is expanded, by either reader: can its rule be read, and how big is it?

Expanding a rule nobody can read, or one such as FREQ=SECONDLY, can take minutes and gigabytes; a
series like that is skipped alone, with the reason, and the rest of the calendar imports.

The expanders (dateutil, under recurring-ical-events and under our fast path) walk a rule from its DTSTART,
one period at a time, even to find the instances of one year; a rule no day can satisfy
(`BYMONTH=2;BYMONTHDAY=30`) is walked to the year 9999. So before anything is walked:
- a rule that never occurs is skipped at once (tested on its days alone, a year at a time);
- the periods between DTSTART and the plan window's end are counted arithmetically; a series that would
  take more than `MAX_STEPS` periods (FREQ=SECONDLY from 1900) is skipped;
- a file's series together may take at most `FILE_STEPS` periods (a `StepBudget`), so ten thousand
  merely large series cannot add up to an hour either (a real export's series take a few thousand each);
- only then are the instances inside the window counted, stopping at the limit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from dateutil import tz
from dateutil.rrule import _rrulestr, rrule

from imm_tui.ingest.limits import DEFAULT_LIMITS

MAX_OCCURRENCES = DEFAULT_LIMITS.max_occurrences
MAX_STEPS = 400_000
"""Periods one series may be walked through (about half a second of dateutil)."""
FILE_STEPS = 2_000_000
"""Periods all series of one file may be walked through together (a few seconds)."""

_SECONDS = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400, "MONTHLY": 28 * 86400,
            "YEARLY": 365 * 86400}
_DAY_PARTS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY")
_FILTERS = {*_DAY_PARTS, "BYSETPOS", "BYHOUR", "BYMINUTE", "BYSECOND", "BYEASTER"}


_UNTIL = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?")


class _RuleReader(_rrulestr):  # type: ignore[misc]
    """dateutil's rrulestr, reading UNTIL's RFC 5545 forms (`20271231`, `20271231T080000Z`, `20271231T080000`) to
    the very datetime its general date parser makes, in a fiftieth of the time: that parser took two thirds of
    reading a rule. Any other form, or a date that does not exist, goes to dateutil as before."""

    def _handle_UNTIL(self, rrkwargs: dict[str, Any], name: str, value: str, **kwargs: Any) -> None:
        found = _UNTIL.fullmatch(value) if kwargs.get("tzinfos") is None else None
        if found is not None:
            year, month, day, hour, minute, second, utc = found.groups()
            try:
                rrkwargs["until"] = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                                             tzinfo=tz.UTC if utc and not kwargs.get("ignoretz") else None)
                return
            except ValueError:
                pass  # dateutil says what is wrong with it
        super()._handle_UNTIL(rrkwargs, name, value, **kwargs)


rrulestr = _RuleReader()
"""dateutil.rrule.rrulestr, with UNTIL read faster (see _RuleReader); tests compare the two."""


@dataclass
class StepBudget:
    """What is left of one file's walking budget."""

    left: int = FILE_STEPS


def start_of(text: str) -> datetime | None:
    """DTSTART's value as a naive date-time (zones do not matter for counting)."""
    digits = text.strip()
    try:
        if len(digits) >= 15 and digits[8] == "T":
            return datetime(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]), int(digits[9:11]), int(digits[11:13]), int(digits[13:15]))
        return datetime.combine(date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8])), time())
    except (ValueError, IndexError):
        return None


def series_problem(rule: str, start: datetime | None, window: tuple[date, date], limit: int = MAX_OCCURRENCES,
                   budget: StepBudget | None = None) -> tuple[str, str] | None:
    """(skip reason, explanation) when the series must not be expanded; None when it may."""
    if start is None:
        return "broken series", "no readable start"
    try:
        parts = rule_parts(rule)
        if int(parts.get("INTERVAL") or "1") < 1:  # RFC 5545: a positive integer; dateutil would walk 0 or -1 forever
            return "broken series", f"its rule cannot be read ({rule.strip()[:60]}: INTERVAL must be 1 or more)"
        recurrence = parsed(rule.strip(), start)
        if _never(parts, start):
            return "broken series", "its rule never occurs (no day satisfies it)"
        steps = _steps(parts, start, window)
        if not parts.keys() & _FILTERS:  # every period is an instance: the periods inside the window are its instances
            if _steps(parts, max(start, datetime.combine(window[0], time())), window) > limit and "COUNT" not in parts:
                return "too many occurrences", f"more than {limit:,} occurrences in the plan year"
            steps = min(steps, int(parts.get("COUNT", steps) or steps))
        if steps > MAX_STEPS:
            every = f"{parts.get('INTERVAL', '1')} × {parts['FREQ'].lower()}"
            return "runaway series", f"expanding it would take {steps:,} steps ({every} from {start:%Y-%m-%d}); more than {MAX_STEPS:,}"
        uncounted = _at_most_daily(parts) and (window[1] - window[0]).days + 1 <= limit
        if budget is not None:
            cost = steps if uncounted else 2 * steps  # the expander walks it; counting below walks it once more
            if cost > budget.left:
                return "runaway series", "expanding it would take longer than this file's share of time allows"
            budget.left -= cost
        if uncounted:
            return None  # one instance a day at most: it cannot exceed the limit, no need to count
        low, high = datetime.combine(window[0], time()), datetime.combine(window[1], time())
        for count, instance in enumerate(recurrence.xafter(low, inc=True), start=1):
            if instance > high:
                return None
            if count > limit:
                return "too many occurrences", f"more than {limit:,} occurrences in the plan year"
    except (ValueError, TypeError, OverflowError, IndexError, KeyError) as error:
        return "broken series", f"its rule cannot be read ({rule.strip()[:60]}: {error})"
    return None


@functools.lru_cache(maxsize=64)
def parsed(rule: str, start: datetime) -> rrule:
    """dateutil's rule from `start` (naive local), parsed once for the guard and the outside count of one series.
    An rrule is not changed by walking it (its cache is off), so sharing it is safe."""
    return rrulestr(rule, dtstart=start, ignoretz=True)


def rdate_problem(values: list[str], limit: int = MAX_OCCURRENCES) -> tuple[str, str] | None:
    """RDATE lists count against the same limit as rules (each value of each RDATE line is one occurrence)."""
    dates = sum(value.count(",") + 1 for value in values if value.strip())
    if dates > limit:
        return "too many occurrences", f"more than {limit:,} dates in its RDATE list ({dates:,})"
    return None


def rule_parts(rule: str) -> dict[str, str]:
    """The parts of an RRULE value by name, upper-cased (ValueError for an unknown FREQ)."""
    parts = {}
    for part in rule.strip().upper().split(";"):
        name, _, value = part.partition("=")
        if name:
            parts[name.strip()] = value.strip()
    if parts.get("FREQ") not in _SECONDS:
        raise ValueError(f"unknown FREQ {parts.get('FREQ')!r}")
    return parts


def _steps(parts: dict[str, str], start: datetime, window: tuple[date, date]) -> int:
    """Periods from DTSTART to the window's end (or UNTIL), as dateutil walks them."""
    end = datetime.combine(window[1], time(23, 59, 59))
    if "UNTIL" in parts:
        until = start_of(parts["UNTIL"].rstrip("Z"))
        if until is not None:
            end = min(end, until)
    interval = max(1, int(parts.get("INTERVAL", "1") or "1"))
    seconds = max(0.0, (end - start).total_seconds())
    return int(seconds // (_SECONDS[parts["FREQ"]] * interval)) + 1


def _never(parts: dict[str, str], start: datetime) -> bool:
    """Whether no day satisfies the rule's day parts: the same parts as a yearly rule (one step a year, cheap
    to walk to the end of time) find no day."""
    if parts["FREQ"] == "YEARLY" or not any(p in parts for p in _DAY_PARTS if p != "BYDAY"):
        return False  # a yearly rule is cheap to walk; BYDAY alone always finds days
    days = ";".join(f"{p}={parts[p]}" for p in _DAY_PARTS if p in parts)
    yearly = rrulestr(f"FREQ=YEARLY;{days}", dtstart=datetime.combine(start.date(), time()), ignoretz=True)
    return yearly.after(datetime.combine(start.date(), time()), inc=True) is None


def _at_most_daily(parts: dict[str, str]) -> bool:
    """Whether the rule gives at most one instance a day: a daily or slower FREQ and every instance at
    DTSTART's time of day (no BYHOUR, BYMINUTE or BYSECOND). Counting its instances is then not needed:
    the window's days bound them. Counting cost about 25 ms per Outlook export."""
    return parts.get("FREQ") in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY") and not parts.keys() & {"BYHOUR", "BYMINUTE", "BYSECOND"}
