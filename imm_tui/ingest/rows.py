"""RawItems → store rows: time zone, ISO week, privacy and classification, for one person's file."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from imm_tui.ingest.classify import Classifier, Contact, Verdict
from imm_tui.ingest.ics.values import UTC_ZONE
from imm_tui.ingest.items import OUTSIDE, Attendee, RawItem

MAX_TEXT = 300  # a subject or location longer than this is cut: the rules need no more


@dataclass
class Counts:
    """What became of the items of one import."""

    activities: dict[str, int] = field(default_factory=dict)
    unclassified: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def add(self, verdict: Verdict) -> None:
        if verdict.skip_reason:
            self.skip(verdict.skip_reason)
        elif verdict.activity:
            self.activities[verdict.activity] = self.activities.get(verdict.activity, 0) + 1
        else:
            self.unclassified += 1

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    def merge(self, other: Counts) -> None:
        for key, value in other.activities.items():
            self.activities[key] = self.activities.get(key, 0) + value
        self.unclassified += other.unclassified
        for key, value in other.skipped.items():
            self.skip(key, value)


def instant(value: datetime | date, zone: ZoneInfo) -> tuple[datetime, date]:
    """(UTC instant, local day in the plan's zone). Floating times and dates are in the plan's zone. A time in the
    plan's zone (IANA-zoned and Google times) or in UTC is converted once, not twice."""
    if type(value) is datetime:
        if value.tzinfo is zone:
            return value.astimezone(UTC), value.date()
        if value.tzinfo is UTC_ZONE or value.tzinfo is UTC:
            return value, value.astimezone(zone).date()
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=zone)
        return aware.astimezone(UTC), aware.astimezone(zone).date()
    return datetime.combine(value, time(0), zone).astimezone(UTC), value


def minutes_between(start: datetime | date, end: datetime | date | None) -> float:
    if end is None:
        return 0.0
    if isinstance(start, datetime) and isinstance(end, datetime):
        if (start.tzinfo is None) != (end.tzinfo is None):
            end = end.replace(tzinfo=start.tzinfo)
        return max(0.0, (end - start).total_seconds() / 60)
    if not isinstance(start, datetime) and not isinstance(end, datetime):
        return max(0.0, (end - start).days * 1440.0)
    return 0.0


