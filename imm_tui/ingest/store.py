"""The local activity store, `<workspace>/imm.sqlite`.

Keeps only what the monitor and the rules need: per occurrence its week, duration, categories, flags,
attendee *domains* (never addresses or names), and — unless the item is private or the workspace is
count-only — its subject and location. Every imported file is written in one transaction, so a failed
or interrupted import leaves the store as it was. The schema carries a version and migrates in place.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from imm_tui.ingest.schema import ITEM_COLUMNS, MIGRATIONS, SCHEMA_VERSION
from imm_tui.model.atomic import private_file, tighten
from imm_tui.model.problems import InputError, Problem

SHARE_CALENDAR = "imm-share"  # ingest/share.py: the calendar name of counts-only hand-ins
BUSY_TIMEOUT_MS = 10_000


def _weeks_of(first: str | None, last: str | None) -> tuple[str | None, str | None]:
    """What an export that does not state its range covers: the whole ISO weeks of its first and last item
    (its items show the calendar was kept in those weeks)."""
    if first is None or last is None:
        return None, None
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return (start - timedelta(days=start.weekday())).isoformat(), (end + timedelta(days=6 - end.weekday())).isoformat()


def merged(periods: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Periods (first and last day, inclusive) joined where they overlap or touch, in order."""
    out: list[tuple[date, date]] = []
    for first, last in sorted(periods):
        if out and first <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


