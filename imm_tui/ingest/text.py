"""Decoding calendar files and repairing what real exports get wrong, before any parser sees them.

Repairs are textual and narrow, each for a known exporter habit: spaces in `BYDAY=MO, TU` (Exchange),
unquoted Windows display names as TZID, custom VTIMEZONEs that share a name across files (icalendar
caches zones by name for the whole process), and all-day series whose UNTIL is local midnight in UTC.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from imm_tui.ingest.timezones import resolve_zone


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Outlook on Dutch Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_FOLD = re.compile(r"\r?\n[ \t]")


def unfold(text: str) -> list[str]:
    """Logical content lines (RFC 5545 §3.1), line endings normalised."""
    return _FOLD.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


_TZID_PARAM = re.compile(r';TZID=("[^"]*"|[^;:]*\([^)]*\)[^;:]*|[^;:]*)')
_RULE = re.compile(r"^(RRULE|EXRULE)(;[^:]*)?:(.*)$")
_UNTIL = re.compile(r"UNTIL=(\d{8})T(\d{6})Z")


def repair(lines: list[str], fallback: ZoneInfo) -> tuple[list[str], list[str]]:
    """Repaired content lines and a warning for each unknown time zone read in `fallback`."""
    warnings: list[str] = []
    custom = _custom_zones(lines)
    names: dict[str, str] = {}

    def zone_name(raw: str) -> str:
        name = raw.strip('"')
        if name in names:
            return names[name]
        zone = resolve_zone(name)
        if zone is not None:
            names[name] = zone.key
        elif name in custom:
            names[name] = custom[name]
        else:
            names[name] = fallback.key
            warnings.append(f"unknown time zone '{name}': read as {fallback.key}")
        return names[name]

    def parameter(match: re.Match[str]) -> str:
        name = zone_name(match.group(1))
        return f';TZID="{name}"' if re.search(r"[\s,:;]", name) else f";TZID={name}"

    out: list[str] = []
    for line in lines:
        upper = line[:12].upper()
        if ";TZID=" in line.upper() and not upper.startswith("TZID"):
            line = _TZID_PARAM.sub(parameter, line, count=1)
        elif upper.startswith("TZID:") and line[5:].strip() in custom:
            line = "TZID:" + custom[line[5:].strip()]
        rule = _RULE.match(line)
        if rule:
            value = re.sub(r"\s*([,;=])\s*", r"\1", rule.group(3).strip())
            line = f"{rule.group(1)}{rule.group(2) or ''}:{value}"
        out.append(line)
    return _fix_all_day_until(out, fallback), warnings


def _custom_zones(lines: list[str]) -> dict[str, str]:
    """TZIDs this file defines but no name lookup knows, renamed by the hash of their definition."""
    zones: dict[str, str] = {}
    block: list[str] | None = None
    for line in lines:
        upper = line.upper()
        if upper.startswith("BEGIN:VTIMEZONE"):
            block = []
        if block is not None:
            block.append(line)
        if upper.startswith("END:VTIMEZONE") and block is not None:
            tzid = next((b[5:].strip() for b in block if b.upper().startswith("TZID:")), "")
            if tzid and resolve_zone(tzid) is None:
                digest = hashlib.sha1("\n".join(b for b in block if not b.upper().startswith("TZID:")).encode()).hexdigest()[:10]
                zones[tzid] = f"{tzid} [{digest}]"
            block = None
    return zones


def _fix_all_day_until(lines: list[str], zone: ZoneInfo) -> list[str]:
    """Exchange ends all-day series at local midnight written in UTC; make UNTIL the local date."""
    out = []
    in_event = False
    all_day = False
    pending: list[tuple[int, str]] = []
    for line in lines:
        upper = line[:16].upper()
        if upper.startswith("BEGIN:VEVENT"):
            in_event, all_day, pending = True, False, []
        elif upper.startswith("END:VEVENT"):
            if all_day:
                for index, rule in pending:
                    out[index] = _UNTIL.sub(lambda m: "UNTIL=" + _local_date(m.group(1), m.group(2), zone), rule)
            in_event = False
        elif in_event and upper.startswith("DTSTART") and "VALUE=DATE:" in line.upper():
            all_day = True
        elif in_event and upper.startswith("RRULE"):
            pending.append((len(out), line))
        out.append(line)
    return out


def _local_date(day: str, time: str, zone: ZoneInfo) -> str:
    moment = datetime.strptime(day + time, "%Y%m%d%H%M%S").replace(tzinfo=UTC).astimezone(zone)
    return moment.strftime("%Y%m%d")
