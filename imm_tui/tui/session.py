"""What the app holds for one workspace: the plan being edited, its requirement, and the monitor.

No textual here: the session loads, re-derives and saves through the model, engine and ingest layers,
so the app's screens only display what it holds. Every edit goes through pydantic validation; a value
the plan cannot hold is refused with the reason, and nothing is saved until the user asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from imm_tui.engine.compare import Comparison, report
from imm_tui.engine.insights import Insights
from imm_tui.engine.live import LiveMonitor
from imm_tui.engine.requirement import Requirement, derive
from imm_tui.i18n import Labels
from imm_tui.model.classify import Rule
from imm_tui.model.plan import Plan
from imm_tui.model.plan_checks import check_plan
from imm_tui.model.plan_file import PlanDocument, save_plan
from imm_tui.model.problems import InputError
from imm_tui.model.settings import SettingRefused, set_typed
from imm_tui.model.workspace import Workspace, load_workspace


class EditRefused(Exception):
    """A value the plan cannot hold; the message says why."""


@dataclass
class Monitoring:
    as_of: date
    activity: pd.DataFrame
    monitored: set[str]
    coverage: dict[str, list[tuple[date, date]]] = field(default_factory=dict)  # what each person's calendars cover
    facts: dict[str, tuple[int, int, int, date | None]] = field(default_factory=dict)  # files, items, unclassified, last import
    time: pd.DataFrame | None = None  # minutes per person, week and kind (ingest.activity.load_time); None without a store
    orders: pd.DataFrame | None = None  # order lines of imported CRM exports (ingest.activity.load_orders); None: none imported
    contacts: pd.DataFrame | None = None  # counted items with an account (ingest.activity.contacts_of); None without a store
    last_year: Callable[[], tuple[pd.DataFrame | None, pd.DataFrame | None]] | None = None  # loads the two below when first asked
    _last_year: tuple[pd.DataFrame | None, pd.DataFrame | None] | None = field(default=None, repr=False)

    @property
    def previous(self) -> pd.DataFrame | None:
        """Last year's counted items (None when the store holds none): loaded when first asked (the Insights tab,
        a chart, an export), not at start: a year of 160 people is half a second."""
        return self._loaded()[0]

    @property
    def previous_orders(self) -> pd.DataFrame | None:
        """Last year's order lines of CRM exports (None: none)."""
        return self._loaded()[1]

    def _loaded(self) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
        if self._last_year is None:
            self._last_year = self.last_year() if self.last_year is not None else (None, None)
        return self._last_year


HISTORY = 200  # plan edits that can be undone


