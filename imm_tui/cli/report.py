"""`imm report`, `imm insights`, `imm checklist`, `imm reviews`: the monitor from the store and the plan."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from imm_tui.cli.common import EXIT_OK, UsageError, emit, filtered, open_workspace, resolve_workspace
from imm_tui.model.atomic import private_folder

if TYPE_CHECKING:
    import pandas as pd

    from imm_tui.model.plan import Plan
    from imm_tui.model.workspace import Workspace
    from imm_tui.report.anonymize import Pseudonyms
    from imm_tui.report.review import Review



@dataclass
class Monitor:
    workspace: Workspace
    activity: pd.DataFrame
    as_of: date
    monitored: set[str]
    accounts: list[str]
    coverage: dict[str, list[tuple[date, date]]]
    facts: dict[str, tuple[int, int, int, date | None]]  # per person: files, items, unclassified, last import
    time: pd.DataFrame | None = None  # minutes per person, week and kind (None without a store)
    orders: pd.DataFrame | None = None  # order lines of imported CRM exports (None: none imported)
    contacts: pd.DataFrame | None = None  # counted items with an account (None without a store)
    previous: pd.DataFrame | None = None  # last year's counted items (None when the store holds none)
    previous_orders: pd.DataFrame | None = None  # last year's order lines of CRM exports

    @property
    def reviews_exported(self) -> bool:
        return self.workspace.paths.reviews.exists()

    def review(self) -> Review:
        from imm_tui.report.review import build_review

        return build_review(self.workspace.plan_document.plan, self.activity, self.as_of, monitored=self.monitored,
                            reviews_exported=self.reviews_exported, coverage=self.coverage, time=self.time,
                            orders=self.orders, accounts=self.workspace.accounts, contacts=self.contacts, previous=self.previous,
                            previous_orders=self.previous_orders)

    def pseudonyms(self) -> Pseudonyms:
        from imm_tui.report.anonymize import Pseudonyms

        return Pseudonyms.for_plan(self.workspace.plan_document.plan, self.accounts)


def load_monitor(args: argparse.Namespace, *, extras: bool = True) -> Monitor:
    """The plan and the store's figures for a command; without `extras`, only what the comparison needs (the
    time, orders, accounts and last year's items are each a pass over the store)."""
    import pandas as pd

    from imm_tui.ingest.activity import (
        ACTIVITY_COLUMNS,
        contacts_of,
        last_imported_day,
        load_activity,
        load_orders,
        load_previous,
        load_time,
    )
    from imm_tui.ingest.reclassify import ensure_classified
    from imm_tui.ingest.store import Store

    workspace = open_workspace(resolve_workspace(args.workspace), getattr(args, "year", None))
    year = workspace.plan_document.plan.plan.year
    activity = pd.DataFrame(columns=ACTIVITY_COLUMNS)
    last, monitored, accounts = None, set(), [a.name for a in workspace.accounts]
    coverage: dict[str, list[tuple[date, date]]] = {}
    facts: dict[str, tuple[int, int, int, date | None]] = {}
    time = orders = contacts = previous = previous_orders = None
    if workspace.paths.store.exists():
        with Store.open_for_reading(workspace.paths.store) as store:
            ensure_classified(store, workspace)
            activity = load_activity(store, year, with_account=extras)
            last = last_imported_day(store, year)
            monitored = {f.person for f in store.files()}
            coverage = store.coverage()
            facts = store.facts_per_person(year)
            if extras:
                time = load_time(store, year)
                orders = load_orders(store, year)
                contacts = contacts_of(activity)
                previous = load_previous(store, year)
                previous_orders = load_orders(store, year - 1)
            if getattr(args, "anonymize", False):  # every account name an export could show is given a pseudonym
                accounts += [str(r[0]) for r in store.connection.execute("SELECT DISTINCT account FROM items WHERE account IS NOT NULL")]
    as_of = _as_of(getattr(args, "as_of", None), last, year)
    return Monitor(workspace, activity, as_of, monitored, accounts, coverage, facts, time, orders, contacts, previous,
                   previous_orders)


def _as_of(given: str | None, last: date | None, year: int) -> date:
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise UsageError(f"--as-of: expected a date like {year}-03-31, got {given!r}") from None
    from imm_tui.ingest.activity import default_as_of

    return default_as_of(last, year)


