"""The plan editor pane: the whole plan, table by table, edited cell by cell.

Segments, people, products, teams, vacancies and calendar events can be added (`a`), copied (`c`) and
removed (`x`); every single-valued setting is a row of the settings table. Each field's meaning (its
docstring in the model, in the app's language) is shown above the tables for the cursor's column and
in the dialog that edits it. Every change is checked like the file is, and can be undone (ctrl+z).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from imm_tui.i18n import N_
from imm_tui.model.plan import MONTHS, Event, Person, Plan, Product, Segment, Team, Vacancy
from imm_tui.model.settings import Setting, settings, show, show_absences
from imm_tui.tui.plan_edits import items_at
from imm_tui.tui.text import t
from imm_tui.tui.widgets.panes import Pane, _session
from imm_tui.tui.widgets.plain import Label
from imm_tui.tui.widgets.table import KeyedTable


class Section:
    """One table of the plan: where its items live, which fields show and which are edited here."""

    def __init__(self, path: str, model: type[BaseModel], title: str, singular: str, fields: list[str],
                 fixed: frozenset[str] = frozenset({"id"})) -> None:
        self.path, self.model, self.title, self.singular, self.fields = path, model, title, singular, fields
        self.editable = [f for f in fields if f not in fixed]
        self.table_id = path.rsplit(".", 1)[-1]
        self.has_id = "id" in model.model_fields

    def items(self, plan: Plan) -> list[Any]:
        return items_at(plan, self.path)

    def key(self, index: int, item: Any) -> str:
        return str(item.id) if self.has_id else str(index)

    def index(self, plan: Any, key: str) -> int:
        items = self.items(plan)
        if self.has_id:
            return next(i for i, item in enumerate(items) if item.id == key)
        return int(key)

    def meaning(self, field: str) -> str:
        info = self.model.model_fields.get(field)
        return " ".join((info.description or "").split()) if info else ""


SECTIONS = [
    Section("segments", Segment, N_("Segments — contact pattern per customer group"), N_("segment"),
            ["id", "name", "kind", "priority", "contacts_per_account", "contacts_per_year", "offers_per_account", "channels"]),
    Section("people", Person, N_("People — field of play, targets, portfolio and time away"), N_("person"),
            ["id", "name", "team", "fte", "fop", "hunting_share", "revenue_target", "portfolio", "minimums", "start", "end", "absences",
             "email", "growth"]),
    Section("products", Product, N_("Products — revenue targets"), N_("product"), ["id", "name", "priority", "revenue_target"]),
    Section("teams", Team, N_("Teams and divisions (a team with a parent belongs to that division)"), N_("team"), ["id", "name", "parent"]),
    Section("vacancies", Vacancy, N_("Vacancies — budgeted seats with nobody in them"), N_("vacancy"), ["team", "fte", "portfolio"]),
    Section("calendar.events", Event, N_("Calendar events — weeks that ask more (or less) work"), N_("event"), ["name", "weeks", "factor"]),
]
BY_TABLE = {section.table_id: section for section in SECTIONS}
MONTH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"), N_("August"),
               N_("September"), N_("October"), N_("November"), N_("December"))
SEASONALITY = "calendar.seasonality."
SETTING_COLUMNS = ["setting", "value", "meaning"]
PAIRS_HINT = N_("name=number pairs separated by commas, e.g. key=8, mid=25")
ABSENCES_HINT = N_("periods separated by ;, e.g. 2027-07-12..2027-07-30 holiday; 2027-10-04 dentist")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in value.items())
    if isinstance(value, list) and value and all(hasattr(v, "from_") for v in value):
        return show_absences(value)
    return show(value)


class PlanPane(Pane):
    """Enter on a cell edits it; the value is checked before it is taken; `w` writes the plan."""

    BINDINGS = [
        Binding("a", "add", "Add", id="plan.add"),
        Binding("c", "copy_item", "Copy", id="plan.copy"),
        Binding("x,delete", "remove", "Remove", id="plan.remove"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("", id="field-help", classes="hint padded")
        with VerticalScroll(id="plan-tables"):
            for section in SECTIONS:
                yield Label(t(self, section.title), classes="section")
                yield KeyedTable(id=section.table_id, fixed=2 if section.has_id else 1)
            settings_label = t(self, "Settings — plan, calendar and seasonality, norms, funnel, costs, reviews, monitor thresholds")
            yield Label(settings_label, classes="section")
            yield KeyedTable(id="settings")
        yield Label(t(self, "Enter edits a cell · a adds · c copies · x removes · ctrl+z undoes · w saves"), classes="hint padded")

    def meaning(self, setting: Setting) -> str:
        """The setting's meaning (its field's docstring in the model) in the app's language."""
        if setting.path.startswith(SEASONALITY):
            month = MONTH_NAMES[MONTHS.index(setting.path.removeprefix(SEASONALITY))]
            return t(self, "Weight of the weeks of {month} (1 = an ordinary month).", month=t(self, month))
        return t(self, setting.meaning)

    def refresh_view(self) -> None:
        plan = _session(self).plan
        for section in SECTIONS:
            rows = [(section.key(i, item), [_show(getattr(item, f)) for f in section.fields]) for i, item in enumerate(section.items(plan))]
            self.query_one(f"#{section.table_id}", KeyedTable).show(section.fields, rows)
        rows = [(s.path, [s.path, show(s.value), self.meaning(s) if s.editable else t(self, "{meaning} (edit in plan.toml)",
                                                                                      meaning=self.meaning(s))])
                for s in settings(plan)]
        self.query_one("#settings", KeyedTable).show(SETTING_COLUMNS, rows, [t(self, "setting"), t(self, "value"), t(self, "meaning")])

    # --- what the cursor is on -------------------------------------------------------------------------
    def _focused(self) -> tuple[KeyedTable, Section | None] | None:
        focused = self.screen.focused
        if isinstance(focused, KeyedTable) and focused in self.query(KeyedTable):
            return focused, BY_TABLE.get(focused.id or "")
        return None

    def on_keyed_table_cursor_moved(self, event: KeyedTable.CursorMoved) -> None:
        section = BY_TABLE.get(event.table.id or "")
        help_line = self.query_one("#field-help", Label)
        if section is None or not 0 <= event.column < len(section.fields):
            help_line.update("")
            return
        field = section.fields[event.column]
        meaning = section.meaning(field)
        help_line.update(f"{field}: {t(self, meaning)}" if meaning else field)

    # --- editing -----------------------------------------------------------------------------------------
    def on_keyed_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        from imm_tui.tui.screens.modals import EditValue

        session = _session(self)
        table_id = event.table.id or ""
        if table_id == "settings":
            found = next(s for s in settings(session.plan) if s.path == event.key)
            if not found.editable:
                self.notify(t(self, "{field} is a list of tables: edit it in its own table above", field=found.path), severity="warning")
                return
            hint = t(self, "a list: separate the values with commas") if isinstance(found.value, list) else self.meaning(found)
            self.app.push_screen(EditValue(found.path, show(found.value), partial(session.set_setting, found.path), hint))
            return
        section = BY_TABLE[table_id]
        field = event.column
        if field not in section.editable:
            self.notify(t(self, "An id stays as it is (files and portfolios use it): copy the row with c, give the copy the new id, "
                                "then remove the old one with x"), severity="warning")
            return
        index = section.index(session.plan, event.key)
        item = section.items(session.plan)[index]
        label = f"{t(self, section.singular)} {section.key(index, item)}: {field}"
        current = getattr(item, field)
        hints = [t(self, section.meaning(field))] if section.meaning(field) else []
        if field == "absences":
            hints.append(t(self, ABSENCES_HINT))
        elif isinstance(current, dict):
            hints.append(t(self, PAIRS_HINT))
        elif isinstance(current, list):
            hints.append(t(self, "a list: separate the values with commas"))
        self.app.push_screen(EditValue(label, _show(current), partial(session.set_value, section.path, index, field), "\n".join(hints)))

    def action_add(self, copy: bool = False) -> None:
        from imm_tui.tui.screens.modals import EditValue

        found = self._focused()
        if found is None or found[1] is None:
            self.notify(t(self, "Put the cursor in the table to add to (segments, people, products, teams, vacancies, events)"),
                        severity="warning")
            return
        table, section = found
        session = _session(self)
        copy_of = None
        if copy:
            if not table.row_count:
                self.notify(t(self, "Nothing to copy yet"), severity="warning")
                return
            copy_of = section.index(session.plan, table.row_keys[table.cursor_row])
        if not section.has_id and section.path == "vacancies":
            self._added(table, section, session.add_item(section.path, "", copy_of))
            return
        what = t(self, "name") if section.path == "calendar.events" else t(self, "id")
        title = (t(self, "Copy of this {thing}: its {what}", thing=t(self, section.singular), what=what) if copy else
                 t(self, "New {thing}: its {what}", thing=t(self, section.singular), what=what))
        hint = t(self, section.meaning("id") or section.meaning("name"))
        added: list[int] = []

        def apply(text: str) -> None:
            added.append(session.add_item(section.path, text, copy_of))

        def done(taken: bool | None) -> None:
            if taken and added:
                self._added(table, section, added[-1])

        self.app.push_screen(EditValue(title, "", apply, hint), done)

    def action_copy_item(self) -> None:
        self.action_add(copy=True)

    def _added(self, table: KeyedTable, section: Section, index: int) -> None:
        session = _session(self)
        self.app.refresh_views()  # type: ignore[attr-defined]
        item = section.items(session.plan)[index]
        key = section.key(index, item)
        if key in table.row_keys:
            table.move_cursor(row=table.get_row_index(key), column=1 if len(section.fields) > 1 else 0)
        table.focus()
        self.notify(t(self, "Added {thing} {key}: Enter on a cell fills it in (ctrl+z undoes)", thing=t(self, section.singular), key=key))

    def action_remove(self) -> None:
        from imm_tui.tui.session import EditRefused

        found = self._focused()
        if found is None or found[1] is None or not found[0].row_count:
            self.notify(t(self, "Put the cursor on the row to remove"), severity="warning")
            return
        table, section = found
        session = _session(self)
        key = table.row_keys[table.cursor_row]
        try:
            also = session.remove_item(section.path, section.index(session.plan, key))
        except EditRefused as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.app.refresh_views()  # type: ignore[attr-defined]
        said = t(self, "Removed {thing} {key} (ctrl+z brings it back)", thing=t(self, section.singular), key=key)
        self.notify(f"{said}. {also}" if also else said)
