"""Time the cold start of `imm` on the demo: from launching the process until the first screen is usable
(the Monitor's table drawn with every person's row).

    .venv/bin/python benchmarks/bench_start.py [--runs 7] [--lang nl]

Each run is a fresh Python process that goes the way `imm demo` goes (the CLI, the workspace, the app),
but headless: Textual's auto-pilot notes the moment the Monitor table holds its rows and has been drawn,
then quits. The demo's calendars are set up once before the runs (that first-run set-up is not timed).
Target: ≤ 1.2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import sys, time
from imm_tui.cli import parse_args
from imm_tui.cli.app import _open_for_viewing
from imm_tui.tui.app import ImmApp

args = parse_args(["demo"] + sys.argv[1:])
root, _ = _open_for_viewing(args)
app = ImmApp(root, language=args.lang)

async def ready(pilot):
    while True:
        tables = app.screen.query("#monitor-pane KeyedTable")  # none until the main screen is up
        if tables and tables.first().row_count > 0:
            await pilot.pause()  # drawn
            print(time.time())
            app.exit()
            return
        await pilot.pause(0.005)

app.run(headless=True, size=(120, 34), auto_pilot=ready)
"""


def one_run(env: dict[str, str], extra: list[str]) -> float:
    start = time.time()
    done = subprocess.run([sys.executable, "-c", CHILD, *extra], env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", choices=["en", "nl"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "IMM_HOME": home}
        extra = ["--lang", args.lang] if args.lang else []
        one_run(env, extra)  # sets the demo up (writes and imports its calendars): not part of a cold start
        times = sorted(one_run(env, extra) for _ in range(args.runs))
    print(f"cold start to a usable Monitor (demo): median {statistics.median(times):.2f} s, "
          f"best {times[0]:.2f} s, worst {times[-1]:.2f} s over {args.runs} runs (target ≤ 1.2 s)")


if __name__ == "__main__":
    main()
