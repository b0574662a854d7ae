"""Unfolding .ics text and repairing what real exports get wrong, before any parser sees them.

Repairs are textual and narrow, each for a known exporter habit: spaces in `BYDAY=MO, TU` (Exchange),
unquoted Windows display names as TZID, custom VTIMEZONEs that share a name across files (icalendar
caches zones by name for the whole process), and all-day series whose UNTIL is local midnight in UTC.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from imm_tui.ingest.decoding import decode
from imm_tui.ingest.ics.timezones import resolve_zone

_TZID_LINE = re.compile(r"(?m)^TZID:(.*)$")
_RULE = re.compile(r"(?im)^(RRULE|EXRULE)([^:\n]*):(.*)$")
_RULE_WITH_SPACE = re.compile(r"\n((?:RRULE|EXRULE|rrule)[^\n ]* [^\n]*)")  # rule lines with a space in them
_UNTIL = re.compile(r"UNTIL=(\d{8})T(\d{6})Z")
_ALL_DAY_START = re.compile(r"(?im)^DTSTART[^:\n]*VALUE=DATE:")
_RRULE_LINE = re.compile(r"(?im)^RRULE[^\n]*$")


def unfold(text: str) -> list[str]:
    """Logical content lines (RFC 5545 §3.1), line endings normalised."""
    return _unfold_text(text).split("\n")


def _unfold_text(text: str) -> str:
    # str.replace is several times faster than a regular expression over a 4 MB export; io's newline
    # decoder turns CRLF and a lone CR into LF in one pass, in a third of the time of two replaces
    # (a one-character test first is cheaper than a replace that finds nothing)
    if "\r" in text:
        text = io.IncrementalNewlineDecoder(None, translate=True).decode(text, final=True)
    text = text.replace("\n ", "")
    return text.replace("\n\t", "") if "\t" in text else text


def prepare(data: bytes, fallback: ZoneInfo, max_line: int = 1 << 20) -> tuple[list[str], list[str]]:
    """Decoded, unfolded and repaired content lines of a calendar file, and warnings about it."""
    text, warnings = prepare_text(data, fallback, max_line)
    return text.split("\n"), warnings


def prepare_text(data: bytes, fallback: ZoneInfo, max_line: int = 1 << 20) -> tuple[str, list[str]]:
    """Decoded, unfolded and repaired text of a calendar file, and warnings about it (lines cut to `max_line`)."""
    text, warnings = repair_text(_unfold_text(decode(data)), fallback)
    lines = text.split("\n") if may_have_a_line_longer_than(text, max_line) else []
    if lines and max(map(len, lines)) > max_line:
        cut = sum(1 for line in lines if len(line) > max_line)
        text = "\n".join(line[:max_line] for line in lines)
        warnings.append(f"{cut} line(s) longer than {max_line // 1024} KB were cut to that length")
    return text, warnings


def may_have_a_line_longer_than(text: str | bytes, limit: int) -> bool:
    """False when every line is at most `limit` long, told without splitting the text (splitting 4 MB into
    lines took 10 ms, a regular expression 90). Any run of limit + 1 characters covers a whole block of
    (limit + 1) // 2: when each such block holds a line break, no line is longer than `limit`."""
    if len(text) <= limit:
        return False
    block = max(1, (limit + 1) // 2)
    newline = "\n" if isinstance(text, str) else b"\n"
    return any(text.find(newline, start, start + block) == -1 for start in range(0, len(text), block))  # type: ignore[arg-type]


FEW_ZONES = 8
"""Up to this many time zones to rename, one str.replace each; more take one regular-expression pass."""


def repair_text(text: str, fallback: ZoneInfo) -> tuple[str, list[str]]:
    """The unfolded text with known exporter faults repaired, and a warning per unknown time zone.

    Works on the whole text with str.find/str.replace: a 4 MB export is repaired in milliseconds.
    """
    warnings: list[str] = []
    custom = _custom_zones(text)
    names: dict[str, str] = {}

    def zone_name(raw: str) -> str:
        name = raw.strip().strip('"').strip()  # `TZID= 1` and `TZID:" 1"` name the zone the file defines as `TZID: 1`
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

    renamed: dict[str, str] = {}
    for raw in _tzid_values(text):
        name = zone_name(raw)
        quoted = f'"{name}"' if re.search(r"[\s,:;]", name) else name
        if quoted != raw:
            renamed[raw] = quoted
    if len(renamed) > FEW_ZONES:  # one pass over the text, however many zones (a replace per zone was quadratic)
        text = _TZID_PARAMETER.sub(lambda m: f";TZID={renamed.get(m.group(1), m.group(1))}", text)
    else:  # a few zones, as in every real export: str.replace is three times faster than the pass above
        for raw, quoted in renamed.items():
            for after in ":;":
                text = text.replace(f";TZID={raw}{after}", f";TZID={quoted}{after}")
    if custom:
        text = _TZID_LINE.sub(lambda m: "TZID:" + custom.get(m.group(1).strip(), m.group(1)), text)
    text = _repair_rules(text)
    if "UNTIL=" in text:  # only the events with an UNTIL are looked at, only those changed are copied
        pieces, done = [], 0
        for start, stop in blocks_holding(text, _positions(text, "UNTIL="), "BEGIN:VEVENT\n", "END:VEVENT"):
            event = text[start:stop]
            fixed = _fix_all_day_until(event, fallback)
            if fixed != event:
                pieces += [text[done:start], fixed]
                done = stop
        text = "".join(pieces) + text[done:] if pieces else text
    return text, warnings


def _positions(text: str, word: str) -> Iterator[int]:
    position = text.find(word)
    while position != -1:
        yield position
        position = text.find(word, position + len(word))


# A TZID parameter value: quoted (an unclosed quote runs to the line's end), a display name in brackets with
# the colons inside them, or plain up to the next ':', ';' or line end. Never past a line: a file of unclosed
# quotes or brackets must not make every match scan to the end of the text.
_TZID_VALUE = re.compile(r';TZID=("[^"\n]*"?|\([^)\n]*\)[^:;\n]*|[^:;\n]*)')
_TZID_PARAMETER = re.compile(_TZID_VALUE.pattern + "(?=[:;])")


def _tzid_values(text: str) -> set[str]:
    """The distinct raw TZID parameter values: quoted, plain, or unquoted display names with a colon."""
    return {value for value in _TZID_VALUE.findall(text) if value}


def _repair_rules(text: str) -> str:
    """`BYDAY=MO, TU` → `BYDAY=MO,TU` (Exchange): spaces inside RRULE/EXRULE values are removed."""
    pieces: list[tuple[int, int, str]] = []
    done = 0
    for found in _RULE_WITH_SPACE.finditer(text):  # one pass (three str.find passes took 5 ms on 4 MB)
        match = _RULE.match(found.group(1))
        if match:
            fixed = f"{match.group(1)}{match.group(2)}:" + re.sub(r"\s*([,;=])\s*", r"\1", match.group(3).strip())
            pieces.append((found.start(1), found.end(1), fixed))
    if not pieces:
        return text
    out: list[str] = []
    for start, end, fixed in sorted(pieces):
        out.append(text[done:start])
        out.append(fixed)
        done = end
    out.append(text[done:])
    return "".join(out)


def _blocks(text: str, begin: str, end: str) -> Iterator[tuple[int, int]]:
    """(start, stop) of each `begin` … `end` block, as a lazy `(?s)begin.*?end` finds them, but in one pass:
    a regular expression scans from every unclosed `begin` to the end of the text (20,000 of them: 100 s)."""
    position = 0
    while True:
        start = text.find(begin, position)
        if start == -1:
            return
        stop = text.find(end, start + len(begin))
        if stop == -1:
            return  # no block closes after this one, so none after it either
        yield start, stop + len(end)
        position = stop + len(end)


def blocks_holding(text: str, positions: Iterable[int], begin: str, end: str) -> Iterator[tuple[int, int]]:
    """The blocks of _blocks(text, begin, end) that hold one of `positions` (ascending), without walking every block
    before them: each block ends at the first `end` after its `begin`, so a block begun before the last `end` ahead
    of a position has ended by then, and the block holding the position, if any, is the first `begin` after that
    `end`. One forward sweep: every stretch of text is searched for `end` once and for `begin` once, however the
    positions, begins and ends lie (a file of 100,000 UNTILs before its only BEGIN). tests/ingest/test_fields_text.py
    compares this with filtering _blocks."""
    known = 0  # where _blocks would look for its next block: every block begun before it has ended
    looked = 0  # no whole `end` lies in [known, looked)
    start = -1  # the first `begin` at or after `known`, when it is not before `known`
    for position in positions:
        if position < known:
            continue  # in the block just yielded
        while (found := text.find(end, max(known, looked - len(end) + 1), position)) != -1:
            known = found + len(end)  # an `end` before the position: blocks begin after it
        looked = max(looked, position)
        if start < known:
            start = text.find(begin, known)
            if start == -1:
                return
        if start > position:
            continue  # between blocks
        stop = text.find(end, start + len(begin))
        if stop == -1:
            return  # no block closes after this one, so none after it either
        known = looked = stop + len(end)
        yield start, known


def _custom_zones(text: str) -> dict[str, str]:
    """TZIDs this file defines but no name lookup knows, renamed by the hash of their definition."""
    zones: dict[str, str] = {}
    for start, stop in _blocks(text, "BEGIN:VTIMEZONE\n", "END:VTIMEZONE"):
        body = text[start + len("BEGIN:VTIMEZONE\n"):stop - len("END:VTIMEZONE")]
        tzid_match = _TZID_LINE.search(body)
        tzid = tzid_match.group(1).strip() if tzid_match else ""
        if tzid and resolve_zone(tzid) is None:
            definition = _TZID_LINE.sub("", body)
            zones[tzid] = f"{tzid} [{hashlib.sha1(definition.encode()).hexdigest()[:10]}]"
    return zones


def _fix_all_day_until(event: str, zone: ZoneInfo) -> str:
    """Exchange ends all-day series at local midnight written in UTC; make UNTIL the local date."""
    if "UNTIL=" not in event or not _ALL_DAY_START.search(event):
        return event

    def local(until: re.Match[str]) -> str:
        return "UNTIL=" + _local_date(until.group(1), until.group(2), zone)

    return _RRULE_LINE.sub(lambda line: _UNTIL.sub(local, line.group(0)), event)


def _local_date(day: str, time: str, zone: ZoneInfo) -> str:
    moment = datetime.strptime(day + time, "%Y%m%d%H%M%S").replace(tzinfo=UTC).astimezone(zone)
    return moment.strftime("%Y%m%d")