class StoreError(InputError):
    """The store cannot be opened or is newer than this version of IMM: a problem of the user's file,
    said with what to do (the commands exit 2 with it, the app shows it)."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__([Problem(str(path), None, "", message)])


@dataclass(frozen=True)
class FileRecord:
    id: int
    path: str
    person: str
    sha256: str
    size: int
    mtime_ns: int


class Store:
    """An open store. Use `with Store.open(path) as store:`."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
        self.connection = connection
        self.path = path
        self.readonly = readonly
        self.in_memory = False

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> Store:
        """The store at `path`, created when missing; `readonly` never writes a byte to it or beside it
        (an older schema and a re-classification are then applied to a copy in memory)."""
        if path.is_dir():
            raise StoreError(path, "is a folder, not IMM's activity store: move it away (imm import builds a new store)")
        if readonly and not path.exists():
            raise StoreError(path, "no activity store here: run imm import first")
        store = None
        try:
            store = cls(cls._read_only(path) if readonly else cls._read_write(path), path, readonly=readonly)
            store._migrate()
        except (sqlite3.DatabaseError, OSError, StoreError) as error:
            if store is not None:
                store.close()
            if isinstance(error, StoreError):
                raise
            if isinstance(error, OSError):
                raise StoreError(path, f"cannot open the activity store: {error.strerror or error}") from None
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise StoreError(path, "is busy: another IMM is writing to it; try again when it is done") from None
            raise StoreError(path, f"is not an activity store IMM can read ({error}): move it away, and imm import "
                                   "builds a new one from the calendars") from None
        return store

    @classmethod
    def open_for_reading(cls, path: Path) -> Store:
        """For commands that only read: read-write where IMM may write the store and its folder (so a
        re-classification after a rule change is kept for next time), read-only where it may not."""
        folder = path.parent
        writable = os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
        return cls.open(path, readonly=not writable)

    @staticmethod
    def _read_write(path: Path) -> sqlite3.Connection:
        private_file(path)  # before SQLite creates it with the default mode; its -wal and -shm take this mode
        for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if companion.exists():
                tighten(companion)
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten, however SQLite was built
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    @staticmethod
    def _read_only(path: Path) -> sqlite3.Connection:
        """SQLite's read-only mode; in a folder where the -shm file cannot be made (a read-only workspace,
        no import running), the store is read as an unchanging file."""
        uri = path.resolve().as_uri()
        try:
            connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            connection.execute("PRAGMA user_version").fetchone()
        except sqlite3.OperationalError:
            if path.with_name(path.name + "-wal").exists():
                raise
            connection = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
        connection.execute("PRAGMA query_only = ON")
        return connection

    def into_memory(self) -> None:
        """Go on with a copy of the store in memory: what changes now (a migration, a re-classification
        for this report) is never written back. For a read-only store."""
        memory = sqlite3.connect(":memory:", isolation_level=None)
        self.connection.backup(memory)
        self.connection.close()
        self.connection = memory
        self.in_memory = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    @property
    def version(self) -> int:
        row = self.connection.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    def _migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise StoreError(self.path, f"was written by a newer IMM (schema {current}, this one knows {SCHEMA_VERSION}): "
                                        "update IMM, or move the store away and import the calendars again")
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            self.into_memory()  # an older schema, upgraded for this command only
        elif current > 0:
            self.backup(self.path.with_name(f"{self.path.name}.v{current}.bak"))
        with self.transaction():
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self.connection.execute(statement)
            self.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def backup(self, target: Path) -> None:
        """A consistent copy of the store (SQLite's online backup), e.g. before an upgrade."""
        copy = sqlite3.connect(private_file(target))
        try:
            self.connection.backup(copy)
        finally:
            copy.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error: all of it or nothing. The error that
        stopped it is the one raised: after a full disk SQLite has already rolled back, and a ROLLBACK
        that then fails must not take its place."""
        if self.readonly and not self.in_memory:
            raise StoreError(self.path, "is open read-only: this command cannot change it")
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            if self.connection.in_transaction:
                with suppress(sqlite3.Error):
                    self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    @contextmanager
    def _writing_children(self) -> Iterator[sqlite3.Connection]:
        """A transaction that writes a file's row and then its items: SQLite's foreign-key check of each item (a
        quarter of the write) is off for it, since every item refers to the file row written just before, and
        what the cascade would delete is deleted by name. The pragma cannot change inside a transaction; it is
        on again after, also when the transaction failed."""
        self.connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction() as db:
                yield db
        finally:
            self.connection.execute("PRAGMA foreign_keys = ON")

    # --- files -----------------------------------------------------------------------------------
    def file(self, path: str) -> FileRecord | None:
        row = self.connection.execute("SELECT id, path, person, sha256, size, mtime_ns FROM files WHERE path = ?", (path,)).fetchone()
        return FileRecord(*row) if row else None

    def files(self) -> list[FileRecord]:
        rows = self.connection.execute("SELECT id, path, person, sha256, size, mtime_ns FROM files ORDER BY path").fetchall()
        return [FileRecord(*row) for row in rows]

    def touch(self, record: FileRecord, size: int, mtime_ns: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, record.id))

    def replace_file(
        self,
        *,
        path: str,
        person: str,
        calendar: str,
        sha256: str,
        size: int,
        mtime_ns: int,
        imported_at: str,
        rows: Sequence[tuple[object, ...]],
        warnings: str,
        covers: tuple[date, date] | None = None,
    ) -> int:
        """Write one file's items in one transaction; returns how many of them the store now holds.

        A newer export of the same calendar (same person and the same, non-empty calendar name) replaces
        that calendar's items in the days the new file covers: what was deleted or moved in Outlook goes
        here too. Files without a calendar name replace only themselves (same path): two such files of one
        person (`main-calendar.csv`, `shared-calls.csv`) are two sources, both kept. An item both files hold
        (same UID and occurrence) is stored once, for the newer file, and every file's count says so.
        """
        days = [str(r[5]) for r in rows]
        first, last = (min(days), max(days)) if days else (None, None)
        covers_from, covers_to = (covers[0].isoformat(), covers[1].isoformat()) if covers else _weeks_of(first, last)
        with self._writing_children() as db:
            if calendar == SHARE_CALENDAR:  # a newer hand-in replaces the person's previous one, wherever it was
                db.execute("DELETE FROM items WHERE file_id IN (SELECT id FROM files WHERE person = ? AND calendar = ?)",
                           (person, calendar))
                db.execute("DELETE FROM files WHERE person = ? AND calendar = ?", (person, calendar))
            previous = db.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
            if previous:
                db.execute("DELETE FROM items WHERE file_id = ?", (previous[0],))
                db.execute("DELETE FROM files WHERE id = ?", (previous[0],))
            if first is not None and calendar:
                db.execute(
                    "DELETE FROM items WHERE person = ? AND local_day BETWEEN ? AND ?"
                    " AND file_id IN (SELECT id FROM files WHERE person = ? AND calendar = ?)",
                    (person, first, last, person, calendar),
                )
            cursor = db.execute(
                "INSERT INTO files (path, person, calendar, sha256, size, mtime_ns, imported_at, first_day, last_day, items, warnings,"
                " covers_from, covers_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, person, calendar, sha256, size, mtime_ns, imported_at, first, last, len(rows), warnings, covers_from, covers_to),
            )
            file_id = int(cursor.lastrowid or 0)
            # The rows as they are, their file_id slot (0) left unread: the new id is written into the statement
            # (an integer SQLite just gave), which spares a copy of every row.
            values = ", ".join(str(file_id) if column == "file_id" else f"?{n}" for n, column in enumerate(ITEM_COLUMNS, start=1))
            db.executemany(f"INSERT OR REPLACE INTO items ({', '.join(ITEM_COLUMNS)}) VALUES ({values})", rows)
            db.execute("UPDATE files SET items = (SELECT count(*) FROM items WHERE items.file_id = files.id) WHERE person = ?",
                        (person,))
            stored = db.execute("SELECT items FROM files WHERE id = ?", (file_id,)).fetchone()
        return int(stored[0])

    # --- orders (a CRM or ERP export) --------------------------------------------------------------
    def order_file(self, path: str) -> FileRecord | None:
        row = self.connection.execute("SELECT id, path, '', sha256, size, mtime_ns FROM order_files WHERE path = ?", (path,)).fetchone()
        return FileRecord(*row) if row else None

    def touch_orders(self, record: FileRecord, size: int, mtime_ns: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE order_files SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, record.id))

    def replace_orders(self, *, path: str, sha256: str, size: int, mtime_ns: int, imported_at: str,
                       lines: Sequence[tuple[object, ...]], warnings: str) -> int:
        """Write one orders file in one transaction, replacing what the same path held; returns its lines stored.
        `lines`: (line, person, day, iso_year, iso_week, value, account, product, order_id). An order number
        an earlier file holds too is kept once, for this newer file (monthly exports that overlap)."""
        with self.transaction() as db:
            previous = db.execute("SELECT id FROM order_files WHERE path = ?", (path,)).fetchone()
            if previous:
                db.execute("DELETE FROM order_files WHERE id = ?", (previous[0],))  # its orders go with it (cascade)
            numbers = [(str(row[8]),) for row in lines if row[8]]
            if numbers:
                db.executemany("DELETE FROM orders WHERE order_id = ?", numbers)
            file_id = db.execute(
                "INSERT INTO order_files (path, sha256, size, mtime_ns, imported_at, lines, warnings) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (path, sha256, size, mtime_ns, imported_at, len(lines), warnings)).lastrowid
            db.executemany("INSERT INTO orders (file_id, line, person, day, iso_year, iso_week, value, account, product, order_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ((file_id, *row) for row in lines))
            db.execute("UPDATE order_files SET lines = (SELECT count(*) FROM orders WHERE orders.file_id = order_files.id)")
            stored = db.execute("SELECT lines FROM order_files WHERE id = ?", (file_id,)).fetchone()
        return int(stored[0])

    def has_orders(self) -> bool:
        return self.connection.execute("SELECT 1 FROM order_files LIMIT 1").fetchone() is not None

    def coverage(self) -> dict[str, list[tuple[date, date]]]:
        """Per person, the periods their imported calendars cover, merged: each file from the start of what it
        covers to its end, but never past the day it was imported (what came after was still a plan) —
        unless it was imported before its period began (a plan year still to come, as in the demo)."""
        spans: dict[str, list[tuple[date, date]]] = {}
        for person, start, end, imported in self.connection.execute(
                "SELECT person, covers_from, covers_to, imported_at FROM files WHERE covers_from IS NOT NULL"):
            first, last, on = date.fromisoformat(start), date.fromisoformat(end), date.fromisoformat(str(imported)[:10])
            last = min(last, on) if on >= first else last
            if last >= first:
                spans.setdefault(str(person), []).append((first, last))
        return {person: merged(periods) for person, periods in spans.items()}

    def facts_per_person(self, year: int) -> dict[str, tuple[int, int, int, date | None]]:
        """Per person: files, items in ISO year `year`, how many of those no rule counted or skipped, last import day."""
        files = {str(person): (int(count), str(last)[:10]) for person, count, last in
                 self.connection.execute("SELECT person, count(*), max(imported_at) FROM files GROUP BY person")}
        items = {str(person): (int(total), int(open_)) for person, total, open_ in self.connection.execute(
            "SELECT person, count(*), sum(activity IS NULL AND skip_reason IS NULL) FROM items WHERE iso_year = ? GROUP BY person",
            (year,))}
        return {person: (count, *items.get(person, (0, 0)), date.fromisoformat(last) if last else None)
                for person, (count, last) in files.items()}

    def share_counts(self, person: str, year: int) -> list[tuple[object, ...]]:
        """A person's counted items of ISO year `year` as counts: (week, last day, activity, rule, commitment,
        account_status, external, count), for a counts-only hand-in (ingest/share.py)."""
        return self.connection.execute(
            "SELECT iso_week, max(local_day), activity, rule, commitment, account_status, external, count(*) FROM items"
            " WHERE person = ? AND iso_year = ? AND activity IS NOT NULL AND skip_reason IS NULL"
            " GROUP BY iso_week, activity, rule, commitment, account_status, external ORDER BY iso_week, activity, rule",
            (person, year)).fetchall()

    def stored_items(self) -> dict[str, int]:
        """How many items the store holds for each file, by path (an item two files hold counts for the newer)."""
        return {str(path): int(count) for path, count in self.connection.execute("SELECT path, items FROM files")}

    # --- items -----------------------------------------------------------------------------------
    def items(self, columns: Iterable[str] = ITEM_COLUMNS, where: str = "", params: Sequence[object] = ()) -> list[tuple[object, ...]]:
        names = ", ".join(columns)
        sql = f"SELECT {names} FROM items" + (f" WHERE {where}" if where else "") + " ORDER BY person, start_utc"
        return self.connection.execute(sql, tuple(params)).fetchall()

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def forget_person(self, person: str) -> int:
        """Remove every item, file record and order of `person`; returns the number of items removed."""
        with self.transaction() as db:
            removed = db.execute("DELETE FROM items WHERE person = ?", (person,)).rowcount
            db.execute("DELETE FROM files WHERE person = ?", (person,))
            db.execute("DELETE FROM orders WHERE person = ?", (person,))
        self._scrub()
        return int(removed)

    def drop_before(self, day: str) -> int:
        """Remove items before `day` (ISO date): the retention setting."""
        with self.transaction() as db:
            removed = db.execute("DELETE FROM items WHERE local_day < ?", (day,)).rowcount
        if removed:
            self._scrub()
        return int(removed)

    def _scrub(self) -> None:
        """Rewrite the file so deleted rows do not linger in free pages or the write-ahead log."""
        self.connection.execute("VACUUM")
        self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def summary(self) -> dict[str, object]:
        """What the store holds, for `imm privacy`."""
        db = self.connection
        query = "SELECT count(*), count(DISTINCT person), min(local_day), max(local_day) FROM items"
        items, people, first, last = db.execute(query).fetchone()
        subjects = db.execute("SELECT count(*) FROM items WHERE subject IS NOT NULL").fetchone()[0]
        private = db.execute("SELECT count(*) FROM items WHERE private = 1").fetchone()[0]
        files = db.execute("SELECT count(*) FROM files").fetchone()[0]
        return {"items": items, "people": people, "first_day": first, "last_day": last, "with_subject": subjects,
                "private": private, "files": files}

    def integrity_ok(self) -> bool:
        return bool(self.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


def apply_retention(store: Store, months: int | None, today: date | None = None) -> int:
    """Drop items older than `months` months (from today): classify.toml's `[privacy] retention_months`,
    applied after every import. Returns how many items were removed."""
    if not months:
        return 0
    today = today or date.today()
    year, month = today.year, today.month - months
    while month <= 0:
        month, year = month + 12, year - 1
    cutoff = date(year, month, min(today.day, 28))
    return store.drop_before(cutoff.isoformat())
