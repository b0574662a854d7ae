"""The planning half driven by Pilot (issue 14): add, copy and remove plan items, undo and redo, the
unsaved mark, a reload that asks, sorting, filtering, the jump to the as-of week and the Why screen."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from imm_tui.tui.app import ImmApp
from imm_tui.tui.screens.modals import ConfirmReload, EditValue
from imm_tui.tui.screens.why import WhyScreen
from imm_tui.tui.widgets.table import KeyedTable


def table(app: ImmApp, selector: str) -> KeyedTable:
    return app.screen.query_one(selector, KeyedTable)


async def focus_plan_table(app: ImmApp, pilot, table_id: str) -> KeyedTable:  # type: ignore[no-untyped-def]
    await pilot.press("1")
    await pilot.pause()
    found = table(app, f"#plan-pane #{table_id}")
    found.focus()
    await pilot.pause()
    return found


async def test_add_a_person_fill_them_in_undo_and_redo(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        people = await focus_plan_table(app, pilot, "people")
        before = len(app.session.plan.people)
        assert "unsaved" not in app.sub_title
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EditValue)
        await pilot.press(*"nieuw", "enter")
        await pilot.pause()
        assert [p.id for p in app.session.plan.people][-1] == "nieuw" and len(app.session.plan.people) == before + 1
        assert "nieuw" in people.row_keys and people.row_keys[people.cursor_row] == "nieuw"
        assert "unsaved" in app.sub_title
        # the new person is in the requirement at once (a team, no portfolio: the norm floor asks for visits)
        assert "nieuw" in set(app.session.requirement.rows["person"])
        # fill in the revenue target with Enter on its cell
        people.move_cursor(column=people.column_names.index("revenue_target"))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"500000", "enter")
        await pilot.pause()
        assert app.session.plan.people[-1].revenue_target == 500000
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.plan.people[-1].revenue_target == 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(app.session.plan.people) == before and "nieuw" not in people.row_keys
        assert "unsaved" not in app.sub_title
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.session.plan.people[-1].id == "nieuw"
        await pilot.press("w")
        await pilot.pause()
    saved = tomllib.loads((workspace / "plan.toml").read_text(encoding="utf-8"))
    assert saved["people"][-1]["id"] == "nieuw"
    assert "# Demo: Van Leeuwen Techniek" in (workspace / "plan.toml").read_text(encoding="utf-8")  # comments kept


async def test_a_taken_id_is_refused_and_nothing_changes(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await focus_plan_table(app, pilot, "segments")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"key", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditValue)  # still open, with the reason
        assert "taken" in str(app.screen.query_one("#reason").render())
        await pilot.press("escape")
        await pilot.pause()
        assert [s.id for s in app.session.plan.segments].count("key") == 1 and not app.session.dirty


async def test_copy_and_remove_a_segment_and_a_vacancy(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        segments = await focus_plan_table(app, pilot, "segments")
        segments.move_cursor(row=segments.get_row_index("mid"))
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"mid2", "enter")
        await pilot.pause()
        copy = app.session.plan.segments[-1]
        jdv = next(p for p in app.session.plan.people if p.id == "jdv")
        app.session.add_item("people", "jdv2", app.session.plan.people.index(jdv))
        twin = app.session.plan.people[-1]
        assert (twin.portfolio, twin.fop, twin.minimums) == (jdv.portfolio, jdv.fop, jdv.minimums)
        assert (twin.email, twin.absences, twin.growth) == (None, [], "")  # personal things stay with the original
        app.session.undo()
        original = next(s for s in app.session.plan.segments if s.id == "mid")
        assert copy.id == "mid2" and copy.channels == original.channels and copy.contacts_per_year == original.contacts_per_year
        # removing a segment takes it out of every portfolio too (and says so)
        holders = sum(1 for p in app.session.plan.people if "mid" in p.portfolio)
        segments.move_cursor(row=segments.get_row_index("mid"))
        await pilot.press("x")
        await pilot.pause()
        assert "mid" not in [s.id for s in app.session.plan.segments]
        assert holders and not any("mid" in p.portfolio for p in app.session.plan.people)
        vacancies = await focus_plan_table(app, pilot, "vacancies")
        count = len(app.session.plan.vacancies)
        await pilot.press("a")
        await pilot.pause()
        assert len(app.session.plan.vacancies) == count + 1 and vacancies.row_count == count + 1


async def test_a_team_with_people_is_not_removed(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        teams = await focus_plan_table(app, pilot, "teams")
        teams.move_cursor(row=teams.get_row_index("zuid"))
        await pilot.press("x")
        await pilot.pause()
        assert "zuid" in [t.id for t in app.session.plan.teams] and not app.session.dirty


async def test_absences_and_events_are_edited_in_the_app(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        people = await focus_plan_table(app, pilot, "people")
        people.move_cursor(row=people.get_row_index("jdv"), column=people.column_names.index("absences"))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"2027-07-12..2027-07-30 holiday; 2027-10-04 dentist", "enter")
        await pilot.pause()
        jdv = next(p for p in app.session.plan.people if p.id == "jdv")
        assert [(str(a.from_), str(a.to), a.reason) for a in jdv.absences] == [
            ("2027-07-12", "2027-07-30", "holiday"), ("2027-10-04", "2027-10-04", "dentist")]
        events = await focus_plan_table(app, pilot, "events")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Campaign", "enter")
        await pilot.pause()
        events.move_cursor(column=events.column_names.index("weeks"))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"20, 21", "enter")
        await pilot.pause()
        events.move_cursor(column=events.column_names.index("factor"))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"1,3", "enter")
        await pilot.pause()
        event = app.session.plan.calendar.events[-1]
        assert (event.name, event.weeks, event.factor) == ("Campaign", [20, 21], 1.3)
        weights = app.session.requirement.capacity.drop_duplicates("week").set_index("week")["weight"]
        assert weights[20] / weights[19] == 1.3 or abs(weights[20] / weights[19] - 1.3) < 1e-9


async def test_reload_asks_when_there_are_edits_and_keeps_the_chosen_day(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.session.set_as_of("2027-03-31")
        await focus_plan_table(app, pilot, "products")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"extra", "enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmReload)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.dirty  # cancelled: the edit stays
        await pilot.press("r")
        await pilot.pause()
        await pilot.click("#reload")
        await pilot.pause()
        assert not app.session.dirty and "extra" not in [p.id for p in app.session.plan.products]
        assert app.session.comparison.as_of.isoformat() == "2027-03-31"


async def test_sort_filter_and_jump_to_the_as_of_week(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        requirement = table(app, "#requirement-pane #table")
        requirement.focus()
        requirement.move_cursor(column=requirement.column_names.index("year"))
        await pilot.press("s")  # ascending: people only (team rows leave while sorted), the organisation last
        await pilot.pause()
        keys = requirement.row_keys
        assert keys[-1] == "org" and not any(k.startswith("team:") for k in keys)
        years = [float(str(requirement.get_cell(k, "year")).replace(",", "")) for k in keys[:-1]]
        assert years == sorted(years)
        await pilot.press("s")
        await pilot.pause()
        years = [float(str(requirement.get_cell(k, "year")).replace(",", "")) for k in requirement.row_keys[:-1]]
        assert years == sorted(years, reverse=True)
        await pilot.press("s")  # the table's own order again
        await pilot.pause()
        assert requirement.row_keys[0].startswith("team:")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"zuid")
        await pilot.pause()
        shown = set(requirement.row_keys) - {"org"}
        assert shown and all(k == "team:zuid" or "zuid" in k or str(requirement.get_cell(k, "team")) == "zuid" for k in shown)
        await pilot.press("escape")  # leaves the field; the table has the keys again
        await pilot.pause()
        assert app.screen.focused is requirement
        await pilot.press("g")  # no store yet: the as-of day is before the year, so week 1
        await pilot.pause()
        assert app.session.comparison.as_of_week == 0
        assert requirement.column_names[requirement.cursor.column] == "W01"
        app.session.set_as_of("2027-05-14")
        app.refresh_views()
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert requirement.column_names[requirement.cursor.column] == "W19"
        await pilot.press("3")
        await pilot.pause()
        monitor = table(app, "#monitor-pane #table")
        monitor.focus()
        await pilot.press("g")
        await pilot.pause()
        assert monitor.column_names[monitor.cursor.column] == "W19"
        assert monitor.cursor.column > monitor.fixed  # the weeks scrolled; person and totals stay on screen
        assert monitor._visible_columns(monitor.size.width)[:5] == [0, 1, 2, 3, 4]


async def test_why_opens_from_the_requirement_and_monitor_tabs(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        requirement = table(app, "#requirement-pane #table")
        requirement.focus()
        requirement.move_cursor(row=requirement.get_row_index("jdv"), column=0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen) and app.screen.found.person == "jdv"
        parts = app.screen.query_one("#parts", KeyedTable)
        assert "✔" in [str(parts.get_cell(k, "won")) for k in parts.row_keys]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        monitor = table(app, "#monitor-pane #table")
        monitor.focus()
        monitor.move_cursor(row=monitor.get_row_index("sbakker"))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen) and app.screen.found.person == "sbakker"


async def test_charts_of_a_team_share_one_scale_and_add_up(workspace: Path) -> None:
    from imm_tui.tui.screens.chart import ChartScreen
    from imm_tui.tui.widgets.charts import members, series

    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        app.session.set_as_of("2027-05-14")
        found = series(app.session, "team:zuid", "visit")
        people = members(app.session, "team:zuid")
        weekly = app.session.requirement.weekly
        mine = weekly[(weekly["person"].astype(str).isin(people)) & (weekly["activity"] == "visit")]
        assert sum(found.asked) == pytest.approx(sum(mine["required"])) and found.cumulative_asked[-1] == pytest.approx(sum(found.asked))
        assert found.done[25] is None and found.cumulative_done[-1] is None  # weeks to come: no 'done'
        assert [name for name, _, _ in found.funnel] == ["call", "visit", "request", "offer", "order"]
        division = members(app.session, "team:corporate")
        assert set(people) < set(division)  # a division sums its teams
        await pilot.press("3")
        await pilot.pause()
        monitor = table(app, "#monitor-pane #table")
        monitor.focus()
        monitor.move_cursor(row=monitor.get_row_index("team:zuid"))
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ChartScreen) and app.screen.key == "team:zuid"


async def test_the_checklist_follows_an_export_from_the_palette_at_once(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        checklist = table(app, "#checklist-pane #table")
        assert str(checklist.get_cell("11", "")) == "✗" and "ctrl+p" in str(checklist.get_cell("11", "what is missing"))
        app.action_export_reviews()
        await pilot.pause()
        assert str(checklist.get_cell("11", "")) == "✓"


async def test_a_plan_without_funnel_or_costs_gets_them_from_the_settings(tmp_path: Path) -> None:
    from imm_tui.cli import main

    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    text = (root / "plan.toml").read_text(encoding="utf-8")
    start = text.index("[funnel]")
    (root / "plan.toml").write_text(text[:start] + text[text.index("[[segments]]"):], encoding="utf-8")
    app = ImmApp(root)
    async with app.run_test(size=(140, 40)) as pilot:
        assert app.session.plan.funnel is None and app.session.plan.costs is None
        settings = await focus_plan_table(app, pilot, "settings")
        settings.move_cursor(row=settings.get_row_index("funnel.offers_per_order"), column=1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"2", "enter")
        await pilot.pause()
        assert "average_order_value first" in str(app.screen.query_one("#reason").render())
        await pilot.press("escape")
        await pilot.pause()
        app.session.set_setting("funnel.average_order_value", "20000")
        app.session.set_setting("funnel.offers_per_order", "2,5")
        app.session.set_setting("costs.sales_budget", "250000")
        app.session.save()
    saved = tomllib.loads((root / "plan.toml").read_text(encoding="utf-8"))
    assert saved["funnel"]["average_order_value"] == 20000 and saved["funnel"]["offers_per_order"] == 2.5
    assert saved["costs"]["sales_budget"] == 250000


async def test_import_for_a_chosen_person_shows_the_whole_report(workspace: Path) -> None:
    import shutil

    from textual.widgets import Select

    from tests.tui.workers import finish

    data = Path(__file__).resolve().parent.parent / "data" / "ics"
    shutil.copy(data / "skips_and_rooms.ics", workspace / "somebodys-export.ics")  # not in imports/<person>/
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        app.screen.query_one("#path").value = str(workspace / "somebodys-export.ics")
        app.screen.query_one("#person", Select).value = "sbakker"
        await pilot.press("i")
        await finish(app)
        await pilot.pause()
        lines = list(app.screen.query_one("#log").lines)
        assert any("1 file: 1 imported, 0 unchanged, 0 failed" in line for line in lines), lines
        skipped = next(line for line in lines if line.startswith("counted:"))
        assert "skipped:" in skipped and "none" not in skipped.split("skipped:")[1]  # the reasons, as the CLI says them
        assert "sbakker" in app.session.monitoring.monitored


async def test_coming_back_to_a_tab_puts_the_keys_where_they_were(workspace: Path) -> None:
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        events = await focus_plan_table(app, pilot, "events")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.focused is events


async def test_a_chart_shows_a_hostile_team_name_as_text(workspace: Path) -> None:
    from textual_plotext import PlotextPlot

    from imm_tui.tui.screens.chart import ChartScreen

    plan = workspace / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('name = "Zuid"', 'name = "Zuid\\u001b[2J\\u001b]0;pwned\\u0007"'),
                    encoding="utf-8")
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.push_screen(ChartScreen("team:zuid", "visit"))
        await pilot.pause()
        title = app.screen.query_one("#weekly", PlotextPlot).plt._active.monitor.title  # plotext keeps the title here
        assert isinstance(title, str) and "Zuid" in title
        assert "\x1b" not in title and "\x07" not in title
