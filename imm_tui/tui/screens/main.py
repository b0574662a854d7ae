"""The main screen: one tab per view of the workspace."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane

from imm_tui.i18n import N_
from imm_tui.tui.text import Translated, t
from imm_tui.tui.widgets.import_pane import ImportPane
from imm_tui.tui.widgets.panes import ChecklistPane, InsightsPane, MonitorPane, Pane, RequirementPane
from imm_tui.tui.widgets.plan_pane import PlanPane

TABS = [("plan", N_("Plan"), PlanPane), ("requirement", N_("Requirement"), RequirementPane), ("monitor", N_("Monitor"), MonitorPane),
        ("insights", N_("Insights"), InsightsPane), ("checklist", N_("Checklist"), ChecklistPane), ("import", N_("Import"), ImportPane)]


class MainScreen(Screen[None], Translated):
    def __init__(self) -> None:
        super().__init__()
        self.last_focus: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="monitor", id="tabs"):
            for key, title, pane in TABS:
                with TabPane(t(self, title), id=key):
                    yield pane(id=f"{key}-pane")
        yield Footer()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Remember where the keys were in each tab, so that coming back to it puts them there again."""
        active = self.query_one(TabbedContent).active
        if active and event.widget in self.query_one(f"#{active}-pane", Pane).query("*"):
            self.last_focus[active] = event.widget

    def focus_pane(self, key: str) -> None:
        """Put the focus where it was in the pane `key`, else on its first table (else its first field): keys then
        work at once."""
        pane = self.query_one(f"#{key}-pane", Pane)
        remembered = self.last_focus.get(key)
        if remembered is not None and remembered.is_attached and remembered.focusable:
            remembered.focus()
            return
        kinds = ("VerticalScroll", "DirectoryTree", "KeyedTable", "Input") if key == "insights" else \
            ("DirectoryTree", "KeyedTable", "Input", "VerticalScroll")
        target = next((widget for kind in kinds for widget in pane.query(kind)), None)
        if target is not None and target.focusable:
            # the first table is at the top already: scrolling to it while the tab is still being laid out could
            # move the Plan tab's scroll to wherever the half-laid-out table seemed to be
            target.focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        self.app.refresh_views()  # type: ignore[attr-defined]  # back from a dialog that may have changed the plan (and the title's mark)

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_views)
        self.call_after_refresh(lambda: self.focus_pane(self.query_one(TabbedContent).active))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._show(self.query_one(TabbedContent).active)

    def refresh_views(self) -> None:
        """The session changed: redo the visible pane now, the others when they are shown."""
        for pane in self.query(Pane):
            pane.stale = True
        self._show(self.query_one(TabbedContent).active)

    def _show(self, key: str) -> None:
        pane = self.query_one(f"#{key}-pane", Pane)
        if pane.stale:
            pane.stale = False
            pane.refresh_view()
