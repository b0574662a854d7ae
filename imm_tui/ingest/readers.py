"""Pick the reader for a calendar file by its content (an .ics or an Outlook CSV)."""

from __future__ import annotations

import math
from pathlib import Path
from zoneinfo import ZoneInfo

from imm_tui.ingest import fields
from imm_tui.ingest.ics.library import window_for
from imm_tui.ingest.ics.scan import read_ics_fast
from imm_tui.ingest.ics.text import may_have_a_line_longer_than as _may_have_a_line_longer_than
from imm_tui.ingest.items import CalendarError, ReadResult
from imm_tui.ingest.limits import DEFAULT_LIMITS, Limits
from imm_tui.ingest.outlook_csv import is_outlook_csv, read_outlook_csv

AVAILABILITY_WARNING = (
    "this looks like an availability-only export (subjects such as 'Busy' or 'Free', no attendees): "
    "only items whose categories prove an activity can count; export with full details"
)

MAX_WARNINGS = 20


def read_calendar(path: Path, data: bytes, zone: ZoneInfo, year: int, limits: Limits = DEFAULT_LIMITS,
                  first_year: int | None = None) -> ReadResult:
    """The items of a calendar file; series are expanded over the ISO years `first_year` (default `year`) to `year`."""
    window = (window_for(first_year if first_year is not None else year)[0], window_for(year)[1])
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    max_line = limits.max_line_kb << 10
    if head[:15].upper().startswith(b"BEGIN:VCALENDAR") or path.suffix.lower() in (".ics", ".ical", ".ifb", ".icalendar"):
        data, cut = cut_long_lines(data, max_line)
        result = read_ics_fast(data, zone, window, limits)
        if cut:
            result.warnings.insert(0, f"{cut} line(s) longer than {limits.max_line_kb} KB were cut to that length")
    elif is_outlook_csv(data):
        data, cut = cut_long_lines(data, max_line)
        if cut:
            raise CalendarError(f"{cut} line(s) longer than {limits.max_line_kb} KB: this is not an Outlook export (see --max-line-kb)")
        result = read_outlook_csv(data, str(path))
    else:
        raise CalendarError("not a calendar: expected an .ics file or an Outlook CSV export")
    if _availability_only(result):
        result.warnings.append(AVAILABILITY_WARNING)
    result.warnings = capped(result.warnings)
    return result


def cut_long_lines(data: bytes, limit: int) -> tuple[bytes, int]:
    """`data` with every line longer than `limit` bytes cut to it, and how many were, before anything is
    decoded: a 190 MB one-line file would otherwise become several copies of 190 M characters. A cut never
    splits a UTF-8 character. UTF-16 files (whose line breaks are two bytes) are left to the text cut."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or not _may_have_a_line_longer_than(data, limit):
        return data, 0
    parts: list[bytes] = []
    cut = 0
    for line in data.split(b"\n"):
        if len(line) > limit:
            end = limit
            while end > limit - 4 and 0x80 <= line[end] < 0xC0:  # a continuation byte: back to the character's start
                end -= 1
            line = line[:end]
            cut += 1
        parts.append(line)
    return b"\n".join(parts), cut


def capped(warnings: list[str], keep: int = MAX_WARNINGS) -> list[str]:
    """The first `keep` warnings of a file and how many more there were: a hostile file can make thousands."""
    if len(warnings) <= keep:
        return warnings
    return [*warnings[:keep], f"… and {len(warnings) - keep:,} more warnings"]


def _availability_only(result: ReadResult) -> bool:
    items = result.items
    if len(items) < 2:  # one item proves nothing; two bare 'Busy' items already look like free/busy
        return False
    allowed = len(items) - math.ceil(0.9 * len(items))  # items with a real subject or attendees, at most
    for item in items:  # a real calendar tells itself within its first few items
        if item.attendees or item.subject.strip().lower() not in fields.AVAILABILITY_SUBJECTS:
            allowed -= 1
            if allowed < 0:
                return False
    return True
