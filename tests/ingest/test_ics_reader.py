"""The .ics reader on exports with the pitfalls real calendars have (tests/data/ics)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imm_tui.ingest.items import RawItem
from imm_tui.ingest.readers import read_calendar
from imm_tui.ingest.rows import instant

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"
AMS = ZoneInfo("Europe/Amsterdam")


def read(name: str) -> tuple[list[RawItem], list[str], dict[str, int]]:
    path = DATA / name
    result = read_calendar(path, path.read_bytes(), AMS, 2027)
    return result.items, result.warnings, result.skipped


def utc(item: RawItem) -> datetime:
    return instant(item.start, AMS)[0]


def by_uid(items: list[RawItem]) -> dict[str, list[RawItem]]:
    out: dict[str, list[RawItem]] = {}
    for item in items:
        out.setdefault(item.uid, []).append(item)
    return out


def test_windows_zone_ids_and_display_names() -> None:
    items, warnings, _ = read("outlook_windows_tz.ics")
    starts = [utc(i) for i in items]
    assert starts[:4] == [
        datetime(2027, 3, 1, 8, 0, tzinfo=UTC),  # W. Europe Standard Time, with VTIMEZONE
        datetime(2027, 3, 2, 22, 0, tzinfo=UTC),  # Romance Standard Time, no VTIMEZONE
        datetime(2027, 3, 3, 9, 0, tzinfo=UTC),  # quoted display name
        datetime(2027, 3, 4, 9, 0, tzinfo=UTC),  # unquoted display name with a colon in it
    ]
    assert starts[4] == datetime(2027, 3, 5, 8, 0, tzinfo=UTC)  # unknown zone read in the plan zone
    assert warnings == ["unknown time zone 'Mars Standard Time': read as Europe/Amsterdam"]


def test_custom_zones_with_the_same_name_keep_their_own_rules() -> None:
    a, _, _ = read("custom_tz_a.ics")
    b, _, _ = read("custom_tz_b.ics")
    again, _, _ = read("custom_tz_a.ics")
    assert utc(a[0]) == datetime(2027, 2, 1, 8, 0, tzinfo=UTC)
    assert utc(b[0]) == datetime(2027, 2, 1, 14, 0, tzinfo=UTC)
    assert utc(again[0]) == utc(a[0])


def test_exchange_series() -> None:
    items, warnings, skipped = read("exchange_series.ics")
    groups = by_uid(items)
    assert [i.start for i in groups["allday-series"]] == [date(2027, 3, 1), date(2027, 3, 2), date(2027, 3, 3)]
    days = [instant(i.start, AMS)[1] for i in groups["byday-spaces"]]
    assert days == [date(2027, 4, 5), date(2027, 4, 6), date(2027, 4, 12), date(2027, 4, 13)]
    weekly = groups["weekly-series"]
    assert [(instant(i.start, AMS)[1], i.cancelled) for i in weekly] == [
        (date(2027, 5, 3), False), (date(2027, 5, 12), False), (date(2027, 5, 17), True), (date(2027, 5, 31), False)
    ]
    assert weekly[1].occurrence == "20270510T120000"  # a moved instance keeps its original start as key
    assert all(i.cancelled for i in groups["cancelled-series"]) and len(groups["cancelled-series"]) == 3
    assert len(groups["dup-uid"]) == 1 or len({(i.uid, i.occurrence) for i in groups["dup-uid"]}) == 1
    assert "broken-series" not in groups and skipped == {"broken series": 1}
    assert warnings and "broken-series" in warnings[0]
    assert groups["dup-uid"][0].occurrence == ""


def test_flags_rooms_and_online() -> None:
    items, _, _ = read("skips_and_rooms.ics")
    g = {i.uid: i for i in items}
    assert [a.partstat for a in g["declined-1"].attendees if a.email == "jan.devries@vanleeuwen.example"] == ["DECLINED"]
    assert g["free-1"].free and g["allday-1"].all_day
    assert g["private-1"].private and g["private-2"].private
    assert [a.is_room for a in g["room-1"].attendees] == [True, True, False]
    assert g["video-1"].online


@pytest.mark.parametrize(("texts", "online"), [
    (("Join: HTTPS://TEAMS.MICROSOFT.COM/l/meetup-join/19%3a",), True),
    (("", "https://us02web.Zoom.US/j/8512"), True),
    (("Kantoor Utrecht", "Bring the zoom lens; meet at google offices"), False),
    (("", ""), False),
    (("İstanbul (meet.google.com/abc-defg-hij)",), True),  # lower-casing that changes the length
])
def test_online_meeting_links_in_any_case(texts: tuple[str, ...], online: bool) -> None:
    from imm_tui.ingest.items import mentions_online_meeting

    assert mentions_online_meeting(*texts) is online


def test_google_utc_and_floating_times() -> None:
    items, _, _ = read("google_utc.ics")
    days = [(i.uid, instant(i.start, AMS)[1].isocalendar().week) for i in items]
    assert days[0] == ("g-midnight@google.com", 10)  # Sunday 23:30 UTC is Monday in Amsterdam
    floating = items[1]
    assert instant(floating.start, AMS)[0] == datetime(2027, 3, 10, 8, 0, tzinfo=UTC)
    series = [i.start.astimezone(AMS).hour for i in items[2:]]  # type: ignore[union-attr]
    assert series == [9, 9, 9]  # across the DST change on 28 March


def test_reply_and_availability_only() -> None:
    items, _, _ = read("reply.ics")
    assert items[0].reply
    _, warnings, _ = read("availability_only.ics")
    assert any("availability-only" in w for w in warnings)


@pytest.mark.parametrize("name", ["cp1252.ics", "bom_utf8.ics"])
def test_encodings(name: str) -> None:
    items, _, _ = read(name)
    assert "Café" in items[0].subject and "\ufffd" not in items[0].subject
    if name == "cp1252.ics":
        assert "Müller – € 12.000" in items[0].subject


def test_not_a_calendar_fails_with_a_clear_message() -> None:
    from imm_tui.ingest.ics.library import UnreadableFile

    with pytest.raises(UnreadableFile, match="not an iCalendar file"):
        read_calendar(Path("x.ics"), b"hello", AMS, 2027)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=30), st.integers(1, 30))
def test_the_quick_line_length_test_never_misses_a_long_line(lengths: list[int], limit: int) -> None:
    from imm_tui.ingest.ics.text import may_have_a_line_longer_than

    text = "\n".join("x" * n for n in lengths)
    if max(lengths) > limit:
        assert may_have_a_line_longer_than(text, limit)


@pytest.mark.parametrize(("defined", "used"), [(" 1", "1"), (" 1", " 1"), ("1", " 1"), (" 1", '" 1"'), ("1", "1")])
def test_a_tzid_with_spaces_finds_the_files_own_time_zone(defined: str, used: str) -> None:
    zone = (f"BEGIN:VTIMEZONE\r\nTZID:{defined}\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:-0500\r\n"
            "TZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    event = (f"BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID={used}:20270105T090000\r\nDTEND;TZID={used}:20270105T100000\r\n"
             "SUMMARY:Visit\r\nEND:VEVENT\r\n")
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{zone}{event}END:VCALENDAR\r\n".encode()
    result = read_calendar(Path("x.ics"), data, ZoneInfo("Europe/Amsterdam"), 2027)
    assert [i.start.utcoffset() for i in result.items] == [timedelta(hours=-5)] and result.warnings == []
