"""The main screen: one tab per view of the workspace."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from imm_tui.tui.widgets.import_pane import ImportPane
from imm_tui.tui.widgets.panes import ChecklistPane, InsightsPane, MonitorPane, Pane, RequirementPane
from imm_tui.tui.widgets.plan_pane import PlanPane

TABS = [("plan", "Plan", PlanPane), ("requirement", "Requirement", RequirementPane), ("monitor", "Monitor", MonitorPane),
        ("insights", "Insights", InsightsPane), ("checklist", "Checklist", ChecklistPane), ("import", "Import", ImportPane)]


class MainScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="monitor", id="tabs"):
            for key, title, pane in TABS:
                with TabPane(title, id=key):
                    yield pane(id=f"{key}-pane")
        yield Footer()

    def focus_pane(self, key: str) -> None:
        """Put the focus on the first table (or field) of the pane `key`."""
        pane = self.query_one(f"#{key}-pane", Pane)
        target = next(iter(pane.query("KeyedTable, Input, Markdown")), None)
        if target is not None and target.focusable:
            target.focus()

    def on_screen_resume(self) -> None:
        self.refresh_views()  # back from a dialog that may have changed the plan

    def refresh_views(self) -> None:
        for pane in self.query(Pane):
            if pane.is_mounted:
                pane.refresh_view()
