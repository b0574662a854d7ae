"""Read Outlook's "Comma Separated Values" calendar export, in English or Dutch, as Excel re-saves it.

Columns are found by header name. Dates are localised (`3/4/2027` US, `4-3-2027` Dutch, `4.3.2027`
German); the order of day and month is decided once per file from all its dates, so one ambiguous
date is read like its neighbours. An Outlook CSV has no UID, so one is made from what the row says.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from imm_tui.ingest import fields as f
from imm_tui.ingest.decoding import decode
from imm_tui.ingest.items import Attendee, CalendarError, RawItem, ReadResult, mentions_online_meeting

COLUMNS: dict[str, tuple[str, ...]] = {
    "subject": ("subject", "onderwerp", "betreff"),
    "start_date": ("start date", "begindatum", "startdatum", "beginnt am"),
    "start_time": ("start time", "begintijd", "starttijd", "beginnt um"),
    "end_date": ("end date", "einddatum", "endet am"),
    "end_time": ("end time", "eindtijd", "endet um"),
    "all_day": ("all day event", "evenement, duurt hele dag", "hele dag", "ganztägiges ereignis"),
    "organizer": ("meeting organizer", "organisator van vergadering", "besprechungsorganisator"),
    "required": ("required attendees", "verplichte deelnemers", "erforderliche teilnehmer"),
    "optional": ("optional attendees", "optionele deelnemers", "optionale teilnehmer"),
    "resources": ("meeting resources", "vergaderbronnen", "besprechungsressourcen"),
    "categories": ("categories", "categorieën", "categorieen", "kategorien"),
    "description": ("description", "beschrijving", "beschreibung"),
    "location": ("location", "locatie", "ort"),
    "private": ("private", "privé", "prive", "privat"),
    "sensitivity": ("sensitivity", "gevoeligheid", "vertraulichkeit"),
    "show_as": ("show time as", "beschikbaarheid weergeven als", "tijd weergeven als", "zeitspanne zeigen als"),
}
TRUE = {"true", "waar", "ja", "yes", "1", "wahr"}
FALSE = {"false", "onwaar", "nee", "no", "0", "falsch", ""}
_DATE = re.compile(r"^\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([aApP]\.?\s*[mM]\.?)?\s*$")


class CsvProblem(CalendarError):
    """The file cannot be read as an Outlook calendar export."""


def is_outlook_csv(data: bytes) -> bool:
    head = decode(data[:4096]).split("\n", 1)[0].lower()
    return any(name in head for name in ("subject", "onderwerp", "betreff")) and any(
        name in head for name in ("start date", "begindatum", "startdatum", "beginnt am")
    )


def read_outlook_csv(data: bytes, file: str = "") -> ReadResult:
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    index = _columns(header_of(reader, CsvProblem))
    for needed in ("subject", "start_date"):
        if needed not in index:
            raise CsvProblem(f"line 1: no '{COLUMNS[needed][0]}' / '{COLUMNS[needed][1]}' column: not an Outlook calendar export")
    rows = data_rows(reader, CsvProblem, " (is this really an Outlook export?)")
    day_first = _day_first([_cell(r, index, "start_date") for _, r in rows] + [_cell(r, index, "end_date") for _, r in rows], delimiter)
    result = ReadResult()
    seen: set[str] = set()
    for line, row in rows:
        try:
            item = _item(row, index, day_first, line)
        except ValueError as error:
            result.warnings.append(f"line {line}: {error}; row skipped")
            result.skip("unreadable row")
            continue
        if item.uid in seen:
            result.skip("duplicate")
            continue
        seen.add(item.uid)
        result.items.append(item)
    return result


def header_of(reader: Any, problem: type[CalendarError], empty: str = "empty file") -> list[str]:
    """The first row of `reader` (a csv.reader); `problem` says an empty or unreadable first line."""
    try:
        return list(next(reader))
    except StopIteration:
        raise problem(empty) from None
    except csv.Error as error:
        raise problem(f"line 1: {error}") from None


def data_rows(reader: Any, problem: type[CalendarError], hint: str = "") -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row of `reader` (a csv.reader past its header) that is not empty; a row the csv
    module cannot read raises `problem` naming its line."""
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as error:
        raise problem(f"line {reader.line_num + 1}: {error}{hint}") from None
    return rows


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().strip('"').lower() for h in header]
    index: dict[str, int] = {}
    for key, options in COLUMNS.items():
        for position, name in enumerate(names):
            if name in options:
                index.setdefault(key, position)
    return index