class Session:
    def __init__(self, root: Path, labels: Labels | None = None, year: int | None = None) -> None:
        """`year`: another plan year than plan.toml's (its plan is plan-<year>.toml beside it)."""
        self.root = root
        self.labels = labels or Labels()  # for the reasons it gives; the app sets its own
        self.chosen_as_of: date | None = None  # a day the user picked: kept over reloads and imports
        self.year = year
        self.reload()

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the workspace again; unsaved edits and their history are dropped (the app asks first)."""
        self.workspace: Workspace = load_workspace(self.root, self.year)
        self.document: PlanDocument = self.workspace.plan_document
        self.plan: Plan = self.document.plan.model_copy(deep=True)
        self.undone: list[Plan] = []  # plans before each edit, newest last
        self.redone: list[Plan] = []  # plans undone, newest last
        self.monitoring = self._load_monitoring()
        self._derive()

    def _load_monitoring(self) -> Monitoring:
        from imm_tui.ingest.activity import (
            ACTIVITY_COLUMNS,
            contacts_of,
            default_as_of,
            last_imported_day,
            load_activity,
            load_orders,
            load_time,
        )
        from imm_tui.ingest.reclassify import ensure_classified
        from imm_tui.ingest.store import Store

        year = self.plan.plan.year
        activity = pd.DataFrame(columns=ACTIVITY_COLUMNS)
        last, monitored, coverage, facts, time, orders, contacts, last_year = None, set(), {}, {}, None, None, None, None
        if self.workspace.paths.store.exists():
            with Store.open_for_reading(self.workspace.paths.store) as store:
                ensure_classified(store, self.workspace)
                activity = load_activity(store, year, with_account=True)
                last = last_imported_day(store, year)
                monitored = {f.person for f in store.files()}
                coverage = store.coverage()
                facts = store.facts_per_person(year)
                time = load_time(store, year)
                orders = load_orders(store, year)
                contacts = contacts_of(activity)
                last_year = partial(_last_year, self.workspace, year)
        as_of = default_as_of(last, year)
        chosen = self.chosen_as_of
        if chosen is not None and date.fromisocalendar(year, 1, 1) <= chosen < date.fromisocalendar(year + 1, 1, 1):
            as_of = chosen
        return Monitoring(as_of, activity, monitored, coverage, facts, time, orders, contacts, last_year)

    def switch_year(self, year: int) -> None:
        """Show another plan year: its plan and its items (unsaved edits are dropped: the app asks first). Nothing
        changes when that year's plan cannot be loaded (the InputError says why)."""
        before = (self.year, self.chosen_as_of)
        self.year, self.chosen_as_of = year, None
        try:
            self.reload()
        except InputError:
            self.year, self.chosen_as_of = before
            raise

    def set_as_of(self, text: str) -> None:
        """Compare as of another day of the plan year (`2027-03-31`); refuse anything else with the reason."""
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            raise EditRefused(self.labels("'{text}' is not a date: write it as 2027-03-31", text=text.strip())) from None
        year = self.plan.plan.year
        first, last = date.fromisocalendar(year, 1, 1), date.fromisocalendar(year + 1, 1, 1)
        if not first <= day < last:
            raise EditRefused(self.labels("{day} is outside the plan year ({first} to {last}, ISO weeks)",
                                          day=day.isoformat(), first=first.isoformat(), last=last.isoformat()))
        self.monitoring.as_of = self.chosen_as_of = day
        self._derive()

    def reload_activity(self) -> None:
        self.monitoring = self._load_monitoring()
        self._derive()

    def _derive(self, *, replan: bool = False) -> None:
        """The requirement and the monitor for the plan as it is now. With `replan` (an edit of the plan, the
        items and day unchanged), the monitor reuses its counts: 20 ms instead of 220 at 160 people."""
        self.requirement: Requirement = derive(self.plan)
        live = self.live.replanned(self.plan, self.requirement) if replan else None
        self.live = live or LiveMonitor(self.plan, self.requirement, self.monitoring.activity, self.monitoring.as_of,
                                        self.monitoring.monitored, coverage=self.monitoring.coverage, orders=self.monitoring.orders)

    # --- what the screens show ---------------------------------------------------------------------
    @property
    def comparison(self) -> Comparison:
        return self.live.comparison

    @property
    def insights(self) -> Insights:
        return self.live.insights

    @property
    def dirty(self) -> bool:
        return self.plan != self.document.plan

    def monitor_table(self, activity: str, by: str = "week") -> pd.DataFrame:
        thresholds = self.plan.monitor
        frame = report(self.comparison, self.requirement, self.plan, by=by, level="person", thresholds=thresholds)  # type: ignore[arg-type]
        return frame[frame["activity"] == activity]

    # --- editing --------------------------------------------------------------------------------------
    def set_value(self, section: str, index: int, field: str, text: str) -> Any:
        """Set `plan.<section>[index].<field>` from what the user typed; refuse what the plan cannot hold.
        `section` may be dotted (`calendar.events`)."""
        from imm_tui.tui.plan_edits import items_at

        candidate = self.plan.model_copy(deep=True)
        target = items_at(candidate, section)[index]
        try:
            set_typed(target, field, text)
        except SettingRefused as error:
            raise EditRefused(str(error)) from None
        self._take(candidate)
        return getattr(target, field)

    def set_setting(self, path: str, text: str) -> Any:
        """Set a single-valued setting (`calendar.seasonality.jul`) from what the user typed, or refuse it."""
        from imm_tui.model.settings import with_setting

        try:
            candidate = with_setting(self.plan, path, text)
        except SettingRefused as error:
            raise EditRefused(str(error)) from None
        self._take(candidate, year_changed=path == "plan.year")

    def add_item(self, section: str, text: str = "", copy_of: int | None = None) -> int:
        """Append a new person, segment, product, team, vacancy or calendar event (a copy of item `copy_of` when
        given) and return its position. `text` is the new id (the event's name); the plan's checks decide."""
        from imm_tui.tui.plan_edits import PlanEditRefused, added

        try:
            candidate, index = added(self.plan, section, text, copy_of)
        except PlanEditRefused as error:
            raise EditRefused(self.labels(error.template, **error.params)) from None
        self._take(candidate)
        return index

    def remove_item(self, section: str, index: int) -> str:
        """Remove an item; say what else changed with it (a segment leaves the portfolios). Refused while
        something still needs it (a team with people)."""
        from imm_tui.tui.plan_edits import PlanEditRefused, removed

        try:
            candidate, also = removed(self.plan, section, index)
        except PlanEditRefused as error:
            raise EditRefused(self.labels(error.template, **error.params)) from None
        self._take(candidate)
        return self.labels(also.template, **also.params) if also else ""

    def _take(self, candidate: Plan, *, year_changed: bool = False) -> None:
        """Make `candidate` the plan when it passes every check; the plan before it can be undone."""
        problems = [message for _, message, severity in check_plan(candidate) if severity == "error"]
        if problems:
            raise EditRefused(problems[0])
        self.undone = [*self.undone[-(HISTORY - 1):], self.plan]
        self.redone = []
        year = self.plan.plan.year
        self.plan = candidate
        self._after_change(year_changed or candidate.plan.year != year)

    def _after_change(self, year_changed: bool) -> None:
        if year_changed:
            self.reload_activity()  # another year's items
        else:
            self._derive(replan=True)

    def undo(self) -> bool:
        """Back to the plan before the last edit; False when there is none."""
        return self._step(self.undone, self.redone)

    def redo(self) -> bool:
        """The edit undone last, again; False when there is none."""
        return self._step(self.redone, self.undone)

    def _step(self, source: list[Plan], target: list[Plan]) -> bool:
        """Take the newest plan of `source`, keeping the current one on `target` (undo and redo in one)."""
        if not source:
            return False
        year = self.plan.plan.year
        target.append(self.plan)
        self.plan = source.pop()
        self._after_change(self.plan.plan.year != year)
        return True

    def add_rule(self, rule: Rule, note: str) -> None:
        """Append a rule to classify.toml and re-classify the stored items with it (the plan's edits stay)."""
        from imm_tui.model.classify import add_rule

        classification = add_rule(self.workspace.paths.classify, rule, self.plan.activity_ids, note)
        self.workspace = replace(self.workspace, classification=classification)
        self.reload_activity()

    def save(self, *, force: bool = False) -> None:
        """Write the plan; the edits stay undoable (an undo after saving is an unsaved change again)."""
        self.document = save_plan(self.document, self.plan, force=force)
        self.plan = self.document.plan.model_copy(deep=True)


