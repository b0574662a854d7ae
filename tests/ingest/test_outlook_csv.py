"""Outlook CSV exports in Dutch and English, as Outlook writes them and as Excel re-saves them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from imm_tui.ingest.outlook_csv import parse_bool, parse_date, parse_time, read_outlook_csv

DATA = Path(__file__).resolve().parent.parent / "data" / "csv"


def test_dutch_cp1252_semicolons() -> None:
    result = read_outlook_csv((DATA / "outlook_nl_cp1252.csv").read_bytes())
    items = result.items
    assert [i.subject for i in items][:3] == ["Bezoek Café Müller", "Offerte Hotel De Kroon", "Belronde"]
    first = items[0]
    assert first.start == datetime(2027, 3, 4, 9, 30) and first.end == datetime(2027, 3, 4, 10, 30)
    assert first.categories == ("Klantbezoek",)
    assert [a.email for a in first.attendees] == ["jan de vries", "kees@cafemuller.example"]
    assert items[2].categories == ("Bellen", "Klantbezoek")
    assert items[3].private
    assert items[4].all_day and items[4].start == date(2027, 4, 27)
    assert items[5].free


def test_english_bom_us_dates_and_12_hour_times() -> None:
    items = read_outlook_csv((DATA / "outlook_en_bom.csv").read_bytes()).items
    assert items[0].start == datetime(2027, 3, 4, 9, 30)  # 3/4/2027 is 4 March here: 3/15 proves month-first
    assert items[1].start == datetime(2027, 3, 5, 14, 0)
    assert items[2].start == datetime(2027, 3, 15, 12, 0)
    assert items[3].attendees[0].is_room


def test_dotted_dates_and_a_bad_row_alone() -> None:
    result = read_outlook_csv((DATA / "outlook_dotted_dates.csv").read_bytes())
    assert [i.start for i in result.items] == [datetime(2027, 3, 4, 9, 0)]
    assert result.warnings == ["line 3: day is out of range for month; row skipped"]
    assert result.skipped == {"unreadable row": 1}


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [("4-3-2027", True, date(2027, 3, 4)), ("3/4/2027", False, date(2027, 3, 4)), ("2027-03-04", False, date(2027, 3, 4)),
     ("4.3.27", True, date(2027, 3, 4))],
)
def test_dates(text: str, day_first: bool, expected: date) -> None:
    assert parse_date(text, day_first) == expected


def test_times_and_booleans() -> None:
    assert parse_time("12:00:00 AM").hour == 0 and parse_time("12:30 PM").hour == 12 and parse_time("2:05:00 p.m.").hour == 14
    assert parse_time("14.30").minute == 30
    assert parse_bool("Waar") and not parse_bool("Onwaar") and parse_bool("True") and not parse_bool("")
    with pytest.raises(ValueError, match="Waar/Onwaar"):
        parse_bool("misschien")
