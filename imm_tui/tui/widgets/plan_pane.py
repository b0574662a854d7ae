"""The plan editor pane: segments, people, products and every single-valued setting, edited cell by cell."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import ComposeResult

from imm_tui.i18n import N_
from imm_tui.model.plan import MONTHS
from imm_tui.model.settings import Setting, settings, show
from imm_tui.tui.text import t
from imm_tui.tui.widgets.panes import Pane, _session
from imm_tui.tui.widgets.plain import Label
from imm_tui.tui.widgets.table import KeyedTable

# (table id → fields shown); EDITABLE: the fields edited in place (the others in plan.toml)
FIELDS = {
    "segments": ["id", "name", "kind", "priority", "contacts_per_account", "contacts_per_year", "offers_per_account", "channels"],
    "people": ["id", "name", "team", "fte", "fop", "hunting_share", "revenue_target", "portfolio", "minimums"],
    "products": ["id", "name", "priority", "revenue_target"],
}
EDITABLE = {
    "segments": {"name", "kind", "priority", "contacts_per_account", "contacts_per_year", "offers_per_account", "channels"},
    "people": {"name", "team", "fte", "fop", "hunting_share", "revenue_target", "portfolio", "minimums"},
    "products": {"name", "priority", "revenue_target"},
}
SINGULAR = {"segments": N_("segment"), "people": N_("person"), "products": N_("product")}
MONTH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"), N_("August"),
               N_("September"), N_("October"), N_("November"), N_("December"))
SEASONALITY = "calendar.seasonality."
SETTING_COLUMNS = ["setting", "value", "meaning"]


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in value.items())
    return show(value)


class PlanPane(Pane):
    """Enter on a cell edits it; the value is checked before it is taken; `w` writes the plan."""

    def compose(self) -> ComposeResult:
        yield Label(t(self, "Segments — contact pattern per customer group (Enter edits a cell)"), classes="section")
        yield KeyedTable(id="segments")
        yield Label(t(self, "People — field of play, targets and portfolio"), classes="section")
        yield KeyedTable(id="people")
        yield Label(t(self, "Products — revenue targets"), classes="section")
        yield KeyedTable(id="products")
        settings_label = t(self, "Settings — plan, calendar and seasonality, norms, funnel, costs, reviews, monitor thresholds")
        yield Label(settings_label, classes="section")
        yield KeyedTable(id="settings")

    def meaning(self, setting: Setting) -> str:
        """The setting's meaning (its field's docstring in the model) in the app's language."""
        if setting.path.startswith(SEASONALITY):
            month = MONTH_NAMES[MONTHS.index(setting.path.removeprefix(SEASONALITY))]
            return t(self, "Weight of the weeks of {month} (1 = an ordinary month).", month=t(self, month))
        return t(self, setting.meaning)

    def refresh_view(self) -> None:
        plan = _session(self).plan
        for section, fields in FIELDS.items():
            items = getattr(plan, section)
            self.query_one(f"#{section}", KeyedTable).show(fields, [(item.id, [_show(getattr(item, f)) for f in fields]) for item in items])
        rows = [(s.path, [s.path, show(s.value), self.meaning(s) if s.editable else t(self, "{meaning} (edit in plan.toml)",
                                                                                      meaning=self.meaning(s))])
                for s in settings(plan)]
        self.query_one("#settings", KeyedTable).show(SETTING_COLUMNS, rows, [t(self, "setting"), t(self, "value"), t(self, "meaning")])

    def on_keyed_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        from imm_tui.tui.screens.modals import EditValue

        session = _session(self)
        section = event.table.id or ""
        if section == "settings":
            found = settings(session.plan)[event.coordinate.row]
            if not found.editable:
                self.notify(t(self, "{field} is edited in plan.toml", field=found.path), severity="warning")
                return
            hint = t(self, "a list: separate the values with commas") if isinstance(found.value, list) else self.meaning(found)
            self.app.push_screen(EditValue(found.path, show(found.value), partial(session.set_setting, found.path), hint))
            return
        field = FIELDS[section][event.coordinate.column]
        if field not in EDITABLE.get(section, set()):
            self.notify(t(self, "{field} is edited in plan.toml", field=field), severity="warning")
            return
        index = event.coordinate.row
        items = getattr(session.plan, section)
        label = f"{t(self, SINGULAR[section])} {items[index].id}: {field}"
        current = getattr(items[index], field)
        hint = t(self, "name=number pairs separated by commas, e.g. key=8, mid=25") if isinstance(current, dict) else ""
        self.app.push_screen(EditValue(label, _show(current), partial(session.set_value, section, index, field), hint))
