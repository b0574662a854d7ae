"""Import calendars from a file or folder, in a worker, with a progress bar and the per-file report."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Log, ProgressBar

from imm_tui.tui.widgets.panes import Pane, _session


class ImportPane(Pane):
    def compose(self) -> ComposeResult:
        with Horizontal(classes="toolbar"):
            yield Label("Files or folder ")
            yield Input(id="path")
            yield Button("Import", id="start", variant="primary")
        yield ProgressBar(id="progress", show_eta=False)
        yield Log(id="log")

    def on_mount(self) -> None:
        self.query_one("#path", Input).value = str(_session(self).workspace.paths.imports)
        self.query_one(ProgressBar).display = False  # shown once an import starts (idle, it would bounce for nothing)

    def refresh_view(self) -> None:
        """Nothing to refresh: the report stays as the last import left it."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.start()

    def start(self) -> None:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        if not path.exists():
            self.notify(f"not found: {path}", severity="error")
            return
        log = self.query_one(Log)
        log.clear()
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        log.focus()  # out of the text field, so 1–6, q and the other keys work again while it runs
        self.run_import(path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, path: Path) -> None:
        from imm_tui.ingest.importer import FileOutcome, ImportSpec, import_files
        from imm_tui.ingest.reclassify import ensure_classified, mark_classified
        from imm_tui.ingest.store import Store

        session = _session(self)
        workspace = session.workspace
        spec = ImportSpec.for_workspace(workspace)
        bar, log = self.query_one(ProgressBar), self.query_one(Log)

        def progress(done: int, total: int, outcome: FileOutcome) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)
            self.app.call_from_thread(log.write_line, outcome.line())

        with Store.open(workspace.paths.store) as store:
            ensure_classified(store, workspace)
            report = import_files([path], store, spec, progress, workers=1)
            mark_classified(store, workspace)
        counts = report.counts
        summary = ", ".join(f"{a} {n}" for a, n in counts.activities.items()) or "nothing counted"
        self.app.call_from_thread(log.write_line, f"counted: {summary}; unclassified {counts.unclassified}")
        session.reload_activity()
        self.app.call_from_thread(self.app.refresh_views)  # type: ignore[attr-defined]
        failed = len(report.failed)
        self.app.call_from_thread(self.notify, f"Imported {len(report.files) - failed} files" + (f", {failed} failed" if failed else ""),
                                  severity="warning" if failed else "information")
