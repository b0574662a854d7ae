"""Read an .ics file with icalendar, x-wr-timezone and recurring-ical-events: the reference reader.

Slow on very large exports but authoritative; the fast scanner (scan.py) hands it every series and
every item it cannot read itself, and the tests compare both on every fixture.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar, Component

from imm_tui.ingest import fields as f
from imm_tui.ingest.ics.series_guard import StepBudget, rdate_problem, series_problem, start_of
from imm_tui.ingest.ics.text import prepare
from imm_tui.ingest.items import CalendarError, RawItem, ReadResult
from imm_tui.ingest.limits import DEFAULT_LIMITS, Limits


class UnreadableFile(CalendarError):
    """The file as a whole cannot be read (not a calendar, broken beyond repair)."""


def read_ics(data: bytes, zone: ZoneInfo, window: tuple[date, date], limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Every occurrence in `window` (start inclusive, end exclusive) of the file `data`."""
    lines, warnings = prepare(data, zone, limits.max_line_kb * 1024)
    result = ReadResult(warnings=warnings)
    expand_lines(lines, zone, window, result, limits=limits)
    return result


def parse_calendar(lines: list[str]) -> Calendar:
    if not any(line.upper().startswith("BEGIN:VCALENDAR") for line in lines[:50]):
        raise UnreadableFile("not an iCalendar file (no BEGIN:VCALENDAR)")
    try:
        calendars = Calendar.from_ical("\r\n".join(line for line in lines if line.strip()) + "\r\n", multiple=True)
    except Exception as error:  # noqa: BLE001 - any failure of the parser on this file is this file's problem
        raise UnreadableFile(f"not a readable iCalendar file: {error}") from None
    if not calendars:
        raise UnreadableFile("no complete calendar in the file (is it cut off?)")
    calendar: Calendar = calendars[0]
    for extra in calendars[1:]:
        for component in extra.subcomponents:
            calendar.add_component(component)
    return calendar


ItemMaker = Callable[[Component, "set[str]", bool, ReadResult], "RawItem | None"]


