"""The app in Dutch (`--lang nl` or the plan's language), and choosing calendars in the Import tab's tree."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DirectoryTree, Input, Markdown, TabbedContent, Tabs

from imm_tui.cli import parse_args
from imm_tui.i18n import DUTCH
from imm_tui.tui.app import ImmApp
from imm_tui.tui.widgets.table import KeyedTable
from tests.conftest import coverage_workspace
from tests.tui.workers import finish

DATA = Path(__file__).resolve().parent.parent / "data"


async def settle(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Wait until `done()` (at most five seconds: a busy machine loads the directory tree slowly)."""
    for _ in range(250):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen did not get there")


def footer_descriptions(app: ImmApp) -> set[str]:
    return {active.binding.description for active in app.screen.active_bindings.values() if active.binding.show}


def tab_labels(app: ImmApp) -> list[str]:
    return [str(tab.label) for tab in app.screen.query_one(Tabs).query("Tab")]


async def test_dutch_labels_everywhere_with_lang_nl(workspace: Path) -> None:
    app = ImmApp(workspace, language="nl")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert tab_labels(app) == ["Plan", "Behoefte", "Monitor", "Inzichten", "Checklist", "Importeren"]
        assert {"Stoppen", "Plan opslaan", "Teams inklappen", "Peildatum"} <= footer_descriptions(app)
        table = app.screen.query_one("#monitor-pane #table", KeyedTable)
        header = table.render_line(0).text
        assert "persoon" in header and "realisatie" in header and "inhalen" in header
        assert str(table.get_cell("jdv", "attainment")) == "geen agenda"  # column keys stay English for code
        await pilot.press("4")
        await pilot.pause()
        document = app.screen.query_one("#insights-pane Markdown", Markdown).source
        assert "## De handen" in document and "## Signalen" in document and "The hands" not in document
        await pilot.press("1")
        await pilot.pause()
        settings = app.screen.query_one("#settings", KeyedTable)
        assert str(settings.get_cell("calendar.seasonality.jul", "meaning")) == "Gewicht van de weken van juli (1 = een gewone maand)."
        assert str(settings.get_cell("norms.video_counts_as_visit", "meaning")) == DUTCH["Count video calls towards the visit norm."]
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "Plan opslaan" in commands and "Naar Behoefte" in commands


async def test_the_plans_language_is_the_default_and_english_stays_english(workspace: Path) -> None:
    plan = workspace / "plan.toml"
    text = plan.read_text(encoding="utf-8")
    assert 'language = "en"' in text
    plan.write_text(text.replace('language = "en"', 'language = "nl"', 1), encoding="utf-8")
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert tab_labels(app)[1] == "Behoefte"
    english = ImmApp(workspace, language="en")  # --lang wins over the plan
    async with english.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert tab_labels(english)[1] == "Requirement"
        assert {"Quit", "Save plan", "Fold teams"} <= footer_descriptions(english)


async def test_a_refusal_is_said_in_dutch(workspace: Path) -> None:
    app = ImmApp(workspace, language="nl")
    async with app.run_test(size=(140, 40)) as pilot:
        field = app.screen.query_one("#as-of", Input)
        field.value = "morgen"
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        said = [notification.message for notification in app._notifications]  # noqa: SLF001 - what the user was shown
        assert "'morgen' is geen datum: schrijf hem als 2027-03-31" in said


@pytest.mark.parametrize(
    ("argv", "language"),
    [(["--lang", "nl", "demo"], "nl"), (["demo", "--lang", "nl"], "nl"), (["--lang", "nl"], "nl"), (["demo"], None),
     (["web", "--lang", "en"], "en")],
)
def test_lang_is_taken_before_or_after_the_command(argv: list[str], language: str | None) -> None:
    assert parse_args(argv).lang == language


