"""Time the comparison and insights for the synthetic organisation (160 people, ~636,000 counted items).

    .venv/bin/python benchmarks/bench_monitor.py [--people 160] [--runs 7]

Activity is generated in memory with the same volume the import benchmark stores (about 4,000 items per
person in 2027). Targets: full comparison + insights ≤ 300 ms; after one person's re-import ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import synthetic_plan  # noqa: E402
from imm_tui.engine.compare import compare  # noqa: E402
from imm_tui.engine.insights import insights  # noqa: E402
from imm_tui.engine.live import LiveMonitor  # noqa: E402
from imm_tui.engine.requirement import derive  # noqa: E402
from imm_tui.ingest.activity import ACTIVITY_COLUMNS  # noqa: E402


def synthetic_activity(people: list[str], per_person: int = 4000, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    count = len(people) * per_person
    first = date.fromisocalendar(2027, 1, 1)
    offsets = rng.integers(0, 364, count)
    days = np.array([first + timedelta(days=int(d)) for d in range(364)])[offsets]
    kinds = rng.choice(["visit", "call", "video", "offer", "request", "order"], count, p=[0.45, 0.3, 0.1, 0.07, 0.05, 0.03])
    return pd.DataFrame({  # the dtypes ingest.activity.load_activity hands the engine
        "person": pd.Categorical(np.repeat(people, per_person)),
        "week": [d.isocalendar().week for d in days],
        "day": pd.to_datetime(days),
        "activity": pd.Categorical(kinds),
        "commitment": rng.random(count) < 0.1,
        "account_status": rng.choice(["client", "prospect", None], count),
        "external": True,
    })[ACTIVITY_COLUMNS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    plan = synthetic_plan(args.people, year=2027)
    requirement = derive(plan)
    activity = synthetic_activity([p.id for p in plan.people])
    as_of = date(2027, 9, 30)

    def full() -> None:
        comparison = compare(requirement, activity, as_of)
        insights(plan, requirement, comparison, activity)

    full()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        full()
        times.append((time.perf_counter() - start) * 1000)
    live = LiveMonitor(plan, requirement, activity, as_of)
    person = plan.people[7].id
    fresh = synthetic_activity([person], seed=9)
    updates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        live.replace_person(person, fresh)
        live.insights  # noqa: B018 - worked out on first use since the app's lazy insights; timed as before
        updates.append((time.perf_counter() - start) * 1000)
    print(f"activity: {len(activity)} counted items, {args.people} people")
    print(f"comparison + insights   median {statistics.median(times):7.1f} ms   (target ≤ 300 ms)")
    print(f"one person re-imported  median {statistics.median(updates):7.1f} ms   (target ≤ 50 ms)")


if __name__ == "__main__":
    main()
