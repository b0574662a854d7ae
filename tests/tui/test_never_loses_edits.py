"""The app never loses edits: text from files and typing is never read as markup, a failed save or rule
write keeps the edits and says why, and an unexpected error in an action or worker is shown and logged
while the app stays up."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent
from textual.worker import WorkerFailed

from imm_tui.cli import main
from imm_tui.tui.app import ImmApp
from imm_tui.tui.widgets.plain import Label, PlainDirectoryTree
from imm_tui.tui.widgets.table import KeyedTable
from tests.tui.workers import finish

HOSTILE = "[/] [b]Bezoek[/b] [link=https://evil.example]x[/link] [@click=app.quit]"


def hostile_calendar(folder: Path) -> None:
    folder.mkdir(parents=True)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:h{i}\r\nDTSTART:2027010{i + 4}T090000Z\r\nDTEND:2027010{i + 4}T100000Z\r\n"
        f"SUMMARY:{HOSTILE}\r\nLOCATION:[/]\r\nCATEGORIES:[/b]\r\nEND:VEVENT\r\n" for i in range(3))
    (folder / "jdv.ics").write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n", encoding="utf-8")


async def test_markup_in_a_subject_is_shown_as_text_in_the_rule_dialog(workspace: Path) -> None:
    from imm_tui.tui.screens.person import PersonScreen
    from imm_tui.tui.screens.rule import NewRule

    hostile_calendar(workspace / "imports" / "jdv")
    assert main(["import", "-w", str(workspace)]) == 0
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(PersonScreen("jdv", "visit"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PersonScreen) and screen.items is not None
        table = screen.query_one("#items", KeyedTable)
        table.focus()
        table.move_cursor(row=0, column=0)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewRule)
        shown = "\n".join(str(label.render()) for label in app.screen.query("Label"))
        assert "[/] [b]Bezoek[/b]" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        app.notify(HOSTILE)  # a notification with the same text is shown as text, too
        await pilot.pause()
    assert app.return_code in (None, 0)


def hostile_names(workspace: Path) -> None:
    plan = workspace / "plan.toml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('name = "Randstad"', 'name = "Rand[/]stad [b]"', 1)
    text = text.replace('label = "Visit"', 'label = "Visit [/]"', 1) if 'label = "Visit"' in text else text
    first_person = text.index("[[people]]")
    name_at = text.index("name = ", first_person)
    end = text.index("\n", name_at)
    text = text[:name_at] + 'name = "[@click=app.quit]Jan [/]"' + text[end:]
    plan.write_text(text, encoding="utf-8")


async def test_names_and_file_names_with_markup_are_shown_as_text_on_every_tab(workspace: Path) -> None:
    hostile_names(workspace)
    hostile_calendar(workspace / "imports" / "jdv")
    odd = "odd [@click=app.quit]x[bold red].ics"  # a file name cannot hold '/', so not '[/]'; markup would style it
    (workspace / "imports" / odd).write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    assert main(["import", "-w", str(workspace), str(workspace / "imports" / "jdv")]) == 0
    app = ImmApp(workspace)
    async with app.run_test(size=(160, 50)) as pilot:
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
        app.notify("[/] from a file")
        await pilot.pause()
        assert app.is_running
        tree = app.screen.query_one(PlainDirectoryTree)
        tree.root.expand()
        await pilot.pause(0.5)
        imports = next(child for child in tree.root.children if str(child.label) == "imports")
        imports.expand()
        await pilot.pause(0.5)
        shown = [child.label.plain for child in imports.children]
        assert odd in shown


async def test_a_failed_save_keeps_the_edits_and_says_why(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from imm_tui.model import plan_file
    from imm_tui.tui.screens.modals import ConfirmQuit

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    before = (workspace / "plan.toml").read_text(encoding="utf-8")
    monkeypatch.setattr(plan_file, "write_atomic", disk_full)
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.session.set_value("segments", 0, "contacts_per_year", "11")
        await pilot.press("w")
        await pilot.pause()
        assert app.is_running and app.session.dirty and app.session.plan.segments[0].contacts_per_year == 11
        assert any("No space left on device" in n.message and "edits are kept" in n.message for n in app._notifications)
        await pilot.press("q")  # quitting still asks, and "save and quit" does not quit when the save fails
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.click("#save")
        await pilot.pause()
        assert app.is_running and app.session.dirty
    assert (workspace / "plan.toml").read_text(encoding="utf-8") == before


async def test_a_failed_rule_write_keeps_the_dialog_open_with_the_reason(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from imm_tui.model import atomic
    from imm_tui.tui.screens.person import PersonScreen
    from imm_tui.tui.screens.rule import NewRule

    hostile_calendar(workspace / "imports" / "jdv")
    assert main(["import", "-w", str(workspace)]) == 0
    rules_before = (workspace / "classify.toml").read_text(encoding="utf-8")

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(atomic, "write_atomic", read_only)
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(PersonScreen("jdv", "visit"))
        await pilot.pause()
        table = app.screen.query_one("#items", KeyedTable)
        table.focus()
        table.move_cursor(row=0, column=0)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"bezoek", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewRule)  # still open, the typed word still there
        assert dialog.query_one("#text", Input).value == "bezoek"
        assert "Read-only file system" in str(dialog.query_one("#reason", Label).render())
    assert (workspace / "classify.toml").read_text(encoding="utf-8") == rules_before


async def test_an_unexpected_error_in_an_action_or_worker_is_shown_and_logged(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from imm_tui.tui import session as session_module

    monkeypatch.delenv("IMM_RAISE_UNEXPECTED")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(ImmApp, "action_toggle_theme", broken)
    monkeypatch.setattr(session_module, "export_review", broken)
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.session.set_value("segments", 0, "contacts_per_year", "11")
        await pilot.press("t")
        await pilot.pause()
        app.action_export("md")
        with contextlib.suppress(WorkerFailed):  # waiting on a failed worker raises; the app did not
            await finish(app, "export")
        await pilot.pause()
        shown = [n.message for n in app._notifications if "something nobody foresaw" in n.message]
        assert len(shown) == 2 and all("RuntimeError" in m and "edits are kept" in m for m in shown)
        await pilot.press("2")  # the app still answers keys, the edit is still there
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "requirement" and app.session.dirty
    log = Path(os.environ["IMM_HOME"]) / "imm.log"
    assert log.read_text(encoding="utf-8").count("RuntimeError: something nobody foresaw") == 2
