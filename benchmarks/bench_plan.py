"""Time the derivation of the requirement for 160 people × 53 weeks × 6 activities.

    .venv/bin/python benchmarks/bench_plan.py [--people 160] [--runs 21]

Prints the median (and min/max) wall time of `derive(plan)` and of the team roll-up. Target: ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import synthetic_plan  # noqa: E402
from imm_tui.engine.requirement import derive  # noqa: E402
from imm_tui.engine.rollup import summarise  # noqa: E402


def timed(function, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    plan = synthetic_plan(args.people)
    requirement = derive(plan)  # warm-up (imports, caches)
    cells = requirement.required_array.size
    print(f"plan: {len(plan.people)} people + {len(plan.vacancies)} vacancies × {len(requirement.weeks)} weeks × "
          f"{len(requirement.activities)} activities = {cells} cells")
    for label, function in [
        ("derive", lambda: derive(plan)),
        ("team roll-up by month", lambda: summarise(requirement.weekly, requirement.rows, plan, by="month", level="team")),
    ]:
        times = timed(function, args.runs)
        print(f"{label:24s} median {statistics.median(times):7.1f} ms   min {min(times):7.1f}   max {max(times):7.1f}   ({args.runs} runs)")


if __name__ == "__main__":
    main()
