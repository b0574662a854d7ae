"""The fast reader (ingest/ics/scan.py + series.py) must agree with the library reader on every fixture.

Compared as the importer uses them: occurrences whose local day falls in the plan year, one per
(uid, occurrence), with every field the store or the rules look at.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from imm_tui.ingest.ics.library import read_ics, window_for
from imm_tui.ingest.ics.scan import read_ics_fast
from imm_tui.ingest.items import RawItem
from imm_tui.ingest.rows import instant, minutes_between

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"
AMS = ZoneInfo("Europe/Amsterdam")
WINDOW = window_for(2027)


def normal(items: list[RawItem]) -> list[tuple[object, ...]]:
    seen: dict[tuple[str, str], tuple[object, ...]] = {}
    for i in items:
        utc, day = instant(i.start, AMS)
        if day.isocalendar().year != 2027 or (i.uid, i.occurrence) in seen:
            continue
        seen[(i.uid, i.occurrence)] = (
            i.uid,
            i.occurrence,
            utc,
            i.all_day,
            minutes_between(i.start, i.end),
            i.subject,
            i.location,
            i.categories,
            i.online,
            i.attendees,
            i.organizer,
            i.cancelled,
            i.free,
            i.private,
            i.reply,
        )
    return sorted(seen.values(), key=repr)


def both(data: bytes) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[str], list[str]]:
    fast, slow = read_ics_fast(data, AMS, WINDOW), read_ics(data, AMS, WINDOW)
    return normal(fast.items), normal(slow.items), fast.warnings, slow.warnings


@pytest.mark.parametrize("path", sorted(DATA.glob("*.ics")), ids=lambda p: p.name)
def test_fast_and_library_readers_agree_on_every_fixture(path: Path) -> None:
    fast, slow, fast_warnings, slow_warnings = both(path.read_bytes())
    assert fast == slow
    assert fast_warnings == slow_warnings


def test_they_agree_on_a_synthetic_outlook_export() -> None:
    from benchmarks.synthetic_calendars import calendar

    fast, slow, _, _ = both(calendar(3, items=300).encode())
    assert len(fast) > 300
    assert fast == slow


ALARMS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:display\r
DTSTART:20270105T090000Z\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:https://teams.microsoft.com/l/not-the-meeting\r
TRIGGER:-PT15M\r
END:VALARM\r
SUMMARY:Bezoek Jansen\r
DTEND:20270105T100000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:email\r
DTSTART:20270106T090000Z\r
DTEND:20270106T100000Z\r
SUMMARY:Offerte bespreken\r
begin:valarm\r
ACTION:EMAIL\r
SUMMARY:Reminder\r
ATTENDEE:mailto:someone@klant.example\r
DESCRIPTION:zoom.us/j/1\r
TRIGGER:-PT1H\r
end:valarm\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:nested\r
DTSTART:20270107T090000Z\r
BEGIN:VALARM\r
SUMMARY:Alarm\r
BEGIN:X-ODD\r
SUMMARY:Odd\r
END:X-ODD\r
END:VALARM\r
SUMMARY:Gesprek\r
DTEND:20270107T100000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_alarms_say_nothing_about_their_event() -> None:
    """A VALARM's summary, attendees and description (an e-mail alarm has all three) are not the event's; the
    scanner reads a plain alarm as one token, an alarm with a nested component line by line."""
    fast, slow, _, _ = both(ALARMS.encode())
    assert fast == slow
    items = {i.uid: i for i in read_ics_fast(ALARMS.encode(), AMS, WINDOW).items}
    assert [(u, items[u].subject, items[u].attendees, items[u].online) for u in ("display", "email", "nested")] == [
        ("display", "Bezoek Jansen", (), False), ("email", "Offerte bespreken", (), False), ("nested", "Gesprek", (), False)]


RUNS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:runs\r
DTSTART:20270105T090000Z\r
DTEND:20270105T100000Z\r
ATTENDEE;CN="Jansen: inkoop";PARTSTAT=ACCEPTED:mailto:Inkoop@Klant.example\r
attendee;cn=Vergaderzaal 2;PARTSTAT=ACCEPTED:mailto:zaal2@own.example\r
ATTENDEE;CN=no colon here\r
ATTENDEE:MAILTO:piet@klant.example\r
SUMMARY:Bezoek\r
ATTENDEE;PARTSTAT=DECLINED:mailto:ann@own.example\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_runs_of_attendee_lines_are_read_line_by_line() -> None:
    """Attendee lines in any case, with a quoted colon, and a second run after another property: every line once,
    in order, as the library reads them. A line that never reaches its value (no ':' after its parameters) is
    no attendee to the scanner, as it was before runs were one token; icalendar makes it one without an address."""
    readable = RUNS.replace("ATTENDEE;CN=no colon here\r\n", "")
    fast, slow, _, _ = both(readable.encode())
    assert fast == slow
    assert normal(read_ics_fast(RUNS.encode(), AMS, WINDOW).items) == fast
    (item,) = read_ics_fast(RUNS.encode(), AMS, WINDOW).items
    assert [(a.email, a.partstat, a.cutype) for a in item.attendees] == [
        ("inkoop@klant.example", "ACCEPTED", ""), ("zaal2@own.example", "ACCEPTED", "ROOM"), ("piet@klant.example", "", ""),
        ("ann@own.example", "DECLINED", "")]


SERIES = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:test\r
{header}BEGIN:VEVENT\r
UID:series-1\r
{start}\r
{end}\r
RRULE:{rule}\r
{exdates}SUMMARY:Series\r
CATEGORIES:Klantbezoek\r
END:VEVENT\r
{exceptions}END:VCALENDAR\r
"""


