"""Hostile input ends in seconds with a message per file or per rule: patterns that backtrack, runaway
series, huge RDATE lists, quadratic text, non-regular files, deep team chains, absurd numbers."""

from __future__ import annotations

import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from imm_tui.cli import main
from imm_tui.ingest.classify import Classifier, Contact
from imm_tui.ingest.items import ReadResult
from imm_tui.ingest.readers import read_calendar
from imm_tui.model.classify import Classification, Rule
from imm_tui.model.patterns import PROBES, compile_pattern
from tests.ingest.conftest import workspace  # noqa: F401 - the fixture


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def contact(subject: str) -> Contact:
    return Contact(subject=subject, location=None, categories=(), domains=(), external=False, online=False, all_day=False,
                   minutes=60.0, private=False, cancelled=False, declined=False, free=False)


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+:", r"(a+)+$", r"(?i)\b(offerte|quote|proposal)\b"])
def test_the_issues_patterns_classify_a_50_character_subject_at_once(pattern: str) -> None:
    rules = Classification(rules=[Rule(subject=pattern, activity="offer")])
    started = time.perf_counter()
    for subject in ("Klantbezoek bij de firma Jansen en zonen over de", "a" * 49 + "!", *PROBES):
        Classifier(rules).classify(contact(subject))
    assert time.perf_counter() - started < 2


def test_a_pattern_that_backtracks_is_refused_with_its_line(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    rules = workspace / "classify.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n[[rules]]\nsubject = '^(a|aa)+$'\nactivity = \"call\"\n", encoding="utf-8")
    started = time.perf_counter()
    code, _, err = run(capsys, "check", "-w", str(workspace))
    assert code == 2 and time.perf_counter() - started < 10
    line = rules.read_text(encoding="utf-8").splitlines().index("subject = '^(a|aa)+$'") + 1
    assert f"classify.toml:{line}: rules[" in err and "repeats a repetition" in err
    assert run(capsys, "events", "-w", str(workspace))[0] == 2  # every command refuses it, none hangs


def test_a_search_that_runs_out_of_time_switches_its_rule_off_and_says_so() -> None:
    slow = r"^(z|zz)+$"  # passes the probes (no z in them) but explodes on a subject of z's
    compile_pattern(slow)
    classifier = Classifier(Classification(rules=[Rule(subject=slow, activity="call"), Rule(subject="z", activity="visit")]))
    started = time.perf_counter()
    verdicts = [classifier.classify(contact("z" * 60 + "!")) for _ in range(50)]
    assert time.perf_counter() - started < 2  # one timed-out search, then the rule is off
    assert {v.activity for v in verdicts} == {"visit"}
    assert classifier.problems and "rule 1 " in classifier.problems[0] and "50 ms" in classifier.problems[0]


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


ONE_OFF = "UID:one-off\r\nDTSTART:20270105T090000Z\r\nDTEND:20270105T100000Z\r\nSUMMARY:Visit\r\n"


def series(uid: str, start: str, rule: str) -> str:
    return f"UID:{uid}\r\nDTSTART:{start}\r\nDURATION:PT1M\r\nSUMMARY:x\r\nRRULE:{rule}\r\n"


def read(data: bytes, seconds: float) -> ReadResult:
    started = time.perf_counter()
    result = read_calendar(Path("hostile.ics"), data, ZoneInfo("Europe/Amsterdam"), 2027)
    assert time.perf_counter() - started < seconds
    assert "one-off" in {i.uid for i in result.items}  # the rest of the file imports
    return result


@pytest.mark.parametrize(("rule", "start", "reason", "said"), [
    ("FREQ=SECONDLY", "19000101T000000Z", "too many occurrences", "more than 5,000 occurrences"),
    ("FREQ=SECONDLY;BYMONTH=3", "19000101T000000Z", "runaway series", "steps"),
    ("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30", "19000101T000000Z", "broken series", "never occurs"),
    ("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30", "20270101T000000Z", "broken series", "never occurs"),
    ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "20260101T090000Z", "broken series", "never occurs"),
    ("FREQ=HOURLY;BYYEARDAY=400", "20260101T090000Z", "broken series", "never occurs"),
])
def test_a_runaway_or_impossible_rule_is_skipped_in_seconds(rule: str, start: str, reason: str, said: str) -> None:
    result = read(calendar(series("bad", start, rule), ONE_OFF), 3)
    assert [i.uid for i in result.items] == ["one-off"]
    assert result.skipped == {reason: 1}
    assert len(result.warnings) == 1 and said in result.warnings[0]


def test_rdate_lists_count_against_the_occurrence_limit() -> None:
    lines = "".join("RDATE:" + ",".join(f"2027{m:02}{d:02}T{h:02}0000Z" for d in range(1, 29) for h in range(8, 18)) + "\r\n"
                    for m in range(1, 13))  # 3,360 dates
    hostile = "UID:rdates\r\nDTSTART:20270101T090000Z\r\nDURATION:PT1M\r\n" + lines * 150  # 504,000 dates
    result = read(calendar(hostile, ONE_OFF), 10)
    assert result.skipped == {"too many occurrences": 1} and "RDATE" in result.warnings[0]


def test_many_long_series_share_one_budget_per_file() -> None:
    many = [series(f"s{i}", "18000101T090000Z", "FREQ=DAILY;BYHOUR=9") for i in range(400)]  # 83,000 periods each
    result = read(calendar(*many, ONE_OFF), 15)
    admitted = {i.uid for i in result.items} - {"one-off"}
    assert 0 < len(admitted) < 50 and result.skipped.get("runaway series", 0) == 400 - len(admitted)
    assert any("share of time" in w for w in result.warnings)


@pytest.mark.parametrize("body", [
    "BEGIN:VTIMEZONE\r\nTZID:x\r\n" * 20000,  # unclosed time-zone blocks
    "".join(f"BEGIN:VEVENT\r\nUID:u{i}\r\nDTSTART;TZID=Zone {i}:20270105T090000\r\nEND:VEVENT\r\n" for i in range(20000)),
    "".join(f"X-A;TZID=(UTC {i}:x\r\n" for i in range(20000)),  # unclosed brackets in TZID
    "".join(f'X-A;TZID="Zone {i}:x\r\n' for i in range(20000)),  # unclosed quotes in TZID
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=DAILY;UNTIL=20270110T000000Z\r\n" * 20000,  # unclosed events
], ids=["unclosed-vtimezone", "20000-zones", "unclosed-brackets", "unclosed-quotes", "unclosed-events"])
def test_text_repairs_are_linear_and_warnings_capped(body: str) -> None:
    started = time.perf_counter()
    result = read_calendar(Path("hostile.ics"), calendar(ONE_OFF)[:-15] + body.encode() + b"END:VCALENDAR\r\n",
                           ZoneInfo("Europe/Amsterdam"), 2027)
    assert time.perf_counter() - started < 5
    assert len(result.warnings) <= 21
    if len(result.warnings) == 21:
        assert result.warnings[-1].startswith("… and ") and result.warnings[-1].endswith("more warnings")