async def test_choosing_a_folder_in_the_tree_and_importing_it(workspace: Path) -> None:
    folder = workspace / "imports" / "jdv"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", folder)
    (workspace / "imports" / ".hidden").mkdir()
    (workspace / "imports" / "notes.txt").write_text("not a calendar", encoding="utf-8")
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        tree = app.screen.query_one("#tree", DirectoryTree)
        await settle(pilot, lambda: app.focused is tree)  # keys go to the tree, not into the path field
        await pilot.press("down", "enter")  # imports/: opens it and chooses it
        await settle(pilot, lambda: bool(tree.root.children and tree.root.children[0].children))
        assert Path(app.screen.query_one("#path", Input).value) == workspace / "imports"
        shown = {str(node.data.path.name) for node in tree.root.children[0].children if node.data}
        assert shown == {"jdv"}  # folders and calendar files only
        await pilot.press("i")
        await finish(app)
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "monitor"
        assert str(app.screen.query_one("#monitor-pane #table", KeyedTable).get_cell("jdv", "done")) == "2"


def test_portfolios_minimums_and_channel_mixes_are_edited_in_place(workspace: Path) -> None:
    from imm_tui.model.settings import parse_pairs
    from imm_tui.tui.session import EditRefused, Session

    assert parse_pairs("key=8, mid=25") == {"key": "8", "mid": "25"}
    assert parse_pairs("visit=0,5 , call=0,5") == {"visit": "0.5", "call": "0.5"}
    assert parse_pairs("") == {}
    session = Session(workspace)
    jdv = next(i for i, p in enumerate(session.plan.people) if p.id == "jdv")
    visits = session.requirement.annual.set_index(["person", "activity"]).loc[("jdv", "visit"), "required"]
    session.set_value("people", jdv, "portfolio", "key=16, mid=25")
    assert session.plan.people[jdv].portfolio == {"key": 16.0, "mid": 25.0}
    assert session.requirement.annual.set_index(["person", "activity"]).loc[("jdv", "visit"), "required"] > visits
    for bad in ("key=8, nosuch=3", "key 8", "key=-1", "key=8, key=9"):
        with pytest.raises(EditRefused):
            session.set_value("people", jdv, "portfolio", bad)
    assert session.plan.people[jdv].portfolio == {"key": 16.0, "mid": 25.0}  # a refused value is never taken
    with pytest.raises(EditRefused):
        session.set_value("people", jdv, "fop", "gardener")
    session.set_value("segments", 0, "channels", "visit=0.6, call=0.4")
    assert session.plan.segments[0].channels == {"visit": 0.6, "call": 0.4}


async def test_an_import_in_the_app_applies_retention_as_imm_import_does(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = workspace / "imports" / "jdv"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", folder)  # items in March 2027
    rules = workspace / "classify.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("count_only = false", "count_only = false\nretention_months = 2"),
                     encoding="utf-8")
    monkeypatch.setenv("IMM_TODAY", "2027-06-15")  # keeps 2027-04-15 and later: nothing of March
    app = ImmApp(workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(folder)
        await pilot.press("i")
        await finish(app)
    from imm_tui.ingest.store import Store

    with Store.open(workspace / "imm.sqlite") as store:
        assert store.summary()["items"] == 0


async def test_the_calendars_view_names_partial_and_stale_calendars_and_sorts(tmp_path: Path) -> None:
    from imm_tui.cli import main

    root = coverage_workspace(tmp_path / "ws")
    assert main(["import", "-w", str(root)]) == 0
    app = ImmApp(root)
    async with app.run_test(size=(150, 45)) as pilot:
        app.session.set_as_of("2027-03-31")
        await pilot.press("6")
        await pilot.pause()
        table = app.screen.query_one("#calendars", KeyedTable)
        states = {key: str(table.get_cell(key, "state")) for key in ("jdv", "sbakker", "mjanssen")}
        assert states == {"jdv": "partial", "sbakker": "stale", "mjanssen": "no calendar"}
        assert str(table.get_cell("jdv", "covered")) == "2027-03-01 – 2027-03-31"
        first = [str(table.get_cell(key, "state")) for key in table.row_keys][:1]
        assert first == ["no calendar"]  # worst first
        app.screen.query_one("#log").focus()
        await pilot.press("s")  # by person
        await pilot.pause()
        assert list(app.screen.query_one("#calendars", KeyedTable).row_keys)[:2] == ["avos", "bvdwal"]
        await pilot.press("h")
        await pilot.pause()
        assert any("Save Calendar" in line for line in app.screen.query_one("#log").lines)