def expand_lines(
    lines: list[str],
    zone: ZoneInfo,
    window: tuple[date, date],
    result: ReadResult,
    make_item: ItemMaker | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Parse `lines`, expand series inside `window`, and add an item per occurrence to `result`."""
    make_item = make_item or to_item
    calendar = parse_calendar(lines)
    result.owner_hint = result.owner_hint or str(calendar.get("X-WR-CALNAME", ""))
    reply = str(calendar.get("METHOD", "")).upper() == "REPLY"
    try:
        calendar = x_wr_timezone.to_standard(calendar)
    except Exception as error:  # noqa: BLE001 - a broken X-WR-TIMEZONE must not lose the file
        result.warnings.append(f"X-WR-TIMEZONE not applied: {error}")
    events = calendar.walk("VEVENT")
    # Series (and lone exceptions of series) key their instances by original start; one-offs by UID alone.
    recurring = {str(e.get("UID", "")) for e in events if "RRULE" in e or "RDATE" in e or "RECURRENCE-ID" in e}
    for occurrence in _occurrences(calendar, events, window, result, limits.max_occurrences):
        item = make_item(occurrence, recurring, reply, result)
        if item is not None:
            result.items.append(item)


def _guarded(calendar: Calendar, events: list[Component], window: tuple[date, date], result: ReadResult, limit: int) -> Calendar:
    """The calendar without the series that must not be expanded (see series_guard), each reported."""
    bad: set[str] = set()
    budget = StepBudget()
    for event in events:
        if "RDATE" in event:
            lists = event["RDATE"] if isinstance(event["RDATE"], list) else [event["RDATE"]]
            problem = rdate_problem([",".join("x" * len(getattr(v, "dts", [v]))) for v in lists], limit)
            if problem:
                uid = str(event.get("UID", ""))
                result.warnings.append(f"series '{_short(uid)}' skipped: {problem[1]}")
                result.skip(problem[0])
                bad.add(uid)
                continue
        if "RRULE" not in event:
            continue
        rules = event["RRULE"] if isinstance(event["RRULE"], list) else [event["RRULE"]]
        start = event.get("DTSTART")
        serialised = start.to_ical() if start is not None and hasattr(start, "to_ical") else b""
        text = serialised.decode() if isinstance(serialised, bytes) else str(serialised)
        for rule in rules:
            value = rule.to_ical() if hasattr(rule, "to_ical") else str(rule)
            raw = value.decode() if isinstance(value, bytes) else str(value)
            problem = series_problem(
                raw.replace("\\;", ";").replace("\\,", ","), start_of(text), window, limit, budget
            )  # broken rules come back escaped
            if problem:
                uid = str(event.get("UID", ""))
                result.warnings.append(f"series '{_short(uid)}' skipped: {problem[1]}")
                result.skip(problem[0])
                bad.add(uid)
                break
    if not bad:
        return calendar
    kept = Calendar()
    for component in calendar.subcomponents:
        if component.name != "VEVENT" or str(component.get("UID", "")) not in bad:
            kept.add_component(component)
    return kept


def _occurrences(
    calendar: Calendar, events: list[Component], window: tuple[date, date], result: ReadResult, limit: int
) -> Iterable[Component]:
    calendar = _guarded(calendar, events, window, result, limit)
    events = calendar.walk("VEVENT")
    try:
        return list(recurring_ical_events.of(calendar).between(*window))
    except Exception:  # noqa: BLE001 - isolate the broken series below, keep the rest
        pass
    occurrences: list[Component] = []
    by_uid: dict[str, list[Component]] = {}
    for event in events:
        by_uid.setdefault(str(event.get("UID", "")), []).append(event)
    timezones = calendar.walk("VTIMEZONE")
    for uid, group in by_uid.items():
        single = Calendar()
        for tz in timezones:
            single.add_component(tz)
        for event in group:
            single.add_component(event)
        try:
            occurrences.extend(recurring_ical_events.of(single).between(*window))
        except Exception as error:  # noqa: BLE001 - one broken series never aborts the file
            result.warnings.append(f"series '{_short(uid)}' skipped: {error}".strip())
            result.skip("broken series")
    return occurrences


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _text(component: Component, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _params(value: Any) -> dict[str, str]:
    params = getattr(value, "params", {}) or {}
    return {str(k).upper(): str(v) for k, v in params.items()}


def occurrence_identity(
    event: Component, uid: str, subject: str, recurring: set[str], result: ReadResult
) -> tuple[str, str, datetime | date, datetime | date | None] | None:
    """(uid, occurrence key, start, end) of an expanded occurrence; None (counted) without a start.

    An item without UID gets one from its start and subject; series instances are keyed by their
    original start (RECURRENCE-ID), one-off items by UID alone.
    """
    try:
        start = event.decoded("DTSTART")
    except (KeyError, ValueError, AttributeError):
        start = None
    if not isinstance(start, date):
        result.skip("no readable start")
        return None
    end: datetime | date | None = None
    try:
        if "DTEND" in event:
            end = event.decoded("DTEND")
        elif "DURATION" in event:
            end = start + event.decoded("DURATION")
    except (ValueError, TypeError, AttributeError, OverflowError):
        end = None
    if not uid:
        uid = "nouid-" + hashlib.sha1(f"{start}|{subject}".encode()).hexdigest()[:16]
    occurrence = ""
    if uid in recurring and event.get("RECURRENCE-ID") is not None:
        occurrence = occurrence_key(event.decoded("RECURRENCE-ID"))
    return uid, occurrence, start, end


def to_item(event: Component, recurring: set[str], reply: bool, result: ReadResult) -> RawItem | None:
    subject = _text(event, "SUMMARY")
    identity = occurrence_identity(event, _text(event, "UID"), subject, recurring, result)
    if identity is None:
        return None
    uid, occurrence, start, end = identity
    all_day = not isinstance(start, datetime) or _text(event, "X-MICROSOFT-CDO-ALLDAYEVENT").upper() == "TRUE"
    raw_categories = event.get("CATEGORIES")
    values: list[str] = []
    for cat in raw_categories if isinstance(raw_categories, list) else [raw_categories] if raw_categories is not None else []:
        values.extend(str(c) for c in getattr(cat, "cats", [cat]))
    attendees_raw = event.get("ATTENDEE")
    attendee_values = attendees_raw if isinstance(attendees_raw, list) else [attendees_raw] if attendees_raw is not None else []
    location = _text(event, "LOCATION")
    conference = any(k in event for k in ("CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE"))
    return RawItem(
        uid=uid,
        occurrence=occurrence,
        start=start,
        end=end,
        all_day=all_day,
        subject=subject,
        location=location,
        categories=f.categories(values),
        online=f.is_online(location, _text(event, "DESCRIPTION"), conference),
        attendees=tuple(f.attendee(str(a), _params(a)) for a in attendee_values),
        organizer=f.email_of(_text(event, "ORGANIZER")),
        cancelled=f.is_cancelled(_text(event, "STATUS"), subject),
        free=f.is_free(_text(event, "TRANSP"), _text(event, "X-MICROSOFT-CDO-BUSYSTATUS")),
        private=f.is_private(_text(event, "CLASS")),
        reply=reply,
    )


def occurrence_key(value: date) -> str:
    """The original start of a series instance, in UTC for times, as ISO text."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return f"{value.year:04d}{value.month:02d}{value.day:02d}T{value.hour:02d}{value.minute:02d}{value.second:02d}"
    return value.strftime("%Y%m%d")


def window_for(year: int, margin_days: int = 7) -> tuple[date, date]:
    """The ISO year's weeks plus a margin, to expand series in."""
    first = date.fromisocalendar(year, 1, 1) - timedelta(days=margin_days)
    last = date.fromisocalendar(year + 1, 1, 1) + timedelta(days=margin_days)
    return first, last
