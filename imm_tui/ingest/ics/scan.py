"""A fast reader for one-off items in large .ics exports, beside the library reader.

Measured: icalendar parses a 4.5 MB Outlook export (2,500 items, long descriptions) in about 3 s,
which makes 160 calendars take minutes. Most of that is parsing properties IMM never looks at. This
scanner reads the one-off VEVENTs itself (a plain DTSTART/DTEND in UTC, a date, a floating time or an
IANA zone) and hands everything else — every series with its exceptions, custom time zones, items
without UID — to library.py, stripped of the properties nobody reads. No recurrence or time-zone rule
is evaluated here. tests/ingest/test_ics_fast_path.py compares both readers on every fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Component

from imm_tui.ingest import fields as f
from imm_tui.ingest.ics.attendees import ATTENDEES, PARAMETERS, AttendeeCache
from imm_tui.ingest.ics.library import UnreadableFile, expand_lines, occurrence_identity
from imm_tui.ingest.ics.outside import occurrences_outside
from imm_tui.ingest.ics.series import expand_series, span_overlaps
from imm_tui.ingest.ics.series_guard import StepBudget, rdate_problem, series_problem, start_of
from imm_tui.ingest.ics.text import prepare_text
from imm_tui.ingest.ics.values import NeedsLibrary, duration, moment, name_value, params, zone_named
from imm_tui.ingest.items import OUTSIDE, Attendee, RawItem, ReadResult
from imm_tui.ingest.limits import DEFAULT_LIMITS, Limits

# What the library needs to expand a series and give each occurrence its times; the rest of an item's
# fields are read here once per VEVENT and joined back through the block tag.
OUTSIDE_STEPS = 50_000
"""Steps dateutil may take per file to count occurrences outside the window (a quarter of a second);
the common shapes are counted without steps."""
SKELETON = {"BEGIN", "END", "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID"}
BLOCK_TAG = "X-IMM-BLOCK"
_TEXT = {"SUMMARY", "LOCATION", "DESCRIPTION", "ORGANIZER", "STATUS", "TRANSP", "CLASS", "X-MICROSOFT-CDO-BUSYSTATUS",
         "X-MICROSOFT-CDO-ALLDAYEVENT"}
_CONFERENCE = {"CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE"}
_HEADER = {"X-WR-CALNAME", "X-WR-TIMEZONE", "METHOD", "X-CALSTART", "X-CALEND"}
_WANTED = SKELETON | _TEXT | _CONFERENCE | _HEADER | {"ATTENDEE", "CATEGORIES"}
# Names (and component kinds) as nearly every exporter writes them: a dict lookup is cheaper than upper().
_AS_WRITTEN = {name: name for name in _WANTED | {"VEVENT", "VCALENDAR", "VALARM", "VTIMEZONE", "STANDARD", "DAYLIGHT"}}


def _prefix_tree(words: list[str]) -> str:
    """An alternation of `words` sharing their prefixes (`D(?:ESCRIPTION|T(?:END|START)|URATION)`), so the
    regex engine rejects a line it does not want after a letter or two rather than after every name. No
    word may be a prefix of another."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = [
        re.escape(head) + (re.escape(rests[0]) if len(rests) == 1 else _prefix_tree(rests)) for head, rests in sorted(heads.items())
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# A wanted content line: name, parameters (with their ';'), value. It starts at a '\n' rather than '^' with
# MULTILINE, so the regex engine can jump from line break to line break (the text gets a leading '\n'); the
# names share their prefixes; the parameters are matched possessively: a run of plain characters at once,
# never given back (a ':' can only follow where the run ends). Together 47 → 24 ms on a 4 MB export.
# A VALARM without nested components is one token of empty groups (Outlook writes one per item: three tokens
# less each); one holding a BEGIN or END line is tokenized line by line as before, and skipped as nested.
# The ATTENDEE lines that follow one another are one token: the first line's parameters, and as its value the
# first value and the further lines (`mailto:a@x.example\nATTENDEE;CN=B:mailto:b@x.example`), which
# attendees.AttendeeCache reads, once per distinct run; the empty group after ATTENDEE says which name matched.
_NAMED = (r"((?:ATTENDEE(?P<attendee>)|" + _prefix_tree(sorted(_WANTED - {"ATTENDEE"})) + r"))" + PARAMETERS
          + r":([^\n]*(?(attendee)(?:\nATTENDEE[;:][^\n]*+)*+))")