def _last_year(workspace: Workspace, year: int) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Last year's counted items and order lines from the store, classified by the workspace's rules (a read-only
    store whose rules changed is classified again in memory, as at the session's load)."""
    from imm_tui.ingest.activity import load_orders, load_previous
    from imm_tui.ingest.reclassify import ensure_classified
    from imm_tui.ingest.store import Store

    with Store.open_for_reading(workspace.paths.store) as store:
        ensure_classified(store, workspace)
        return load_previous(store, year), load_orders(store, year - 1)


def calendars_of(session: Session) -> pd.DataFrame:
    """The Calendars view: per person their coverage and state (engine.calendars), as of the session's day."""
    from imm_tui.engine.calendars import CalendarFacts, calendar_states

    facts = {person: CalendarFacts(*values) for person, values in session.monitoring.facts.items()}
    return calendar_states(session.plan, session.requirement, session.monitoring.coverage, facts, session.monitoring.as_of)


def review_queue_of(session: Session) -> pd.DataFrame:
    """The organisation's unclassified items by subject, most frequent first (empty without a store)."""
    from imm_tui.ingest.activity import QUEUE_COLUMNS, review_queue
    from imm_tui.ingest.store import Store

    if not session.workspace.paths.store.exists():
        return pd.DataFrame(columns=QUEUE_COLUMNS)
    with Store.open_for_reading(session.workspace.paths.store) as store:
        return review_queue(store, session.plan.plan.year)


def review_of(session: Session):  # type: ignore[no-untyped-def]
    """The review bundle (insights, checklist) for the session's current state."""
    from imm_tui.report.review import review_from

    return review_from(session.plan, session.requirement, session.comparison, session.insights,
                       monitored=session.monitoring.monitored, reviews_exported=session.workspace.paths.reviews.exists(),
                       time=session.monitoring.time, orders=session.monitoring.orders, accounts=session.workspace.accounts,
                       contacts=session.monitoring.contacts, previous=session.monitoring.previous,
                       activity=session.monitoring.activity, previous_orders=session.monitoring.previous_orders)


def export_review(session: Session, kind: str, *, anonymize: bool = False) -> Path:
    """Write the review as of the session's day to `exports/` (Excel or Markdown, names replaced on
    request) and return where. The plan's unsaved edits are included: it is what the screen shows."""
    from imm_tui.engine.compare import REPORT_COLUMNS, report
    from imm_tui.model.atomic import private_folder, write_atomic
    from imm_tui.report.anonymize import Pseudonyms

    review = review_of(session)
    plan = session.plan
    pseudonyms = None
    if anonymize:
        pseudonyms = Pseudonyms.for_plan(plan, [a.name for a in session.workspace.accounts])
    name = f"review-{session.comparison.as_of.isoformat()}{'-anonymous' if anonymize else ''}.{kind}"
    path = session.workspace.paths.exports / name
    private_folder(path.parent)
    if kind == "xlsx":
        from imm_tui.report.excel import review_workbook

        frame = report(session.comparison, session.requirement, plan, by="week", level="person", thresholds=plan.monitor)
        frame = frame[["person", "team", *REPORT_COLUMNS]]
        data = review_workbook(review, frame, pseudonyms)
    else:
        from imm_tui.report.markdown import review_markdown

        data = review_markdown(review, pseudonyms, labels=session.labels).encode("utf-8")
    write_atomic(path, data, backup=False)
    return path


def export_reviews_calendar(session: Session) -> Path:
    """The plan's review dates as calendar invitations (`exports/reviews.ics`)."""
    from imm_tui.model.atomic import private_folder, write_atomic
    from imm_tui.report.reviews import reviews_ics

    if not session.plan.reviews.dates:
        raise EditRefused(session.labels("the plan has no review dates: add them under Settings (reviews.dates)"))
    path = session.workspace.paths.reviews
    private_folder(path.parent)
    write_atomic(path, reviews_ics(session.plan), backup=False)
    return path
