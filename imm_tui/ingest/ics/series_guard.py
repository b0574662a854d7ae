"""One check before any series is expanded, by either reader: can its rule be read, and how big is it?

Expanding a rule nobody can read, or one such as FREQ=SECONDLY, can take minutes and gigabytes; a
series like that is skipped alone, with the reason, and the rest of the calendar imports.
"""

from __future__ import annotations

from datetime import date, datetime, time

from dateutil.rrule import rrulestr

from imm_tui.ingest.limits import DEFAULT_LIMITS

MAX_OCCURRENCES = DEFAULT_LIMITS.max_occurrences


def start_of(text: str) -> datetime | None:
    """DTSTART's value as a naive date-time (zones do not matter for counting)."""
    digits = text.strip()
    try:
        if len(digits) >= 15 and digits[8] == "T":
            return datetime(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]), int(digits[9:11]), int(digits[11:13]), int(digits[13:15]))
        return datetime.combine(date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8])), time())
    except (ValueError, IndexError):
        return None


def series_problem(rule: str, start: datetime | None, window: tuple[date, date], limit: int = MAX_OCCURRENCES) -> tuple[str, str] | None:
    """(skip reason, explanation) when the series must not be expanded; None when it may."""
    if start is None:
        return "broken series", "no readable start"
    try:
        recurrence = rrulestr(rule.strip(), dtstart=start, ignoretz=True)
        if _at_most_daily(rule) and (window[1] - window[0]).days + 1 <= limit:
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


def _at_most_daily(rule: str) -> bool:
    """Whether the rule gives at most one instance a day: a daily or slower FREQ and every instance at
    DTSTART's time of day (no BYHOUR, BYMINUTE or BYSECOND). Counting its instances is then not needed:
    the window's days bound them. Counting cost about 25 ms per Outlook export."""
    parts = dict(part.partition("=")[::2] for part in rule.strip().upper().split(";") if part)
    return parts.get("FREQ") in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY") and not parts.keys() & {"BYHOUR", "BYMINUTE", "BYSECOND"}