def run_report(args: argparse.Namespace) -> int:
    import pandas as pd

    from imm_tui.engine.compare import REPORT_COLUMNS, compare, report
    from imm_tui.engine.requirement import derive
    from imm_tui.report.tables import aligned, to_csv, to_json

    whole = args.format in ("markdown", "xlsx")  # the review with every section; the tables need only the comparison
    monitor = load_monitor(args, extras=whole)
    plan = monitor.workspace.plan_document.plan
    review = monitor.review() if whole else None
    requirement = review.requirement if review else derive(plan)
    comparison = review.comparison if review else compare(requirement, monitor.activity, monitor.as_of, plan.monitor, monitor.coverage,
                                                          plan.calendar.days_per_week)
    weekly = filtered(comparison.weekly, requirement.rows, plan, args)
    comparison = type(comparison)(comparison.as_of, comparison.as_of_week, weekly, comparison.ytd)
    frame = report(comparison, requirement, plan, by=args.by, level=args.level, thresholds=plan.monitor)
    if args.level == "team" and (args.team or args.person):
        frame = frame[frame["group"].isin(_groups_shown(plan, args))]  # never a parent holding only part of its teams
    keys = ["person", "team"] if args.level == "person" else ["group", "level"]
    frame = frame[[*keys, *REPORT_COLUMNS]]
    pseudonyms = monitor.pseudonyms() if args.anonymize else None
    shown = pseudonyms.frame(frame) if pseudonyms else frame
    if args.format == "csv":
        emit(to_csv(shown), args.output, len(shown))
    elif args.format == "json":
        emit(to_json(shown, {"plan": plan.plan.name, "year": plan.plan.year, "as_of": monitor.as_of.isoformat(), "by": args.by,
                              "level": args.level}), args.output, len(shown))
    elif args.format == "markdown" and review is not None:
        from imm_tui.report.markdown import review_markdown

        emit(review_markdown(review, pseudonyms), args.output)
    elif args.format == "xlsx" and review is not None:
        from imm_tui.report.excel import review_workbook

        if not args.output:
            raise UsageError("--format xlsx writes a file: add -o FILE.xlsx")
        emit(review_workbook(review, frame, pseudonyms), args.output)
    else:
        columns = [shown[k].astype(str).tolist() for k in keys]
        body = [
            [*(column[i] for column in columns), str(period), str(activity), f"{required:.1f}", "" if pd.isna(actual) else f"{actual:.0f}",
             "" if pd.isna(attainment) else f"{100 * attainment:.0f}%", str(status)]
            for i, (period, activity, required, actual, attainment, status) in enumerate(zip(
                shown["period"], shown["activity"], shown["required"], shown["actual"], shown["attainment"], shown["status"], strict=True))
        ]
        week = f"week {comparison.as_of_week}" if comparison.as_of_week else "before week 1"
        header = f"as of {monitor.as_of.isoformat()} ({week})\n"
        emit(header + aligned([*keys, "period", "activity", "required", "actual", "attainment", "status"], body,
                               numeric_from=len(keys) + 2), args.output)
    return EXIT_OK


def run_insights(args: argparse.Namespace) -> int:
    import pandas as pd

    from imm_tui.report.tables import to_csv, to_json

    monitor = load_monitor(args)
    review = monitor.review()
    pseudonyms = monitor.pseudonyms() if args.anonymize else None
    people = review.people()
    units = review.insights.units(review.plan)
    signals = pd.DataFrame([(s.person, s.kind, s.reason) for s in review.insights.signals], columns=["person", "kind", "reason"])
    if pseudonyms:
        people, signals = pseudonyms.frame(people), pseudonyms.frame(signals)
    if args.format == "csv":
        shown = units if args.level == "team" else people
        emit(to_csv(shown), args.output, len(shown))
    elif args.format == "json":
        meta = {"as_of": monitor.as_of.isoformat(), "organisation": review.insights.organisation, "hands": review.insights.hands,
                "signals": signals.to_dict(orient="records"),
                "units": [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                          for row in units.to_dict(orient="records")]}
        for key, extra in (("year_on_year", review.year_on_year()), ("products", review.products())):
            if extra is not None:
                shown_extra = pseudonyms.frame(extra) if pseudonyms and key == "year_on_year" else extra
                meta[key] = [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                             for row in shown_extra.to_dict(orient="records")]
        time = review.time_use()
        if time is not None:  # customer against internal hours per person, team and the organisation
            shown_time = pseudonyms.frame(time) if pseudonyms else time
            meta["time"] = [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                            for row in shown_time.to_dict(orient="records")]
        emit(to_json(people, meta), args.output, len(people))
    else:
        from imm_tui.report.markdown import review_markdown

        emit(review_markdown(review, pseudonyms), args.output)
    return EXIT_OK


