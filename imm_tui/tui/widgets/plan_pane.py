"""The plan editor pane: segments, people and the organisation's figures, edited cell by cell."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Label

from imm_tui.tui.widgets.panes import Pane, _session
from imm_tui.tui.widgets.table import KeyedTable

# (section, fields shown, fields that can be edited in place)
SEGMENT_FIELDS = ["id", "name", "kind", "priority", "contacts_per_account", "contacts_per_year", "offers_per_account", "channels"]
PEOPLE_FIELDS = ["id", "name", "team", "fte", "fop", "hunting_share", "revenue_target", "portfolio", "minimums"]
EDITABLE = {
    "segments": {"name", "priority", "contacts_per_account", "contacts_per_year", "offers_per_account"},
    "people": {"name", "fte", "hunting_share", "revenue_target"},
}


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


class PlanPane(Pane):
    """Enter on a cell edits it; the value is checked before it is taken; `w` writes the plan."""

    def compose(self) -> ComposeResult:
        yield Label("Segments — contact pattern per customer group (Enter edits a cell)", classes="section")
        yield KeyedTable(id="segments")
        yield Label("People — field of play, targets and portfolio", classes="section")
        yield KeyedTable(id="people")

    def refresh_view(self) -> None:
        plan = _session(self).plan
        self.query_one("#segments", KeyedTable).show(
            SEGMENT_FIELDS, [(s.id, [_show(getattr(s, f)) for f in SEGMENT_FIELDS]) for s in plan.segments])
        self.query_one("#people", KeyedTable).show(
            PEOPLE_FIELDS, [(p.id, [_show(getattr(p, f)) for f in PEOPLE_FIELDS]) for p in plan.people])

    def on_data_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        section = event.data_table.id or ""
        field = SEGMENT_FIELDS[event.coordinate.column] if section == "segments" else PEOPLE_FIELDS[event.coordinate.column]
        if field not in EDITABLE.get(section, set()):
            self.notify(f"{field} is edited in plan.toml", severity="warning")
            return
        from imm_tui.tui.screens.modals import EditValue

        index = event.coordinate.row
        items = getattr(_session(self).plan, section)
        label = f"{section[:-1] if section != 'people' else 'person'} {items[index].id}: {field}"
        self.app.push_screen(EditValue(section, index, field, label, _show(getattr(items[index], field))))