def stamp(value: datetime | date, kind: str) -> str:
    if kind == "date":
        return f";VALUE=DATE:{value:%Y%m%d}"
    if kind == "utc":
        return f":{value.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}"  # type: ignore[union-attr]
    if kind == "floating":
        return f":{value:%Y%m%dT%H%M%S}"
    return f";TZID=Europe/Amsterdam:{value:%Y%m%dT%H%M%S}"


@st.composite
def series(draw: st.DrawFn) -> str:
    """A series of the shapes real exports write, and some they should not: any of four ways to write its times,
    optionally in a Google export (X-WR-TIMEZONE), rules in and out of step with DTSTART (the 2nd Tuesday, the
    last working day with BYSETPOS), EXDATEs and moved or cancelled instances, and EXDATEs whose UTC instant was
    written from the local wall clock (both readers must then remove the same instances)."""
    kind = draw(st.sampled_from(["zone", "utc", "date", "floating"]))
    google = draw(st.booleans())
    day = date(2027, 1, 1) + timedelta(days=draw(st.one_of(st.integers(-40, 360), st.integers(-3000, -41))))  # and years back
    hour = draw(st.integers(0, 23))
    start: datetime | date = (
        day
        if kind == "date"
        else datetime(day.year, day.month, day.day, hour, draw(st.sampled_from([0, 30])), tzinfo=AMS if kind in ("zone", "utc") else None)
    )
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]))
    step = {"DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1), "MONTHLY": timedelta(days=31)}[freq]
    interval = draw(st.integers(1, 3))
    rule = f"FREQ={freq};INTERVAL={interval}"
    if freq == "WEEKLY" and draw(st.booleans()):
        rule += ";BYDAY=" + ",".join(draw(st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR"]), min_size=1, max_size=3, unique=True)))
    if freq == "MONTHLY":
        rule += draw(st.sampled_from(["", ";BYDAY=2TU", ";BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", f";BYMONTHDAY={draw(st.integers(1, 28))}"]))
    if draw(st.booleans()):
        rule += f";COUNT={draw(st.integers(1, 30))}"
    else:
        until = start + step * interval * draw(st.integers(0, 20))
        if kind == "date":
            rule += f";UNTIL={until:%Y%m%d}"
        else:
            rule += ";UNTIL=" + (f"{until:%Y%m%dT%H%M%S}" if kind == "floating" else stamp(until, "utc")[1:])
    length = timedelta(days=1) if kind == "date" else timedelta(minutes=draw(st.sampled_from([30, 60, 90])))
    nth = st.integers(0, 6)
    exdates = "".join(f"EXDATE{stamp(start + step * interval * draw(nth), kind)}\r\n" for _ in range(draw(st.integers(0, 2))))
    if kind in ("zone", "utc") and draw(st.integers(0, 4)) == 0:  # the local wall clock written as if it were UTC
        wrong = start + step * interval * draw(nth)
        exdates += f"EXDATE:{wrong:%Y%m%dT%H%M%S}Z\r\n"  # type: ignore[str-format]
    exceptions = ""
    for index in range(draw(st.integers(0, 2))):
        original = start + step * interval * draw(nth)
        shift = timedelta(days=draw(st.integers(-2, 2))) if kind == "date" else timedelta(hours=draw(st.integers(-30, 30)))
        moved = original + shift
        status = "STATUS:CANCELLED\r\n" if draw(st.booleans()) else ""
        exceptions += (
            f"BEGIN:VEVENT\r\nUID:series-1\r\nRECURRENCE-ID{stamp(original, kind)}\r\nDTSTART{stamp(moved, kind)}\r\n"
            f"DTEND{stamp(moved + length, kind)}\r\n{status}SUMMARY:Moved {index}\r\nEND:VEVENT\r\n"
        )
    end = f"DTEND{stamp(start + length, kind)}" if draw(st.booleans()) else f"DURATION:PT{int(length.total_seconds() // 60)}M"
    header = "X-WR-TIMEZONE:Europe/Amsterdam\r\n" if google else ""
    return SERIES.format(header=header, start=f"DTSTART{stamp(start, kind)}", end=end, rule=rule, exdates=exdates,
                         exceptions=exceptions)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series())
def test_plain_series_expand_like_recurring_ical_events(text: str) -> None:
    fast, slow, _, _ = both(text.encode())
    assert fast == slow


@pytest.mark.parametrize(("header", "start", "rule", "more"), [
    # Google: UTC times read in X-WR-TIMEZONE, a weekly 09:00 that keeps its wall clock over the March change, an
    # EXDATE and a moved instance written in UTC
    ("X-WR-TIMEZONE:Europe/Amsterdam\r\n", "DTSTART:20270301T080000Z", "FREQ=WEEKLY;UNTIL=20270501T000000Z",
     "EXDATE:20270315T080000Z\r\n"),
    # DTSTART out of step with its rule: the first Monday, ruled on the 2nd Tuesday (DTSTART is an instance too)
    ("", "DTSTART;TZID=Europe/Amsterdam:20270301T090000", "FREQ=MONTHLY;BYDAY=2TU;COUNT=6", ""),
    # the last working day of the month, in a Windows zone
    ("", "DTSTART;TZID=W. Europe Standard Time:20270129T160000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12", ""),
])
def test_common_series_shapes_take_the_fast_path(header: str, start: str, rule: str, more: str) -> None:
    import imm_tui.ingest.ics.scan as scan

    text = SERIES.format(header=header, start=start, end="DURATION:PT1H", rule=rule, exdates=more, exceptions=(
        "BEGIN:VEVENT\r\nUID:series-1\r\nRECURRENCE-ID:20270322T080000Z\r\nDTSTART:20270322T120000Z\r\nDURATION:PT1H\r\n"
        "SUMMARY:Moved\r\nEND:VEVENT\r\n" if header else ""))
    calls: list[int] = []
    real = scan._expand
    scan._expand = lambda *args: calls.append(len(args[2])) or real(*args)  # type: ignore[assignment,func-returns-value]
    try:
        fast, slow, _, _ = both(text.encode())
    finally:
        scan._expand = real  # type: ignore[assignment]
    assert fast == slow and len(fast) >= 5
    assert not calls, "the series went to the library"


ONE_OFF = "BEGIN:VEVENT\r\nUID:one-off\r\nDTSTART:20270105T090000Z\r\nSUMMARY:Visit\r\nEND:VEVENT\r\n"


def test_a_runaway_series_is_skipped_alone_and_quickly() -> None:
    import time

    text = SERIES.format(
        header="",
        start="DTSTART;TZID=Europe/Amsterdam:20270104T090000",
        end="DURATION:PT1M",
        rule="FREQ=MINUTELY",
        exdates="",
        exceptions="BEGIN:VEVENT\r\nUID:one-off\r\nDTSTART:20270105T090000Z\r\nSUMMARY:Visit\r\nEND:VEVENT\r\n",
    )
    start = time.perf_counter()
    result = read_ics_fast(text.encode(), AMS, WINDOW)
    assert time.perf_counter() - start < 2
    assert [i.uid for i in result.items] == ["one-off"]
    assert result.skipped == {"too many occurrences": 1}
    assert result.warnings == ["series 'series-1' skipped: more than 5,000 occurrences in the plan year"]


def _counted(rule: str, start: datetime, limit: int) -> bool:
    """Reference for the series guard: count every instance in the window."""
    from dateutil.rrule import rrulestr

    low, high = (datetime.combine(d, datetime.min.time()) for d in WINDOW)
    instances = rrulestr(rule, dtstart=start, ignoretz=True).xafter(low, inc=True)
    return sum(1 for _, moment in zip(range(limit + 1), instances, strict=False) if moment <= high) > limit


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR,SA,SU", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
    "FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31",
    "FREQ=YEARLY;BYYEARDAY=1,50,100,200,300", "FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14,15,16,17,18,19",
    "FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=MO;BYMINUTE=0,15,30,45", "freq=daily;until=20281231T000000Z",
])
@pytest.mark.parametrize("limit", [2, 365, 385, 386, 387, 5000])
def test_the_series_guard_decides_as_counting_does(rule: str, limit: int) -> None:
    from imm_tui.ingest.ics.series_guard import series_problem

    start = datetime(2026, 12, 1, 9, 0)
    problem = series_problem(rule, start, WINDOW, limit)
    assert (problem is not None and problem[0] == "too many occurrences") == _counted(rule, start, limit)


