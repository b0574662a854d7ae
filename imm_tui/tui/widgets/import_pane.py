"""Import calendars from a file or folder, in a worker, with a progress bar and the per-file report."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Input, Log, ProgressBar, Select

from imm_tui.i18n import N_
from imm_tui.ingest.limits import CALENDAR_SUFFIXES
from imm_tui.report.formats import number
from imm_tui.tui.text import Translated, labels, t
from imm_tui.tui.widgets.panes import Pane, _session
from imm_tui.tui.widgets.plain import Label, PlainDirectoryTree, option
from imm_tui.tui.widgets.table import KeyedTable


class CalendarTree(PlainDirectoryTree, Translated):
    """Folders and the calendar files in them (.ics, Outlook .csv); hidden ones left out.

    Enter or a click on a file or folder chooses it for import; backspace shows the folder above."""

    BINDINGS = [Binding("backspace", "up", "Folder up", id="import.up")]

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".") and (_is_dir(p) or p.name.lower().endswith(CALENDAR_SUFFIXES))]

    def action_up(self) -> None:
        root = Path(self.path).resolve()
        if root.parent != root:
            self.path = root.parent


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # unreadable: left out rather than shown and failing later
        return False


def how_many(said: object, count: int, one: str, many: str) -> str:
    """`1 file`, `3 files` (and their Dutch), in the language of `said` (a Labels)."""
    return said(one if count == 1 else many, count=count)  # type: ignore[operator,no-any-return]


CALENDAR_SORTS = {"state": N_("state"), "person": N_("person"), "team": N_("team"), "last_import": N_("last import"),
                  "items": N_("items"), "unclassified_share": N_("unclassified share")}


class ImportPane(Pane):
    """Choose calendars in the tree (or type a path), then import: `i`, the button, or Enter in the field.
    Below: the Calendars view, whose export to ask for (`s` sorts by the next column, `h` how to export)."""

    BINDINGS = [Binding("i", "start", "Import", id="import.start"),
                Binding("s", "sort_calendars", "Sort calendars", id="import.sort"),
                Binding("h", "howto", "How to export", id="import.howto"),
                Binding("u", "toggle_queue", "Review queue", id="import.queue"),
                Binding("n", "new_rule", "New rule", id="import.rule")]
    sort_index = 0
    showing_queue = False  # the lower table: the Calendars view, or the organisation's review queue

    def compose(self) -> ComposeResult:
        with Horizontal(classes="toolbar"):
            yield Label(t(self, "Files or folder") + " ")
            yield Input(id="path")
            yield Label("  " + t(self, "belongs to") + " ")
            people = [(option(f"{p.name} ({p.id})"), p.id) for p in _session(self).plan.people]
            yield Select(people, prompt=t(self, "its folder or e-mail address"), id="person")  # our own label: plain text
            yield Button(t(self, "Import"), id="start", variant="primary")
        with Horizontal(id="import-body"):
            yield CalendarTree(_session(self).workspace.paths.root, id="tree")
            with Vertical(id="import-report"):
                yield ProgressBar(id="progress", show_eta=False)
                yield Log(id="log")
        yield Label("", id="calendars-caption", classes="section")
        yield KeyedTable(id="calendars", sortable=False)  # s sorts by the view's own orders (worst first)

    def on_mount(self) -> None:
        self.query_one("#path", Input).value = str(_session(self).workspace.paths.imports)
        self.query_one(ProgressBar).display = False  # shown once an import starts (idle, it would bounce for nothing)
        self.query_one(Log).write_line(t(self, "Choose calendars on the left (Enter), then press i to import."))

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one("#path", Input).value = str(event.path)

    def action_start(self) -> None:
        self.start()

    def refresh_view(self) -> None:
        """The Calendars view or the review queue from the session (the import report stays as the last import left it)."""
        from imm_tui.tui.session import calendars_of

        self._people_to_choose()
        if self.showing_queue:
            self.show_queue()
            return

        frame = calendars_of(_session(self))
        key = list(CALENDAR_SORTS)[self.sort_index]
        if key != "state":
            frame = frame.sort_values([key, "person"], ascending=[key in ("person", "team"), True], kind="stable",
                                      na_position="first" if key == "last_import" else "last")
        counts = frame["state"].value_counts()
        summary = ", ".join(f"{t(self, state)} {int(counts[state])}" for state in ("ok", "partial", "stale", "no calendar")
                            if state in counts)
        self.query_one("#calendars-caption", Label).update(
            t(self, "Calendars as of {day}: {summary} — s sorts (now: {key}), h how to export",
              day=_session(self).monitoring.as_of.isoformat(), summary=summary, key=t(self, CALENDAR_SORTS[key])))
        colours = {"ok": "green", "partial": "yellow", "stale": "red", "no calendar": "dim"}
        rows = []
        for row in frame.itertuples(index=False):
            covered = f"{row.covered_from} – {row.covered_to}" if row.covered_from is not None else ""
            share = "" if row.unclassified_share is None or row.unclassified_share != row.unclassified_share \
                else f"{100 * row.unclassified_share:.0f} %"
            rows.append((row.person, [row.person, row.team, Text(t(self, row.state), style=colours.get(row.state, "")), covered,
                                      f"{row.weeks_covered}/{row.weeks_happened}", str(row.last_import or ""), str(row.items), share]))
        columns = ["person", "team", "state", "covered", "weeks", "last_import", "items", "unclassified"]
        headers = [t(self, "person"), t(self, "team"), t(self, "state"), t(self, "covered"), t(self, "weeks"), t(self, "last import"),
                   t(self, "items"), t(self, "unclassified")]
        self.query_one("#calendars", KeyedTable).show(columns, rows, headers)

    def _people_to_choose(self) -> None:
        """The chooser lists the people of the plan shown (another year's plan may have others)."""
        people = [(f"{p.name} ({p.id})", p.id) for p in _session(self).plan.people]
        if people != getattr(self, "_chosen_from", people):
            self.query_one("#person", Select).set_options([(option(name), pid) for name, pid in people])
        self._chosen_from = people

    def show_queue(self) -> None:
        """The organisation's unclassified items by subject, most frequent first: where a rule pays off most."""
        from imm_tui.tui.session import review_queue_of

        self.queue = review_queue_of(_session(self))
        total = int(self.queue["items"].sum()) if len(self.queue) else 0
        self.query_one("#calendars-caption", Label).update(
            t(self, "Review queue: {items} unclassified items in {subjects}, most frequent first — n makes a rule, u back to calendars",
              items=number(total, 0), subjects=how_many(labels(self), len(self.queue), N_("1 subject"), N_("{count} subjects"))))
        rows = []
        for index, row in enumerate(self.queue.itertuples(index=False)):
            subject = row.subject if row.subject else Text(t(self, "(private or not kept)"), style="dim")
            rows.append((str(index), [subject, str(row.items), str(row.people), number(float(row.hours), 1), str(row.first_day),
                                      str(row.last_day), ", ".join(row.categories)]))
        columns = ["subject", "items", "people", "hours", "first", "last", "categories"]
        headers = [t(self, "subject"), t(self, "items"), t(self, "people"), t(self, "hours"), t(self, "first"), t(self, "last"),
                   t(self, "categories")]
        self.query_one("#calendars", KeyedTable).show(columns, rows, headers)

    def action_toggle_queue(self) -> None:
        self.showing_queue = not self.showing_queue
        self.refresh_view()
        self.query_one("#calendars", KeyedTable).focus()

    def action_new_rule(self) -> None:
        """A rule from the queue's subject under the cursor: an activity, internal time or ignore."""
        from imm_tui.tui.screens.rule import NewRule

        table = self.query_one("#calendars", KeyedTable)
        if not self.showing_queue or not len(getattr(self, "queue", ())) or table.cursor_row is None or not table.row_count:
            self.notify(t(self, "Press u for the review queue (unclassified subjects), then n on one"), severity="information")
            return
        row = self.queue.iloc[int(table.row_keys[table.cursor_row])]
        subject, categories = str(row["subject"]), list(row["categories"])
        if not subject and not categories:
            self.notify(t(self, "A private item without categories: only its categories could be matched"), severity="warning")
            return
        session = _session(self)
        activities = [(option(a.label), a.id) for a in session.plan.activities]
        before = int(self.queue["items"].sum())
        note = f"added in IMM from the review queue ({int(row['items'])} items of {int(row['people'])} people)"

        def added(rule: object) -> None:
            if rule is None:
                return
            self.app.refresh_views()  # type: ignore[attr-defined]
            self.show_queue()
            left = before - int(self.queue["items"].sum()) if len(self.queue) else before
            self.notify(t(self, "Rule added to classify.toml: {count} items left the review queue", count=number(left, 0)))

        self.app.push_screen(NewRule(subject, categories, activities, not subject, commit=lambda rule: session.add_rule(rule, note)),
                             added)

    def action_sort_calendars(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(CALENDAR_SORTS)
        self.refresh_view()

    def action_howto(self) -> None:
        from imm_tui.report.howto import HOWTO

        log = self.query_one(Log)
        log.clear()
        width = max(40, log.size.width - 2)  # a Log does not wrap: each item is joined and wrapped to fit it
        items: list[str] = []
        for line in HOWTO.get(labels(self).language, HOWTO["en"]).splitlines():
            if line.startswith("  ") and items:
                items[-1] += " " + line.strip()
            else:
                items.append(line)
        for item in items:
            log.write_lines(textwrap.wrap(item, width, subsequent_indent="  ") or [""])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.start()

    def start(self) -> None:
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        if not path.exists():
            self.notify(t(self, "not found: {path}", path=path), severity="error")
            return
        log = self.query_one(Log)
        log.clear()
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        log.focus()  # out of the text field, so 1–6, q and the other keys work again while it runs
        chosen = self.query_one("#person", Select).value
        self.run_import(path, None if chosen is Select.NULL else str(chosen))

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, path: Path, person: str | None = None) -> None:
        """Import `path` (every file as `person`'s when given) and write the report the CLI prints, in the app's language."""
        from imm_tui.ingest.activity import today
        from imm_tui.ingest.importer import FileOutcome, ImportSpec, import_files
        from imm_tui.ingest.reclassify import ensure_classified, mark_classified
        from imm_tui.ingest.store import Store, apply_retention

        session = _session(self)
        workspace = session.workspace
        spec = ImportSpec.for_workspace(workspace, person=person)
        bar, log = self.query_one(ProgressBar), self.query_one(Log)

        def progress(done: int, total: int, outcome: FileOutcome) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)
            self.app.call_from_thread(log.write_lines, [outcome.line(), *(f"  {t(self, 'warning')}: {w}" for w in outcome.warnings)])

        with Store.open(workspace.paths.store) as store:
            ensure_classified(store, workspace)
            report = import_files([path], store, spec, progress, workers=1)
            mark_classified(store, workspace)
            privacy = workspace.classification.privacy if workspace.classification else None
            retention = privacy.retention_months if privacy else None
            dropped = apply_retention(store, retention, today())  # as `imm import` does
        counts = report.counts
        order = session.plan.activity_ids
        summary = ", ".join(f"{a} {n}" for a, n in sorted(counts.activities.items(), key=lambda kv: order.index(kv[0])
                                                           if kv[0] in order else 99)) or t(self, "nothing counted")
        skipped = ", ".join(f"{reason} {n}" for reason, n in sorted(counts.skipped.items())) or t(self, "none")
        states = [o.status for o in report.files]
        lines = [
            t(self, "{files}: {imported} imported, {unchanged} unchanged, {failed} failed",
              files=how_many(labels(self), len(states), N_("{count} file"), N_("{count} files")), imported=states.count("imported"),
              unchanged=states.count("unchanged"), failed=states.count("failed")),
            t(self, "counted: {summary}; unclassified: {count}; skipped: {skipped}", summary=summary, count=counts.unclassified,
              skipped=skipped),
        ]
        if dropped:
            lines.append(t(self, "retention: removed {count} items older than {months} months", count=dropped, months=retention))
        self.app.call_from_thread(log.write_lines, lines)
        session.reload_activity()
        self.app.call_from_thread(self.app.refresh_views)  # type: ignore[attr-defined]
        failed = len(report.failed)
        files = how_many(labels(self), len(report.files) - failed, N_("{count} file"), N_("{count} files"))
        said = t(self, "Imported {files}", files=files)
        said += t(self, ", {count} failed", count=failed) if failed else ""
        self.app.call_from_thread(self.notify, said, severity="warning" if failed else "information")
