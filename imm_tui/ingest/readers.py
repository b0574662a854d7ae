"""Pick the reader for a calendar file by its content (an .ics or an Outlook CSV)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from imm_tui.ingest import fields
from imm_tui.ingest.ics.library import window_for
from imm_tui.ingest.ics.scan import read_ics_fast
from imm_tui.ingest.items import CalendarError, ReadResult
from imm_tui.ingest.limits import DEFAULT_LIMITS, Limits
from imm_tui.ingest.outlook_csv import is_outlook_csv, read_outlook_csv

AVAILABILITY_WARNING = (
    "this looks like an availability-only export (subjects such as 'Busy' or 'Free', no attendees): "
    "only items whose categories prove an activity can count; export with full details"
)

MAX_WARNINGS = 20


def read_calendar(path: Path, data: bytes, zone: ZoneInfo, year: int, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head[:15].upper().startswith(b"BEGIN:VCALENDAR") or path.suffix.lower() in (".ics", ".ical", ".ifb", ".icalendar"):
        result = read_ics_fast(data, zone, window_for(year), limits)
    elif is_outlook_csv(data):
        result = read_outlook_csv(data, str(path))
    else:
        raise CalendarError("not a calendar: expected an .ics file or an Outlook CSV export")
    if _availability_only(result):
        result.warnings.append(AVAILABILITY_WARNING)
    result.warnings = capped(result.warnings)
    return result


def capped(warnings: list[str], keep: int = MAX_WARNINGS) -> list[str]:
    """The first `keep` warnings of a file and how many more there were: a hostile file can make thousands."""
    if len(warnings) <= keep:
        return warnings
    return [*warnings[:keep], f"… and {len(warnings) - keep:,} more warnings"]


def _availability_only(result: ReadResult) -> bool:
    items = result.items
    if len(items) < 2:  # one item proves nothing; two bare 'Busy' items already look like free/busy
        return False
    bare = sum(1 for i in items if i.subject.strip().lower() in fields.AVAILABILITY_SUBJECTS and not i.attendees)
    return bare >= 0.9 * len(items)