@settings(max_examples=400, deadline=None)
@given(
    st.datetimes(min_value=datetime(2026, 12, 1), max_value=datetime(2028, 2, 1)),
    st.integers(0, 3000),
    st.sampled_from(["Europe/Amsterdam", "Pacific/Kiritimati", "Etc/GMT+12", "America/Santiago", "UTC"]),
    st.sampled_from(["Europe/Amsterdam", "Pacific/Kiritimati", "Etc/GMT+12"]),
)
def test_the_quick_overlap_test_decides_as_the_wall_clock_does(start: datetime, minutes: int, written: str, plan: str) -> None:
    from imm_tui.ingest.ics.series import overlaps

    zone, begin = ZoneInfo(plan), start.replace(tzinfo=ZoneInfo(written))
    end = begin + timedelta(minutes=minutes)
    wall = [moment.astimezone(zone).replace(tzinfo=None) for moment in (begin, end)]
    low, high = (datetime.combine(day, datetime.min.time()) for day in WINDOW)
    item = RawItem(uid="u", occurrence="", start=begin, end=end, all_day=False)
    assert overlaps(item, WINDOW, zone) == (wall[0] < high and wall[1] >= low)


def test_the_token_names_are_a_prefix_tree_of_exactly_the_wanted_names() -> None:
    import re

    from imm_tui.ingest.ics.scan import _WANTED, _prefix_tree

    names = sorted(_WANTED)
    assert not [(a, b) for a in names for b in names if a != b and b.startswith(a)]  # the tree needs this
    tree = re.compile(_prefix_tree(names))
    assert all(tree.fullmatch(name) for name in names)
    near = {name[:-1] for name in names} | {name + "X" for name in names} | {"DTSTAMP", "CREATED", "ATTACH"}
    assert not [word for word in near - set(names) if tree.fullmatch(word)]



