"""Importing calendars into the store, end to end, with weekly counts worked out by hand.

Hand count with the demo's classify.toml (rule 1 Klantbezoek→visit, 3 offerte→offer, 5 Bellen→call,
6 online+external→video, 7 external→visit, 8 #commit flag):
- jdv, outlook_windows_tz (W09): visit (category), call, offer (subject), visit (external: De Kroon);
  the internal meeting is unclassified.
  skips_and_rooms (W36): private-with-category → visit; Teams with a customer → video + commitment;
  declined, free, all-day skipped; a private item without category and a room-only meeting unclassified.
- sbakker, google_utc: call W10 (Sunday 23:30 UTC = Monday), visit W10 (external), offers W12, W13, W14.
- pvdberg, exchange_series: calls W14 ×2, W15 ×2; visits W18, W19 (moved), W22, W23 (duplicate UID once);
  all-day ×3, cancelled ×4 (one occurrence, three of a cancelled series), one broken series skipped.
- evdlinden: offer W40 (cp1252 subject), visit W40 (BOM file).
- dpeters, Dutch CSV: visit W09, offer W09, visit W10 (Bellen;Klantbezoek: rule 1 comes first);
  private without category unclassified; all-day and free skipped.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imm_tui.cli import main
from imm_tui.ingest.importer import ImportSpec, import_files
from imm_tui.ingest.items import Attendee, RawItem
from imm_tui.ingest.store import Store
from imm_tui.model.workspace import load_workspace
from tests.conftest import DEMO, coverage_workspace
from tests.ingest.conftest import DATA

EXPECTED = {
    ("jdv", 9, "visit"): 2, ("jdv", 9, "call"): 1, ("jdv", 9, "offer"): 1,
    ("jdv", 36, "visit"): 1, ("jdv", 36, "video"): 1,
    ("sbakker", 10, "call"): 1, ("sbakker", 10, "visit"): 1,
    ("sbakker", 12, "offer"): 1, ("sbakker", 13, "offer"): 1, ("sbakker", 14, "offer"): 1,
    ("pvdberg", 14, "call"): 2, ("pvdberg", 15, "call"): 2,
    ("pvdberg", 18, "visit"): 1, ("pvdberg", 19, "visit"): 1, ("pvdberg", 22, "visit"): 1, ("pvdberg", 23, "visit"): 1,
    ("evdlinden", 40, "offer"): 1, ("evdlinden", 40, "visit"): 1,
    ("dpeters", 9, "visit"): 1, ("dpeters", 9, "offer"): 1, ("dpeters", 10, "visit"): 1,
}


def spec_for(root: Path, person: str | None = None) -> ImportSpec:
    return ImportSpec.for_workspace(load_workspace(root), person=person)


def weekly_counts(root: Path) -> dict[tuple[str, int, str], int]:
    with sqlite3.connect(root / "imm.sqlite") as db:
        rows = db.execute("SELECT person, iso_week, activity, count(*) FROM items WHERE activity IS NOT NULL GROUP BY 1, 2, 3").fetchall()
    return {(p, w, a): n for p, w, a, n in rows}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("workers", [1, 2])
def test_weekly_counts_match_the_hand_count(workspace: Path, workers: int) -> None:
    with Store.open(workspace / "imm.sqlite") as store:
        report = import_files([workspace / "imports"], store, spec_for(workspace), workers=workers)
    assert [f.status for f in report.files] == ["imported"] * 7
    assert weekly_counts(workspace) == EXPECTED
    counts = report.counts
    assert counts.unclassified == 3  # the Teamoverleg of skips_and_rooms.ics is internal time (the demo's last rule)
    assert counts.skipped == {"all-day": 5, "broken series": 1, "cancelled": 4, "declined": 1, "duplicate": 1, "free": 2, "internal": 1}


def test_commitment_rule_and_account_are_kept(workspace: Path) -> None:
    with Store.open(workspace / "imm.sqlite") as store:
        import_files([workspace / "imports" / "jdv"], store, spec_for(workspace))
        rows = store.items(("uid", "activity", "rule", "commitment", "account", "account_status"), "uid = 'video-1'")
    assert rows == [("video-1", "video", 5, 1, "Van Dijk Vastgoed", "client")]


def test_reimport_changes_nothing_and_reports_unchanged(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "import", "-w", str(workspace))[0] == 0
    before = weekly_counts(workspace)
    db = sqlite3.connect(workspace / "imm.sqlite")
    changes = db.execute("SELECT count(*), sum(length(subject)) FROM items").fetchone()
    db.close()
    code, out, _ = run(capsys, "import", "-w", str(workspace))
    assert code == 0
    assert out.count(": unchanged") == 7 and "0 imported, 7 unchanged" in out
    for path in (workspace / "imports").rglob("*.ics"):
        os.utime(path)  # touched but equal content: still unchanged (read, hashed, not re-imported)
    code, out, _ = run(capsys, "import", "-w", str(workspace))
    assert out.count(": unchanged") == 7
    assert weekly_counts(workspace) == before
    with sqlite3.connect(workspace / "imm.sqlite") as db:
        assert db.execute("SELECT count(*), sum(length(subject)) FROM items").fetchone() == changes


def test_a_newer_export_replaces_the_calendar_in_its_range(workspace: Path, tmp_path: Path) -> None:
    target = workspace / "imports" / "sbakker" / "google_utc.ics"
    with Store.open(workspace / "imm.sqlite") as store:
        import_files([target.parent], store, spec_for(workspace))
        assert weekly_counts(workspace)[("sbakker", 13, "offer")] == 1
        newer = target.read_text().replace("RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:FREQ=WEEKLY;COUNT=2")
        newer = newer.replace("DTSTART:20270310T090000", "DTSTART:20270311T090000")
        newer = newer.replace("DTEND:20270310T100000", "DTEND:20270311T100000")
        newer_path = target.parent / "google_utc_week14.ics"
        target.unlink()
        newer_path.write_text(newer)
        import_files([target.parent], store, spec_for(workspace))
        days = [r[0] for r in store.items(("local_day",), "person = 'sbakker'")]
    # The newer file covers 8–29 March: there the moved visit and the shorter series replace the old
    # items; 5 April lies outside what it covers, so the earlier export still speaks for that day.
    assert days == ["2027-03-08", "2027-03-11", "2027-03-22", "2027-03-29", "2027-04-05"]


def test_a_bad_file_fails_alone_and_writes_nothing(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = workspace / "imports" / "jdv" / "broken.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2027\x00\xff\r\n")
    (workspace / "imports" / "jdv" / "notes.csv").write_text("just,some,numbers\n1,2,3\n")
    code, out, err = run(capsys, "import", "-w", str(workspace))
    assert code == 2
    assert f"{bad}: failed: " in out
    assert "notes.csv: failed: not a calendar" in out
    assert "Traceback" not in out + err
    assert "7 imported" in out and "2 failed" in out
    assert weekly_counts(workspace) == EXPECTED
    with sqlite3.connect(workspace / "imm.sqlite") as db:
        assert db.execute("SELECT count(*) FROM files WHERE path LIKE '%broken%'").fetchone() == (0,)


def test_private_subjects_never_reach_the_store(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "-w", str(workspace))
    data = b"".join(p.read_bytes() for p in workspace.glob("imm.sqlite*"))
    assert b"Tandarts" not in data and b"Huisarts" not in data and b"Gesprek met" not in data
    assert b"Evaluatie onderhoud" in data  # a normal subject is kept, so the search above means something
    assert b"p.pieters" not in data  # attendee addresses are never stored, only domains


def test_count_only_keeps_no_subject_location_or_attendee(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    classify = workspace / "classify.toml"
    classify.write_text(classify.read_text().replace("count_only = false", "count_only = true"))
    assert run(capsys, "import", "-w", str(workspace))[0] == 0
    data = b"".join(p.read_bytes() for p in workspace.glob("imm.sqlite*"))
    for text in (b"Evaluatie", b"Stadsplateau", b"utrecht.example", b"dekroon", b"Belronde"):
        assert text not in data
    counts = weekly_counts(workspace)
    assert counts[("jdv", 9, "visit")] == 2  # external was decided at import, so the count stays


def test_changing_the_rules_reclassifies_without_reimport(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "-w", str(workspace))
    for path in (workspace / "imports").rglob("*"):
        if path.is_file():
            path.unlink()  # the calendars are gone: only the store is left
    classify = workspace / "classify.toml"
    classify.write_text(classify.read_text().replace('categories = ["Bellen", "Call"]', 'categories = ["Bellen", "Call", "Klantbezoek"]')
                        .replace('categories = ["Klantbezoek", "Client visit"]', 'categories = ["Client visit"]'))
    code, out, _ = run(capsys, "events", "-w", str(workspace), "--person", "pvdberg", "--week", "18", "--format", "csv")
    assert code == 0
    assert ",counted,call,#5 categories=Bellen|Call|Klantbezoek," in out


def test_whose_calendar(tmp_path: Path, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(DATA / "ics" / "google_utc.ics", loose / "export.ics")  # X-WR-CALNAME is Sanne's address
    shutil.copy(DATA / "ics" / "cp1252.ics", loose / "kbos.ics")  # named after a person id
    shutil.copy(DATA / "ics" / "reply.ics", loose / "unknown.ics")
    code, out, _ = run(capsys, "import", "-w", str(workspace), str(loose))
    assert "export.ics: imported 5 (sbakker)" in out
    assert "kbos.ics: imported 1 (kbos)" in out
    assert "unknown.ics: failed: cannot tell whose calendar this is" in out and code == 2
    code, out, _ = run(capsys, "import", "-w", str(workspace), "--person", "mjanssen", str(loose / "unknown.ics"))
    assert code == 0 and "imported 0 (mjanssen)" in out and "skipped: reply 1" in out  # a reply is no appointment
    shutil.copy(DATA / "ics" / "google_utc.ics", loose / "someone.ics")
    code, out, _ = run(capsys, "import", "-w", str(workspace), "--person", "mjanssen", str(loose / "someone.ics"))
    assert code == 0 and "someone.ics: imported 5 (mjanssen)" in out


def test_events_and_usage_errors(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "events", "-w", str(workspace))
    assert code == 2 and "nothing imported yet" in err
    run(capsys, "import", "-w", str(workspace))
    code, out, _ = run(capsys, "events", "-w", str(workspace), "--person", "jdv", "--state", "unclassified")
    assert code == 0 and "Intern overleg" in out and "(private)" in out and "Tandarts" not in out
    code, _, err = run(capsys, "import", "-w", str(workspace), "--person", "nobody")
    assert code == 2 and "unknown person nobody" in err


def test_store_is_versioned_and_refuses_a_newer_one(tmp_path: Path) -> None:
    path = tmp_path / "imm.sqlite"
    with Store.open(path) as store:
        assert store.version == 5 and store.integrity_ok()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    from imm_tui.ingest.store import StoreError

    with pytest.raises(StoreError, match="newer IMM"):
        Store.open(path)


def test_report_csv_matches_the_hand_count(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    run(capsys, "import", "-w", str(workspace))
    code, out, _ = run(capsys, "report", "-w", str(workspace), "--format", "csv", "--by", "week")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:6] == ["person", "team", "period", "activity", "required", "actual"]
    counted = {(r["person"], int(r["period"][-2:]), r["activity"]): float(r["actual"]) for r in rows if r["actual"] not in ("", "0.000000")}
    assert counted == {key: float(n) for key, n in EXPECTED.items()}
    last = [r for r in rows if r["person"] == "jdv" and r["activity"] == "visit" and r["period"] == "2027-W41"]
    assert last[0]["actual"] == ""  # after the last imported day (5 Oct, W40): plan only


def test_an_older_store_is_backed_up_then_upgraded_in_place(tmp_path: Path) -> None:
    from imm_tui.ingest import store as store_module

    path = tmp_path / "imm.sqlite"
    old = sqlite3.connect(path)
    for statement in store_module.MIGRATIONS[1].split(";"):
        if statement.strip():
            old.execute(statement)
    old.execute("INSERT INTO files (id, path, person, sha256, size, mtime_ns, imported_at, items)"
                " VALUES (1, 'a.ics', 'jdv', 'x', 1, 1, 'now', 1)")
    old.execute("INSERT INTO items VALUES ('jdv','u','',1,'2027-03-01T08:00:00Z','2027-03-01',2027,9,60,0,'Bezoek','',"
                "'Klantbezoek','klant.example',1,0,0,0,0,0,'visit',0,0,NULL,NULL,NULL)")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    with Store.open(path) as store:
        assert store.version == store_module.SCHEMA_VERSION == 5 and store.integrity_ok()
        assert store.items(("uid", "activity")) == [("u", "visit")]
        columns = {r[1] for r in store.connection.execute("PRAGMA table_info(files)")}
        assert {"covers_from", "covers_to"} <= columns  # v4: what each file covers
        tables = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"orders", "order_files"} <= tables  # v5: orders from a CRM export
        indexes = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        table = store.connection.execute("SELECT sql FROM sqlite_master WHERE name = 'items'").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError):  # (person, uid, occurrence) is still one item
            store.connection.execute("INSERT INTO items SELECT * FROM items")
    assert {"items_by_year", "items_by_day", "items_by_file"} <= indexes
    assert "WITHOUT ROWID" not in table.upper()
    backup = sqlite3.connect(tmp_path / "imm.sqlite.v1.bak")
    assert backup.execute("PRAGMA user_version").fetchone() == (1,)
    assert backup.execute("SELECT count(*) FROM items").fetchone() == (1,)
    backup.close()


def test_limits_are_settings_and_reported(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = workspace / "imports" / "jdv"
    long_description = "DESCRIPTION:" + "x" * 5000
    text = (DATA / "ics" / "outlook_windows_tz.ics").read_text().replace("DESCRIPTION:", long_description[:5012] + "\\n", 1)
    (folder / "outlook_windows_tz.ics").write_text(text)
    code, out, _ = run(capsys, "import", "-w", str(workspace), "--max-line-kb", "2", "--max-occurrences", "2", "--max-file-mb", "1")
    assert "1 line(s) longer than 2 KB were cut to that length" in out
    assert "series 'byday-spaces' skipped: more than 2 occurrences in the plan year" in out
    big = workspace / "imports" / "sbakker" / "huge.ics"
    big.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X" * (2 << 20))
    code, out, _ = run(capsys, "import", "-w", str(workspace), "--max-file-mb", "1")
    assert code == 2 and "huge.ics: failed: file is larger than 1 MB (see --max-file-mb)" in out


def test_two_nameless_files_of_one_person_are_two_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`main-calendar.csv` and `shared-calls.csv`: neither names its calendar, both cover March; each keeps its
    items, and an appointment both hold is stored once and counted once."""
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    folder = root / "imports" / "jdv"
    folder.mkdir(parents=True)
    header = "Subject,Start Date,Start Time,End Date,End Time,Categories\r\n"
    main_rows = "".join(f"Klantbezoek {d},3/{d}/2027,9:00,3/{d}/2027,10:00,Klantbezoek\r\n" for d in (2, 9, 16, 23))
    calls = "".join(f"Bellen {d},3/{d}/2027,14:00,3/{d}/2027,14:30,Telefoon\r\n" for d in (3, 10, 17))
    shared = "Klantbezoek 9,3/9/2027,9:00,3/9/2027,10:00,Klantbezoek\r\n"  # the same appointment in both files
    (folder / "main-calendar.csv").write_text(header + main_rows, encoding="utf-8")
    (folder / "shared-calls.csv").write_text(header + calls + shared, encoding="utf-8")
    assert main(["import", "-w", str(root)]) == 0
    out = capsys.readouterr().out
    with sqlite3.connect(root / "imm.sqlite") as db:
        stored = db.execute("SELECT count(*) FROM items WHERE person = 'jdv'").fetchone()[0]
        per_file = dict(db.execute("SELECT path, items FROM files").fetchall())
    assert stored == 4 + 3  # nothing of either file lost; the shared appointment once
    assert sum(per_file.values()) == stored
    said = {line.split(": imported ")[0].rsplit("/", 1)[1]: int(line.split(": imported ")[1].split()[0])
            for line in out.splitlines() if ": imported " in line}
    assert said == {"main-calendar.csv": per_file[str(folder / "main-calendar.csv")],
                    "shared-calls.csv": per_file[str(folder / "shared-calls.csv")]}


