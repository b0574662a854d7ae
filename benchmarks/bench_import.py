"""Time importing the synthetic organisation's calendars (160 people, about 600 MB of Outlook .ics).

    .venv/bin/python benchmarks/bench_import.py [--people 160] [--calendars DIR] [--workers N]

Generates the calendars once (benchmarks/synthetic_calendars.py) into DIR (default /tmp/imm-bench-calendars),
builds a workspace around them and measures: the first import of every file, a re-import of the
unchanged set, one person's new export, and the peak memory. Targets: ≤ 20 s, ≤ 1 s, ≤ 0.5 s, < 2 GB.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import tomlkit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import synthetic_plan  # noqa: E402
from benchmarks.synthetic_calendars import CUSTOMERS, calendar, write  # noqa: E402
from imm_tui.ingest.importer import ImportSpec, import_files  # noqa: E402
from imm_tui.ingest.store import Store  # noqa: E402
from imm_tui.model.workspace import load_workspace  # noqa: E402

CLASSIFY = Path(__file__).resolve().parent.parent / "configs" / "demo" / "classify.toml"


def workspace(root: Path, calendars: Path, people: int) -> Path:
    plan = synthetic_plan(people, year=2027)
    (root / "plan.toml").write_text(tomlkit.dumps(plan.model_dump(mode="json", by_alias=True, exclude_none=True)), encoding="utf-8")
    shutil.copy(CLASSIFY, root / "classify.toml")
    # The customers the generator invites: named in locations, found by domain for half the contacts.
    segments = ("key", "mid", "smb", "pros")
    lines = ["account,domains,segment,status,owner"] + [
        f"{name.capitalize()},{name}.example,{segments[n % 4]},{'prospect' if n % 4 == 3 else 'client'},"
        for n, name in enumerate(CUSTOMERS)
    ]
    (root / "accounts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "imports").symlink_to(calendars, target_is_directory=True)
    return root


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--calendars", type=Path, default=Path(tempfile.gettempdir()) / "imm-bench-calendars")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    if len(list(args.calendars.glob("p*/calendar.ics"))) < args.people:
        print(f"generating {args.people} calendars in {args.calendars} …", flush=True)
        write(args.calendars, args.people)
    size = sum(p.stat().st_size for p in sorted(args.calendars.glob("p*/calendar.ics"))[: args.people])
    with tempfile.TemporaryDirectory() as folder:
        root = workspace(Path(folder), args.calendars, args.people)
        ws = load_workspace(root)
        spec = ImportSpec.for_workspace(ws)
        assert len(spec.accounts) == len(CUSTOMERS)
        files = sorted((root / "imports").glob("p*/calendar.ics"))[: args.people]
        with Store.open(root / "imm.sqlite") as store:
            start = time.perf_counter()
            report = import_files(files, store, spec, workers=args.workers)
            first = time.perf_counter() - start
            items = sum(f.items for f in report.files)
            failed = [f.line() for f in report.failed]
            start = time.perf_counter()
            again = import_files(files, store, spec, workers=args.workers)
            unchanged = time.perf_counter() - start
            (root / "new-export").mkdir()
            singles = []
            for attempt in range(5):  # each a new export of p007 replacing the previous one: median of five
                one = root / "new-export" / f"p007-{attempt}.ics"
                one.write_text(calendar(7, seed=99 + attempt), encoding="utf-8", newline="")
                start = time.perf_counter()
                single = import_files([one], store, spec)
                singles.append(time.perf_counter() - start)
            newer = statistics.median(singles)
        print(f"calendars: {len(files)} files, {size / 1e6:.0f} MB, {items} occurrences stored" + (f", FAILED: {failed}" if failed else ""))
        print(f"first import           {first:7.2f} s   (target ≤ 20 s)")
        print(f"re-import, unchanged   {unchanged:7.2f} s   (target ≤ 1 s; {sum(f.status == 'unchanged' for f in again.files)} unchanged)")
        print(f"one person's new export{newer:7.2f} s   (target ≤ 0.5 s; median of 5; {single.files[0].line().split(': ', 1)[1]})")
        print(f"peak memory            {peak_mb():7.0f} MB  (target < 2048 MB)")


if __name__ == "__main__":
    main()
