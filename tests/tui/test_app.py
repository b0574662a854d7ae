"""The app driven by Pilot: tabs, editing a contact frequency changes the requirement and the monitor,
a bad value is refused with its reason, quitting with unsaved changes asks, an import updates the monitor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Label, TabbedContent

from imm_tui.tui.app import ImmApp
from imm_tui.tui.screens.modals import ConfirmQuit, EditValue
from imm_tui.tui.widgets.table import KeyedTable
from tests.tui.workers import finish

DATA = Path(__file__).resolve().parent.parent / "data"


def cell(app: ImmApp, table_id: str, row: str, column: str) -> str:
    table = app.screen.query_one(table_id, KeyedTable)
    return str(table.get_cell(row, column))


async def test_tabs_switch_by_number(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "monitor"
        for key, tab in (("2", "requirement"), ("1", "plan"), ("4", "insights"), ("5", "checklist"), ("3", "monitor")):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab


async def test_editing_a_contact_frequency_changes_the_requirement(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        before = cell(app, "#requirement-pane #table", "pvdberg", "year")
        await pilot.press("1")
        await pilot.pause()
        segments = app.screen.query_one("#segments", KeyedTable)
        segments.focus()
        segments.move_cursor(row=0, column=5)  # key accounts, contacts_per_year
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditValue)
        await pilot.press("ctrl+a", "ctrl+k", "-", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditValue)  # refused, still open, with the reason
        assert "Refused: Input should be greater than or equal to 0" in str(app.screen.query_one("#reason", Label).render())
        await pilot.press("ctrl+a", "ctrl+k", "1", "6", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditValue)
        assert cell(app, "#segments", "key", "contacts_per_year") == "16"
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "requirement"  # digits switch tabs from a focused table too
        after = cell(app, "#requirement-pane #table", "pvdberg", "year")
        assert float(after.replace(",", "")) > float(before.replace(",", ""))
        assert app.session.dirty


async def test_quit_with_unsaved_changes_asks_and_can_save(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.session.set_value("segments", 0, "contacts_per_year", "11")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.click("#save")
        await pilot.pause()
    text = (workspace / "plan.toml").read_text(encoding="utf-8")
    assert "contacts_per_year = 11\n" in text and "# Demo: Van Leeuwen Techniek" in text


async def test_import_updates_the_monitor(workspace: Path) -> None:
    folder = workspace / "imports" / "jdv"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", folder)
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        assert cell(app, "#monitor-pane #table", "jdv", "attainment") == "no calendar"  # not judged before an import
        await pilot.press("6")
        await pilot.pause()
        app.screen.query_one("#path").focus()
        await pilot.press("enter")  # as a person does: Enter in the path field starts the import
        await finish(app)
        await pilot.pause()
        await pilot.press("3")  # and the keys work again afterwards
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "monitor"
        assert cell(app, "#monitor-pane #table", "jdv", "done") == "2"


async def test_a_plan_changed_on_disk_is_never_overwritten_silently(workspace: Path) -> None:
    from imm_tui.tui.screens.modals import ChangedOnDisk

    app = ImmApp(workspace)
    plan = workspace / "plan.toml"
    async with app.run_test(size=(140, 40)) as pilot:
        app.session.set_value("segments", 0, "contacts_per_year", "11")
        plan.write_text(plan.read_text(encoding="utf-8").replace("jul = 0.6", "jul = 0.7"), encoding="utf-8")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        assert "jul = 0.7" in plan.read_text(encoding="utf-8")  # nothing written yet
        await pilot.click("#reload")
        await pilot.pause()
        assert not app.session.dirty and app.session.plan.calendar.seasonality.jul == 0.7
        app.session.set_value("segments", 0, "contacts_per_year", "12")
        plan.write_text(plan.read_text(encoding="utf-8").replace("aug = 0.5", "aug = 0.4"), encoding="utf-8")
        await pilot.press("w")
        await pilot.pause()
        await pilot.click("#keep")
        await pilot.pause()
    text = plan.read_text(encoding="utf-8")
    assert "contacts_per_year = 12\n" in text and "aug = 0.5" in text  # mine, written on purpose


async def test_enter_on_a_person_opens_their_year(workspace: Path) -> None:
    from textual.widgets import Static

    from imm_tui.tui.screens.person import PersonScreen

    folder = workspace / "imports" / "jdv"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", folder)
    from imm_tui.cli import main

    assert main(["import", "-w", str(workspace)]) == 0
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        table = app.screen.query_one("#monitor-pane #table", KeyedTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("jdv"), column=0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.person == "jdv"
        from textual_plotext import PlotextPlot

        from imm_tui.tui.widgets.charts import series

        assert app.screen.query_one("#person-weekly", PlotextPlot)  # asked and done on one scale
        assert series(app.session, "jdv", "visit").done[8] == 2.0  # two visits in W09
        assert "Visits 2 of" in str(app.screen.query_one("#figures", Static).render())
        items = app.screen.query_one("#items", KeyedTable)
        assert items.row_count == 5 and "#1 categories=Klantbezoek" in str(items.get_row_at(0))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PersonScreen)


async def test_closing_a_week_in_the_settings_empties_it_everywhere(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert float(cell(app, "#requirement-pane #table", "jdv", "W10")) > 0
        await pilot.press("1")
        await pilot.pause()
        table = app.screen.query_one("#settings", KeyedTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("calendar.closed_weeks"), column=1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditValue)
        await pilot.press("ctrl+a", "ctrl+k", *"10, 52, 60", "enter")
        await pilot.pause()
        assert "less than or equal to 53" in str(app.screen.query_one("#reason", Label).render())
        await pilot.press("ctrl+a", "ctrl+k", *"10, 52", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditValue)
        assert cell(app, "#settings", "calendar.closed_weeks", "value") == "10, 52"
        await pilot.press("2")
        await pilot.pause()
        assert cell(app, "#requirement-pane #table", "jdv", "W10") == "0.0"
        await pilot.press("w")
        await pilot.pause()
    assert "closed_weeks = [10, 52]" in (workspace / "plan.toml").read_text(encoding="utf-8")


async def test_an_unclassified_item_becomes_a_rule_and_counts(workspace: Path) -> None:
    from imm_tui.tui.screens.person import PersonScreen
    from imm_tui.tui.screens.rule import NewRule

    folder = workspace / "imports" / "jdv"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", folder)
    from imm_tui.cli import main

    assert main(["import", "-w", str(workspace)]) == 0
    classify_before = (workspace / "classify.toml").read_text(encoding="utf-8")
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(PersonScreen("jdv", "call"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PersonScreen) and screen.items is not None
        row = int(screen.items.index[(screen.items["subject"] == "Intern overleg") & (screen.items["status"] == "unclassified")][0])
        calls_before = app.session.comparison.ytd.set_index(["person", "activity"]).loc[("jdv", "call"), "actual_ytd"]
        table = screen.query_one("#items", KeyedTable)
        table.focus()
        table.move_cursor(row=row, column=0)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewRule)
        await pilot.press("ctrl+a", "ctrl+k", *"overleg", "enter")  # the activity offered first is Call
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert cell(app, "#items", str(row), "status") == "counted" and cell(app, "#items", str(row), "activity") == "call"
        assert cell(app, "#items", str(row), "rule").endswith("subject=(?i)overleg")
        calls_after = app.session.comparison.ytd.set_index(["person", "activity"]).loc[("jdv", "call"), "actual_ytd"]
        assert calls_after > calls_before
    text = (workspace / "classify.toml").read_text(encoding="utf-8")
    assert text.startswith(classify_before.rstrip("\n").split("[privacy]")[0].rstrip()[:200])  # the old rules and comments stay
    assert "# added in IMM from an item of jdv" in text and "subject = '(?i)overleg'\nactivity = \"call\"" in text


async def test_team_roll_ups_fold_and_the_period_can_be_months(workspace: Path) -> None:
    from textual.widgets import Select

    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#requirement-pane #table", KeyedTable)
        members = [p.id for p in app.session.plan.people if p.team == "randstad"]
        team_year = float(cell(app, "#requirement-pane #table", "team:randstad", "year").replace(",", ""))
        people_year = sum(float(cell(app, "#requirement-pane #table", p, "year").replace(",", "")) for p in members)
        assert team_year == pytest.approx(people_year, abs=0.1 * len(members))  # shown to one decimal
        table.move_cursor(row=table.get_row_index("team:randstad"), column=0)
        await pilot.press("enter")
        await pilot.pause()
        assert "jdv" not in table.row_keys and "team:randstad" in table.row_keys and "pvdberg" in table.row_keys
        assert str(table.get_cell("team:randstad", "person")).lstrip().startswith("▸")
        await pilot.press("enter")
        await pilot.pause()
        assert "jdv" in table.row_keys
        await pilot.press("f")
        await pilot.pause()
        assert set(table.row_keys) <= {f"team:{t.id}" for t in app.session.plan.teams} | {"org"}
        app.screen.query_one("#requirement-pane #period", Select).value = "month"
        await pilot.pause()
        assert table.column_names[4:] == [f"{m:02d}" for m in range(1, 13)]


async def test_the_monitor_can_be_seen_as_of_another_day(workspace: Path) -> None:
    from textual.widgets import Input

    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        field = app.screen.query_one("#as-of", Input)
        await pilot.press("a")  # from the table, as a person would
        assert field.has_focus
        await pilot.press(*"2027-02-03", "enter")
        await pilot.pause()
        assert app.session.comparison.as_of.isoformat() == "2027-02-03" and app.session.comparison.as_of_week == 5
        field.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"2031-01-01", "enter")
        await pilot.pause()
        assert app.session.comparison.as_of.isoformat() == "2027-02-03"  # refused: outside the plan year


async def test_every_action_is_in_the_command_palette_and_exports_run_in_the_background(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Save plan", "Reload workspace", "Export review to Excel", "Export review to Markdown", "Fold or open all teams",
                "Export review dates as invitations", "Quit IMM", *(f"Go to {t}" for t in ("Plan", "Monitor", "Import"))} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export review to markdown")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await finish(app)
        await pilot.pause()
        written = list((workspace / "exports").glob("review-*.md"))
        assert len(written) == 1 and "Jan de Vries" in written[0].read_text(encoding="utf-8")
        app.action_export("md", True)
        await finish(app)
        anonymous = (workspace / "exports").glob("review-*-anonymous.md")
        text = next(anonymous).read_text(encoding="utf-8")
        assert "Jan de Vries" not in text and "jdv" not in text and "Person " in text
        app.action_export_reviews()
        assert (workspace / "exports" / "reviews.ics").read_bytes().count(b"BEGIN:VEVENT") == len(app.session.plan.reviews.dates)


async def test_the_review_queue_makes_an_internal_rule(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Import tab, u: the organisation's unclassified subjects, most frequent first; n on one marks it internal time,
    it leaves the queue and its hours are internal time in the review."""
    from textual.widgets import Select

    from imm_tui.cli import main
    from imm_tui.tui.screens.rule import INTERNAL, NewRule
    from imm_tui.tui.widgets.import_pane import ImportPane

    folder = workspace / "imports" / "jdv"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", folder)
    assert main(["import", "-w", str(workspace)]) == 0
    assert main(["queue", "-w", str(workspace), "--format", "csv"]) == 0
    queued = capsys.readouterr().out
    assert "Intern overleg" in queued
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("6", "u")
        await pilot.pause()
        pane = app.screen.query_one(ImportPane)
        assert pane.showing_queue and "Intern overleg" in list(pane.queue["subject"])
        before = int(pane.queue["items"].sum())
        table = pane.query_one("#calendars", KeyedTable)
        row = list(pane.queue["subject"]).index("Intern overleg")
        count = int(pane.queue["items"].iloc[row])
        table.move_cursor(row=table.get_row_index(str(row)), column=0)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewRule)
        app.screen.query_one("#activity", Select).value = INTERNAL
        await pilot.press("ctrl+a", "ctrl+k", *"intern overleg", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, NewRule)
        assert "Intern overleg" not in list(pane.queue["subject"])
        assert int(pane.queue["items"].sum()) == before - count
        time = app.session.monitoring.time
        assert time is not None and time[time["kind"] == "internal"]["items"].sum() >= count
    text = (workspace / "classify.toml").read_text(encoding="utf-8")
    assert "subject = '(?i)intern overleg'\ninternal = true" in text and "# added in IMM from the review queue" in text


