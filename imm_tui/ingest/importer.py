"""Import calendar files into the store: find them, tell whose they are, read, classify, write.

Files are read in parallel processes when there are several; each is written to the store in its own
transaction by this process. A file that did not change since its last import (same size and time, or
same content) is `unchanged` and costs a `stat`. A file that cannot be read fails alone.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from imm_tui.ingest.classify import Classifier
from imm_tui.ingest.items import CalendarError
from imm_tui.ingest.limits import CALENDAR_SUFFIXES, DEFAULT_LIMITS, Limits, reading_cost
from imm_tui.ingest.orders_csv import is_orders_csv, read_orders_csv
from imm_tui.ingest.people import person_from_content, person_from_path
from imm_tui.ingest.rows import Counts, build_rows, opaque, without_calendar_text
from imm_tui.ingest.store import SHARE_CALENDAR, Store
from imm_tui.model import clock
from imm_tui.model.accounts import Account
from imm_tui.model.classify import Classification
from imm_tui.model.orders import OrdersConfig
from imm_tui.model.printable import printable
from imm_tui.model.workspace import Workspace

Status = Literal["imported", "unchanged", "failed"]
Progress = Callable[[int, int, "FileOutcome"], None]


def import_stamp() -> str:
    """When an import happens, in UTC to the second; on the day in `IMM_TODAY` (ISO) when that fixes today, so that
    tests and demos do not depend on the clock (a file covers its period only up to the day it was imported)."""
    now = datetime.now(UTC).replace(microsecond=0)
    with suppress(ValueError):  # the command line refuses a malformed IMM_TODAY before it gets here; the clock stands
        fixed = clock.fixed_today()
        if fixed is not None:
            now = datetime.combine(fixed, now.timetz())
    return now.isoformat()


@dataclass(frozen=True)
class ImportSpec:
    """Everything a worker process needs to read and classify a file (picklable)."""

    year: int
    timezone: str
    people: tuple[tuple[str, str], ...]  # (id, e-mail)
    classification: Classification
    accounts: tuple[Account, ...]
    imports: str | None  # the workspace's imports/ folder
    person: str | None = None  # --person: every file belongs to this person
    limits: Limits = DEFAULT_LIMITS
    activities: tuple[str, ...] = ()  # the plan's activity ids (a hand-in's counts name them)
    orders: OrdersConfig = field(default_factory=OrdersConfig)  # how an orders export is read (orders.toml)
    history_years: int = 0  # earlier ISO years kept besides `year` ([plan] history_years)
    names: tuple[tuple[str, str], ...] = ()  # (id, name) of the people: an orders export may name them
    products: tuple[tuple[str, str], ...] = ()  # (id, name) of the plan's products

    @classmethod
    def for_workspace(cls, workspace: Workspace, *, person: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ImportSpec:
        """What importing into `workspace` needs: its plan year and zone, people, rules and accounts."""
        from imm_tui.ingest.reclassify import classification_of

        plan = workspace.plan_document.plan
        return cls(
            year=plan.plan.year, timezone=plan.plan.timezone, people=tuple((p.id, p.email or "") for p in plan.people),
            classification=classification_of(workspace), accounts=tuple(workspace.accounts),
            imports=str(workspace.paths.imports), person=person, limits=limits, activities=tuple(plan.activity_ids),
            orders=workspace.orders, names=tuple((p.id, p.name) for p in plan.people), history_years=plan.plan.history_years,
            products=tuple((p.id, p.name) for p in plan.products),
        )


@dataclass
class FileOutcome:
    path: str
    status: Status
    person: str | None = None
    calendar: str = ""  # the calendar's own name (X-WR-CALNAME), to tell two calendars of one person apart
    covers: tuple[date, date] | None = None  # the period the export says it covers, when it says so
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    rows: list[tuple[object, ...]] = field(default_factory=list)  # dropped once stored; `items` keeps the count
    items: int = 0
    sha256: str = ""
    orders: list[tuple[object, ...]] | None = None  # an orders export: its lines for the store (see Store.replace_orders)
    skipped: dict[str, int] = field(default_factory=dict)  # an orders export: lines left out, by reason
    size: int = 0
    mtime_ns: int = 0

    def line(self) -> str:
        """One line for a terminal: a file name's control characters and line breaks come out escaped."""
        path = printable(self.path)
        if self.status == "imported" and self.orders is not None:
            skipped = ", ".join(f"{reason} {count}" for reason, count in sorted(self.skipped.items()))
            lines = f"{self.items} order line" + ("" if self.items == 1 else "s")
            return f"{path}: imported {lines}" + (f" (skipped: {skipped})" if skipped else "")
        if self.status == "imported":
            return f"{path}: imported {self.items}" + (f" ({self.person})" if self.person else "")
        if self.status == "unchanged":
            return f"{path}: unchanged"
        return f"{path}: failed: {printable(self.message)}"


