"""Every screen as an SVG snapshot, dark and light (pytest-textual-snapshot; baselines in __snapshots__/).

After a deliberate change of a screen, look at the new pictures and accept them with
`pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from imm_tui.tui.app import ImmApp
from tests.conftest import DEMO

DATA = Path(__file__).resolve().parent.parent / "data"
SCREENS = {"plan": "1", "requirement": "2", "monitor": "3", "insights": "4", "checklist": "5", "import": "6", "person": "3", "why": "2",
           "chart": "3"}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    from imm_tui.cli import main

    root = tmp_path / "demo"  # the name shows in the title
    shutil.copytree(DEMO, root)
    (root / "imports" / "jdv").mkdir(parents=True)
    shutil.copy(DATA / "ics" / "outlook_windows_tz.ics", root / "imports" / "jdv")
    assert main(["import", "-w", str(root)]) == 0
    return root


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare: Any, workspace: Path, screen: str, theme: str) -> None:
    app = ImmApp(workspace)

    async def prepare(pilot: Pilot[None]) -> None:
        app.theme = theme
        await pilot.press(SCREENS[screen])
        await pilot.pause()
        if screen == "import":
            field = app.screen.query_one("#path", Input)
            field.value = "imports/"  # not the temporary folder's path
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        if screen == "person":
            from imm_tui.tui.screens.person import PersonScreen

            await app.push_screen(PersonScreen("jdv", "visit"))
        if screen == "why":
            from imm_tui.tui.screens.why import WhyScreen

            await app.push_screen(WhyScreen("jdv", "visit"))
        if screen == "chart":
            from imm_tui.tui.screens.chart import ChartScreen

            await app.push_screen(ChartScreen("team:randstad", "visit"))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 34), run_before=prepare)


def test_readable_at_80_by_24(snap_compare: Any, workspace: Path) -> None:
    assert snap_compare(ImmApp(workspace), terminal_size=(80, 24))


@pytest.mark.parametrize("screen", ["plan", "monitor", "insights", "why", "chart"])
def test_screen_in_dutch(snap_compare: Any, workspace: Path, screen: str) -> None:
    app = ImmApp(workspace, language="nl")

    async def prepare(pilot: Pilot[None]) -> None:
        await pilot.press(SCREENS[screen])
        await pilot.pause()
        if screen == "why":
            from imm_tui.tui.screens.why import WhyScreen

            await app.push_screen(WhyScreen("jdv", "visit"))
            await pilot.pause()
        if screen == "chart":
            from imm_tui.tui.screens.chart import ChartScreen

            await app.push_screen(ChartScreen("team:randstad", "visit"))
            await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 34), run_before=prepare)
