"""The `imm` command: the parser and the dispatch to one module per command group.

`plan` (init, check, plan), `app` (the app, the demo, imm web, the summary), `imports` (import, events),
`report` (report, insights, checklist, reviews), `privacy` (privacy, forget); `common` holds what they
share and imports none of them.

Exit codes: 0 success; 1 an unexpected internal error (reported in one line, details in the log);
2 invalid input or usage (every problem printed as `file:line: field: message`). Nothing a user does
shows a Python traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from imm_tui import __version__
from imm_tui.cli.common import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError, log_traceback, print_problems
from imm_tui.model.printable import printable
from imm_tui.model.problems import InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imm",
        description="IMM, the Interaction Management Monitor: plan, import calendars, monitor actual vs required.",
    )
    parser.add_argument("--version", action="version", version=f"imm {__version__}")
    workspace = argparse.ArgumentParser(add_help=False)
    workspace.add_argument("-w", "--workspace", type=Path, help="workspace folder (default: $IMM_WORKSPACE, else the current folder)")
    parser.add_argument("-w", "--workspace", dest="top_workspace", type=Path, help="workspace folder to open (default: the demo)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    app = argparse.ArgumentParser(add_help=False)
    app.add_argument("--lang", dest="sub_lang", choices=["en", "nl"], help="language of the app's labels (default: the plan's language)")
    parser.add_argument("--summary", action="store_true", help="print a summary instead of opening the app")
    parser.add_argument("--lang", choices=["en", "nl"], help="language of the app's labels (default: the plan's language)")
    parser.add_argument("--app", action="store_true", help=argparse.SUPPRESS)  # open the app without a terminal (imm web's sessions)
    demo = commands.add_parser("demo", parents=[app], help="open IMM on the bundled demo workspace")
    demo.add_argument("--summary", action="store_true", help="print a summary instead of opening the app")
    web = commands.add_parser("web", parents=[app], help="serve the app in a browser, on this computer only (127.0.0.1)")
    web.add_argument("-w", "--workspace", type=Path, help="workspace folder (default: the demo)")
    web.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    web.add_argument("--max-sessions", type=int, default=4, metavar="N", help="browser tabs with the app open at once (default 4)")

    init = commands.add_parser("init", help="create a new workspace from a preset")
    init.add_argument("directory", type=Path)
    init.add_argument("--preset", choices=["generic", "staffing"], default="generic")
    init.add_argument("--force", action="store_true", help="overwrite existing plan.toml/classify.toml/accounts.csv")

    commands.add_parser("check", parents=[workspace],
                        help="validate plan.toml, classify.toml, accounts.csv, orders.toml and other years' plans")
    docs = commands.add_parser("docs", help="where the user guide is; with a topic, print it (guide, method, reference)")
    docs.add_argument("topic", nargs="?", choices=["guide", "method", "reference"])

    plan = commands.add_parser("plan", parents=[workspace], help="print the required activity per person and period")
    plan.add_argument("--format", choices=["table", "csv", "json"], default="table")
    plan.add_argument("--by", choices=["week", "month", "quarter", "year"], default="week", help="period (default: week)")
    plan.add_argument(
        "--level", choices=["person", "team", "org"], default="person", help="rows per person, team/division or the organisation"
    )
    plan.add_argument("--person", action="append", default=[], metavar="ID", help="only this person (repeatable, or comma-separated)")
    plan.add_argument("--team", action="append", default=[], metavar="ID", help="only this team or division (repeatable)")
    plan.add_argument("--activity", action="append", default=[], metavar="ID", help="only this activity (repeatable)")
    plan.add_argument("-o", "--output", type=Path, help="write to this file (atomically) instead of the terminal")
    plan.add_argument("--explain", metavar="ID", help="why this person's (or vacancy's) numbers are what they are: coverage, funnel, "
                      "norm floor and own minimum side by side, and each week's weight (with --activity, --week)")
    plan.add_argument("--week", action="append", default=[], type=int, metavar="N", help="with --explain: only these weeks in the table")
    monitor = argparse.ArgumentParser(add_help=False)
    monitor.add_argument("--year", type=int, metavar="YYYY", help="another plan year: its plan (plan-YYYY.toml beside plan.toml) "
                         "and its calendar items, against the year before it (default: plan.toml's year)")
    monitor.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="count up to this day (default: the last imported day)")
    monitor.add_argument("--anonymize", action="store_true", help="pseudonyms instead of names, ids, e-mails and accounts")
    monitor.add_argument("-o", "--output", type=Path, help="write to this file (atomically) instead of the terminal")

    report = commands.add_parser("report", parents=[workspace, monitor], help="actual vs required per person and period, with attainment")
    report.add_argument("--format", choices=["table", "csv", "json", "markdown", "xlsx"], default="table")
    report.add_argument("--by", choices=["week", "month", "quarter", "year"], default="week")
    report.add_argument("--level", choices=["person", "team", "org"], default="person")
    report.add_argument("--person", action="append", default=[], metavar="ID")
    report.add_argument("--team", action="append", default=[], metavar="ID")
    report.add_argument("--activity", action="append", default=[], metavar="ID")

    insights = commands.add_parser("insights", parents=[workspace, monitor], help="ratios, signals with their reasons, forecast, the hands")
    insights.add_argument("--format", choices=["markdown", "csv", "json"], default="markdown")
    insights.add_argument("--level", choices=["person", "team"], default="person",
                          help="csv: one row per person (default) or per team, division and the organisation")
    status = commands.add_parser("status", parents=[workspace],
                                 help="whose calendar is missing, partial or stale: coverage, last import, items per person")
    status.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="judge up to this day (default: the last imported day)")
    status.add_argument("--sort", choices=["state", "person", "team", "last-import", "items", "unclassified", "covered"],
                        default="state", help="worst state first (default), or by a column")
    status.add_argument("--format", choices=["table", "csv", "json"], default="table")
    status.add_argument("-o", "--output", type=Path, help="write to this file (atomically) instead of the terminal")
    checklist = commands.add_parser("checklist", parents=[workspace], help="the eleven plan questions answered from the plan and the store")
    checklist.add_argument("-o", "--output", type=Path)
    reviews = commands.add_parser("reviews", parents=[workspace], help="export the plan review dates as calendar invitations (.ics)")
    reviews.add_argument("-o", "--output", type=Path, help="default: exports/reviews.ics")
    reviews.add_argument("--organizer", metavar="EMAIL", help="organiser of the invitations")

    commands.add_parser("privacy", parents=[workspace], help="what IMM stores, where, and for how long")
    forget = commands.add_parser("forget", parents=[workspace], help="remove a person's imported calendar data")
    forget.add_argument("--person", required=True, metavar="ID")
    share = commands.add_parser("share", parents=[workspace],
                                help="a person's activity as counts only (no subjects, attendees, locations) for the manager's imm import")
    share.add_argument("--person", required=True, metavar="ID")
    share.add_argument("-o", "--output", type=Path, help="default: exports/<person>.imm-share.json")

    imports = commands.add_parser("import", parents=[workspace], help="import calendars (.ics, Outlook CSV) into the workspace's store")
    imports.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the workspace's imports/ folder)")
    imports.add_argument("--person", metavar="ID", help="every file given belongs to this person")
    imports.add_argument("--workers", type=int, metavar="N", help="parallel readers (default: the number of cores, at most 4)")
    imports.add_argument("--max-file-mb", type=int, default=200, metavar="MB", help="larger files fail alone (default 200)")
    imports.add_argument("--max-occurrences", type=int, default=5000, metavar="N",
                         help="a series with more occurrences in the plan year is skipped (default 5000)")
    imports.add_argument("--max-line-kb", type=int, default=1024, metavar="KB", help="longer lines are cut (default 1024)")
    imports.add_argument("--max-memory-mb", type=int, default=1024, metavar="MB",
                         help="what the parallel readers may use together, estimated from file sizes (default 1024)")

    events = commands.add_parser("events", parents=[workspace], help="list imported calendar items and how each was classified")
    events.add_argument("--person", metavar="ID")
    events.add_argument("--week", type=int, metavar="N", help="ISO week of the plan year")
    events.add_argument("--year", type=int, metavar="YYYY", help="another year kept in the store, with its plan (plan-YYYY.toml)")
    events.add_argument("--activity", metavar="ID")
    events.add_argument("--state", choices=["counted", "unclassified", "skipped"])
    events.add_argument("--format", choices=["table", "csv", "json"], default="table")
    queue = commands.add_parser("queue", parents=[workspace],
                                help="the review queue: the organisation's unclassified items by subject, most frequent first")
    queue.add_argument("--top", type=int, default=50, metavar="N", help="the N most frequent subjects (default 50)")
    queue.add_argument("--format", choices=["table", "csv", "json"], default="table")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    if getattr(args, "workspace", None) is None:
        args.workspace = args.top_workspace
    args.lang = getattr(args, "sub_lang", None) or args.lang  # `imm --lang nl demo` and `imm demo --lang nl` alike
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from imm_tui.report.formats import use_language

    use_language("en")  # the command line's tables are English; a Dutch app or explanation sets its own
    try:
        _check_today()
        return _dispatch(args)
    except InputError as error:
        print_problems(error.problems, sys.stderr)
        return EXIT_INPUT
    except UsageError as error:
        print(f"imm: {printable(str(error))}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("imm: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the one place every unexpected error is caught
        log = log_traceback()
        where = f"; details in {log}" if log else ""
        print(f"imm: internal error: {type(error).__name__}: {printable(str(error))}{where}", file=sys.stderr)
        return EXIT_INTERNAL


def _check_today() -> None:
    """A malformed `IMM_TODAY` is a usage error up front, not a failure halfway through a command."""
    from imm_tui.model.clock import fixed_today

    try:
        fixed_today()
    except ValueError:
        raise UsageError(f"IMM_TODAY must be a day as YYYY-MM-DD, not {os.environ['IMM_TODAY'].strip()!r}") from None


def _dispatch(args: argparse.Namespace) -> int:
    if args.command in (None, "demo", "web"):
        from imm_tui.cli import app

        if args.command == "web":
            return app.run_web(args)
        if args.summary or not (args.app or sys.stdout.isatty() and sys.stdin.isatty()):
            return app.run_summary(args)
        return app.run_app(args)
    if args.command in ("init", "check", "plan", "docs"):
        from imm_tui.cli import plan

        return {"init": plan.run_init, "check": plan.run_check, "plan": plan.run_plan, "docs": plan.run_docs}[args.command](args)
    if args.command in ("report", "insights", "checklist", "reviews", "status"):
        from imm_tui.cli import report

        return {"report": report.run_report, "insights": report.run_insights, "checklist": report.run_checklist,
                "status": report.run_status,
                "reviews": report.run_reviews}[args.command](args)
    if args.command in ("privacy", "forget", "share"):
        from imm_tui.cli import privacy

        return {"privacy": privacy.run_privacy, "forget": privacy.run_forget, "share": privacy.run_share}[args.command](args)
    if args.command in ("import", "events", "queue"):
        from imm_tui.cli import imports

        return {"import": imports.run_import, "events": imports.run_events, "queue": imports.run_queue}[args.command](args)
    raise UsageError(f"unknown command {args.command!r}")

