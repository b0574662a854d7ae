"""Reading iCalendar property values (names, parameters, date-times, durations) for the fast paths.

Only the forms exporters really write; anything else raises NeedsLibrary so that the caller hands the
item to icalendar, which reads every form.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_BEFORE_VALUE = re.compile(r'^((?:[^":]|"[^"]*")*):')
_DURATION = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


UTC_ZONE = ZoneInfo("UTC")
"""UTC as the readers give times written in UTC (`20270301T080000Z`)."""


class NeedsLibrary(Exception):
    """This value or item is not one the fast path reads itself."""


def name_value(line: str) -> tuple[str, str, str]:
    """(NAME, raw parameters, value); a colon inside a quoted parameter does not end the name part."""
    colon = line.find(":")
    semicolon = line.find(";")
    if semicolon == -1 or (colon != -1 and colon < semicolon):
        return line[:colon].upper(), "", line[colon + 1 :]
    if '"' in line[:colon]:
        match = _BEFORE_VALUE.match(line)
        colon = match.end() - 1 if match else colon
    return line[:semicolon].upper(), line[semicolon + 1 : colon], line[colon + 1 :]


@functools.lru_cache(maxsize=4096)
def params(raw: str) -> dict[str, str]:
    """Parameters of a property (cached: every DTSTART of an export has the same ones). Do not mutate."""
    out: dict[str, str] = {}
    if not raw:
        return out
    for part in re.findall(r'(?:[^;"]|"[^"]*")+', raw):
        key, _, value = part.partition("=")
        out[key.strip().upper()] = value.strip().strip('"')
    return out


@functools.lru_cache(maxsize=256)
def zone_named(name: str) -> ZoneInfo | None:
    text = name.strip()
    if not text or len(text) > 120:
        return None
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def moment(value: str, params: dict[str, str], calendar_zone: ZoneInfo | None) -> datetime | date:
    text = value.strip()
    if params.get("VALUE", "").upper() == "DATE" or len(text) == 8:
        try:
            if len(text) == 8 and text.isascii() and text.isdigit():  # fromisoformat: a tenth of int() six times
                return date.fromisoformat(text)
            return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
        except (ValueError, OverflowError):
            raise NeedsLibrary from None
    if len(text) not in (15, 16) or text[8] != "T":
        raise NeedsLibrary
    utc = text.endswith("Z")
    tzid = params.get("TZID")
    if utc:
        tz: ZoneInfo | None = UTC_ZONE
    elif tzid:
        tz = zone_named(tzid)
        if tz is None:
            raise NeedsLibrary  # a custom VTIMEZONE: its rules are the library's to apply
    else:
        tz = calendar_zone
    try:
        digits = text[:15]
        if digits.isascii() and digits[:8].isdigit() and digits[9:].isdigit():
            when = datetime.fromisoformat(digits).replace(tzinfo=tz)
        else:  # what int() reads besides ASCII digits (a sign, other scripts' digits) is read as before
            when = datetime(int(text[0:4]), int(text[4:6]), int(text[6:8]), int(text[9:11]), int(text[11:13]), int(text[13:15]), tzinfo=tz)
        return when.astimezone(calendar_zone) if utc and calendar_zone is not None else when
    except (ValueError, OverflowError):
        raise NeedsLibrary from None


def duration(value: str) -> timedelta:
    match = _DURATION.match(value.strip())
    if not match:
        raise NeedsLibrary
    sign, weeks, days, hours, minutes, seconds = match.groups()
    if any(part and len(part) > 6 for part in (weeks, days, hours, minutes, seconds)):
        raise NeedsLibrary
    delta = timedelta(weeks=int(weeks or 0), days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0),
                      seconds=int(seconds or 0))
    return -delta if sign == "-" else delta
