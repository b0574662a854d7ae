"""The plan editor pane: segments, people, products and every single-valued setting, edited cell by cell."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Label

from imm_tui.model.settings import settings, show
from imm_tui.tui.widgets.panes import Pane, _session
from imm_tui.tui.widgets.table import KeyedTable

# (table id → fields shown); EDITABLE: the fields edited in place (the others in plan.toml)
FIELDS = {
    "segments": ["id", "name", "kind", "priority", "contacts_per_account", "contacts_per_year", "offers_per_account", "channels"],
    "people": ["id", "name", "team", "fte", "fop", "hunting_share", "revenue_target", "portfolio", "minimums"],
    "products": ["id", "name", "priority", "revenue_target"],
}
EDITABLE = {
    "segments": {"name", "priority", "contacts_per_account", "contacts_per_year", "offers_per_account"},
    "people": {"name", "fte", "hunting_share", "revenue_target"},
    "products": {"name", "priority", "revenue_target"},
}
SINGULAR = {"segments": "segment", "people": "person", "products": "product"}
SETTING_COLUMNS = ["setting", "value", "meaning"]


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in value.items())
    return show(value)


class PlanPane(Pane):
    """Enter on a cell edits it; the value is checked before it is taken; `w` writes the plan."""

    def compose(self) -> ComposeResult:
        yield Label("Segments — contact pattern per customer group (Enter edits a cell)", classes="section")
        yield KeyedTable(id="segments")
        yield Label("People — field of play, targets and portfolio", classes="section")
        yield KeyedTable(id="people")
        yield Label("Products — revenue targets", classes="section")
        yield KeyedTable(id="products")
        yield Label("Settings — plan, calendar and seasonality, norms, funnel, costs, reviews, monitor thresholds", classes="section")
        yield KeyedTable(id="settings")

    def refresh_view(self) -> None:
        plan = _session(self).plan
        for section, fields in FIELDS.items():
            items = getattr(plan, section)
            self.query_one(f"#{section}", KeyedTable).show(fields, [(item.id, [_show(getattr(item, f)) for f in fields]) for item in items])
        rows = [(s.path, [s.path, show(s.value), s.meaning if s.editable else f"{s.meaning} (edit in plan.toml)"]) for s in settings(plan)]
        self.query_one("#settings", KeyedTable).show(SETTING_COLUMNS, rows)

    def on_keyed_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        from imm_tui.tui.screens.modals import EditValue

        session = _session(self)
        section = event.table.id or ""
        if section == "settings":
            found = settings(session.plan)[event.coordinate.row]
            if not found.editable:
                self.notify(f"{found.path} is edited in plan.toml", severity="warning")
                return
            hint = "a list: separate the values with commas" if isinstance(found.value, list) else found.meaning
            self.app.push_screen(EditValue(found.path, show(found.value), partial(session.set_setting, found.path), hint))
            return
        field = FIELDS[section][event.coordinate.column]
        if field not in EDITABLE.get(section, set()):
            self.notify(f"{field} is edited in plan.toml", severity="warning")
            return
        index = event.coordinate.row
        items = getattr(session.plan, section)
        label = f"{SINGULAR[section]} {items[index].id}: {field}"
        self.app.push_screen(EditValue(label, _show(getattr(items[index], field)), partial(session.set_value, section, index, field)))
