"""The IMM app: loads the workspace session, applies the theme and pushes the main screen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import TabbedContent

from imm_tui.i18n import N_, Labels
from imm_tui.model.plan_file import PlanChangedOnDisk
from imm_tui.model.problems import InputError
from imm_tui.report.formats import use_language
from imm_tui.tui.errors import KeptUp
from imm_tui.tui.screens.main import TABS, MainScreen
from imm_tui.tui.session import Session
from imm_tui.tui.text import translate_bindings


class ImmApp(KeptUp, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = N_("IMM — Interaction Management Monitor")
    BINDINGS = [
        Binding("q", "quit_app", "Quit", id="app.quit"),
        Binding("w", "save", "Save plan", id="app.save"),
        Binding("r", "reload", "Reload", id="app.reload"),
        Binding("ctrl+z", "undo", "Undo", id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo"),
        Binding("t", "toggle_theme", "Theme", id="app.theme"),
        Binding("Y", "next_year", "Other year", show=False, id="app.year"),
        Binding("question_mark", "help", "Help", id="app.help"),
        *(Binding(str(n), f"tab('{key}')", title, show=False, id=f"app.tab.{key}") for n, (key, title, _) in enumerate(TABS, start=1)),
    ]

    def __init__(self, workspace: Path, language: str | None = None) -> None:
        """`language` ("en" or "nl") overrides the plan's `language` for this session's labels."""
        super().__init__()
        self.session = Session(workspace)
        self.labels = self.session.labels = Labels(language or self.session.plan.plan.language)
        use_language(self.labels.language)  # figures with the language's separators: 1.368,5 in Dutch
        self.title = self.labels(self.TITLE)
        self.workspace_name = workspace.name
        self.show_unsaved()
        translate_bindings(self, self.labels)

    def show_unsaved(self) -> None:
        """The title says when the plan has edits that are not written yet. Every change makes a new plan object,
        so the plans are compared (a walk of the whole plan) only when the plan is another one than last time."""
        plan = self.session.plan
        if plan is getattr(self, "_titled", None):
            return
        self._titled = plan
        mark = "● " + self.labels("unsaved") + " — " if self.session.dirty else ""
        title = f"{mark}{plan.plan.name} — {self.workspace_name}"
        if title != self.sub_title:
            self.sub_title = title

    def on_mount(self) -> None:
        self.push_screen(MainScreen())

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification shows its text as it is (a file name or subject with `[/]` in it), whoever
        asks: a widget's notify passes Textual's default `markup=True` on to here."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action of the app in the command palette (ctrl+p), besides Textual's own."""
        _ = self.labels
        for n, (key, title, _pane) in enumerate(TABS, start=1):
            yield SystemCommand(_("Go to {tab}", tab=_(title)), _("Show the {tab} tab (key {key})", tab=_(title), key=n),
                                partial(self.action_tab, key))
        yield SystemCommand(_("Save plan"), _("Write plan.toml, keeping its comments (key w)"), self.action_save)
        yield SystemCommand(_("Reload workspace"), _("Read plan.toml, classify.toml and the store again (key r)"), self.action_reload)
        yield SystemCommand(_("Undo"), _("Take back the last plan edit (ctrl+z)"), self.action_undo)
        yield SystemCommand(_("Redo"), _("Make the edit undone last again (ctrl+y)"), self.action_redo)
        yield SystemCommand(_("Fold or open all teams"), _("In the Requirement and Monitor tables (key f)"), self.action_fold_all)
        yield SystemCommand(_("Export review to Excel"), _("exports/review-<as of>.xlsx, in the background"),
                            partial(self.action_export, "xlsx"))
        yield SystemCommand(_("Export review to Excel, anonymised"), _("Names, e-mail addresses and accounts replaced"),
                            partial(self.action_export, "xlsx", True))
        yield SystemCommand(_("Export review to Markdown"), _("exports/review-<as of>.md"), partial(self.action_export, "md"))
        yield SystemCommand(_("Export review dates as invitations"), _("exports/reviews.ics for Outlook or Google"),
                            self.action_export_reviews)
        from imm_tui.model.workspace import plan_years

        for year in plan_years(self.session.root):
            if year != self.session.plan.plan.year:
                yield SystemCommand(_("Show the year {year}", year=year), _("Its plan and calendar items, against the year before (key Y)"),
                                    partial(self.action_show_year, year))
        yield SystemCommand(_("Switch dark / light theme"), _("Key t"), self.action_toggle_theme)
        yield SystemCommand(_("Keys"), _("What every key does (key ?)"), self.action_help)
        yield SystemCommand(_("Quit IMM"), _("Asks first when the plan has unsaved changes (key q)"), self.action_quit_app)
        yield from super().get_system_commands(screen)

    def action_fold_all(self) -> None:
        from imm_tui.tui.widgets.panes import ActivityPane

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                active = screen.query_one(TabbedContent).active
                pane = screen.query_one(f"#{active}-pane")
                if isinstance(pane, ActivityPane):
                    pane.action_fold_all()
                else:
                    self.notify(self.labels("Teams fold in the Requirement and Monitor tabs"), severity="warning")

    def action_export(self, kind: str, anonymize: bool = False) -> None:
        self.notify(self.labels("Exporting the review ({kind}) …", kind=kind))
        self._export(kind, anonymize)

    @work(thread=True, exit_on_error=False, group="export")
    def _export(self, kind: str, anonymize: bool) -> None:
        from imm_tui.tui.session import export_review

        try:
            path = export_review(self.session, kind, anonymize=anonymize)
        except OSError as error:
            self.call_from_thread(self.notify, self.labels("Export failed: {error}", error=error), severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, self.labels("Review written to {path}", path=path), timeout=8)
        self.call_from_thread(self.refresh_views)  # the checklist and the Import tab see the new file at once

    def action_export_reviews(self) -> None:
        from imm_tui.tui.session import EditRefused, export_reviews_calendar

        try:
            path = export_reviews_calendar(self.session)
        except (EditRefused, OSError) as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(self.labels("Review invitations written to {path}", path=path))
        self.refresh_views()  # the checklist's question 11 is answered at once

    def refresh_views(self) -> None:
        self.show_unsaved()
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
        self.notify(
            self.labels(
                "1–6 tabs · Enter edits a plan cell, opens a person or folds a team · f fold all teams · n (person) rule from an item · "
                "w save · r reload · Y other plan year · y copy table · v full cell · j/k move · t theme · q quit · ctrl+p every command"
            ),
            title=self.labels("Keys"), timeout=12,
        )

    def action_save(self, force: bool = False) -> None:
        try:
            self.session.save(force=force)
            self.show_unsaved()
        except PlanChangedOnDisk:
            from imm_tui.tui.screens.modals import ChangedOnDisk

            def decide(choice: str | None) -> None:
                if choice == "reload":
                    self._reload()
                elif choice == "keep":
                    self.action_save(force=True)

            self.push_screen(ChangedOnDisk(), decide)
            return
        except InputError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        except OSError as error:  # disk full, a read-only folder: the edits stay in the app, unsaved
            reason = error.strerror or str(error)
            self.notify(self.labels("Plan not saved: {reason}. Your edits are kept.", reason=reason), severity="error", timeout=15)
            return
        self.notify(self.labels("Plan saved (the previous version is plan.toml.bak)"))

    def action_undo(self) -> None:
        if self.session.undo():
            self.refresh_views()
            self.notify(self.labels("Undone (ctrl+y redoes)"))
        else:
            self.notify(self.labels("Nothing to undo"), severity="warning")

    def action_redo(self) -> None:
        if self.session.redo():
            self.refresh_views()
            self.notify(self.labels("Redone"))
        else:
            self.notify(self.labels("Nothing to redo"), severity="warning")

    def action_reload(self) -> None:
        """Read the workspace again; with unsaved edits, ask first (they would be lost)."""
        if not self.session.dirty:
            self._reload()
            return
        from imm_tui.tui.screens.modals import ConfirmReload

        def decide(choice: str | None) -> None:
            if choice == "reload":
                self._reload()

        self.push_screen(ConfirmReload(), decide)

    def _reload(self) -> None:
        try:
            self.session.reload()
        except InputError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.refresh_views()
        self.notify(self.labels("Reloaded the workspace"))

    def action_next_year(self) -> None:
        """The next plan year the workspace has a plan for (plan.toml and plan-<year>.toml beside it), round."""
        from imm_tui.model.workspace import plan_years

        years = plan_years(self.session.root)
        if len(years) < 2:
            self.notify(self.labels("Only one plan year here: keep last year's plan beside plan.toml as plan-{year}.toml",
                                    year=self.session.plan.plan.year - 1), severity="warning", timeout=10)
            return
        current = self.session.plan.plan.year
        self.action_show_year(years[(years.index(current) + 1) % len(years)] if current in years else years[0])

    def action_show_year(self, year: int) -> None:
        """Show another plan year; with unsaved edits, ask first."""
        def switch() -> None:
            try:
                self.session.switch_year(year)
            except InputError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self._titled = None
            self.refresh_views()
            self.notify(self.labels("Showing {year}: {plan}", year=year, plan=self.session.plan.plan.name))

        if not self.session.dirty:
            switch()
            return
        from imm_tui.tui.screens.modals import ConfirmReload

        self.push_screen(ConfirmReload(), lambda choice: switch() if choice == "reload" else None)

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
