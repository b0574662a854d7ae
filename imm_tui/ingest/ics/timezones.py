"""Resolve the time-zone names real calendar exports use to IANA zones.

Exports name zones three ways: IANA (`Europe/Amsterdam`), Windows ids (`W. Europe Standard Time`,
mapped with icalendar's own CLDR table) and Windows *display names*
(`(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`, or without the offset prefix), which
no library maps: we find a city of the list among the IANA zones. No offsets or DST rules are written
here; the zones come from the tz database.
"""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

_OFFSET_PREFIX = re.compile(r"^\(\s*(?:UTC|GMT)\s*(?:[+-]\d{1,2}:\d{2})?\s*\)\s*")
# Display names without a city of their own (US and Canadian zones, mostly).
_NAMED = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "coordinated universal time": "UTC",
    "utc": "UTC",
}
# Cities Windows lists that the tz database files under another name.
_CITY_ALIASES = {"kyiv": "Europe/Kiev", "kiev": "Europe/Kiev", "edinburgh": "Europe/London", "bern": "Europe/Zurich",
                 "prague": "Europe/Prague", "st. petersburg": "Europe/Moscow", "new delhi": "Asia/Kolkata",
                 "beijing": "Asia/Shanghai", "washington": "America/New_York"}


@cache
def _cities() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            table.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), name)
    return table


@cache
def resolve_zone(name: str) -> ZoneInfo | None:
    """The IANA zone a calendar's TZID means, or None when it cannot be known from the name."""
    text = name.strip().strip('"')
    if not text or len(text) > 120:
        return None
    if "/" in text or text == "UTC":
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    windows = WINDOWS_TO_OLSON.get(text)
    if windows:
        return ZoneInfo(windows)
    body = _OFFSET_PREFIX.sub("", text).strip()
    named = _NAMED.get(body.lower())
    if named:
        return ZoneInfo(named)
    for part in (p.strip().lower() for p in body.split(",")):
        zone = _CITY_ALIASES.get(part) or _cities().get(part)
        if zone:
            return ZoneInfo(zone)
    return None