async def test_Y_shows_last_years_plan_and_items_and_back(workspace: Path) -> None:
    """The demo keeps last year's plan as plan-2026.toml: Y shows 2026 (its plan, its items, the chart against 2025
    has none), Y again 2027 with the year-on-year chart."""
    from imm_tui.cli import main
    from imm_tui.tui.screens.chart import ChartScreen

    folder = workspace / "imports" / "jdv"
    folder.mkdir(parents=True)
    body = "".join(f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\nDURATION:PT1H\r\nSUMMARY:Bezoek\r\nCATEGORIES:Klantbezoek\r\n"
                   "END:VEVENT\r\n" for uid, start in (("a", "20260113T090000Z"), ("b", "20260120T090000Z"), ("c", "20270112T090000Z")))
    (folder / "jdv.ics").write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n", encoding="utf-8")
    assert main(["import", "-w", str(workspace)]) == 0
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        assert app.session.plan.plan.year == 2027 and app.session.monitoring.previous is not None
        await pilot.press("3", "Y")
        await pilot.pause()
        assert app.session.plan.plan.year == 2026 and "2026" in app.sub_title
        assert int(app.session.monitoring.activity["activity"].astype(str).eq("visit").sum()) == 2
        assert app.session.monitoring.previous is None  # nothing of 2025 in the store
        await pilot.press("Y")
        await pilot.pause()
        assert app.session.plan.plan.year == 2027 and app.session.monitoring.previous is not None
        app.push_screen(ChartScreen("org", "visit"))
        await pilot.pause()
        assert app.screen.query("#years")  # this year against last year
    (workspace / "plan-2026.toml").unlink()
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("3", "Y")
        await pilot.pause()
        assert app.session.plan.plan.year == 2027  # one plan year: a note says how to keep last year's


async def test_the_import_tabs_chooser_follows_the_year_shown(workspace: Path) -> None:
    from textual.widgets import Select

    last = workspace / "plan-2026.toml"
    last.write_text(last.read_text(encoding="utf-8").replace('name = "Jan de Vries"', 'name = "Jan de Vries (2026)"'), encoding="utf-8")
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        chooser = app.screen.query_one("#person", Select)
        assert any("Jan de Vries (jdv)" in str(prompt) for prompt, _ in chooser._options)
        await pilot.press("Y")
        await pilot.pause()
        assert app.session.plan.plan.year == 2026
        assert any("Jan de Vries (2026) (jdv)" in str(prompt) for prompt, _ in chooser._options)