def test_coverage_of_a_march_only_and_a_january_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """tests/data/coverage: `march-only.ics` states its range (X-CALSTART/X-CALEND: 1 March to 1 April,
    exclusive); `ends-in-january.ics` states none, its items run from Monday 4 to Friday 29 January."""
    import csv
    import io

    root = coverage_workspace(tmp_path / "ws")
    assert main(["import", "-w", str(root)]) == 0
    with Store.open(root / "imm.sqlite") as store:
        assert store.coverage() == {"jdv": [(date(2027, 3, 1), date(2027, 3, 31))],
                                    "sbakker": [(date(2027, 1, 4), date(2027, 1, 31))]}  # the whole weeks of its items
    capsys.readouterr()
    assert main(["report", "-w", str(root), "--person", "jdv,sbakker", "--activity", "visit", "--by", "month",
                 "--as-of", "2027-06-30", "--format", "csv"]) == 0
    rows = {(r["person"], r["period"]): r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows[("jdv", "2027-01")]["status"] == "not covered" and rows[("jdv", "2027-01")]["actual"] == ""
    assert rows[("jdv", "2027-03")]["actual"] not in ("", "0.000000")
    assert rows[("sbakker", "2027-01")]["status"] in ("on track", "behind", "at risk")
    assert all(rows[("sbakker", f"2027-{m:02d}")]["status"] == "not covered" for m in range(2, 8))  # never judged after January
    assert rows[("sbakker", "2027-09")]["status"] == ""  # not happened yet



def test_an_import_is_stamped_with_the_day_imm_today_fixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """IMM_TODAY fixes today for the import's stamp too: an export imported on 15 March covers its period only up to
    then (what came after was still a plan), and `imm status` shows that day as the last import."""
    import csv
    import io

    monkeypatch.setenv("IMM_TODAY", "2027-03-15")
    root = coverage_workspace(tmp_path / "ws")
    assert main(["import", "-w", str(root)]) == 0
    with Store.open(root / "imm.sqlite") as store:
        assert store.coverage()["jdv"] == [(date(2027, 3, 1), date(2027, 3, 15))]
    capsys.readouterr()
    assert main(["status", "-w", str(root), "--format", "csv"]) == 0
    rows = {r["person"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["jdv"]["last_import"] == rows["sbakker"]["last_import"] == "2027-03-15"
    monkeypatch.setenv("IMM_TODAY", "15 March")
    assert main(["status", "-w", str(root)]) == 2
    assert "IMM_TODAY must be a day as YYYY-MM-DD, not '15 March'" in capsys.readouterr().err

def test_status_names_whose_export_to_ask_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    root = coverage_workspace(tmp_path / "ws")
    assert main(["import", "-w", str(root)]) == 0
    capsys.readouterr()
    assert main(["status", "-w", str(root), "--as-of", "2027-03-31", "--format", "csv"]) == 0
    rows = {r["person"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    # jdv: covered 1–31 March, judged as of 31 March: weeks 9–13 of 13 → partial; sbakker: nothing after 31 January,
    # more than 14 days (stale_after_days) before the as-of day → stale; the 22 others: no calendar
    assert rows["jdv"]["state"] == "partial" and (rows["jdv"]["weeks_covered"], rows["jdv"]["weeks_happened"]) == ("5", "13")
    assert rows["sbakker"]["state"] == "stale" and rows["sbakker"]["covered_to"] == "2027-01-31"
    assert {r["state"] for p, r in rows.items() if p not in ("jdv", "sbakker")} == {"no calendar"}
    ranks = [("no calendar", "stale", "partial", "ok").index(r["state"]) for r in rows.values()]
    assert ranks == sorted(ranks)  # worst first
    assert main(["--lang", "nl", "status", "-w", str(root), "--as-of", "2027-03-31"]) == 0
    out = capsys.readouterr().out
    assert "verouderd" in out and "gedeeltelijk" in out and "Agenda opslaan" in out  # states and how to export, in Dutch


_ADDRESSES = st.sampled_from(["", "me@own.example", "ann@own.example", "bob@klant.example", "zaal1@own.example", "x@a@b.example",
                              "no-at-sign", "eve@sub.klant.example"])


@settings(max_examples=300, deadline=None)
@given(
    attendees=st.lists(st.builds(Attendee, _ADDRESSES, st.sampled_from(["", "DECLINED", "ACCEPTED"]),
                                 st.sampled_from(["", "INDIVIDUAL", "ROOM", "RESOURCE"])), max_size=6),
    organizer=_ADDRESSES,
    owner=st.sampled_from(["", "me@own.example", "zaal1@own.example"]),
)
def test_who_an_item_meets_is_read_as_the_plain_definition_says(attendees: list[Attendee], organizer: str, owner: str) -> None:
    """rows._people (one loop) against its definition: the owner declined when any attendee with the owner's
    address declined; the domains of the other attendees (rooms left out) and the organiser, sorted, once each."""
    from imm_tui.ingest.rows import _people

    item = RawItem(uid="u", occurrence="", start=date(2027, 1, 4), end=None, all_day=True, attendees=tuple(attendees),
                   organizer=organizer)
    declined = bool(owner) and any(a.email == owner and a.partstat == "DECLINED" for a in attendees)
    domains = tuple(sorted({address.split("@", 1)[1] for address in [*(a.email for a in attendees if not a.is_room), organizer]
                            if "@" in address and address != owner}))
    assert _people(item, owner) == (declined, domains, ",".join(domains))
