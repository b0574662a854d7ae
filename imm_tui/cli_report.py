"""`imm report`: actual vs required from the store and the plan."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from imm_tui.cli import EXIT_OK, UsageError, open_workspace, resolve_workspace
from imm_tui.cli_commands import filtered
from imm_tui.model.atomic import write_atomic


def run_report(args: argparse.Namespace) -> int:
    import pandas as pd

    from imm_tui.engine.compare import compare, report
    from imm_tui.engine.requirement import derive
    from imm_tui.ingest.activity import last_imported_day, load_activity
    from imm_tui.ingest.reclassify import ensure_classified
    from imm_tui.ingest.store import Store
    from imm_tui.report.tables import aligned, to_csv, to_json

    root = resolve_workspace(args.workspace)
    workspace = open_workspace(root)
    plan = workspace.plan_document.plan
    year = plan.plan.year
    activity = pd.DataFrame(columns=["person", "week", "day", "activity", "commitment", "account_status", "external"])
    last = None
    if workspace.paths.store.exists():
        with Store.open(workspace.paths.store) as store:
            ensure_classified(store, workspace)
            activity = load_activity(store, year)
            last = last_imported_day(store, year)
    as_of = _as_of(args.as_of, last, year)
    requirement = derive(plan)
    comparison = compare(requirement, activity, as_of)
    comparison = type(comparison)(
        comparison.as_of, comparison.as_of_week, filtered(comparison.weekly, requirement.rows, plan, args), comparison.ytd
    )
    frame = report(comparison, requirement, plan, by=args.by, level=args.level)
    keys = ["person", "team"] if args.level == "person" else ["group", "level"]
    columns = [*keys, "period", "activity", "required", "actual", "required_to_date", "attainment", "status"]
    frame = frame[columns]
    if args.format == "csv":
        text = to_csv(frame)
    elif args.format == "json":
        text = to_json(frame, {"plan": plan.plan.name, "year": year, "as_of": as_of.isoformat(), "by": args.by, "level": args.level})
    else:
        body = [
            [*(str(row[k]) for k in keys), str(row["period"]), str(row["activity"]), f"{row['required']:.1f}",
             "" if pd.isna(row["actual"]) else f"{row['actual']:.0f}",
             "" if pd.isna(row["attainment"]) else f"{100 * row['attainment']:.0f}%", str(row["status"])]
            for _, row in frame.iterrows()
        ]
        text = f"as of {as_of.isoformat()} (week {comparison.as_of_week})\n" + aligned(
            [*keys, "period", "activity", "required", "actual", "attainment", "status"], body, numeric_from=len(keys) + 2
        )
    if args.output:
        write_atomic(args.output, text.encode("utf-8"), backup=False)
        print(f"wrote {len(frame)} rows to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _as_of(given: str | None, last: date | None, year: int) -> date:
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise UsageError(f"--as-of: expected a date like {year}-03-31, got {given!r}") from None
    if last is not None:
        return last
    return date.fromisocalendar(year, 1, 1) - timedelta(days=1)  # nothing imported: no week has happened