def _cell(row: list[str], index: dict[str, int], key: str) -> str:
    position = index.get(key)
    return row[position].strip() if position is not None and position < len(row) else ""


def _day_first(values: list[str], delimiter: str) -> bool:
    """Whether dates are day-first: proven by a part > 12, else by the separator (`/` is US)."""
    separators = set()
    for value in values:
        match = _DATE.match(value)
        if not match or len(match.group(1)) == 4:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12:
            return True
        if second > 12:
            return False
        separators.add(value.strip()[len(match.group(1))])
    return not (separators == {"/"} and delimiter == ",")


def parse_date(value: str, day_first: bool) -> date:
    match = _DATE.match(value)
    if not match:
        raise ValueError(f"unreadable date {value!r}")
    a, b, c = match.groups()
    if len(a) == 4:
        return date(int(a), int(b), int(c))
    year = int(c) + (2000 if len(c) <= 2 else 0)
    day, month = (int(a), int(b)) if day_first else (int(b), int(a))
    return date(year, month, day)


def parse_time(value: str) -> time:
    if not value:
        return time(0, 0)
    match = _TIME.match(value)
    if not match:
        raise ValueError(f"unreadable time {value!r}")
    hour, minute, second, half = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0), match.group(4)
    if half:
        pm = half.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return time(hour, minute, second)


def parse_bool(value: str) -> bool:
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"expected True/False or Waar/Onwaar, got {value!r}")


def _people(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;\n]", value) if p.strip()]


def _item(row: list[str], index: dict[str, int], day_first: bool, line: int) -> RawItem:
    subject = _cell(row, index, "subject")
    start_day = parse_date(_cell(row, index, "start_date"), day_first)
    all_day = parse_bool(_cell(row, index, "all_day")) if "all_day" in index else False
    end_text = _cell(row, index, "end_date")
    end_day = parse_date(end_text, day_first) if end_text else start_day
    start: datetime | date
    end: datetime | date
    if all_day:
        start, end = start_day, end_day if end_day > start_day else start_day + timedelta(days=1)
    else:
        start = datetime.combine(start_day, parse_time(_cell(row, index, "start_time")))
        end = datetime.combine(end_day, parse_time(_cell(row, index, "end_time")))
    location = _cell(row, index, "location")
    description = _cell(row, index, "description")
    attendees = [
        f.attendee(_address(p), {}) for p in _people(_cell(row, index, "required")) + _people(_cell(row, index, "optional"))
    ]
    attendees += [Attendee(email=_address(p), cutype="RESOURCE") for p in _people(_cell(row, index, "resources"))]
    private = (parse_bool(_cell(row, index, "private")) if "private" in index else False) or f.is_private(
        "", _cell(row, index, "sensitivity")
    )
    show_as = _cell(row, index, "show_as")
    uid = "csv-" + hashlib.sha1("|".join([subject, str(start), str(end), location]).encode("utf-8")).hexdigest()[:20]
    return RawItem(
        uid=uid,
        occurrence="",
        start=start,
        end=end,
        all_day=all_day,
        subject=subject,
        location=location,
        categories=f.categories([c.strip() for c in _cell(row, index, "categories").split(";")]),
        online=mentions_online_meeting(location, description),
        attendees=tuple(attendees),
        organizer=_address(_cell(row, index, "organizer")),
        cancelled=f.is_cancelled("", subject),
        free=show_as in ("0", "free", "vrij"),
        private=private,
        line=line,
    )


def _address(value: str) -> str:
    """The e-mail in `Name <a@b>` or a bare address; else the name, lower-cased (no domain).

    A linear scan over tokens: a regular expression here backtracks quadratically on a long cell.
    """
    if "@" in value:
        for token in re.split(r"[\s<>;,\"'()\[\]]+", value):
            local, at, domain = token.partition("@")
            if at and local and "." in domain and len(token) <= 254:
                return token.lower()
    return value.strip().lower()[:200]
