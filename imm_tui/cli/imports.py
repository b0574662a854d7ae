"""`imm import`, `imm events` and `imm queue`: calendars into the store, and what the store holds."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from imm_tui.cli.common import EXIT_INPUT, EXIT_OK, UsageError, how_many, open_workspace, resolve_workspace
from imm_tui.model.printable import printable

if TYPE_CHECKING:
    import pandas as pd

    from imm_tui.ingest.store import Store
    from imm_tui.model.workspace import Workspace


def run_import(args: argparse.Namespace) -> int:
    from imm_tui.ingest.activity import today
    from imm_tui.ingest.importer import FileOutcome, ImportSpec, import_files
    from imm_tui.ingest.limits import Limits
    from imm_tui.ingest.reclassify import ensure_classified, mark_classified
    from imm_tui.ingest.store import Store, apply_retention

    root = resolve_workspace(args.workspace)
    workspace = open_workspace(root)
    plan = workspace.plan_document.plan
    people = tuple((p.id, p.email or "") for p in plan.people)
    if args.person and args.person not in dict(people):
        raise UsageError(f"unknown person {args.person} (known: {', '.join(dict(people))})")
    paths = [Path(p) for p in args.paths] or [workspace.paths.imports]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"not found: {', '.join(map(printable, missing))}")
    limits = Limits(max(1, args.max_file_mb), max(1, args.max_occurrences), max(1, args.max_line_kb), max(64, args.max_memory_mb))
    spec = ImportSpec.for_workspace(workspace, person=args.person, limits=limits)
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int, outcome: FileOutcome) -> None:
        if interactive:
            filled = int(30 * done / max(total, 1))
            print(f"\r[{'#' * filled}{' ' * (30 - filled)}] {done}/{total} files", end="", file=sys.stderr, flush=True)

    with Store.open(workspace.paths.store) as store:
        ensure_classified(store, workspace)
        report = import_files(paths, store, spec, progress, workers=args.workers)
        mark_classified(store, workspace)
        retention = workspace.classification.privacy.retention_months if workspace.classification else None
        dropped = apply_retention(store, retention, today())
    if interactive and report.files:
        print(file=sys.stderr)
    for outcome in report.files:
        print(outcome.line())
        for warning in outcome.warnings:
            print(f"  warning: {printable(warning)}")
    counts = report.counts
    counted = ", ".join(f"{a} {n}" for a, n in sorted(counts.activities.items(), key=lambda kv: plan.activity_ids.index(kv[0])
                                                         if kv[0] in plan.activity_ids else 99)) or "nothing"
    skipped = ", ".join(f"{r} {n}" for r, n in sorted(counts.skipped.items())) or "none"
    states = [o.status for o in report.files]
    imported, unchanged, failed = states.count("imported"), states.count("unchanged"), states.count("failed")
    print(f"{how_many(len(states), 'file', 'files')}: {imported} imported, {unchanged} unchanged, {failed} failed")
    print(f"counted: {counted}; unclassified: {counts.unclassified}; skipped: {skipped}")
    if dropped:
        print(f"retention: removed {dropped} items older than {retention} months")
    return EXIT_INPUT if report.failed else EXIT_OK


def run_events(args: argparse.Namespace) -> int:
    from imm_tui.ingest.events import list_events

    root = resolve_workspace(args.workspace)
    with classified_store(root, args.year) as (store, workspace):
        frame = list_events(store, workspace, person=args.person, week=args.week, activity=args.activity, state=args.state)
    _write(frame, args.format, root, "(no items)", numeric_from=len(frame.columns))
    return EXIT_OK


@contextmanager
def classified_store(root: Path, year: int | None = None) -> Iterator[tuple[Store, Workspace]]:
    """The workspace's store, open for reading and classified by its current rules (a usage error when there is none)."""
    from imm_tui.ingest.reclassify import ensure_classified
    from imm_tui.ingest.store import Store

    workspace = open_workspace(root, year)
    if not workspace.paths.store.exists():
        raise UsageError(f"nothing imported yet in {root}: run `imm import -w {root}`")
    with Store.open_for_reading(workspace.paths.store) as store:
        ensure_classified(store, workspace)
        yield store, workspace


def _write(frame: pd.DataFrame, kind: str, root: Path, empty: str, *, numeric_from: int, text: tuple[int, ...] = ()) -> None:
    """A table of a command, as csv, json or aligned text, to standard output."""
    from imm_tui.report.tables import aligned, to_csv, to_json

    if kind == "csv":
        sys.stdout.write(to_csv(frame))
    elif kind == "json":
        sys.stdout.write(to_json(frame, {"workspace": str(root)}))
    else:
        body = [[str(v) if v is not None else "" for v in row] for row in frame.itertuples(index=False)]
        sys.stdout.write(aligned(list(frame.columns), body, numeric_from=numeric_from, text=text) if body else empty + "\n")


def run_queue(args: argparse.Namespace) -> int:
    """`imm queue`: where a new rule pays off most (the app's review queue: Import tab, q)."""
    from imm_tui.ingest.activity import review_queue

    if args.top < 1:
        raise UsageError("--top must be at least 1")
    root = resolve_workspace(args.workspace)
    with classified_store(root) as (store, workspace):
        frame = review_queue(store, workspace.plan_document.plan.plan.year, args.top)
    frame["subject"] = [printable(s) if s else "(private or not kept)" for s in frame["subject"]]
    frame["categories"] = [", ".join(printable(c) for c in found) for found in frame["categories"]]
    frame["hours"] = frame["hours"].round(1)
    _write(frame, args.format, root, "(nothing unclassified)", numeric_from=1, text=(6,))
    return EXIT_OK