@dataclass
class ImportReport:
    files: list[FileOutcome] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "failed"]


def discover(paths: Sequence[Path]) -> list[Path]:
    """Calendar files under `paths` (folders recursively), in a stable order, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.name.lower().endswith(CALENDAR_SUFFIXES))
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path.resolve()), path)
    return list(unique.values())


NOT_REGULAR = "not a regular file (a device, pipe or socket): not read"


class _Refused(Exception):
    """A file that is not read at all, with the reason."""


def read_bounded(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path`, at most `limit` of them, and its status.

    Opened without blocking and checked on the open file itself, so a FIFO, a device (/dev/zero) or a
    file swapped for one after a first look is refused before a byte is read; the read stops at
    `limit` + 1 bytes whatever the file's size claims (a file that grows while read)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(NOT_REGULAR)
        too_large = f"file is larger than {limit >> 20} MB (see --max-file-mb)"
        if info.st_size > limit:
            raise _Refused(too_large)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(descriptor, min(1 << 24, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _Refused(too_large)
        return b"".join(chunks), info
    finally:
        os.close(descriptor)


def read_file(path: Path, spec: ImportSpec, known_sha: str | None = None) -> FileOutcome:
    """Read, identify and classify one file (runs in a worker process). Never raises."""
    outcome = FileOutcome(path=str(path), status="failed")
    try:
        data, info = read_bounded(path, spec.limits.max_file_mb << 20)
        outcome.size, outcome.mtime_ns = info.st_size, info.st_mtime_ns
    except _Refused as refused:
        outcome.message = str(refused)
        return outcome
    except OSError as error:
        outcome.message = f"cannot read: {error.strerror or error}"
        return outcome
    outcome.sha256 = hashlib.sha256(data).hexdigest()
    if known_sha == outcome.sha256:
        outcome.status = "unchanged"
        return outcome
    try:
        with _no_cycle_collection():
            return _read(path, data, spec, outcome)
    except CalendarError as error:
        outcome.status, outcome.rows, outcome.message = "failed", [], str(error)
    except Exception as error:  # noqa: BLE001 - one file fails alone, with a message, never a traceback
        outcome.status, outcome.rows = "failed", []
        outcome.message = f"could not be read ({type(error).__name__}: {error})"
    return outcome


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading a file makes some 200,000 objects and no reference cycles; the cyclic collector walking
    them again and again cost 10 % of the time. Reference counting still frees everything.

    What the read leaves alive (its rows, the attendees and searches kept for the next file) is moved to the
    oldest generation before the collector is switched back on (freeze, then unfreeze): its first pass would
    otherwise walk all of it, 4 to 16 ms a file. From there the collector looks at it as at any long-lived
    object."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _read(path: Path, data: bytes, spec: ImportSpec, outcome: FileOutcome) -> FileOutcome:
    from imm_tui.ingest.readers import read_calendar
    from imm_tui.ingest.share import CALENDAR, is_share, read_share

    zone = ZoneInfo(spec.timezone)
    if path.suffix.lower() == ".csv" and is_orders_csv(data, spec.orders):
        return _read_orders(data, spec, outcome)
    if is_share(data):  # a counts-only hand-in: already counted by the sender's rules
        share = read_share(data, spec.year, spec.activities, zone)
        if share.person not in dict(spec.people) or (spec.person and spec.person != share.person):
            raise CalendarError(f"a hand-in of '{share.person}', who is not a person in plan.toml"
                                if share.person not in dict(spec.people) else f"a hand-in of '{share.person}', not of {spec.person}")
        counts = Counts()
        for row in share.rows:
            counts.activities[str(row[20])] = counts.activities.get(str(row[20]), 0) + 1
        outcome.rows, outcome.warnings, outcome.counts = share.rows, share.warnings, counts
        outcome.person, outcome.calendar, outcome.covers, outcome.status = share.person, CALENDAR, share.covers, "imported"
        return outcome
    result = read_calendar(path, data, zone, spec.year, spec.limits, first_year=spec.year - spec.history_years)
    outcome.warnings = result.warnings
    person = spec.person or person_from_path(path, Path(spec.imports) if spec.imports else None, spec.people)
    person = person or person_from_content(result.owner_hint, result.items, spec.people)
    if person is None:
        outcome.message = _whose_hint(path, spec)
        return outcome
    email = dict(spec.people).get(person, "")
    counts = Counts()
    for reason, count in result.skipped.items():
        counts.skip(reason, count)
    classifier = Classifier.for_file(spec.classification, spec.accounts)
    outcome.rows = build_rows(
        result.items, person=person, owner_email=email, year=spec.year, first_year=spec.year - spec.history_years, zone=zone,
        classifier=classifier, count_only=spec.classification.privacy.count_only, counts=counts,
    )
    outcome.warnings.extend(classifier.problems)
    outcome.person, outcome.counts, outcome.status = person, counts, "imported"
    outcome.calendar = result.owner_hint.strip().lower()
    outcome.covers = result.covers
    return outcome


def _read_orders(data: bytes, spec: ImportSpec, outcome: FileOutcome) -> FileOutcome:
    """An orders export: its won lines, each with the ISO year and week of its day (every year is kept)."""
    emails = dict(spec.people)
    people = [(pid, emails.get(pid, ""), name) for pid, name in spec.names] or [(pid, email, "") for pid, email in spec.people]
    result = read_orders_csv(data, spec.orders, people, spec.products)
    rows: list[tuple[object, ...]] = []
    for line in result.lines:
        iso = line.day.isocalendar()
        rows.append((line.line, line.person, line.day.isoformat(), iso.year, iso.week, line.value, line.account, line.product,
                     line.order_id))
    outcome.orders, outcome.warnings, outcome.skipped, outcome.status = rows, result.warnings, result.skipped, "imported"
    return outcome


def _whose_hint(path: Path, spec: ImportSpec) -> str:
    hint = "cannot tell whose calendar this is: put it in imports/<person-id>/, name it <person-id>.ics, or use --person"
    if spec.imports:
        try:
            folder = path.resolve().relative_to(Path(spec.imports).resolve()).parts
        except ValueError:
            folder = ()
        if len(folder) > 1:
            known = ", ".join(pid for pid, _ in spec.people[:8]) + (", …" if len(spec.people) > 8 else "")
            hint = f"cannot tell whose calendar this is: folder '{folder[0]}' is not a person id in plan.toml (known: {known})"
    return hint


def import_files(
    paths: Sequence[Path],
    store: Store,
    spec: ImportSpec,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import `paths` into `store`; returns one outcome per file."""
    report = ImportReport()
    count_only = spec.classification.privacy.count_only
    files = discover(paths)
    pending: list[tuple[Path, str | None]] = []
    done = 0

    def finish(outcome: FileOutcome) -> None:
        nonlocal done
        done += 1
        if outcome.status == "imported" and outcome.orders is not None:
            try:
                outcome.items = store.replace_orders(
                    path=outcome.path, sha256=outcome.sha256, size=outcome.size, mtime_ns=outcome.mtime_ns,
                    imported_at=import_stamp(), lines=outcome.orders,
                    warnings="\n".join(outcome.warnings))
            except Exception as error:  # noqa: BLE001 - reported per file; the transaction was rolled back
                outcome.status, outcome.message = "failed", f"could not be stored: {error}"
            outcome.orders = []
        elif outcome.status == "imported" and outcome.person:
            try:
                outcome.items = store.replace_file(
                    path=outcome.path, person=outcome.person,
                    calendar=opaque(outcome.calendar) if count_only and outcome.calendar not in ("", SHARE_CALENDAR) else outcome.calendar,
                    sha256=outcome.sha256, size=outcome.size, mtime_ns=outcome.mtime_ns,
                    imported_at=import_stamp(),
                    rows=outcome.rows, covers=outcome.covers,
                    warnings="\n".join(without_calendar_text(w) if count_only else w for w in outcome.warnings),
                )
                report.counts.merge(outcome.counts)
            except Exception as error:  # noqa: BLE001 - reported per file; the transaction was rolled back
                outcome.status, outcome.message = "failed", f"could not be stored: {error}"
        elif outcome.status == "unchanged":
            record = store.file(outcome.path)
            if record is not None and (record.size, record.mtime_ns) != (outcome.size, outcome.mtime_ns) and outcome.size:
                store.touch(record, outcome.size, outcome.mtime_ns)
            orders = store.order_file(outcome.path) if record is None else None
            if orders is not None and (orders.size, orders.mtime_ns) != (outcome.size, outcome.mtime_ns) and outcome.size:
                store.touch_orders(orders, outcome.size, outcome.mtime_ns)
        if outcome.status != "imported":
            outcome.items = 0
        outcome.rows = []  # stored: holding every file's rows until the end only costs memory
        report.files.append(outcome)
        if progress is not None:
            progress(done, len(files), outcome)

    sizes: list[int] = []
    for path in files:
        key = str(path)
        record = store.file(key) or store.order_file(key)
        try:
            info = path.stat()
        except OSError as error:
            finish(FileOutcome(path=key, status="failed", message=f"cannot read: {error.strerror or error}"))
            continue
        if not stat.S_ISREG(info.st_mode):
            finish(FileOutcome(path=key, status="failed", message=NOT_REGULAR))
            continue
        if record is not None and record.size == info.st_size and record.mtime_ns == info.st_mtime_ns:
            finish(FileOutcome(path=key, status="unchanged", person=record.person or None))
            continue
        pending.append((path, record.sha256 if record else None))
        sizes.append(info.st_size)

    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if len(pending) < 3 or count < 2:
        for path, sha in pending:
            finish(read_file(path, spec, sha))
    else:
        with ProcessPoolExecutor(max_workers=count, initializer=_leave_with, initargs=(os.getpid(),)) as pool:
            for outcome in _within_budget(pool, pending, sizes, spec):
                finish(outcome)
    stored = store.stored_items() if any(f.status == "imported" for f in report.files) else {}
    for outcome in report.files:  # a later file of the same person may have taken over an item both hold
        if outcome.status == "imported":
            outcome.items = stored.get(outcome.path, outcome.items)
    report.files.sort(key=lambda f: f.path)
    return report


def _within_budget(
    pool: ProcessPoolExecutor, pending: list[tuple[Path, str | None]], sizes: list[int], spec: ImportSpec,
) -> Iterator[FileOutcome]:
    """The outcomes in file order (whatever order the readers finish in: the result must not depend on
    timing), handing a file to the readers only while the estimated memory of those in flight stays
    within `max_memory_mb` (files waiting in the pool's queue count too); a file estimated above the
    whole budget is read alone."""
    budget = spec.limits.max_memory_mb << 20
    waiting = deque(zip(pending, map(reading_cost, sizes), strict=True))
    flight: deque[tuple[Future[FileOutcome], int]] = deque()
    used = 0
    while waiting or flight:
        while waiting and (not flight or used + waiting[0][1] <= budget):
            (path, sha), cost = waiting.popleft()
            flight.append((pool.submit(read_file, path, spec, sha), cost))
            used += cost
        future, cost = flight.popleft()
        yield future.result()
        used -= cost


def _leave_with(parent: int) -> None:
    """Runs in each reader process: end it when the importing process is gone, even killed with
    SIGKILL (a reader otherwise waits for work forever on a queue nobody will write to)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="imm-parent-watch", daemon=True).start()
