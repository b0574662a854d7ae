"""RFC 5545 TEXT unescaping: the fast path for commas agrees with the one-pass reading on any text."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from imm_tui.ingest.fields import unescape


def reference(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_escapes_by_hand() -> None:
    assert unescape(r"Visit Bakker\, Jansen") == "Visit Bakker, Jansen"
    assert unescape(r"a\\,b") == "a\\,b"  # an escaped backslash before a comma: the comma was never escaped
    assert unescape(r"line\nnext\Nthird") == "line\nnext\nthird"
    assert unescape(r"p\;q") == "p;q"
    assert unescape(r"c:\\temp\x") == "c:\\temp\\x"  # an unknown escape stays as written


@given(st.text(alphabet="ab,;\\nN \n", max_size=30))
def test_agrees_with_one_pass(value: str) -> None:
    assert unescape(value) == reference(value)


_WORDS = st.sampled_from(["room", "Meeting Room", "vergaderZAAL", "ruimte", "RESOURCE", "boardroom", "bedroom", "zaal7", "ſ", "ı",
                          "K", "İ", "é", "reſource", "ruımte", "mailto:", "MAILTO:", " ", ".", "_", "jan", "@", "x"])


@given(local=st.lists(_WORDS, max_size=5).map("".join), name=st.lists(_WORDS, max_size=5).map("".join))
def test_rooms_are_told_as_the_regular_expression_tells_them(local: str, name: str) -> None:
    """_looks_like_a_room passes ASCII texts without a room word over; it must decide as ROOM_NAME alone does,
    also where case-insensitive matching finds letters outside ASCII (ſ for s, K for K)."""
    from imm_tui.ingest.fields import ROOM_NAME, _looks_like_a_room

    expected = bool(ROOM_NAME.search(local.replace(".", " ").replace("_", " ")) or ROOM_NAME.search(name))
    assert _looks_like_a_room.__wrapped__(local, name) is expected


@given(st.lists(_WORDS, max_size=6).map("".join))
def test_addresses_are_read_as_before(value: str) -> None:
    """email_of lower-cases once; the same as stripping, taking off a 'mailto:' in any case, stripping, lower-casing."""
    from imm_tui.ingest.fields import email_of

    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    assert email_of(value) == text.strip().lower()


_EVENT_LINES = st.sampled_from([
    "BEGIN:VEVENT", "END:VEVENT", "DTSTART;VALUE=DATE:20270104", "dtstart;value=date:20270104", "DTSTART:20270104T090000Z",
    "RRULE:FREQ=WEEKLY;UNTIL=20270301T230000Z", "RRULE:FREQ=DAILY;UNTIL=20270301", "rrule:freq=daily;UNTIL=20270302T000000Z",
    "SUMMARY:UNTIL=later", "UID:x", "BEGIN:VTIMEZONE", "END:VTIMEZONE",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_EVENT_LINES, max_size=24))
def test_all_day_untils_are_repaired_as_when_every_event_was_looked_at(lines: list[str]) -> None:
    """repair_text fixes all-day series whose UNTIL is local midnight in UTC, looking only at the events with an
    UNTIL; the result must be that of fixing every event (well-formed or not) one after the other."""
    from zoneinfo import ZoneInfo

    from imm_tui.ingest.ics.text import _blocks, _fix_all_day_until, repair_text

    text = "BEGIN:VCALENDAR\n" + "".join(line + "\n" for line in lines) + "END:VCALENDAR"
    zone = ZoneInfo("Europe/Amsterdam")
    expected = text
    if "UNTIL=" in text and "VALUE=DATE:" in text.upper():
        pieces, done = [], 0
        for start, stop in _blocks(text, "BEGIN:VEVENT\n", "END:VEVENT"):
            pieces += [text[done:start], _fix_all_day_until(text[start:stop], zone)]
            done = stop
        expected = "".join(pieces) + text[done:]
    assert repair_text(text, zone)[0] == expected


@given(st.lists(st.sampled_from(["CN=", "cn=", "PARTSTAT=", "CUTYPE=", "ROOM", "ACCEPTED", '"', ";", ":", "a", " ", "Jan"]),
                max_size=12).map("".join))
def test_attendee_parameters_are_found_as_at_every_character(raw: str) -> None:
    """attendee_from_raw looks for its parameters after a ';' put in front; the same matches as trying
    `(?:^|;)` at every character of the parameters as written."""
    from imm_tui.ingest.fields import _PARAMETER

    everywhere = re.compile(r'(?:^|;)(PARTSTAT|CUTYPE|CN)=("[^"]*"|[^;:]*)', re.I)
    assert _PARAMETER.findall(";" + raw) == everywhere.findall(raw)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["BEGIN:VEVENT\n", "END:VEVENT", "END:VEVENT\n", "x\n", "UNTIL=1", "BEGIN:VEV", "\n"]), max_size=40),
       st.data())
def test_the_blocks_holding_positions_are_those_a_walk_over_every_block_finds(pieces: list[str], data: st.DataObject) -> None:
    """text.blocks_holding jumps to the blocks holding the UNTILs (to repair all-day series) instead of walking every
    block of the file: also in unbalanced, unclosed and stray BEGIN/END lines it must find the same blocks."""
    from imm_tui.ingest.ics.text import _blocks, blocks_holding

    text = "".join(pieces)
    positions = sorted(set(data.draw(st.lists(st.integers(0, max(0, len(text) - 1)), max_size=8)) if text else []))
    begin, end = "BEGIN:VEVENT\n", "END:VEVENT"
    expected = [(start, stop) for start, stop in _blocks(text, begin, end) if any(start <= p < stop for p in positions)]
    assert list(blocks_holding(text, positions, begin, end)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Teams", "teams.microsoft.com", "ZOOM.US", "Zoom", "meet.google.com", ".com", ".us", "webex", "WebEx.com",
                                 "whereby.com", "gotomeeting.COM", "https://", " ", "x", "teams.live.com", "ſ", "İ"]), max_size=12))
def test_an_online_meeting_is_told_by_any_host_in_any_case(pieces: list[str]) -> None:
    """mentions_online_meeting first looks for '.com' or '.us', which every host holds, then for the hosts."""
    from imm_tui.ingest.items import ONLINE_HOSTS, mentions_online_meeting

    assert all(".com" in host or ".us" in host for host in ONLINE_HOSTS)
    text = "".join(pieces)
    assert mentions_online_meeting("", text) == any(host in text.lower() for host in ONLINE_HOSTS)