def build_rows(
    items: list[RawItem],
    *,
    person: str,
    owner_email: str,
    year: int,
    zone: ZoneInfo,
    classifier: Classifier,
    count_only: bool,
    counts: Counts,
    first_year: int | None = None,
) -> list[tuple[object, ...]]:
    """Store rows (store.ITEM_COLUMNS order, file_id left 0) for the items that fall in the ISO years
    `first_year` (default `year`) to `year`: the plan year and the earlier years kept."""
    first = year if first_year is None else first_year
    owner = owner_email.lower()
    rows: list[tuple[object, ...]] = []
    seen: set[tuple[str, str]] = set()
    # The instances of a series share one attendee tuple: who they are is worked out once per tuple
    # (keyed by identity, which is stable while `items` holds them), and each distinct contact is
    # classified once. A contact is looked up by its fields as a plain tuple (a Contact is made only for
    # one not classified yet), and a local day's ISO text, year and week are worked out once per day.
    people: dict[tuple[int, str], tuple[bool, tuple[str, ...], str]] = {}
    by_value: dict[tuple[tuple[Attendee, ...], str], tuple[bool, tuple[str, ...], str]] = {}
    verdicts: dict[tuple[object, ...], Verdict] = {}
    days: dict[date, tuple[str, int, int]] = {}
    for item in items:
        key = (item.uid, item.occurrence)
        if key in seen:
            counts.skip("duplicate")
            continue
        seen.add(key)
        if item.reply:  # a meeting reply (METHOD:REPLY) says what the owner answered, not that a meeting took place
            counts.skip("reply")
            continue
        start = item.start
        try:
            start_utc, day = instant(start, zone)
        except (OverflowError, ValueError):
            counts.skip("date out of range")
            continue
        known_day = days.get(day)
        if known_day is None:
            iso = day.isocalendar()
            known_day = days[day] = (day.isoformat(), iso.year, iso.week)
        day_text, iso_year, iso_week = known_day
        if not first <= iso_year <= year:
            counts.skip(OUTSIDE)
            continue
        known = people.get((id(item.attendees), item.organizer))
        if known is None:
            known = by_value.get((item.attendees, item.organizer))  # one-offs with the same people (a weekly team meeting)
            if known is None:
                known = by_value[(item.attendees, item.organizer)] = _people(item, owner)
            people[(id(item.attendees), item.organizer)] = known
        declined, domains, domains_text = known
        private = item.private
        keep_text = not (private or count_only)
        subject = item.subject[:MAX_TEXT] if keep_text else None
        location = item.location[:MAX_TEXT] if keep_text else None
        minutes = minutes_between(start, item.end)
        fields = (subject, location, item.categories, domains, item.online, item.all_day, minutes, private, item.cancelled,
                  declined, item.free)
        verdict = verdicts.get(fields)
        if verdict is None:
            verdict = verdicts[fields] = classifier.classify(Contact(
                subject=subject, location=location, categories=item.categories, domains=domains, external=False,
                online=item.online, all_day=item.all_day, minutes=minutes, private=private, cancelled=item.cancelled,
                declined=declined, free=item.free))
        counts.add(verdict)
        rows.append((
            person, opaque(item.uid) if count_only else item.uid,
            item.occurrence, 0, _utc_text(start_utc), day_text, iso_year, iso_week,
            minutes, int(item.all_day), subject, location, "\n".join(item.categories),
            None if count_only else domains_text, int(verdict.external), int(item.online), int(private),
            int(item.cancelled), int(declined), int(item.free), verdict.activity, verdict.rule, int(verdict.commitment),
            verdict.account, verdict.account_status, verdict.skip_reason,
        ))
    return rows


def _people(item: RawItem, owner: str) -> tuple[bool, tuple[str, ...], str]:
    """(the owner declined, the other attendees' and organiser's domains with rooms left out, those joined)."""
    declined = False
    found = set()
    for attendee in item.attendees:
        email = attendee.email
        if email == owner:  # the owner: not a domain met, but their answer
            declined = declined or (bool(owner) and attendee.partstat == "DECLINED")
        elif attendee.cutype not in ("ROOM", "RESOURCE"):
            at = email.find("@")
            if at != -1:
                found.add(email[at + 1:])
    organizer = item.organizer
    if organizer != owner and "@" in organizer:
        found.add(organizer.split("@", 1)[1])
    domains = tuple(sorted(found))
    return declined, domains, ",".join(domains)


def _utc_text(moment: datetime) -> str:
    """`2027-03-01T08:00:00Z` (isoformat is several times faster than strftime)."""
    return moment.isoformat()[:19] + "Z"  # the year always has four digits; fractions of a second come after


def opaque(text: str) -> str:
    """A calendar's own identifier (UID, calendar name) as a stable digest: count-only mode keeps no calendar
    text, yet a re-import must still recognise the same item or calendar."""
    return "h:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32] if text else ""


_SAFE_DETAILS = ("read as ", "more than ", "its rule cannot be read", "no readable start", "never occurs", "expanding it would take")


def without_calendar_text(warning: str) -> str:
    """A file warning with the calendar's own text taken out (count-only mode): quoted names (UIDs, time-zone
    names) become '…', parentheses (which quote rules and values) go, and a detail that comes from a library's
    error message is dropped."""
    text = re.sub(r"'[^'\n]*'", "'…'", warning)
    text = re.sub(r"\s*\([^()\n]*\)", "", text)
    head, sep, detail = text.partition(": ")
    if sep and not detail.startswith(_SAFE_DETAILS):
        return f"{head} (details not kept: count-only mode)"
    return text
