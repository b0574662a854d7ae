"""Counts-only hand-in: an account manager's activity leaves their laptop as counts, never as a calendar.

`imm share --person ID -o FILE` writes, for the plan year, per ISO week: how many items of each activity
were counted, with the rule that counted them, whether they won a commitment, whether they were with a
client or a prospect and external; and the periods the person's calendars cover. No subject, location,
attendee, account name or UID. The manager's `imm import FILE` stores these counts as that person's
activity (a newer hand-in replaces the previous one); re-classification leaves them as the sender's rules
counted them, since there is no text to classify.

The file is JSON (`<person>.imm-share.json`), so a works council can read what it holds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from imm_tui.ingest.items import CalendarError

FORMAT = "imm-share"
VERSION = 1
SUFFIX = ".imm-share.json"
CALENDAR = "imm-share"
"""The calendar name of stored hand-ins: a newer hand-in of the same person replaces the older one."""
UID_PREFIX = "share:"
MAX_ROWS = 100_000
MAX_COUNT = 10_000


def is_share(data: bytes) -> bool:
    head = data[:200].lstrip()
    return head.startswith(b"{") and FORMAT.encode() in head


def share_document(person: str, year: int, counts: Sequence[tuple[object, ...]], covers: Sequence[tuple[date, date]],
                   shared_on: date) -> bytes:
    """`counts`: (week, last day, activity, rule, commitment, account_status, external, count) rows."""
    rows = [{"week": int(w), "day": str(d), "activity": str(a), "rule": None if r is None else int(r),  # type: ignore[call-overload]
             "commitment": bool(c), "account_status": s, "external": bool(e), "count": int(n)}  # type: ignore[call-overload]
            for w, d, a, r, c, s, e, n in counts]
    document = {"format": FORMAT, "version": VERSION, "person": person, "year": year, "shared_on": shared_on.isoformat(),
                "covers": [[a.isoformat(), b.isoformat()] for a, b in covers], "counts": rows}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


class Share:
    """A hand-in read and checked: the person, the covered period and the store rows it becomes."""

    def __init__(self, person: str, year: int, covers: tuple[date, date] | None, rows: list[tuple[object, ...]],
                 warnings: list[str]) -> None:
        self.person, self.year, self.covers, self.rows, self.warnings = person, year, covers, rows, warnings


def read_share(data: bytes, year: int, activities: Sequence[str], zone: ZoneInfo) -> Share:
    """The hand-in in `data` as store rows (store.ITEM_COLUMNS order), or a CalendarError naming what is wrong."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CalendarError("not a readable hand-in: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise CalendarError(f"line {error.lineno}: not a readable hand-in ({error.msg})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CalendarError("not an IMM hand-in (no \"format\": \"imm-share\")")
    if document.get("version") != VERSION:
        raise CalendarError(f"a hand-in of version {document.get('version')!r}; this IMM reads version {VERSION}")
    person, shared_year, counts = document.get("person"), document.get("year"), document.get("counts")
    if not isinstance(person, str) or not person or not isinstance(counts, list):
        raise CalendarError("a hand-in needs \"person\" and \"counts\"")
    if shared_year != year:
        raise CalendarError(f"a hand-in for {shared_year!r}, not for the plan year {year}")
    if len(counts) > MAX_ROWS:
        raise CalendarError(f"more than {MAX_ROWS:,} rows of counts: not a hand-in IMM wrote")
    covers = _covers(document.get("covers"))
    rows: list[tuple[object, ...]] = []
    warnings: list[str] = []
    unknown: set[str] = set()
    for index, entry in enumerate(counts, start=1):
        try:
            week, activity, count = int(entry["week"]), str(entry["activity"]), int(entry["count"])
            day = date.fromisoformat(str(entry["day"]))
            rule = None if entry.get("rule") is None else int(entry["rule"])
        except (KeyError, TypeError, ValueError):
            raise CalendarError(f"counts[{index}]: needs week, day, activity and count") from None
        iso = day.isocalendar()
        if (iso.year, iso.week) != (year, week) or not 0 <= count <= MAX_COUNT:
            raise CalendarError(f"counts[{index}]: day {day} is not in week {week} of {year}, or count {count} is out of range")
        if activity not in activities:
            unknown.add(activity)
            continue
        start = datetime.combine(day, time(12), zone).astimezone(ZoneInfo("UTC"))
        for n in range(count):
            rows.append((person, f"{UID_PREFIX}{week}:{activity}:{index}:{n}", "", 0, start.strftime("%Y-%m-%dT%H:%M:%S%z"),
                         day.isoformat(), iso.year, iso.week, 0.0, 0, None, None, "", None, int(bool(entry.get("external"))), 0, 0,
                         0, 0, 0, activity, rule, int(bool(entry.get("commitment"))), None, entry.get("account_status"), None))
    if unknown:
        warnings.append(f"activities this plan does not have were left out: {', '.join(sorted(unknown))}")
    return Share(person, year, covers, rows, warnings)


def _covers(value: object) -> tuple[date, date] | None:
    if not isinstance(value, list) or not value:
        return None
    try:
        periods = [(date.fromisoformat(str(a)), date.fromisoformat(str(b))) for a, b in value]
    except (TypeError, ValueError):
        raise CalendarError("\"covers\" must list [first day, last day] pairs") from None
    first, last = min(a for a, _ in periods), max(b for _, b in periods)
    return (first, last) if first <= last and last - first <= timedelta(days=800) else None
