"""Exports: review invitations through icalendar, the workbook through openpyxl, anonymised bytes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from imm_tui.cli import main
from imm_tui.model.workspace import load_workspace
from imm_tui.report.reviews import reviews_ics
from tests.conftest import DEMO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_review_invitations_round_trip() -> None:
    plan = load_workspace(DEMO).plan_document.plan
    data = reviews_ics(plan, organizer="sales.director@vanleeuwen.example", now=datetime(2026, 12, 1, tzinfo=UTC))
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert [e.decoded("DTSTART").date().isoformat() for e in events] == ["2027-01-15", "2027-04-16", "2027-07-02", "2027-10-15"]
    first = events[0]
    assert str(first["UID"]).endswith("@imm.invalid") and first.decoded("DTSTAMP") == datetime(2026, 12, 1, tzinfo=UTC)
    assert str(first["ORGANIZER"]) == "mailto:sales.director@vanleeuwen.example"
    attendees = [str(a) for a in first["ATTENDEE"]]
    assert len(attendees) == len(plan.people) and "mailto:jan.devries@vanleeuwen.example" in attendees
    assert first.decoded("DTSTART").utcoffset().total_seconds() == 3600  # 10:00 in Amsterdam, winter time
    assert calendar.walk("VTIMEZONE") and b"\r\n" in data
    again = Calendar.from_ical(reviews_ics(plan))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]  # stable: re-export updates


def test_reviews_command_and_checklist(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklist", "-w", str(workspace))
    assert code == 0 and "11. ✗ Review dates in the calendar (exported)" in out
    assert run(capsys, "reviews", "-w", str(workspace))[0] == 0
    assert (workspace / "exports" / "reviews.ics").exists()
    code, out, _ = run(capsys, "checklist", "-w", str(workspace))
    assert "11. ✓ Review dates in the calendar (exported)" in out


def test_workbook_round_trip(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "-w", str(workspace))
    target = workspace / "exports" / "review.xlsx"
    code, _, err = run(capsys, "report", "-w", str(workspace), "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    book = load_workbook(BytesIO(target.read_bytes()))
    assert book.sheetnames == ["Summary", "People", "Weekly", "Signals", "Checklist", "Team figures", "Teams", "Year to date", "Funnel",
                               "Accounts", "Account segments", "Reach", "Time"]
    quiet = {row[0].value: row for row in book["Accounts"].iter_rows(min_row=2)}
    assert set(quiet) == {a.split(",")[0] for a in (workspace / "accounts.csv").read_text(encoding="utf-8").splitlines()[1:]}
    units = [c.value for c in book["Team figures"][1]]
    assert {"group", "level", "visits_per_request_index", "visits_per_order_index", "visit_attainment", "needs_help"} <= set(units)
    assert {"visits_per_request", "requests_per_order", "offers_per_order"} <= {c.value for c in book["People"][1]}
    people = book["People"]
    assert people.freeze_panes == "A2"
    header = [c.value for c in people[1]]
    status = header.index("status") + 1
    fills = {
        people.cell(row=r, column=status).value: people.cell(row=r, column=status).fill.fgColor.rgb for r in range(2, people.max_row + 1)
    }
    assert fills["at risk"].endswith("FFC7CE")
    assert people.cell(row=2, column=header.index("attainment") + 1).number_format == "0%"
    assert len(book["Teams"]._charts) == 4
    # the app's Chart screen in the workbook: the organisation's visits year to date against the plan, and the funnel
    year = book["Year to date"]
    assert len(year._charts) == 1 and len(book["Funnel"]._charts) == 1
    rows = list(year.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 52 and rows[-1][1] == pytest.approx(sum(r[1] - (rows[i - 1][1] if i else 0) for i, r in enumerate(rows)))
    done = [r[2] for r in rows if r[2] is not None]
    assert done == sorted(done) and rows[-1][2] is None  # done only for the weeks that happened
    funnel = {r[0]: (r[1], r[2]) for r in book["Funnel"].iter_rows(min_row=2, values_only=True)}
    assert list(funnel) == ["call", "visit", "request", "offer", "order"] and funnel["visit"][0] > funnel["order"][0]
    weekly = book["Weekly"]
    assert [c.value for c in weekly[1]][:6] == ["person", "team", "period", "activity", "required", "actual"]


def test_anonymised_exports_name_nobody(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "-w", str(workspace))
    ws = load_workspace(workspace)
    secrets = [p.name for p in ws.plan_document.plan.people] + [p.email for p in ws.plan_document.plan.people if p.email]
    secrets += [p.id for p in ws.plan_document.plan.people] + [a.name for a in ws.accounts]
    secrets += ["Evaluatie", "Stadsplateau", "Utrecht", "Gemeente"]
    exports = workspace / "exports"
    for fmt, name in (("csv", "r.csv"), ("json", "r.json"), ("markdown", "r.md"), ("xlsx", "r.xlsx")):
        assert run(capsys, "report", "-w", str(workspace), "--format", fmt, "--anonymize", "-o", str(exports / name))[0] == 0
    for fmt, name in (("markdown", "i.md"), ("csv", "i.csv"), ("json", "i.json")):
        assert run(capsys, "insights", "-w", str(workspace), "--format", fmt, "--anonymize", "-o", str(exports / name))[0] == 0
    for path in exports.iterdir():
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(n) for n in archive.namelist())
        for secret in secrets:
            assert secret.encode() not in data, (path.name, secret)
        assert b"Person " in data


def test_insights_explain_every_signal(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "-w", str(workspace))
    code, out, _ = run(capsys, "insights", "-w", str(workspace))
    assert code == 0
    assert "## Signals" in out and "**needs help** — Jan de Vries made 3 of the " in out
    assert "No calendar imported yet for" in out
    assert "| Lisa Visser (lvisser) | randstad | 0 |" in out and "no calendar |" in out


def test_dutch_figures_have_dutch_separators_and_sort_as_numbers() -> None:
    from imm_tui.report.formats import decimal, number, parse_number, use_language

    use_language("nl")
    try:
        assert (number(1368.0, 0), number(270000.0, 0), number(2.5), decimal(1.5), number(1368.456, 2)) == \
            ("1.368", "270.000", "2,5", "1,5", "1.368,46")
        assert parse_number("1.368,5") == 1368.5 and parse_number("88 %") == 88 and parse_number("Jan") is None
    finally:
        use_language("en")
    assert (number(1368.5), parse_number("1,368.5")) == ("1,368.5", 1368.5)


def test_every_section_of_an_anonymised_review_names_nobody(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The demo with last year, CRM deals, accounts and internal time: year on year, revenue and products, accounts,
    time — anonymised, no name, e-mail address, person id or account is left in any export."""
    import shutil

    from imm_tui.bundled.demo_calendars import demo_calendars
    from tests.conftest import DEMO

    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    this, last = load_workspace(root), load_workspace(root, 2026)
    demo_calendars(this.plan_document.plan, this.accounts, root / "imports")
    demo_calendars(last.plan_document.plan, last.accounts, root / "imports", until=date(2026, 12, 28), seed=2026,
                   name="agenda-2026.ics", deals="deals-2026.csv")
    run(capsys, "import", "-w", str(root))
    exports = root / "exports"
    assert run(capsys, "report", "-w", str(root), "--format", "xlsx", "--anonymize", "-o", str(exports / "r.xlsx"),
               "--as-of", "2027-05-14")[0] == 0
    for fmt in ("markdown", "json"):
        assert run(capsys, "insights", "-w", str(root), "--format", fmt, "--anonymize", "-o", str(exports / f"i.{fmt}"),
                   "--as-of", "2027-05-14")[0] == 0
    import zipfile

    with zipfile.ZipFile(exports / "r.xlsx") as archive:
        sheets = archive.read("xl/workbook.xml").decode()
        workbook = b"".join(archive.read(n) for n in archive.namelist())
    assert all(name in sheets for name in ("Year on year", "Products", "Accounts", "Account segments", "Reach", "Time"))
    markdown = (exports / "i.markdown").read_text(encoding="utf-8")
    assert all(part in markdown for part in ("## 2027 against 2026", "## Revenue and products", "## Accounts", "## Customer and internal"))
    plan = this.plan_document.plan
    secrets = [p.name for p in plan.people] + [p.email for p in plan.people if p.email] + [a.name for a in this.accounts]
    secrets += [f"({p.id})" for p in plan.people] + [f'"{p.id}"' for p in plan.people]
    import re

    ids = re.compile("|".join(rf"(?<![\w@.-]){re.escape(p.id)}(?![\w@-])" for p in plan.people))
    for data in (workbook, (exports / "i.markdown").read_bytes(), (exports / "i.json").read_bytes()):
        for secret in secrets:
            assert secret.encode() not in data, secret
        assert not ids.search(data.decode("utf-8", "replace")), ids.search(data.decode("utf-8", "replace"))