_LINES = st.sampled_from([
    "BEGIN:VEVENT", "END:VEVENT", "UID:u1", "UID:u2", "DTSTART:20270301T090000Z", "dtstart:20270302T090000Z", 
    "DTEND;TZID=X:20270301T100000",
    "SUMMARY:Bezoek", "Summary:Visit", "SUMMARY;LANGUAGE=nl:Offerte", "ATTENDEE;CN=A:mailto:a@x.example", "ATTENDEE:mailto:b@x.example",
    "attendee;CN=C:mailto:c@x.example", "RRULE:FREQ=WEEKLY;COUNT=3", "BEGIN:VALARM", "END:VALARM", "end:valarm", "TRIGGER:-PT15M",
    "trigger:-PT15M", "ACTION:DISPLAY", "BEGIN:VTIMEZONE", "END:VTIMEZONE", "X-WR-CALNAME:Jan", "x-wr-calname:jan", "", " folded",
    "X_ODD:1", "ÀTTENDEE:mailto:d@x.example", "CATEGORIEſ:Klant", "CATEGORIES:Klant", "DESCRIPTION:Teams: https://teams.microsoft.com/x",
    "STATUS:CANCELLED", "METHOD:REPLY", ";CN=x:y", ":nothing", "BEGIN:VALARM ", "BEGIN;X=1:VALARM",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(_LINES, max_size=40))
@example(["BEGIN:VEVENT", "UID:u1", "BEGIN:VALARM", "TRIGGER:-PT15M", "end:valarm", "SUMMARY:Bezoek", "END:VALARM", "END:VEVENT"])
@example(["BEGIN:VEVENT", "UID:u1", "BEGIN:VALARM", "", "END:VALARM", "SUMMARY:Bezoek", "END:VEVENT"])
@example(["BEGIN:VEVENT", "UID:u1", "ATTENDEE;CN=A:mailto:a@x.example", "attendee;CN=C:mailto:c@x.example", "END:VEVENT"])
@example(["BEGIN:VALARM", ";CN=x:y", "END:VALARM", "X-WR-CALNAME:Jan", "BEGIN:VEVENT", "UID:u1", "END:VEVENT"])
def test_the_case_sensitive_tokenizer_reads_what_the_case_insensitive_one_reads(lines: list[str]) -> None:
    """scan._scan tokenizes case-sensitively and again case-insensitively wherever a name or an alarm is not written
    in capitals: on any mix of lines (lowercase and odd names, alarms closed in lowercase, lines that are no
    property) it must find what _TOKEN alone finds."""
    from imm_tui.ingest.ics.scan import _TOKEN, _scan, _scan_tokens

    def seen(found: tuple[dict[str, str], list[object]]) -> object:
        header, events = found
        return header, [(e.uid, e.series, e.values, e.times, e.attendees, e.categories, e.conference,  # type: ignore[attr-defined]
                         e.skeleton) for e in events]  # type: ignore[attr-defined]

    text = "BEGIN:VCALENDAR\n" + "\n".join(lines) + "\nEND:VCALENDAR"
    assert seen(_scan(text)) == seen(_scan_tokens(_TOKEN.findall(text)))  # type: ignore[arg-type]
    assert seen(_scan(text[16:])) == seen(_scan_tokens(_TOKEN.findall("\n" + text[16:])))  # type: ignore[arg-type]

_DIGITS = st.text(alphabet="0123456789", min_size=2, max_size=2)


@settings(max_examples=300, deadline=None)
@given(
    until=st.one_of(
        st.builds(lambda y, m, d, t, z: f"{y:04d}{m:02d}{d:02d}" + (f"T{t}" + z if t else ""),
                  st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32),
                  st.one_of(st.just(""), st.builds(lambda h, mi, s: h + mi + s, _DIGITS, _DIGITS, _DIGITS)),
                  st.sampled_from(["", "Z", "z"])),
        st.text(alphabet="0123456789TZz-:+ ", max_size=20),
    ),
    aware=st.booleans(),
    ignoretz=st.booleans(),
)
def test_the_rule_reader_reads_until_as_dateutil_does(until: str, aware: bool, ignoretz: bool) -> None:
    """series_guard.rrulestr reads UNTIL itself; it must give dateutil's rule, or dateutil's error, every time."""
    from dateutil.rrule import rrulestr as dateutils

    from imm_tui.ingest.ics.series_guard import rrulestr as ours

    start = datetime(2026, 12, 1, 9, 0, tzinfo=AMS if aware else None)
    rule = f"FREQ=WEEKLY;BYDAY=TU,FR;UNTIL={until}"

    def read(reader: object) -> tuple[object, ...]:
        try:
            recurrence = reader(rule, dtstart=start, ignoretz=ignoretz)  # type: ignore[operator]
        except (ValueError, OverflowError, TypeError) as error:
            return ("error", type(error), str(error))
        found = recurrence._until
        return ("rule", found, getattr(found, "tzinfo", None), list(recurrence.xafter(start, count=3, inc=True)))

    assert read(ours) == read(dateutils)


