"""The IMM app: loads the workspace session, applies the theme and pushes the main screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.widgets import TabbedContent

from imm_tui.model.plan_file import PlanChangedOnDisk
from imm_tui.model.problems import InputError
from imm_tui.tui.screens.main import TABS, MainScreen
from imm_tui.tui.session import Session


class ImmApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "IMM — Interaction Management Monitor"
    BINDINGS = [
        Binding("q", "quit_app", "Quit", id="app.quit"),
        Binding("w", "save", "Save plan", id="app.save"),
        Binding("r", "reload", "Reload", id="app.reload"),
        Binding("t", "toggle_theme", "Theme", id="app.theme"),
        Binding("question_mark", "help", "Help", id="app.help"),
        *(Binding(str(n), f"tab('{key}')", title, show=False, id=f"app.tab.{key}") for n, (key, title, _) in enumerate(TABS, start=1)),
    ]

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.session = Session(workspace)
        self.sub_title = f"{self.session.plan.plan.name} — {workspace.name}"

    def on_mount(self) -> None:
        self.push_screen(MainScreen())

    def refresh_views(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.refresh_views()
        else:
            for candidate in self.screen_stack:
                if isinstance(candidate, MainScreen):
                    candidate.refresh_views()

    def action_tab(self, key: str) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                # Focus must leave the old pane first: TabbedContent follows the focus back to its tab.
                screen.set_focus(None)
                screen.query_one(TabbedContent).active = key
                self.call_after_refresh(screen.focus_pane, key)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        self.notify("1–6 tabs · Enter edits a plan cell · w save · r reload · y copy table · t theme · q quit · ctrl+p commands",
                    title="Keys", timeout=8)

    def action_save(self, force: bool = False) -> None:
        try:
            self.session.save(force=force)
        except PlanChangedOnDisk:
            from imm_tui.tui.screens.modals import ChangedOnDisk

            def decide(choice: str | None) -> None:
                if choice == "reload":
                    self.action_reload()
                elif choice == "keep":
                    self.action_save(force=True)

            self.push_screen(ChangedOnDisk(), decide)
            return
        except InputError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify("Plan saved (the previous version is plan.toml.bak)")

    def action_reload(self) -> None:
        try:
            self.session.reload()
        except InputError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.refresh_views()
        self.notify("Reloaded the workspace")

    def action_quit_app(self) -> None:
        if not self.session.dirty:
            self.exit()
            return
        from imm_tui.tui.screens.modals import ConfirmQuit

        def decide(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if not self.session.dirty:
                    self.exit()
            elif choice == "discard":
                self.exit()

        self.push_screen(ConfirmQuit(), decide)
