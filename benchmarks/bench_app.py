"""Time a live edit in the app: a segment's contact frequency changed on the Plan tab, until the visible
Requirement or Monitor table shows the new figures.

    .venv/bin/python benchmarks/bench_app.py [--people 160] [--runs 11]

The app runs headless (Textual's run_test, 140×40). Each run sets `contacts_per_year` of the first segment
(alternating 10 and 11), re-derives, refreshes the visible pane and waits until Textual has processed the
updates and drawn the screen. Measured for the demo workspace (24 people) and for the synthetic organisation (160 people × 53
weeks, with about 4,000 imported items each for the Monitor). Targets: demo ≤ 50 ms; 160 people ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import tomlkit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import synthetic_plan  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "configs" / "demo"


def synthetic_workspace(root: Path, people: int) -> Path:
    plan = synthetic_plan(people, year=2027)
    (root / "plan.toml").write_text(tomlkit.dumps(plan.model_dump(mode="json", by_alias=True, exclude_none=True)), encoding="utf-8")
    shutil.copy(DEMO / "classify.toml", root / "classify.toml")
    return root


async def measure(workspace: Path, tab: str, runs: int, activity: object = None) -> list[float]:
    from imm_tui.tui.app import ImmApp

    app = ImmApp(workspace)
    if activity is not None:  # imported items, as the import benchmark stores them, without importing
        from imm_tui.tui.session import Monitoring

        people = {str(p) for p in activity["person"].unique()}
        app.session.monitoring = Monitoring(app.session.monitoring.as_of.replace(month=9, day=30), activity, people)
        app.session._derive()
    timings = []
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press({"requirement": "2", "monitor": "3"}[tab])
        await pilot.pause()
        for run in range(runs + 1):
            start = time.perf_counter()
            app.session.set_value("segments", 0, "contacts_per_year", str(10 + run % 2))
            app.refresh_views()
            # Until every message the edit caused is processed and the screen is drawn. (Pilot.pause polls
            # for an idle CPU in steps of its own; these two calls are what it waits for, without the polling.)
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            if run:  # the first run warms caches
                timings.append(time.perf_counter() - start)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    from benchmarks.bench_monitor import synthetic_activity

    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo"
        shutil.copytree(DEMO, demo)
        big = synthetic_workspace(Path(folder), args.people)
        people = [p.id for p in synthetic_plan(args.people, year=2027).people]
        cases = [("demo, Requirement tab", demo, "requirement", None, 50), ("demo, Monitor tab", demo, "monitor", None, 50),
                 (f"{args.people} people, Requirement tab", big, "requirement", None, 100),
                 (f"{args.people} people, Monitor tab", big, "monitor", synthetic_activity(people), 100)]
        for label, workspace, tab, activity, target in cases:
            timings = asyncio.run(measure(workspace, tab, args.runs, activity))
            print(f"{label:32s} median {1000 * statistics.median(timings):6.1f} ms  (max {1000 * max(timings):6.1f}; target ≤ {target} ms)")


if __name__ == "__main__":
    main()
