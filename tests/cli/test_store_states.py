"""Read-only and broken stores: read-only commands work on a workspace nobody may write; a store that is
garbage, a folder or from a newer IMM is a clear exit 2; a failed statement reports its own error."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from imm_tui.cli import main
from imm_tui.ingest.store import SHARE_CALENDAR, Store
from tests.conftest import DEMO

DATA = Path(__file__).resolve().parent.parent / "data"
NOBODY = 65534


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    (root / "imports" / "jdv").mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", root / "imports" / "jdv")
    assert main(["import", "-w", str(root)]) == 0
    return root


@pytest.fixture
def read_only(imported: Path) -> Iterator[Path]:
    """The workspace in a folder another user may read but not write (as root: commands run as nobody)."""
    shared = Path(tempfile.mkdtemp(prefix="imm-ro-"))
    shared.chmod(0o755)
    root = shared / "ws"
    shutil.copytree(imported, root)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    yield root
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(shared)


def as_reader(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`imm *args` as a user who may not write the workspace: this user when not root (the folders are
    read-only), else nobody (root may write anything)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot become a user who may not write")
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    env = {**os.environ, "IMM_HOME": str(home)}
    return subprocess.run([*prefix, sys.executable, "-m", "imm_tui.cli", *args], capture_output=True, text=True, env=env,
                          cwd=home, timeout=120, check=False)


def test_read_only_commands_work_on_a_read_only_workspace(read_only: Path) -> None:
    home = Path(tempfile.mkdtemp(prefix="imm-home-"))
    home.chmod(0o777)
    before = {p.name: p.read_bytes() for p in read_only.iterdir() if p.is_file()}
    for command in (["report", "--level", "org", "--format", "csv"], ["insights", "--format", "csv"], ["events"], ["privacy"],
                    ["checklist"], ["check"], ["plan", "--by", "year"]):
        done = as_reader(*command, "-w", str(read_only), home=home)
        assert done.returncode == 0, (command, done.stderr)
    done = as_reader("events", "-w", str(read_only), home=home)
    assert "Intern overleg" in done.stdout
    done = as_reader("import", "-w", str(read_only), home=home)
    if os.geteuid() == 0 or not os.access(read_only, os.W_OK):
        assert done.returncode == 2 and "imm.sqlite" in done.stderr and "internal error" not in done.stderr
    assert {p.name: p.read_bytes() for p in read_only.iterdir() if p.is_file()} == before  # not a byte written, no -wal/-shm
    shutil.rmtree(home)


def test_a_rule_changed_since_the_import_applies_to_a_read_only_store_in_memory(imported: Path) -> None:
    rules = imported / "classify.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n[[rules]]\nsubject = '(?i)overleg'\nactivity = \"call\"\n",
                     encoding="utf-8")
    store_bytes = (imported / "imm.sqlite").read_bytes()
    with Store.open(imported / "imm.sqlite", readonly=True) as store:
        from imm_tui.ingest.reclassify import ensure_classified
        from imm_tui.model.workspace import load_workspace

        assert ensure_classified(store, load_workspace(imported)) > 0 and store.in_memory
        row = store.connection.execute("SELECT activity FROM items WHERE subject = 'Intern overleg'").fetchone()
        assert row == ("call",)
    assert (imported / "imm.sqlite").read_bytes() == store_bytes  # re-classified for this command only


@pytest.mark.parametrize("kind", ["garbage", "folder", "newer", "empty-garbage"])
def test_a_broken_store_is_exit_2_with_a_hint(imported: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = imported / "imm.sqlite"
    store.unlink()
    if kind == "garbage":
        store.write_bytes(b"this is not a database at all" * 100)
    elif kind == "empty-garbage":
        store.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    elif kind == "folder":
        store.mkdir()
    else:
        with sqlite3.connect(store) as db:
            db.execute("PRAGMA user_version = 99")
    for command in (["report"], ["events"], ["import"], ["privacy"], ["forget", "--person", "jdv"]):
        code = main([*command, "-w", str(imported)])
        _, err = capsys.readouterr()
        assert code == 2, (command, err)
        assert "internal error" not in err and "imm.sqlite" in err
        hint = {"garbage": "move it away", "empty-garbage": "move it away", "folder": "is a folder", "newer": "newer IMM"}[kind]
        assert hint in err, (command, err)


def test_a_failed_statement_reports_its_own_error_not_the_rollback(tmp_path: Path) -> None:
    path = tmp_path / "imm.sqlite"
    with Store.open(path) as store:
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        store.connection.execute(f"PRAGMA max_page_count = {pages + 1}")  # a disk that is full after one more page
        row = ("jdv", "u", "", 0, "2027-01-04T09:00:00+0000", "2027-01-04", 2027, 1, 60.0, 0, "x" * 5000, None, "", "", 0, 0, 0,
               0, 0, 0, "visit", "#1", 0, None, None, None)
        with pytest.raises(sqlite3.Error, match="full"):
            store.replace_file(path="a.ics", person="jdv", calendar="", sha256="s", size=1, mtime_ns=1, imported_at="now",
                               rows=[row[:2] + (str(i),) + row[3:] for i in range(200)], warnings="")
        assert not store.connection.in_transaction
        assert store.connection.execute("SELECT COUNT(*) FROM files").fetchone() == (0,)  # nothing half-written
        assert store.connection.execute("PRAGMA foreign_keys").fetchone() == (1,)  # on again after the failed write


def test_writing_a_file_checks_no_foreign_key_yet_leaves_none_dangling(tmp_path: Path) -> None:
    """replace_file writes items with SQLite's foreign-key check off (each refers to the file row just written);
    what the cascade deleted is deleted by name: a newer hand-in, a re-read path, an overlapping export."""
    row = ("jdv", "u", "", 0, "2027-01-04T09:00:00Z", "2027-01-04", 2027, 1, 60.0, 0, "x", None, "", "", 0, 0, 0,
           0, 0, 0, "visit", 1, 0, None, None, None)
    with Store.open(tmp_path / "imm.sqlite") as store:
        def write(path: str, calendar: str, uids: range) -> int:
            return store.replace_file(path=path, person="jdv", calendar=calendar, sha256="s", size=1, mtime_ns=1, imported_at="now",
                                      rows=[row[:1] + (f"u{i}",) + row[2:] for i in uids], warnings="")

        assert write("a.ics", "", range(5)) == 5
        assert write("a.ics", "", range(3)) == 3  # the same path again: its earlier items go
        assert write("hand-in-1.json", SHARE_CALENDAR, range(10, 14)) == 4
        assert write("hand-in-2.json", SHARE_CALENDAR, range(20, 22)) == 2  # a newer hand-in replaces the earlier file
        db = store.connection
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT file_id, count(*) FROM items GROUP BY file_id").fetchall() == [
            (db.execute("SELECT id FROM files WHERE path = 'a.ics'").fetchone()[0], 3),
            (db.execute("SELECT id FROM files WHERE path = 'hand-in-2.json'").fetchone()[0], 2)]


def test_an_error_after_sqlite_rolled_back_by_itself_is_the_error_raised(tmp_path: Path) -> None:
    """After some disk-full and I/O errors SQLite has already rolled the transaction back; the ROLLBACK
    that follows then fails ('no transaction is active') and used to take the real error's place."""
    with Store.open(tmp_path / "imm.sqlite") as store:
        with pytest.raises(OSError, match="No space left on device"), store.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES ('a', 'b')")
            db.execute("ROLLBACK")  # what SQLite does by itself
            raise OSError(28, "No space left on device")
        assert store.meta("a") is None
