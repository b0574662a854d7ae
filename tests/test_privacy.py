"""Privacy: no network anywhere, a statement a works council can read, forgetting, retention."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from imm_tui.cli import main
from tests.ingest.conftest import workspace  # noqa: F401 - the fixture

BLOCKED: list[tuple[object, ...]] = []


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """Any socket that is opened (other than a local socketpair) fails the test."""
    BLOCKED.clear()
    real = socket.socket

    class Guard(real):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family in (socket.AF_INET, socket.AF_INET6):
                BLOCKED.append((family, args))
                raise AssertionError("IMM opened a network socket")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    def refuse(*args: object, **kwargs: object) -> None:
        BLOCKED.append(args)
        raise AssertionError("IMM opened a network connection")

    monkeypatch.setattr(socket, "socket", Guard)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return BLOCKED


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_and_reports_open_no_socket(workspace: Path, capsys: pytest.CaptureFixture[str], no_network: list[object]) -> None:  # noqa: F811
    assert run(capsys, "import", "-w", str(workspace), "--workers", "1")[0] == 0
    for command in (["report", "--format", "csv"], ["insights"], ["checklist"], ["reviews"], ["privacy"]):
        assert run(capsys, command[0], "-w", str(workspace), *command[1:])[0] == 0, command
    assert run(capsys, "report", "-w", str(workspace), "--format", "xlsx", "-o", str(workspace / "exports" / "r.xlsx"))[0] == 0
    assert no_network == []


async def test_a_scripted_app_session_opens_no_socket(workspace: Path, no_network: list[object]) -> None:  # noqa: F811
    from imm_tui.tui.app import ImmApp
    from tests.tui.workers import finish

    app = ImmApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
        await pilot.click("#start")
        await finish(app)
        await pilot.press("3", "4")
        await pilot.pause()
    assert no_network == []


def test_privacy_statement(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    run(capsys, "import", "-w", str(workspace))
    code, out, _ = run(capsys, "privacy", "-w", str(workspace))
    assert code == 0
    assert "IMM opens no network connection" in out and "never addresses or names" in out
    import sqlite3

    with sqlite3.connect(workspace / "imm.sqlite") as db:
        items, private = db.execute("SELECT count(*), sum(private) FROM items").fetchone()
    assert f"Now in the store: {items} appointments of 5 people from 7 imported files" in out
    assert f"{private} marked private (no subject kept)" in out


def test_forget_removes_a_person_from_the_file(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    run(capsys, "import", "-w", str(workspace))
    data = b"".join(p.read_bytes() for p in workspace.glob("imm.sqlite*"))
    assert b"Evaluatie onderhoud" in data
    code, out, _ = run(capsys, "forget", "-w", str(workspace), "--person", "jdv")
    assert code == 0 and "removed 12 appointments of jdv" in out
    data = b"".join(p.read_bytes() for p in workspace.glob("imm.sqlite*"))
    assert b"Evaluatie onderhoud" not in data and b"Kick-off retrofit" not in data
    assert b"Wekelijks klantoverleg" in data  # others stay


def test_retention_drops_old_items(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    from datetime import date

    from imm_tui.ingest.store import Store, apply_retention

    run(capsys, "import", "-w", str(workspace))
    with Store.open(workspace / "imm.sqlite") as store:
        before = store.summary()["items"]
        removed = apply_retention(store, 6, today=date(2027, 10, 1))  # keeps 2027-04-01 and later
        days = [r[0] for r in store.items(("local_day",))]
    assert removed > 0 and min(days) >= "2027-04-01" and before == removed + len(days)