_TOKEN = re.compile(r"\n(?:BEGIN:VALARM(?:\n(?!BEGIN:|END:)[^\n]*+)*+\nEND:VALARM(?=\n|\Z)|(?!)()|" + _NAMED + r"|(?!)())", re.IGNORECASE)
# The same tokens matched case-sensitively: a quarter faster, and the same wherever every line's name is written as
# exporters write names, in capitals, digits and '-'. Where one is not (a lowercase or odd name), or where a VALARM
# is not one token of such lines, the first or the last group catches it and the file is tokenized again by _TOKEN
# (names are case-insensitive). tests/ingest/test_ics_fast_path.py compares the two on random texts. Both give
# (caught, name, attendee flag, parameters, value, caught) per token.
_TOKEN_AS_WRITTEN = re.compile(
    r"\n(?:BEGIN:VALARM(?:\n(?!BEGIN:|END:)[A-Z0-9-]++[;:][^\n]*+)*+\nEND:VALARM(?=\n|\Z)|(BEGIN:VALARM(?=\n|\Z))|" + _NAMED
    + r"|([A-Z0-9-]*+[^A-Z0-9\-;:\n]))"
)


class _Retokenize(Exception):
    """_TOKEN_AS_WRITTEN caught a name or an alarm it does not read as _TOKEN does."""


