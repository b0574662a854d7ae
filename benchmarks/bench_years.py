"""Several years in one workspace: 160 people, three ISO years of calendars and CRM deals in one store.

    .venv/bin/python benchmarks/bench_years.py [--people 160] [--folder DIR]

Writes a synthetic organisation's plan for 2027 (benchmarks/synthetic.py) with the plans of 2026 and 2025
beside it ([plan] history_years = 2), and for every person and year two calendars: the demo generator's, driven
by the plan (bundled/demo_calendars.py, with HubSpot-style deals), and the import benchmarks' generator in
another shape each year (`--extra-items` per year: Outlook, 20 % recurring, a Google export). About 1.3 M
items in all. Then imports them all (2 workers) and measures, on the store of three years and on a store of
2027 alone built from the same files:

- the app's start on the workspace (Session: plan, requirement, monitor, this and last year's items, orders,
  time, accounts), median of three;
- the review with every section (year on year, revenue and products, accounts, time) as Markdown;
- `imm insights` and `imm report --year 2026` as a user runs them (a new process each, start included).

The figures to hold: the three-year store costs the current year's views little more than one year's (a ratio).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import tomlkit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import synthetic_plan  # noqa: E402
from benchmarks.synthetic_calendars import CUSTOMERS, calendar_of  # noqa: E402
from imm_tui.bundled.demo_calendars import demo_calendars  # noqa: E402
from imm_tui.ingest.importer import ImportSpec, import_files  # noqa: E402
from imm_tui.ingest.reclassify import mark_classified  # noqa: E402
from imm_tui.ingest.store import Store  # noqa: E402
from imm_tui.model.workspace import load_workspace  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLASSIFY = ROOT / "configs" / "demo" / "classify.toml"
YEARS = (2025, 2026, 2027)
AS_OF = date(2027, 6, 25)


def write_workspace(root: Path, people: int, years: tuple[int, ...]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for year in years:
        plan = synthetic_plan(people, year=year)
        plan = plan.model_copy(update={"plan": plan.plan.model_copy(update={"history_years": 2})})
        name = "plan.toml" if year == max(years) else f"plan-{year}.toml"
        (root / name).write_text(tomlkit.dumps(plan.model_dump(mode="json", by_alias=True, exclude_none=True)), encoding="utf-8")
    (root / "classify.toml").write_text(CLASSIFY.read_text(encoding="utf-8"), encoding="utf-8")
    segments = ("key", "mid", "smb", "pros")  # the synthetic customers, as benchmarks/bench_import.py lists them, each with an owner
    owners = [f"p{n:03d}" for n in range(people)]
    lines = ["account,domains,segment,status,owner"] + [
        f"{name.capitalize()},{name}.example,{segments[n % 4]},{'prospect' if n % 4 == 3 else 'client'},{owners[n % len(owners)]}"
        for n, name in enumerate(CUSTOMERS)
    ]
    (root / "accounts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


MIXES = {2025: "outlook", 2026: "series-20", 2027: "google"}
"""A second calendar per person and year from the import benchmarks' generator, each year of another shape."""


def write_calendars(root: Path, years: tuple[int, ...], people: int, extra_items: int) -> None:
    for year in years:
        workspace = load_workspace(root, year)
        until = AS_OF if year == max(years) else date(year, 12, 28)
        demo_calendars(workspace.plan_document.plan, workspace.accounts, root / "imports", until=until, seed=year,
                       name=f"agenda-{year}.ics", deals=f"deals-{year}.csv", pace_factor=1.0 if year == max(years) else 0.9)
        if extra_items:
            for index in range(people):
                text = calendar_of(MIXES.get(year, "outlook"), index, year=year, items=extra_items, seed=year)
                (root / "imports" / f"p{index:03d}" / f"shared-{year}.ics").write_text(text, encoding="utf-8", newline="")


def import_all(root: Path, only: str | None = None) -> tuple[float, int]:
    workspace = load_workspace(root)
    files = sorted((root / "imports").rglob("*.*"))
    if only:
        files = [f for f in files if only in f.name]
    with Store.open(root / "imm.sqlite") as store:
        start = time.perf_counter()
        import_files(files, store, ImportSpec.for_workspace(workspace), workers=2)
        mark_classified(store, workspace)
        took = time.perf_counter() - start
        items = store.connection.execute("SELECT count(*) FROM items").fetchone()[0]
    return took, int(items)


def session_start(root: Path) -> float:
    from imm_tui.tui.session import Session

    os.environ["IMM_TODAY"] = AS_OF.isoformat()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        Session(root)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def review_time(root: Path) -> tuple[float, int]:
    from imm_tui.report.markdown import review_markdown
    from imm_tui.tui.session import Session, review_of

    session = Session(root)
    start = time.perf_counter()
    text = review_markdown(review_of(session))
    return time.perf_counter() - start, len(text)


def command(root: Path, *args: str) -> float:
    env = {**os.environ, "IMM_TODAY": AS_OF.isoformat(), "IMM_HOME": str(root.parent / "home")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "imm_tui.cli", *args, "-w", str(root)], capture_output=True, env=env, cwd=ROOT,
                          check=False)
    took = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"imm {' '.join(args)} failed: {done.stderr.decode()[:500]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--folder", type=Path, default=None, help="where to build the workspaces (default: a temporary folder)")
    parser.add_argument("--extra-items", type=int, default=2000, help="items per person and year of the second calendar (default 2000)")
    args = parser.parse_args()
    base = args.folder or Path(tempfile.mkdtemp(prefix="imm-bench-years-"))
    several, single = base / "three-years", base / "one-year"
    if not (several / "imm.sqlite").exists():
        print(f"writing {args.people} people × {len(YEARS)} years of calendars in {several} …", flush=True)
        write_workspace(several, args.people, YEARS)
        write_calendars(several, YEARS, args.people, args.extra_items)
        took, items = import_all(several)
        print(f"first import of three years (2 workers): {took:.1f} s, {items:,} items stored", flush=True)
        write_workspace(single, args.people, (2027,))
        (single / "imports").symlink_to(several / "imports", target_is_directory=True)
        took, one = import_all(single, only="2027")
        print(f"first import of 2027 alone:              {took:.1f} s, {one:,} items stored", flush=True)
    with Store.open(several / "imm.sqlite") as store:
        items = store.connection.execute("SELECT count(*) FROM items").fetchone()[0]
        orders = store.connection.execute("SELECT count(*) FROM orders").fetchone()[0]
    size = (several / "imm.sqlite").stat().st_size / 1e6
    print(f"\nstore of three years: {items:,} items, {orders:,} order lines, {size:.0f} MB")
    print(f"{'':38} {'three years':>12} {'2027 alone':>11} {'ratio':>6}")
    rows = [("app start (Session, median of 3)", session_start(several), session_start(single)),
            ("review as Markdown, every section", review_time(several)[0], review_time(single)[0]),
            ("imm insights (new process)", command(several, "insights"), command(single, "insights")),
            ("imm report --by month (new process)", command(several, "report", "--by", "month"),
             command(single, "report", "--by", "month"))]
    for label, many, one in rows:
        print(f"{label:38} {many:10.2f} s {one:9.2f} s {many / one:6.2f}")
    print(f"{'imm report --year 2026 (new process)':38} {command(several, 'report', '--year', '2026', '--by', 'month'):10.2f} s")


if __name__ == "__main__":
    main()
