"""Expand plain recurring series with python-dateutil's rruleset, beside recurring-ical-events.

recurring-ical-events builds a full icalendar component per occurrence; on a large Outlook export that
is almost half the reading time. Most series are plain: one RRULE, some EXDATEs, moved or cancelled
instances (RECURRENCE-ID). Those are expanded here with dateutil (the rule engine recurring-ical-events
itself builds on), keeping its conventions: occurrences keep their wall-clock time, an EXDATE removes
an instance even when it was also moved, a missing DTEND means no length (a day for all-day items).
Everything else — RDATE, EXRULE, X-WR-TIMEZONE calendars, custom zones, an exception that matches no
instance, anything that does not parse — returns None and goes to recurring-ical-events.
tests/ingest/test_ics_fast_path.py compares both on random series.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, WEEKLY, rrule, rruleset

from imm_tui.ingest.ics.library import occurrence_key
from imm_tui.ingest.ics.outside import WEEKDAYS
from imm_tui.ingest.ics.series_guard import rrulestr, rule_parts
from imm_tui.ingest.ics.values import NeedsLibrary, duration, moment, params
from imm_tui.ingest.items import RawItem


class SeriesPart(Protocol):
    """One VEVENT of a series as the scanner read it (see scan._Event / _Fields)."""

    @property
    def properties(self) -> list[tuple[str, str, str]]: ...  # (NAME, parameters, value) of DTSTART, RRULE, EXDATE…


class Fields(Protocol):
    @property
    def times(self) -> dict[str, tuple[str, dict[str, str]]]: ...

    def item(self, uid: str, occurrence: str, start: datetime | date, end: datetime | date | None) -> RawItem: ...


def recurrence_ids(value: datetime | date) -> tuple[datetime, ...]:
    """How recurring-ical-events recognises an instance (its `to_recurrence_ids`): a date as its midnight, a
    floating time as itself, a zoned time as its UTC and its own wall clock, both without zone."""
    if not isinstance(value, datetime):
        return (datetime.combine(value, time()),)
    if value.tzinfo is None:
        return (value,)
    return (value.astimezone(UTC).replace(tzinfo=None), value.replace(tzinfo=None))


def _same_kind(a: datetime | date, b: datetime | date) -> bool:
    if isinstance(a, datetime) != isinstance(b, datetime):
        return False
    return not isinstance(a, datetime) or (a.tzinfo is None) == (b.tzinfo is None)  # type: ignore[union-attr]


def _end(start: datetime | date, fields: Fields, calendar_zone: ZoneInfo | None = None) -> datetime | date:
    times = fields.times
    if "DTEND" in times:
        end = moment(*times["DTEND"], calendar_zone)
        if not _same_kind(start, end):
            raise NeedsLibrary
        return end
    if "DURATION" in times:
        return start + duration(times["DURATION"][0])
    return start if isinstance(start, datetime) else start + timedelta(days=1)


def expand_series(
    parts: Sequence[tuple[SeriesPart, Fields]], uid: str, window: tuple[date, date], zone: ZoneInfo,
    calendar_zone: ZoneInfo | None = None,
) -> list[RawItem] | None:
    """Every instance of one series (master and its exceptions) overlapping `window`, or None.

    `calendar_zone` is a Google export's X-WR-TIMEZONE: UTC and floating times of DTSTART, DTEND, EXDATE and
    RECURRENCE-ID are read in it, as x-wr-timezone converts them before recurring-ical-events expands the
    series (the rule then keeps the wall clock in that zone across summer time)."""
    try:
        return _expand(parts, uid, window, zone, calendar_zone)
    except (NeedsLibrary, ValueError, TypeError, OverflowError):
        return None


def _expand(parts: Sequence[tuple[SeriesPart, Fields]], uid: str, window: tuple[date, date], zone: ZoneInfo,
            calendar_zone: ZoneInfo | None = None) -> list[RawItem] | None:
    masters, exceptions = [], []
    for part, fields in parts:
        names = part.properties
        if any(n in ("RDATE", "EXRULE") for n, _, _ in names):
            return None
        rules = [v for n, _, v in names if n == "RRULE"]
        rids = [(v, params(r)) for n, r, v in names if n == "RECURRENCE-ID"]
        if rules and not rids and len(rules) == 1:
            masters.append((names, rules[0], fields))
        elif rids and not rules and len(rids) == 1:
            exceptions.append((moment(rids[0][0], rids[0][1], calendar_zone), fields))
        else:
            return None
    if len(masters) != 1 or "DTSTART" not in masters[0][2].times:
        return None
    names, rule, fields = masters[0]
    start = moment(*fields.times["DTSTART"], calendar_zone)
    length = _end_delta(start, fields, calendar_zone)
    if length < timedelta(0):
        return None  # an end before its start: the library decides what its instances are
    all_day = not isinstance(start, datetime)
    base = start if isinstance(start, datetime) else datetime.combine(start, time())
    if "UNTIL=" in rule.upper() and all_day and rule.upper().split("UNTIL=", 1)[1][:16].rstrip(";").endswith("Z"):
        return None
    recurrence = rrulestr(rule, dtstart=base)
    low = datetime.combine(window[0], time())
    high = datetime.combine(window[1], time())
    if isinstance(base, datetime) and base.tzinfo is not None:
        low, high = low.replace(tzinfo=zone), high.replace(tzinfo=zone)
    span = length if isinstance(length, timedelta) else timedelta(0)
    earliest = low - span - timedelta(days=1)  # the first instance that can reach into the window
    until = getattr(recurrence, "_until", None)
    instances = plain_between(recurrence, earliest, high)
    if instances is not None:
        first = next(plain_instances(recurrence, high), None)
        if first != base and (until is None or not base > until) and earliest <= base <= high:
            bisect.insort(instances, base)  # DTSTART out of step with its rule: an occurrence besides (see below)
    else:
        source: rrule | rruleset = walked_from(recurrence, rule, base, earliest)  # the rule alone walks faster than a set
        # DTSTART out of step with its rule (RFC 5545 leaves it undefined): recurring-ical-events counts DTSTART
        # as an occurrence besides the rule's own, unless the rule ends before it. So does this.
        if next(iter(recurrence), None) != base and (until is None or not base > until):
            walked = source
            source = rruleset()
            source.rrule(walked)
            source.rdate(base)
        instances = source.between(earliest, high, inc=True)
    excluded_ids: set[datetime] = set()
    for name, raw, value in names:
        if name == "EXDATE":
            for text in value.split(","):
                excluded = moment(text, params(raw), calendar_zone)
                if not _same_kind(start, excluded):
                    return None
                excluded_ids.update(recurrence_ids(excluded))
    # Exceptions and EXDATEs are matched as recurring-ical-events matches them: by any of an instance's
    # recurrence ids (its UTC and its local wall clock), so that both readers remove and replace the same
    # instances even where an exporter wrote an EXDATE's instant wrongly.
    by_id: dict[datetime, int] = {}
    for index, (rid, _part) in enumerate(exceptions):
        ids = recurrence_ids(rid)
        if not _same_kind(start, rid) or any(i in by_id for i in ids):
            return None  # mixed kinds, or two versions of one instance: the library decides
        by_id.update((i, index) for i in ids)
    found: set[int] = set()
    items: list[RawItem] = []
    # The days near an excluded or replaced instance (a recurrence id is a UTC or a wall-clock time, at most a day
    # apart): an instance on any other day is neither, and its ids are not worked out.
    near = {day + timedelta(days=shift) for i in (*excluded_ids, *by_id) for day in (i.date(),) for shift in (-1, 0, 1)}
    for instance in instances:
        original: datetime | date = instance.date() if all_day else instance
        replaced = None
        if near and instance.date() in near:
            ids = recurrence_ids(original)
            if excluded_ids.intersection(ids):
                continue
            replaced = next((by_id[i] for i in ids if i in by_id), None)
        if replaced is not None:
            if replaced in found:
                continue  # one exception answers for one instance only
            found.add(replaced)
            changed = exceptions[replaced][1]
            begin = moment(*changed.times["DTSTART"], calendar_zone) if "DTSTART" in changed.times else original
            item = changed.item(uid, occurrence_key(original), begin, _end(begin, changed, calendar_zone))
        else:
            item = fields.item(uid, occurrence_key(original), original, original + length)
        if overlaps(item, window, zone):
            items.append(item)
    for index in set(range(len(exceptions))) - found:
        # An exception that matched no instance expanded here (excluded, beyond COUNT, outside the window)
        # is left out when neither the instance it replaces nor the moved one touch the window: it then
        # changes nothing in the plan year (a series that ends just after it, in January, is common).
        # Otherwise recurring-ical-events knows what to do with it.
        original, changed = exceptions[index]
        begin = moment(*changed.times["DTSTART"], calendar_zone) if "DTSTART" in changed.times else original
        if overlaps(fields.item(uid, "", original, original + length), window, zone) or overlaps(
            changed.item(uid, "", begin, _end(begin, changed, calendar_zone)), window, zone
        ):
            return None
    return items


def plain_between(recurrence: rrule, earliest: datetime, high: datetime) -> list[datetime] | None:
    """`recurrence.between(earliest, high, inc=True)` for a daily or weekly rule on plain weekdays at one time of
    day (see plain_instances); None for any other rule, which dateutil walks."""
    if not _plain(recurrence):
        return None
    found = []
    for instance in plain_instances(recurrence, high, earliest.date() - timedelta(days=2)):
        if instance > high:
            break
        if instance >= earliest:
            found.append(instance)
    return found


def _plain(recurrence: rrule) -> bool:
    """Whether the rule, as dateutil read it, is daily or weekly, at one time of day, with no filter but weekdays."""
    r = recurrence
    try:
        return (r._freq in (WEEKLY, DAILY) and r._interval >= 1 and len(r._timeset) == 1 and not (
            r._bymonth or r._byweekno or r._byyearday or r._bymonthday or r._bynmonthday or r._byeaster or r._bysetpos or r._bynweekday))
    except AttributeError:  # another dateutil that keeps its reading elsewhere: it walks every rule itself
        return False


def plain_instances(recurrence: rrule, last: datetime, skip_to: date | None = None) -> Iterator[datetime]:
    """The instances of a _plain rule in order, as dateutil's walk gives them, by date arithmetic: dateutil takes
    some ten microseconds an instance, most of an expansion's time. Its walk, read from rrule._iter: a weekly
    rule's first period runs from DTSTART's day to the next WKST day, every later one is the whole week INTERVAL
    weeks on; a daily rule steps INTERVAL days; days are kept whose weekday BYDAY names (a weekly rule without
    BYDAY has DTSTART's); each day at DTSTART's time (rrule._timeset); an instance before DTSTART is passed over,
    the first after UNTIL ends the walk, COUNT counts from DTSTART. Periods are walked up to `last`'s day and two
    more (a rule no day satisfies ends there, not in the year 9999); without COUNT the walk may begin a period or
    two before `skip_to`. tests/ingest/test_ics_fast_path.py compares this with dateutil on random rules."""
    r = recurrence
    start, until, remaining, weekdays = r._dtstart, r._until, r._count, r._byweekday
    at = r._timeset[0]
    first_day = start.date()
    if r._freq == WEEKLY:
        origin, step = first_day - timedelta(days=(first_day.weekday() - r._wkst) % 7), 7 * r._interval
        offsets = [timedelta(days=o) for o in range(7) if (r._wkst + o) % 7 in weekdays]
        weekdays = None  # the offsets keep only those
    else:
        origin, step, offsets = first_day, r._interval, [timedelta(0)]
    end_day = last.date() + timedelta(days=2)
    period = 0 if skip_to is None or remaining is not None else max(0, (skip_to - origin).days // step - 1)
    while True:
        begin = origin + timedelta(days=period * step)
        if begin > end_day:
            return
        for offset in offsets:
            day = begin + offset
            if day < first_day or (weekdays is not None and day.weekday() not in weekdays):
                continue
            instance = datetime.combine(day, at)
            if until is not None and instance > until:
                return
            if instance >= start:
                if remaining is not None:
                    remaining -= 1
                    if remaining < 0:
                        return
                yield instance
        period += 1


_SHIFTABLE = frozenset({"FREQ", "INTERVAL", "BYDAY", "UNTIL", "WKST"})


def walked_from(recurrence: rrule, rule: str, base: datetime, earliest: datetime) -> rrule:
    """`recurrence` starting whole periods later, just before `earliest`, where that gives the same instances from
    `earliest` on: dateutil walks a rule from its DTSTART, so a weekly series begun years ago took most of the
    time of expanding it. Only daily and weekly rules on plain weekdays without COUNT (which counts from DTSTART)
    move; every N days or weeks, at the same wall-clock time, the new start keeps the rule's days, weeks and
    time, and its first, partly walked period lies wholly before `earliest`. Anything else walks from DTSTART."""
    try:
        parts = rule_parts(rule)
        interval = int(parts.get("INTERVAL") or "1")
    except ValueError:
        return recurrence
    if not parts.keys() <= _SHIFTABLE or parts["FREQ"] not in ("DAILY", "WEEKLY"):
        return recurrence
    if parts.get("BYDAY") and not set(parts["BYDAY"].replace(" ", "").split(",")) <= set(WEEKDAYS):
        return recurrence  # an ordinal weekday (2TU) is not plain
    if interval < 1:
        return recurrence
    step = timedelta(days=interval) if parts["FREQ"] == "DAILY" else timedelta(weeks=interval)
    periods = (earliest - base) // step - 1  # one period more than needed: a change of summer time moves nothing
    if periods <= 0:
        return recurrence
    return recurrence.replace(dtstart=base + step * periods)


@functools.lru_cache(maxsize=64)
def _inner(window: tuple[date, date], zone: tzinfo = UTC) -> tuple[datetime, datetime]:
    """The window shrunk by two days at each end (a wall clock is at most 26 hours off UTC), as instants in `zone`
    (a file names a few zones)."""
    low = datetime.combine(window[0] + timedelta(days=2), time(), UTC)
    high = datetime.combine(window[1] - timedelta(days=2), time(), UTC)
    return low.astimezone(zone), high.astimezone(zone)


def _end_delta(start: datetime | date, fields: Fields, calendar_zone: ZoneInfo | None = None) -> timedelta:
    end = _end(start, fields, calendar_zone)
    return end - start


def overlaps(item: RawItem, window: tuple[date, date], zone: ZoneInfo) -> bool:
    """Whether the item overlaps the window (days in the plan's zone), as recurring-ical-events decides."""
    return span_overlaps(item.start, item.end, window, zone)


def span_overlaps(start: datetime | date, end: datetime | date | None, window: tuple[date, date], zone: ZoneInfo) -> bool:
    """`overlaps` for a start and end: told before the item's other fields are read."""
    first = start
    end = end or start
    if isinstance(start, datetime) and start.tzinfo is not None and isinstance(end, datetime) and end.tzinfo is not None:
        # Two days inside the window: no zone's wall clock can put it outside. The bounds in the times' own zone
        # (compared by wall clock, 25 times faster than across zones; a summer-time hour cannot matter here).
        inner_low, inner_high = _inner(window, start.tzinfo) if end.tzinfo is start.tzinfo else _inner(window)
        if start < inner_high and end >= inner_low:
            return True

    def naive(value: datetime | date) -> datetime:
        if isinstance(value, datetime):
            return value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value
        return datetime.combine(value, time())

    low, high = datetime.combine(window[0], time()), datetime.combine(window[1], time())
    try:
        return naive(first) < high and naive(end) >= low
    except (OverflowError, ValueError):
        return False  # a date at the edge of the calendar (year 1 or 9999) is in no plan year