def read_ics_fast(data: bytes, zone: ZoneInfo, window: tuple[date, date], limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    text, warnings = prepare_text(data, zone, limits.max_line_kb * 1024)
    result = ReadResult(warnings=warnings)
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise UnreadableFile("not an iCalendar file (no BEGIN:VCALENDAR)")
    if "END:VCALENDAR" not in text[-4096:].upper():
        raise UnreadableFile("no complete calendar in the file (is it cut off?)")
    header, events = _scan(text)
    timezones = _timezone_blocks(text)
    result.owner_hint = f.unescape(header.get("X-WR-CALNAME", ""))
    result.covers = _stated_range(header.get("X-CALSTART", ""), header.get("X-CALEND", ""))
    reply = header.get("METHOD", "").strip().upper() == "REPLY"
    calendar_zone = zone_named(header["X-WR-TIMEZONE"]) if "X-WR-TIMEZONE" in header else None
    recurring = {event.uid for event in events if event.series}
    library: list[tuple[list[str], _Fields]] = []
    series: dict[str, list[tuple[_Event, _Fields]]] = {}
    seen = ATTENDEES
    seen.make_room()
    for event in events:
        if event.uid and event.uid in recurring:
            series.setdefault(event.uid, []).append((event, event.fields(reply, seen, with_times=True)))
            continue
        if not event.uid:
            library.append((event.skeleton, event.fields(reply, seen)))
            continue
        try:
            span = _span(event.times, calendar_zone)
        except NeedsLibrary:
            library.append((event.skeleton, event.fields(reply, seen)))
            continue
        if span is None:
            result.skip("no readable start")
        elif span_overlaps(*span, window, zone):  # its other fields are read only when it is in the window
            result.items.append(event.fields(reply, seen).item(event.uid, "", *span))
        else:
            result.skip(OUTSIDE)
    budget, counting = StepBudget(), StepBudget(OUTSIDE_STEPS)
    for uid, parts in series.items():
        problem = _series_problem(parts, window, limits.max_occurrences, budget)
        if problem:
            result.warnings.append(f"series '{uid if len(uid) <= 40 else uid[:37] + '…'}' skipped: {problem[1]}")
            result.skip(problem[0])
            continue
        outside = _outside(parts, window, counting)
        if outside:
            result.skip(OUTSIDE, outside)
        expanded = expand_series(parts, uid, window, zone, calendar_zone)
        if expanded is None:
            library.extend((event.skeleton, fields) for event, fields in parts)
        else:
            result.items.extend(expanded)
    if counting.left <= 0:
        result.warnings.append("more occurrences lie outside the years kept than were counted (long series of unusual shapes)")
    if library:
        _expand([f"{k}:{v}" for k, v in header.items()], timezones, library, zone, window, result, limits)
    return result


class _Event:
    """The properties of one VEVENT that IMM reads, as the tokenizer met them."""

    __slots__ = ("uid", "series", "values", "times", "attendees", "categories", "conference", "tokens", "_properties")

    def __init__(self) -> None:
        self.uid = ""
        self.series = False
        self.values: dict[str, str] = {}
        self.times: dict[str, tuple[str, str]] = {}
        self.attendees: list[tuple[str, str]] = []
        self.categories: list[str] = []
        self.conference = False
        self.tokens: list[tuple[str, str, str, str, str, str]] = []  # the SKELETON properties as the tokenizer found them
        self._properties: list[tuple[str, str, str]] | None = None

    @property
    def skeleton(self) -> list[str]:
        """The event's SKELETON lines as written, for the library."""
        return ["BEGIN:VEVENT", *(f"{written}{parameters}:{value}" for _, written, _, parameters, value, _ in self.tokens), "END:VEVENT"]

    @property
    def properties(self) -> list[tuple[str, str, str]]:
        """(NAME, parameters, value) of its SKELETON properties, as values.name_value reads their lines (read once:
        the series guard, the count outside the window and the expansion each look at them)."""
        if self._properties is None:
            self._properties = [
                (_AS_WRITTEN.get(written) or written.upper(), parameters[1:], value) for _, written, _, parameters, value, _ in self.tokens]
        return self._properties

    def fields(self, reply: bool, seen: AttendeeCache, *, with_times: bool = False) -> _Fields:
        """What the event says apart from its times; its times as values too only where a series expansion reads
        them (a one-off's were read from the tokens already, the library reads its own)."""
        runs = self.attendees
        attendees = seen.of(runs[0]) if len(runs) == 1 else tuple(a for run in runs for a in seen.of(run))
        values = self.values
        subject = f.unescape(values.get("SUMMARY", ""))
        location = f.unescape(values.get("LOCATION", ""))
        return _Fields(
            uid=self.uid,
            subject=subject,
            location=location,
            categories=f.categories(self.categories),
            online=f.is_online(location, values.get("DESCRIPTION", ""), self.conference),
            attendees=attendees,
            organizer=f.email_of(values.get("ORGANIZER", "")),
            cancelled=f.is_cancelled(values.get("STATUS", ""), subject),
            free=f.is_free(values.get("TRANSP", ""), values.get("X-MICROSOFT-CDO-BUSYSTATUS", "")),
            private=f.is_private(values.get("CLASS", "")),
            reply=reply,
            all_day_flag=values.get("X-MICROSOFT-CDO-ALLDAYEVENT", "").upper() == "TRUE",
            times={k: (v, params(raw)) for k, (raw, v) in self.times.items()} if with_times else {},
        )


def _scan(text: str) -> tuple[dict[str, str], list[_Event]]:
    """One pass of the tokenizer: calendar-level properties and the VEVENTs (nested components skipped)."""
    # Every token starts at a line break; the first line needs one put in front, except the usual BEGIN:VCALENDAR,
    # which as a token changes nothing (a copy of the whole text spared).
    lines = text if text.startswith("BEGIN:VCALENDAR\n") else "\n" + text
    try:
        return _scan_tokens(_TOKEN_AS_WRITTEN.findall(lines))
    except _Retokenize:
        return _scan_tokens(_TOKEN.findall(lines))


def _scan_tokens(tokens: list[tuple[str, str, str, str, str, str]]) -> tuple[dict[str, str], list[_Event]]:
    header: dict[str, str] = {}
    events: list[_Event] = []
    event: _Event | None = None
    nested = 0
    for token in tokens:
        caught, written, _, parameters, value, odd = token
        name = _AS_WRITTEN.get(written)
        if name is None:  # "" for a VALARM (no branch below takes it), or a name in another case
            if caught or odd:
                raise _Retokenize
            name = written.upper()
        if name == "BEGIN":
            kind = _AS_WRITTEN.get(value) or value.strip().upper()
            if event is not None:
                nested += 1
            elif kind == "VEVENT":
                event, nested = _Event(), 0
            elif kind != "VCALENDAR":
                nested = -1  # inside VTIMEZONE, VTODO…: not items
        elif name == "END":
            kind = _AS_WRITTEN.get(value) or value.strip().upper()
            if event is not None and nested:
                nested -= 1
            elif event is not None and kind == "VEVENT":
                events.append(event)
                event = None
            elif event is None and nested == -1 and kind in ("VTIMEZONE", "VTODO", "VJOURNAL", "VFREEBUSY"):
                nested = 0
        elif event is None:
            if nested == 0 and name in _HEADER and name not in header:
                header[name] = value
        elif nested:
            continue
        elif name == "ATTENDEE":
            event.attendees.append((parameters, value))
        elif name in SKELETON:
            event.tokens.append(token)
            if name == "UID":
                event.uid = value.strip()
            elif name in ("RRULE", "RDATE", "RECURRENCE-ID"):
                event.series = True
            if name in ("DTSTART", "DTEND", "DURATION"):
                event.times.setdefault(name, (parameters[1:], value))
        elif name == "CATEGORIES":
            event.categories.append(value)
        elif name in _CONFERENCE:
            event.conference = True
        elif name and name not in event.values:
            event.values[name] = value
    return header, events


def _timezone_blocks(text: str) -> list[list[str]]:
    """The lines of each VTIMEZONE (found with str.find: a multi-line regex took 17 ms on a 4 MB export)."""
    begin, end = "BEGIN:VTIMEZONE\n", "\nEND:VTIMEZONE"
    blocks: list[list[str]] = []
    position = 0
    while True:
        if position == 0 and text.startswith(begin):
            start = 0
        else:
            found = text.find("\n" + begin, position)
            if found == -1:
                return blocks
            start = found + 1
        stop = start
        while True:  # the first line that is exactly END:VTIMEZONE
            found = text.find(end, stop)
            if found == -1:
                return blocks
            stop = found + len(end)
            if stop == len(text) or text[stop] == "\n":
                break
        blocks.append(text[start:stop].split("\n"))
        position = stop


def _expand(
    header: list[str], timezones: list[list[str]], library: list[tuple[list[str], _Fields]], zone: ZoneInfo,
    window: tuple[date, date], result: ReadResult, limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Let the library expand series (and read odd items) from skeletons; take the other fields from our scan."""
    lines = ["BEGIN:VCALENDAR", *[h for h in header if not h.upper().startswith(("BEGIN:VCALENDAR", "END:VCALENDAR"))]]
    lines += [line for block in timezones for line in block]
    for index, (block, _) in enumerate(library):
        lines += [line for line in block if name_value(line)[0] in SKELETON]
        lines.insert(len(lines) - 1, f"{BLOCK_TAG}:{index}")
    lines.append("END:VCALENDAR")
    fields = [f for _, f in library]

    def make_item(event: Component, recurring: set[str], reply: bool, read: ReadResult) -> RawItem | None:
        found = fields[int(str(event.get(BLOCK_TAG)))]
        identity = occurrence_identity(event, found.uid, found.subject, recurring, read)
        return None if identity is None else found.item(*identity)

    expand_lines(lines, zone, window, result, make_item, limits)


@dataclass(slots=True)
class _Fields:
    """What one VEVENT says apart from its times (which may need the library). Read-only once made
    (not frozen: a frozen dataclass costs three times as much to make, and one is made per VEVENT)."""

    uid: str
    subject: str
    location: str
    categories: tuple[str, ...]
    online: bool
    attendees: tuple[Attendee, ...]
    organizer: str
    cancelled: bool
    free: bool
    private: bool
    reply: bool
    all_day_flag: bool
    times: dict[str, tuple[str, dict[str, str]]]

    def item(self, uid: str, occurrence: str, start: datetime | date, end: datetime | date | None) -> RawItem:
        return RawItem(
            uid=uid, occurrence=occurrence, start=start, end=end,
            all_day=not isinstance(start, datetime) or self.all_day_flag,
            subject=self.subject, location=self.location, categories=self.categories, online=self.online,
            attendees=self.attendees, organizer=self.organizer, cancelled=self.cancelled, free=self.free,
            private=self.private, reply=self.reply,
        )


def _series_problem(parts: list[tuple[_Event, _Fields]], window: tuple[date, date], limit: int,
                    budget: StepBudget) -> tuple[str, str] | None:
    for event, _ in parts:
        rdates: list[str] = []
        properties = event.properties
        for name, _, value in properties:
            if name == "RRULE":
                start = next((v for n, _, v in properties if n == "DTSTART"), "")
                problem = series_problem(value, start_of(start), window, limit, budget)
                if problem:
                    return problem
            elif name == "RDATE":
                rdates.append(value)
        problem = rdate_problem(rdates, limit)
        if problem:
            return problem
    return None


def _stated_range(first: str, last: str) -> tuple[date, date] | None:
    """The period an export says it covers (Outlook's X-CALSTART/X-CALEND); X-CALEND is exclusive when
    it is a midnight, as Outlook writes it."""
    begin, end = start_of(first), start_of(last)
    if begin is None or end is None or end < begin:
        return None
    final = end.date() - timedelta(days=1) if end.time() == time() and end.date() > begin.date() else end.date()
    return begin.date(), final


def _outside(parts: list[tuple[_Event, _Fields]], window: tuple[date, date], budget: StepBudget) -> int:
    """Occurrences of a series outside the expanded window (see outside.py), from its master."""
    for event, _ in parts:
        values: dict[str, list[str]] = {}
        for name, _, value in event.properties:
            values.setdefault(name, []).append(value)
        start = start_of(values["DTSTART"][0]) if "DTSTART" in values else None
        if "RECURRENCE-ID" in values or start is None:
            continue  # an exception replaces an occurrence of the master: counted there
        if "RRULE" in values:
            return occurrences_outside(values["RRULE"][0], start, window, values.get("EXDATE", ()), values.get("RDATE", ()), budget)
        low, high = (datetime.combine(day, time()) for day in window)
        return int(not low <= start < high) + sum(
            1 for value in values.get("RDATE", ()) for part in value.split(",") if (moment := start_of(part)) and not low <= moment < high)
    return 0


def _span(times: dict[str, tuple[str, str]], calendar_zone: ZoneInfo | None) -> tuple[datetime | date, datetime | date] | None:
    """A one-off's start and end from its raw DTSTART/DTEND/DURATION; None without a start."""
    if "DTSTART" not in times:
        return None
    raw, value = times["DTSTART"]
    start = moment(value, params(raw), calendar_zone)
    end: datetime | date
    try:
        if "DTEND" in times:
            raw, value = times["DTEND"]
            end = moment(value, params(raw), calendar_zone)
            if isinstance(end, datetime) != isinstance(start, datetime):
                raise NeedsLibrary
        elif "DURATION" in times:
            end = start + duration(times["DURATION"][1])
        else:
            end = start if isinstance(start, datetime) else start + timedelta(days=1)  # as recurring-ical-events does
    except OverflowError:
        raise NeedsLibrary from None
    try:
        swapped = end < start
    except TypeError:  # a floating time beside a zoned one: the library decides
        raise NeedsLibrary from None
    return (end, start) if swapped else (start, end)  # an end before its start: swapped, as recurring-ical-events does