@st.composite
def old_series(draw: st.DrawFn) -> tuple[str, datetime]:
    """A daily or weekly rule begun up to eight years before the window, in a zone or floating, sometimes in a
    shape that must not move (COUNT, an ordinal weekday, BYSETPOS, an hour list)."""
    frequency = draw(st.sampled_from(["DAILY", "WEEKLY"]))
    parts = [f"FREQ={frequency}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    days = draw(st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), max_size=4, unique=True))
    if days:
        parts.append("BYDAY=" + ",".join(days))
    if draw(st.booleans()):
        parts.append("WKST=" + draw(st.sampled_from(["MO", "SU", "WE"])))
    end = draw(st.sampled_from(["none", "until-before", "until-inside", "count", "odd"]))
    if end == "until-before":
        parts.append("UNTIL=20251001T000000Z")
    elif end == "until-inside":
        parts.append("UNTIL=20270615T000000Z")
    elif end == "count":
        parts.append(f"COUNT={draw(st.integers(1, 900))}")
    elif end == "odd":
        parts.append(draw(st.sampled_from(["BYSETPOS=-1", "BYHOUR=9,15", "BYDAY=2TU"])))
    start = datetime(2019, 1, 1, 0, 0) + timedelta(days=draw(st.integers(0, 8 * 365)), minutes=15 * draw(st.integers(0, 95)))
    return ";".join(parts), start.replace(tzinfo=AMS) if draw(st.booleans()) else start


@settings(max_examples=400, deadline=None)
@given(old_series())
def test_a_rule_walked_from_nearer_the_window_gives_the_same_instances(shape: tuple[str, datetime]) -> None:
    """series.walked_from lets dateutil start an old daily or weekly series just before the window instead of at
    its DTSTART; from the window's first instant on it must give every instance the rule from DTSTART gives."""
    from imm_tui.ingest.ics.series import walked_from
    from imm_tui.ingest.ics.series_guard import rrulestr

    rule, start = shape
    try:
        recurrence = rrulestr(rule, dtstart=start)
    except ValueError:
        return  # UNTIL in UTC beside a floating start: neither reader expands it this way
    low, high = datetime(2025, 12, 29, tzinfo=start.tzinfo) - timedelta(days=1, hours=3), datetime(2028, 1, 10, tzinfo=start.tzinfo)
    walked = walked_from(recurrence, rule, start, low)
    assert walked.between(low, high, inc=True) == recurrence.between(low, high, inc=True)
    if "COUNT" in rule or "BYSETPOS" in rule or "BYHOUR" in rule or "2TU" in rule:
        assert walked is recurrence



@settings(max_examples=600, deadline=None)
@given(old_series(), st.integers(-400, 3000), st.integers(0, 800), st.booleans())
def test_plain_rules_are_walked_by_arithmetic_as_dateutil_walks_them(shape: tuple[str, datetime], days: int, length: int,
                                                                     other_zone: bool) -> None:
    """series.plain_between gives a daily or weekly rule's instances by date arithmetic; for every rule, start and
    window (also bounds in another zone than the series', and windows before its DTSTART) they must be dateutil's,
    and its first instance dateutil's first."""
    from imm_tui.ingest.ics.series import plain_between, plain_instances
    from imm_tui.ingest.ics.series_guard import rrulestr

    rule, start = shape
    try:
        recurrence = rrulestr(rule, dtstart=start)
    except ValueError:
        return  # UNTIL in UTC beside a floating start: dateutil refuses it, and so both readers
    zone = (ZoneInfo("America/New_York") if other_zone else start.tzinfo) if start.tzinfo else None
    low = datetime(2019, 1, 1, 7, 30, tzinfo=zone) + timedelta(days=days)
    high = low + timedelta(days=length, hours=5)
    plain = plain_between(recurrence, low, high)
    if plain is None:
        assert any(odd in rule for odd in ("BYSETPOS", "BYHOUR"))  # every other shape old_series makes is plain
        return
    assert plain == recurrence.between(low, high, inc=True)
    assert next(plain_instances(recurrence, datetime(2040, 1, 1, tzinfo=start.tzinfo)), None) == next(iter(recurrence), None)

def _moment_by_int(text: str, zone: ZoneInfo | None, date_only: bool) -> object:
    """values.moment as it read every value before fromisoformat: int() of each part."""
    text = text.strip()
    if len(text) != (8 if date_only else 15) or (not date_only and text[8] != "T"):
        return "needs the library"
    try:
        if date_only:
            return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
        return datetime(int(text[0:4]), int(text[4:6]), int(text[6:8]), int(text[9:11]), int(text[11:13]), int(text[13:15]), tzinfo=zone)
    except (ValueError, OverflowError):
        return "needs the library"


@settings(max_examples=500, deadline=None)
@given(
    digits=st.one_of(
        st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31)).map(
            lambda d: f"{d.year:04d}{d.month:02d}{d.day:02d}{d.hour:02d}{d.minute:02d}{d.second:02d}"),
        st.lists(st.sampled_from(list("0123456789") * 4 + ["+", " ", "-", "٣", "x"]), min_size=14, max_size=14).map("".join),
    ),
    date_only=st.booleans(),
)
def test_values_are_read_as_int_of_each_part_reads_them(digits: str, date_only: bool) -> None:
    from imm_tui.ingest.ics.values import NeedsLibrary, moment

    text = digits[:8] if date_only else f"{digits[:8]}T{digits[8:]}"
    try:
        found: object = moment(text, {"TZID": "Europe/Amsterdam"}, None)
    except NeedsLibrary:
        found = "needs the library"
    assert found == _moment_by_int(text, None if date_only else AMS, date_only)
    if isinstance(found, datetime):
        assert found.tzinfo is AMS


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["DTSTART", "dtstart", "RRULE", "Exdate", "RECURRENCE-ID", "UID", "DTEND", "DURATION", "RDATE"]),
    st.sampled_from(["", ";TZID=Europe/Amsterdam", ';TZID="W. Europe: Standard Time"', ";VALUE=DATE", ";X=1;Y=\"a;b\""]),
    st.sampled_from(["20270104T090000", "FREQ=WEEKLY;BYDAY=MO", "a:b:c", "", "x;y"]),
), max_size=8))
def test_the_scanners_properties_are_its_lines_read_again(lines: list[tuple[str, str, str]]) -> None:
    """_Event.properties reads the tokens the scanner kept; what values.name_value makes of the lines given to the library."""
    from imm_tui.ingest.ics.scan import _scan
    from imm_tui.ingest.ics.values import name_value

    text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\n" + "".join(f"{n}{p}:{v}\n" for n, p, v in lines) + "END:VEVENT\nEND:VCALENDAR"
    (event,) = _scan(text)[1]
    assert event.properties == [name_value(line) for line in event.skeleton[1:-1]]
    assert len(event.properties) == len(lines)