def run_checklist(args: argparse.Namespace) -> int:
    monitor = load_monitor(args, extras=False)
    answers = monitor.review().checklist
    width = max(len(a.question) for a in answers)
    text = "".join(f"{a.number:>2}. {a.mark} {a.question:<{width}}  {a.detail}\n" for a in answers)
    emit(text, args.output)
    return EXIT_OK


def _groups_shown(plan: Plan, args: argparse.Namespace) -> set[str]:
    """The teams a filtered team report shows: the ones asked for and every team below them, or (for
    `--person`) the people's own teams; never a team above them, whose figures would be only partly there."""
    from imm_tui.engine.rollup import team_descendants

    teams = [t.strip() for value in args.team for t in value.split(",") if t.strip()]
    shown = {member for members in team_descendants(plan, teams).values() for member in members}
    people = {p.strip() for value in args.person for p in value.split(",") if p.strip()}
    shown |= {person.team for person in plan.people if person.id in people}
    return shown


STATUS_SORTS = {"state": None, "person": "person", "team": "team", "last-import": "last_import", "items": "items",
                "unclassified": "unclassified_share", "covered": "weeks_covered"}


def run_status(args: argparse.Namespace) -> int:
    """The Calendars view on the command line: whose export to ask for."""
    from imm_tui.engine.calendars import CalendarFacts, calendar_states
    from imm_tui.engine.requirement import derive
    from imm_tui.i18n import Labels
    from imm_tui.report.howto import HOWTO
    from imm_tui.report.tables import aligned, to_csv, to_json

    monitor = load_monitor(args, extras=False)
    plan = monitor.workspace.plan_document.plan
    facts = {person: CalendarFacts(*values) for person, values in monitor.facts.items()}
    frame = calendar_states(plan, derive(plan), monitor.coverage, facts, monitor.as_of)
    column = STATUS_SORTS[args.sort]
    if column is not None:
        frame = frame.sort_values([column, "person"], ascending=[column in ("person", "team"), True], kind="stable",
                                  na_position="first" if column == "last_import" else "last").reset_index(drop=True)
    if args.format == "csv":
        emit(to_csv(frame), args.output, len(frame))
        return EXIT_OK
    if args.format == "json":
        emit(to_json(frame, {"plan": plan.plan.name, "as_of": monitor.as_of.isoformat()}), args.output, len(frame))
        return EXIT_OK
    language = args.lang or plan.plan.language
    said = Labels(language)
    headers = ["person", "team", "state", "covered", "weeks", "last import", "files", "items", "unclassified"]
    body = []
    for row in frame.itertuples(index=False):
        covered = f"{row.covered_from} – {row.covered_to}" if row.covered_from is not None else ""
        share = f"{100 * row.unclassified_share:.0f} %" if row.unclassified_share == row.unclassified_share and \
            row.unclassified_share is not None else ""
        body.append([row.person, row.team, said(row.state), covered, f"{row.weeks_covered}/{row.weeks_happened}",
                     str(row.last_import or ""), str(row.files), str(row.items), share])
    counts = frame["state"].value_counts()
    summary = ", ".join(f"{said(state)} {int(counts[state])}" for state in ("ok", "partial", "stale", "no calendar") if state in counts)
    text = f"as of {monitor.as_of.isoformat()}: {summary}\n" + aligned(headers, body, numeric_from=6)
    if (frame["state"] != "ok").any():
        text += "\n" + HOWTO.get(language, HOWTO["en"]) + "\n"
    emit(text, args.output)
    return EXIT_OK


def run_reviews(args: argparse.Namespace) -> int:
    from imm_tui.report.reviews import DEFAULT_ORGANIZER, reviews_ics

    workspace = open_workspace(resolve_workspace(args.workspace))
    plan = workspace.plan_document.plan
    if not plan.reviews.dates:
        raise UsageError("the plan has no [reviews] dates to export")
    output = args.output or workspace.paths.reviews
    private_folder(output.parent)
    emit(reviews_ics(plan, organizer=args.organizer or DEFAULT_ORGANIZER), output)
    return EXIT_OK
