"""Bad input never crashes: readers and loaders fuzzed from the fixtures (hypothesis).

Every outcome must be a result (items, per-item skips with reasons) or a clear per-file error
(CalendarError / InputError) — never another exception, never a hang (deadline per example).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imm_tui.ingest.items import CalendarError
from imm_tui.ingest.readers import read_calendar
from imm_tui.model.plan_file import plan_from_text
from imm_tui.model.problems import InputError
from tests.conftest import DEMO

DATA = Path(__file__).resolve().parent / "data"
CALENDARS = sorted((DATA / "ics").glob("*.ics")) + sorted((DATA / "csv").glob("*.csv"))
SEEDS = [p.read_bytes() for p in CALENDARS]
NASTY = [
    b"\r\nDTSTART:99991231T235959Z\r\n",
    b"\r\nDTSTART:00000000T000000\r\n",
    b"\r\nDTSTART;TZID=:20270101T\r\n",
    b"\r\nRRULE:FREQ=SECONDLY;COUNT=999999999\r\n",
    b"\r\nRRULE:FREQ=MINUTELY;INTERVAL=0\r\n",
    b"\r\nRRULE:FREQ=WEEKLY;INTERVAL=0\r\n",  # dateutil walks it forever
    b"\r\nRRULE:FREQ=MONTHLY;INTERVAL=-1;BYDAY=2TU\r\n",
    b"\r\nRRULE:FREQ=YEARLY;BYMONTH=13\r\n",
    b"\r\nBEGIN:VEVENT\r\n" * 50,
    b"\r\nBEGIN:VALARM\r\n" * 200,
    b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    b"\xff\xfe\x00",
    b'\r\nATTENDEE;CN="unterminated:mailto:x@y\r\n',
    b"\r\nDURATION:P99999999W\r\n",
    b"\r\nEXDATE:garbage,20270101\r\n",
    b"\r\nRECURRENCE-ID:20270101T090000Z\r\n",
    b';;;;;;;,,,,,"""\r\n',
    b"\r\nDTEND:20270101T090000Z\r\nDTSTART;VALUE=DATE:2027\r\n",
    # the shapes of the hardening trial (issue 13)
    b"\r\nRRULE:FREQ=SECONDLY\r\nDTSTART:19000101T000000Z\r\n",
    b"\r\nRRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30\r\n",
    b"\r\nRDATE:" + b",".join(b"202701%02dT090000Z" % d for d in range(1, 29)) * 40 + b"\r\n",
    b"\r\nBEGIN:VTIMEZONE\r\nTZID:x\r\n" * 300,
    b"\r\nDTSTART;TZID= 1:20270105T090000\r\nBEGIN:VTIMEZONE\r\nTZID: 1\r\n",
    b'\r\nDTSTART;TZID="unclosed:20270105T090000\r\n' * 50,
    b"\r\nMETHOD:REPLY\r\n",
    b"\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20990101T000000Z\r\nDTSTART:19700105T090000\r\n",
    b"\r\nRRULE:FREQ=MONTHLY;BYDAY=-1FR\r\nDTSTART:19000105T090000\r\n",
]
ZONE = ZoneInfo("Europe/Amsterdam")
FUZZ = settings(max_examples=250, deadline=5000, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def mutate(draw: st.DrawFn, seeds: list[bytes], nasty: list[bytes], filler: bytes) -> bytes:
    """A seed file with one to four mutations: cut, a byte flipped, bytes inserted, a nasty snippet, a very long
    run of `filler`, or another encoding."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "nasty", "long", "encoding"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "truncate":
            data = data[:at]
        elif kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        elif kind == "nasty":
            data[at:at] = draw(st.sampled_from(nasty))
        elif kind == "long":
            data[at:at] = filler * draw(st.integers(10_000 // len(filler), 300_000 // len(filler)))
        else:
            text = bytes(data).decode("utf-8", errors="replace")
            data = bytearray(text.encode(draw(st.sampled_from(["utf-16", "latin-1", "utf-8-sig"])), errors="replace"))
    return bytes(data)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    return mutate(draw, SEEDS, NASTY, b"X")


@FUZZ
@given(mutated(), st.sampled_from([".ics", ".csv"]))
def test_calendar_readers_never_crash(data: bytes, suffix: str) -> None:
    try:
        result = read_calendar(Path("fuzz" + suffix), data, ZONE, 2027)
    except CalendarError:
        return
    assert all(isinstance(reason, str) for reason in result.skipped)


TOML_SEEDS = [(DEMO / "plan.toml").read_text(encoding="utf-8")]


@FUZZ
@given(st.data())
def test_plan_loader_never_crashes(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(TOML_SEEDS))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        kind = data.draw(st.sampled_from(["cut", "insert", "nest", "date"]))
        if kind == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 40)) :]
        elif kind == "insert":
            text = text[:at] + data.draw(st.text(max_size=20)) + text[at:]
        elif kind == "nest":
            text = text[:at] + "a = " + "[" * 500 + "]" * 500 + "\n" + text[at:]
        else:
            absurd = data.draw(st.sampled_from(['start = "0000-00-00"', "year = 99999", "fte = nan", "start = 9999-12-31"]))
            text = text[:at] + absurd + "\n" + text[at:]
    with contextlib.suppress(InputError):
        plan_from_text(text, Path("plan.toml"))


ORDER_SEEDS = [p.read_bytes() for p in sorted((DATA / "orders").glob("*.csv"))]
ORDER_NASTY = [b'"unclosed,quote\r\n', b"\x00\x00\x00", b";;;;;;;;", b"(((((1.2.3,4,5)))))", b"\xef\xbb\xbf", b"9" * 5000,
               b"2027-02-30", b"31/31/2027", b"\r\n\r\n\r\n", b'"' * 2000]


@st.composite
def mutated_orders(draw: st.DrawFn) -> bytes:
    return mutate(draw, ORDER_SEEDS, ORDER_NASTY, b"7,")


@FUZZ
@given(mutated_orders())
def test_orders_reader_never_crashes(data: bytes) -> None:
    """Mutated CRM and ERP exports: order lines, or one clear error for the file (naming its line), never another exception."""
    from imm_tui.ingest.orders_csv import OrdersProblem, is_orders_csv, read_orders_csv
    from imm_tui.model.orders import DEFAULT_ORDERS

    people = [("jdv", "jan.devries@vanleeuwen.example", "Jan de Vries"), ("sbakker", "", "Sanne Bakker")]
    is_orders_csv(data)
    try:
        result = read_orders_csv(data, DEFAULT_ORDERS, people, [("maint", "Maintenance contracts")])
    except OrdersProblem as problem:
        assert str(problem).startswith("line ")
        return
    assert all(o.person in ("jdv", "sbakker") and o.value == o.value for o in result.lines)
    assert len(result.warnings) <= 22
