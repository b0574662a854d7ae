"""Every file IMM writes is its owner's only (0600, folders it makes 0700), deleted rows are overwritten, and
count-only mode keeps no calendar text anywhere in the store."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from imm_tui.cli import main
from imm_tui.ingest.store import Store
from tests.ingest.conftest import workspace  # noqa: F401 - the fixture


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """A usual umask (022): without IMM's care, new files would be readable by everyone."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_store_exports_backups_and_log_are_owner_only(workspace: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "import", "-w", str(workspace), "--workers", "1")[0] == 0
    stores = list(workspace.glob("imm.sqlite*"))
    assert stores and all(mode(p) == 0o600 for p in stores), {p.name: oct(mode(p)) for p in stores}
    with Store.open(workspace / "imm.sqlite") as store:  # -wal and -shm while it is open
        store.connection.execute("SELECT count(*) FROM items").fetchone()
        assert {p.name: mode(p) for p in workspace.glob("imm.sqlite*")} == {p.name: 0o600 for p in workspace.glob("imm.sqlite*")}
    out = workspace / "exports" / "deep" / "report.csv"
    assert run(capsys, "report", "-w", str(workspace), "--format", "csv", "-o", str(out))[0] == 0
    assert mode(out) == 0o600 and mode(out.parent) == 0o700
    plan = workspace / "plan.toml"
    plan.chmod(0o644)
    from imm_tui.model.atomic import write_atomic

    write_atomic(plan, plan.read_bytes())
    assert mode(plan) == 0o600 and mode(workspace / "plan.toml.bak") == 0o600
    monkeypatch.setenv("IMM_HOME", str(tmp_path / "home"))
    from imm_tui.cli.common import log_traceback

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        log = log_traceback()
    assert log is not None and mode(log) == 0o600 and mode(log.parent) == 0o700


def test_a_new_workspace_and_the_demo_copy_are_private(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "init", str(tmp_path / "new"))[0] == 0
    assert {p.name: mode(p) for p in (tmp_path / "new").iterdir()} == {
        "plan.toml": 0o600, "classify.toml": 0o600, "accounts.csv": 0o600, "imports": 0o700, "exports": 0o700}
    monkeypatch.setenv("IMM_HOME", str(tmp_path / "home"))
    from imm_tui.bundled import demo_workspace

    demo = demo_workspace()
    assert all(mode(p) == (0o700 if p.is_dir() else 0o600) for p in [demo, *demo.rglob("*")])


def test_an_existing_store_readable_by_others_is_made_private_and_deletes_are_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "imm.sqlite"
    sqlite3.connect(path).close()
    path.chmod(0o644)
    with Store.open(path) as store:
        assert store.connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert mode(path) == 0o600


def test_count_only_keeps_no_uid_calendar_name_or_time_zone_name(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    rules = workspace / "classify.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("count_only = false", "count_only = true"), encoding="utf-8")
    hostile = workspace / "imports" / "jdv" / "odd.ics"
    hostile.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Secret Calendar Name\r\n"
        "BEGIN:VEVENT\r\nUID:uid-secret-series\r\nSUMMARY:Klantbezoek Geheim BV\r\n"
        "DTSTART;TZID=Secret/Zone:20270301T090000\r\nDTEND;TZID=Secret/Zone:20270301T100000\r\n"
        "RRULE:FREQ=SECONDLY;COUNT=100000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:uid-secret-one\r\nSUMMARY:Geheim overleg\r\n"
        "DTSTART;TZID=Secret/Zone:20270302T090000\r\nDTEND;TZID=Secret/Zone:20270302T100000\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "-w", str(workspace), "--workers", "1")
    assert code == 0 and "Secret/Zone" in out  # the person importing is told exactly what happened
    with sqlite3.connect(workspace / "imm.sqlite") as db:
        warnings = "\n".join(r[0] for r in db.execute("SELECT warnings FROM files"))
        stored = db.execute("SELECT group_concat(uid, ' ') FROM items").fetchone()[0]
        calendars = [r[0] for r in db.execute("SELECT calendar FROM files")]
    assert "unknown time zone '…'" in warnings and "series '…' skipped" in warnings
    dump = "\n".join(sqlite3.connect(workspace / "imm.sqlite").iterdump())
    for secret in ("Secret", "uid-secret", "Geheim"):  # categories stay: count-only counts by them
        assert secret not in dump, secret
    assert all(uid.startswith("h:") for uid in stored.split())
    assert all(c == "" or c.startswith("h:") for c in calendars)
    assert run(capsys, "import", "-w", str(workspace), "--workers", "1")[0] == 0  # a re-import still finds its items
    with sqlite3.connect(workspace / "imm.sqlite") as db:
        assert db.execute("SELECT group_concat(uid, ' ') FROM items").fetchone()[0] == stored


def test_forget_names_an_unknown_person_and_exits_2(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    run(capsys, "import", "-w", str(workspace), "--workers", "1")
    code, out, err = run(capsys, "forget", "-w", str(workspace), "--person", "nobody")
    assert code == 2 and "'nobody' is not a person id" in err and "removed" not in out
    code, out, err = run(capsys, "forget", "-w", str(workspace), "--person", "mjanssen")
    assert code == 2 and "'mjanssen' has nothing stored" in err