_ZONES = [ZoneInfo(name) for name in ("Europe/Amsterdam", "UTC", "America/New_York", "Pacific/Kiritimati", "Australia/Lord_Howe")]


@settings(max_examples=400, deadline=None)
@given(
    start=st.one_of(  # near either end of the window, and anywhere
        st.datetimes(datetime(2025, 12, 24), datetime(2026, 1, 3), timezones=st.sampled_from(_ZONES)),
        st.datetimes(datetime(2026, 12, 30), datetime(2027, 1, 9), timezones=st.sampled_from(_ZONES)),
        st.datetimes(datetime(2025, 12, 1), datetime(2028, 2, 1), timezones=st.sampled_from(_ZONES)),
    ),
    hours=st.integers(-30, 80),
    other_zone=st.booleans(),
)
def test_overlap_is_told_as_by_the_plan_zones_days(start: datetime, hours: int, other_zone: bool) -> None:
    """span_overlaps answers within the window's inner days by comparing in the times' own zone; it must answer
    as converting both times to the plan's zone and comparing with the window's days does."""
    from datetime import time as clock

    from imm_tui.ingest.ics.series import span_overlaps

    end = start + timedelta(hours=hours)
    if other_zone:
        end = end.astimezone(ZoneInfo("Asia/Tokyo"))
    window = (date(2025, 12, 29), date(2027, 1, 4))
    low, high = (datetime.combine(day, clock()) for day in window)
    expected = start.astimezone(AMS).replace(tzinfo=None) < high and end.astimezone(AMS).replace(tzinfo=None) >= low
    assert span_overlaps(start, end, window, AMS) is expected
