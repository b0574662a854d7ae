"""Crash safety and concurrency: SIGKILL during import and during a plan save; reading while importing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.synthetic_calendars import write
from tests.conftest import DEMO

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PLAN = """[plan]
name = "kill"
year = 2027

[[teams]]
id = "t"
name = "T"
""" + "".join(f'\n[[people]]\nid = "p{i:03d}"\nname = "P{i}"\nemail = "p{i:03d}@vanleeuwen.example"\nteam = "t"\n' for i in range(12))


@pytest.fixture(scope="module")
def calendars(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("calendars")
    write(folder, people=12, items=400)
    return folder


def workspace(tmp_path: Path, calendars: Path, name: str) -> Path:
    root = tmp_path / name
    root.mkdir()
    (root / "plan.toml").write_text(PLAN, encoding="utf-8")
    shutil.copy(DEMO / "classify.toml", root / "classify.toml")
    shutil.copytree(calendars, root / "imports")
    return root


def imm(*args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    """`imm *args` in the background; its output goes to `log` when given (to say why it failed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = log.open("wb") if log else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "imm_tui.cli", *args], stdout=out, stderr=subprocess.STDOUT if log else out, env=env)


def items_per_file(store: Path) -> tuple[int, dict[str, int]]:
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        total = db.execute("SELECT count(*) FROM items").fetchone()[0]
        files = dict(db.execute("SELECT path, items FROM files").fetchall())
        actual = dict(
            db.execute("SELECT f.path, count(i.uid) FROM files f LEFT JOIN items i ON i.file_id = f.id GROUP BY f.path").fetchall()
        )
    assert files == actual  # every file is in the store whole, or not at all
    return total, files


def test_sigkill_during_import_leaves_a_consistent_store(tmp_path: Path, calendars: Path) -> None:
    reference = workspace(tmp_path, calendars, "reference")
    assert imm("import", "-w", str(reference), "--workers", "1").wait(120) == 0
    expected, _ = items_per_file(reference / "imm.sqlite")
    rng = random.Random(7)
    for attempt in range(4):
        root = workspace(tmp_path, calendars, f"killed{attempt}")
        process = imm("import", "-w", str(root), "--workers", "1")
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        if (root / "imm.sqlite").exists():
            items_per_file(root / "imm.sqlite")
        log = tmp_path / f"again{attempt}.log"
        assert imm("import", "-w", str(root), "--workers", "1", log=log).wait(120) == 0, log.read_text(encoding="utf-8")
        total, files = items_per_file(root / "imm.sqlite")
        assert total == expected and len(files) == 12, (total, expected, files)


SAVER = """
import sys
from pathlib import Path
from imm_tui.model.plan_file import load_plan, save_plan
path = Path(sys.argv[1])
for n in range(10_000):
    document = load_plan(path)
    plan = document.plan.model_copy(deep=True)
    plan.plan.name = "A" * 4000 if plan.plan.name.startswith("B") else "B" * 4000
    save_plan(document, plan)
"""


def test_sigkill_during_plan_saves_leaves_old_or_new(tmp_path: Path) -> None:
    from imm_tui.model.plan_file import load_plan

    path = tmp_path / "plan.toml"
    path.write_text(PLAN.replace('name = "kill"', f'name = "{"A" * 4000}"'), encoding="utf-8")
    rng = random.Random(3)
    for _ in range(5):
        process = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(rng.uniform(0.5, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        name = load_plan(path).plan.plan.name
        assert name in ("A" * 4000, "B" * 4000)


def test_reading_while_another_process_imports(tmp_path: Path, calendars: Path) -> None:
    from imm_tui.ingest.activity import load_activity
    from imm_tui.ingest.store import Store

    root = workspace(tmp_path, calendars, "busy")
    with Store.open(root / "imm.sqlite"):
        pass  # created, so the reader can open it from the start
    process = imm("import", "-w", str(root), "--workers", "1")
    reads = 0
    while process.poll() is None:
        with Store.open(root / "imm.sqlite") as store:
            load_activity(store, 2027)
            store.summary()
        reads += 1
    assert process.returncode == 0 and reads > 3
