"""`imm`, `imm demo`, `imm web` and `imm --summary`: the app (or its summary) on a workspace or the demo."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from imm_tui.bundled import demo_workspace
from imm_tui.cli.common import EXIT_OK, UsageError, how_many, open_workspace, resolve_workspace

if TYPE_CHECKING:
    from imm_tui.model.workspace import Workspace


def _open_for_viewing(args: argparse.Namespace) -> tuple[Path, Workspace]:
    """The workspace `imm`, `imm web` and `imm demo` show: `imm demo` the user's copy of the demo (its
    calendars set up once); the others -w, else $IMM_WORKSPACE, else the current folder when it holds a
    plan.toml — as every other command finds its workspace — and only then the demo."""
    from imm_tui.model.workspace import workspace_from_env

    own = args.workspace is not None or workspace_from_env() is not None or Path("plan.toml").exists()
    demo = args.command == "demo" or not own
    root = demo_workspace() if demo else resolve_workspace(args.workspace)
    workspace = open_workspace(root)
    if demo and not workspace.paths.store.exists():
        _set_up_demo_calendars(workspace)
    return root, workspace


def run_summary(args: argparse.Namespace) -> int:
    """`imm --summary` (and `imm` in a pipe): the plan and the monitor's highlights as text."""
    import pandas as pd

    from imm_tui.engine.requirement import derive
    from imm_tui.engine.rollup import summarise
    from imm_tui.report.tables import pivot_text

    root, workspace = _open_for_viewing(args)
    plan = workspace.plan_document.plan
    requirement = derive(plan)
    rows = requirement.rows
    people = rows[rows["kind"] == "person"]
    vacancies = rows[rows["kind"] == "vacancy"]
    print(f"{plan.plan.name} — {plan.plan.year}, {len(requirement.weeks)} ISO weeks, basis '{plan.plan.basis}'  ({root})")
    divisions = {t.parent for t in plan.teams if t.parent}
    leaves = [t for t in plan.teams if t.id not in divisions]
    print(
        f"{how_many(len(people), 'person', 'people')} ({people['fte'].sum():.1f} FTE) in {how_many(len(leaves), 'team', 'teams')}"
        + (f" and {how_many(len(divisions), 'division', 'divisions')}" if divisions else "")
        + f"; {how_many(len(vacancies), 'vacancy', 'vacancies')} ({vacancies['fte'].sum():.1f} FTE uncovered)"
    )
    print()
    by_team = summarise(requirement.weekly, rows, plan, by="year", level="team")
    org = summarise(requirement.weekly, rows, plan, by="year", level="org")
    both = pd.concat([by_team, org], ignore_index=True)
    print("Required per year, by team (incl. vacancies):")
    print(pivot_text(both, ["group", "level"], "activity", "required", decimals=0))
    if workspace.paths.store.exists():
        _monitor_summary(root)
    print(f"Commands: imm report -w {root} --by month | imm insights -w {root} | imm events -w {root} | imm --help")
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    """Open the Textual app on the workspace (see _open_for_viewing: the demo when there is none)."""
    root, _ = _open_for_viewing(args)
    from imm_tui.tui.app import ImmApp

    ImmApp(root, language=args.lang).run()
    return EXIT_OK


def run_web(args: argparse.Namespace) -> int:
    """`imm web`: the same app in a browser, served on 127.0.0.1 only (each browser tab gets its own session)."""
    root, workspace = _open_for_viewing(args)
    from imm_tui.tui.web import web_server

    if not 0 < args.port < 65536:
        raise UsageError(f"--port: expected 1 to 65535, got {args.port}")
    if args.max_sessions < 1:
        raise UsageError(f"--max-sessions: expected 1 or more, got {args.max_sessions}")
    server = web_server(root.resolve(), port=args.port, language=args.lang, plan_language=workspace.plan_document.plan.plan.language,
                        max_sessions=args.max_sessions)
    print(f"IMM in your browser: {server.owner_url}\n(this computer only, for whoever has this address: it holds this launch's key;"
          " Ctrl+C stops it)", file=sys.stderr)
    server.serve()
    return EXIT_OK


def _set_up_demo_calendars(workspace: Workspace) -> None:
    """First run of the demo: write believable calendars for its people and import them."""
    from imm_tui.bundled.demo_calendars import demo_calendars
    from imm_tui.ingest.importer import ImportSpec, import_files
    from imm_tui.ingest.reclassify import mark_classified
    from imm_tui.ingest.store import Store

    plan = workspace.plan_document.plan
    print("Setting up the demo: writing and importing a calendar for each of its people …", file=sys.stderr)
    demo_calendars(plan, workspace.accounts, workspace.paths.imports)
    last = plan.plan.year - 1
    if workspace.paths.plan_of_year(last).exists():  # last year, as the year before this one went: for year-on-year
        from imm_tui.model.workspace import load_workspace

        before = load_workspace(workspace.paths.root, last).plan_document.plan
        demo_calendars(before, workspace.accounts, workspace.paths.imports, until=date(last, 12, 28), seed=last,
                       name=f"agenda-{last}.ics", deals=f"deals-{last}.csv", pace_factor=0.9)
    spec = ImportSpec.for_workspace(workspace)
    with Store.open(workspace.paths.store) as store:
        import_files([workspace.paths.imports], store, spec)
        mark_classified(store, workspace)


def _monitor_summary(root: Path) -> None:
    from imm_tui.cli.report import load_monitor

    monitor = load_monitor(argparse.Namespace(workspace=root, as_of=None), extras=False)
    review = monitor.review()
    org = review.insights.organisation
    signals = [s for s in review.insights.signals if s.kind != "no calendar"]
    week = f"week {review.comparison.as_of_week}" if review.comparison.as_of_week else "before week 1"
    print(f"As of {monitor.as_of.isoformat()} ({week}): visits at {100 * org['visit_attainment']:.0f} % "
          f"of what the plan asks; {100 * org['quality']:.0f} % of contacts won a commitment; {len(signals)} signals.")
    for signal in signals[:6]:
        print(f"  {signal.kind}: {signal.reason}")
    print()
