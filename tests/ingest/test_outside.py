"""'Outside the plan year' counts occurrences: the arithmetic count agrees with dateutil walking the rule,
on the issue's shapes and on random daily and weekly rules; a meeting reply is skipped as a reply."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from imm_tui.cli import main
from imm_tui.ingest.ics.library import window_for
from imm_tui.ingest.ics.outside import occurrences_outside
from imm_tui.ingest.ics.series_guard import StepBudget

WINDOW = window_for(2027)


def walked(rule: str, start: datetime, window: tuple[date, date] = WINDOW) -> int:
    low, high = (datetime.combine(day, time()) for day in window)
    bounded = "COUNT=" in rule or "UNTIL=" in rule
    instances = rrulestr(rule, dtstart=start, ignoretz=True)
    if bounded:
        return sum(1 for i in instances if not low <= i < high)
    return sum(1 for i in instances.between(start, low, inc=True) if i < low)


@pytest.mark.parametrize(("rule", "start", "expected"), [
    ("FREQ=WEEKLY;COUNT=20", datetime(2026, 1, 5, 9), 20),  # all of it in the year before
    # the window is 2026-12-28 (a week before ISO week 1 of 2027) to 2028-01-10
    ("FREQ=WEEKLY;COUNT=10", datetime(2026, 12, 1, 9), 4),  # Dec 1, 8, 15, 22; Dec 29 is in the margin (counted per item)
    ("FREQ=DAILY", datetime(2026, 12, 1, 9), 27),  # never ends: only its past counts (Dec 1–27)
    ("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20280131T000000Z", datetime(2026, 11, 30, 9), 8 + 6),  # Nov 30–Dec 23; Jan 10–26 2028
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", datetime(2026, 1, 6, 9), 26),  # every other Tuesday of 2026 up to Dec 22
    ("FREQ=MONTHLY;BYDAY=2TU;COUNT=30", datetime(2025, 1, 14, 9), 24),  # 2025 and 2026 (walked by dateutil; 2027 holds 6)
])
def test_hand_counted_series(rule: str, start: datetime, expected: int) -> None:
    assert occurrences_outside(rule, start, WINDOW) == expected == walked(rule, start)


@st.composite
def rules(draw: st.DrawFn) -> tuple[str, datetime]:
    frequency = draw(st.sampled_from(["DAILY", "WEEKLY"]))
    parts = [f"FREQ={frequency}"]
    interval = draw(st.integers(1, 4)) if frequency == "WEEKLY" else draw(st.sampled_from([1, 1, 2, 3]))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    days = draw(st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), unique=True, max_size=5))
    if days and (frequency == "WEEKLY" or interval == 1):
        parts.append("BYDAY=" + ",".join(days))
    end = draw(st.sampled_from(["none", "count", "until"]))
    start = datetime(2024, 1, 1, 8) + timedelta(days=draw(st.integers(0, 1400)), hours=draw(st.integers(0, 12)))
    if end == "count":
        parts.append(f"COUNT={draw(st.integers(1, 400))}")
    elif end == "until":
        until = start + timedelta(days=draw(st.integers(0, 1500)), hours=draw(st.integers(0, 23)))
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%S}")
    return ";".join(parts), start


@given(rules())
@settings(max_examples=300, deadline=None)
def test_the_arithmetic_count_agrees_with_walking_the_rule(case: tuple[str, datetime]) -> None:
    rule, start = case
    assert occurrences_outside(rule, start, WINDOW) == walked(rule, start)



@given(st.sampled_from(["FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYMONTHDAY=15,31", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                        "FREQ=YEARLY;INTERVAL=3", "FREQ=DAILY;INTERVAL=3;BYDAY=MO,WE", "FREQ=WEEKLY;BYDAY=TU;WKST=SU;INTERVAL=2"]),
       st.sampled_from(["none", "count", "until"]), st.integers(0, 2600), st.integers(1, 60), st.integers(0, 2000))
@settings(max_examples=300, deadline=None)
def test_the_walked_count_agrees_with_walking_the_rule(rule: str, end: str, day: int, count: int, days: int) -> None:
    """Shapes the arithmetic does not take are walked once, counting the instances before the window and, for a
    rule that can go on past it, those after."""
    start = datetime(2021, 1, 1, 9, 30) + timedelta(days=day)
    if end == "count":
        rule += f";COUNT={count}"
    elif end == "until":
        rule += f";UNTIL={start + timedelta(days=days):%Y%m%dT%H%M%S}"
    assert occurrences_outside(rule, start, WINDOW) == walked(rule, start)

def test_other_shapes_are_walked_within_the_files_budget() -> None:
    budget = StepBudget(left=100)
    counted = occurrences_outside("FREQ=MONTHLY;BYMONTHDAY=1,15", datetime(2000, 1, 1, 9), WINDOW, budget=budget)
    assert counted == 100 and budget.left <= 0  # stopped where the budget ran out, not at 648


def test_exdates_and_rdates_outside_the_window_count() -> None:
    start = datetime(2026, 11, 2, 9)
    plain = occurrences_outside("FREQ=WEEKLY;COUNT=10", start, WINDOW)
    assert plain == walked("FREQ=WEEKLY;COUNT=10", start) == 8  # Nov 2 to Dec 21
    assert occurrences_outside("FREQ=WEEKLY;COUNT=10", start, WINDOW, exdates=["20261109T090000,20261116T090000"],
                               rdates=["20250101T090000"]) == plain - 2 + 1


def test_the_import_summary_counts_occurrences_and_skips_replies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from tests.conftest import DEMO

    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    folder = root / "imports" / "jdv"
    folder.mkdir(parents=True)

    def event(uid: str, start: str, extra: str = "") -> str:
        return f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\nDURATION:PT1H\r\nSUMMARY:Bezoek\r\n{extra}END:VEVENT\r\n"

    body = (event("s1", "20260105T090000Z", "RRULE:FREQ=WEEKLY;COUNT=20\r\n")
            + event("s2", "20261201T090000Z", "RRULE:FREQ=WEEKLY;COUNT=10\r\n")
            + event("o1", "20260301T090000Z") + event("o2", "20270301T090000Z"))
    (folder / "jdv.ics").write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n", encoding="utf-8")
    reply = event("r1", "20270302T090000Z", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jan@vanleeuwen.example\r\n")
    (folder / "reply.ics").write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\n{reply}END:VCALENDAR\r\n", encoding="utf-8")
    assert main(["import", "-w", str(root)]) == 0
    out = capsys.readouterr().out
    # the plan keeps one earlier year ([plan] history_years = 1): s1 20 + s2 10 + o1 + o2 = 32, none outside
    assert "jdv.ics: imported 32 (jdv)" in out and "skipped: reply 1" in out and "outside" not in out
    plan = root / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("[plan]\n", "[plan]\nhistory_years = 0\n", 1), encoding="utf-8")
    (root / "imm.sqlite").unlink()
    assert main(["import", "-w", str(root)]) == 0
    out = capsys.readouterr().out
    # the plan year only: s1: 20 in 2026; s2: 5 of 10 before 2027-W01 (1, 8, 15, 22, 29 Dec); o1: 1. The accepted reply is a reply.
    assert "skipped: outside the years kept 26, reply 1" in out
    assert "declined" not in out.split("skipped:")[1]
    assert ZoneInfo("Europe/Amsterdam")  # the demo's zone: 2026-12-29 is in ISO week 2026-W53
