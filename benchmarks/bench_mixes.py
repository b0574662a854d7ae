"""Import speed on calendars of different shapes, as a ratio to a plain icalendar parse of the same files.

    .venv/bin/python benchmarks/bench_mixes.py [--files 6] [--rounds 5] [--mixes outlook,series-5,…] [--people 160]
                                                [--full-mix series-40] [--skip-full] [--calendars DIR]

Per mix (benchmarks/synthetic_calendars.py MIXES), on `--files` person-years written once into DIR: each
file's first import (read, classify, one store transaction; one process) and, in the same run and
alternately, `icalendar.Calendar.from_ical` of the same bytes. Absolute times drift with this machine's
speed; the ratio of the two does not, so the ratio is the figure (target ≤ 0.10 for every mix). Both
sides' modules are imported before anything is timed (a process imports them once, whatever it reads).

Then, on `--people` files of the most recurring mix: the first import of all (2 workers), a re-import of the
unchanged set by `imm import` in a new process (process start included), one person's new export (median of
five), and the peak memory of the import and its reader processes.
Targets: ≤ 25 s, ≤ 1 s, ≤ 0.5 s, < 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import icalendar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_import import workspace  # noqa: E402
from benchmarks.synthetic_calendars import MIXES, calendar_of, write  # noqa: E402
from imm_tui.ingest import readers, share  # noqa: E402,F401 - imported by the first read otherwise: not a file's cost
from imm_tui.ingest.importer import ImportSpec, import_files  # noqa: E402
from imm_tui.ingest.reclassify import mark_classified  # noqa: E402
from imm_tui.ingest.store import Store  # noqa: E402
from imm_tui.model.workspace import load_workspace  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def calendars(folder: Path, mix: str, count: int) -> Path:
    target = folder / mix
    if len(list(target.glob("p*/calendar.ics"))) < count:
        print(f"  writing {count} {mix} calendars in {target} …", flush=True)
        write(target, count, mix=mix)
    return target


def one_round(source: Path, files: int) -> dict[str, object]:
    """One process's first import of `files` person-years, each followed by icalendar's parse of the same bytes."""
    ours, theirs, occurrences = [], [], 0
    with tempfile.TemporaryDirectory() as scratch:
        root = workspace(Path(scratch), source, files)
        spec = ImportSpec.for_workspace(load_workspace(root))
        paths = sorted((root / "imports").glob("p*/calendar.ics"))[:files]
        with Store.open(root / "imm.sqlite") as store:  # one store, as a first import of a set of files fills it
            for path in paths:
                data = path.read_bytes()
                start = time.perf_counter()
                report = import_files([path], store, spec, workers=1)  # read, classify, one transaction
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                icalendar.Calendar.from_ical(data)
                theirs.append(time.perf_counter() - start)
                occurrences += report.files[0].items
            recurring = store.connection.execute("SELECT count(*) FROM items WHERE occurrence != ''").fetchone()[0]
    return {"ours": ours, "theirs": theirs, "occurrences": occurrences, "recurring": recurring}


def per_mix(folder: Path, mix: str, files: int, rounds: int) -> dict[str, float]:
    """Seconds per file of a first import and of an icalendar parse, measured alternately; `rounds` times, each in
    a new process (so each is a first import: nothing read before is remembered), and per file the median round:
    a moment when the machine is slower does not decide the figure."""
    source = calendars(folder, mix, files)
    measured = []
    for _ in range(rounds):
        done = subprocess.run([sys.executable, __file__, "--one-round", str(source), "--files", str(files)], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        measured.append(json.loads(done.stdout.strip().splitlines()[-1]))
    ours = [statistics.median(m["ours"][i] for m in measured) for i in range(files)]
    theirs = [statistics.median(m["theirs"][i] for m in measured) for i in range(files)]
    occurrences, recurring = measured[0]["occurrences"], measured[0]["recurring"]
    size = sum(p.stat().st_size for p in sorted(source.glob("p*/calendar.ics"))[:files]) / files
    return {"mb": size / 1e6, "occurrences": occurrences / files, "recurring": recurring / max(occurrences, 1),
            "ours": statistics.mean(ours), "theirs": statistics.mean(theirs), "ratio": sum(ours) / sum(theirs)}


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def full(folder: Path, mix: str, people: int) -> None:
    source = calendars(folder, mix, people)
    with tempfile.TemporaryDirectory() as scratch:
        root = workspace(Path(scratch), source, people)
        spec = ImportSpec.for_workspace(load_workspace(root))
        paths = sorted((root / "imports").glob("p*/calendar.ics"))[:people]
        size = sum(p.stat().st_size for p in paths)
        workspace_now = load_workspace(root)
        with Store.open(root / "imm.sqlite") as store:
            start = time.perf_counter()
            report = import_files(paths, store, spec, workers=2)
            mark_classified(store, workspace_now)  # as `imm import` does: the store is classified by these rules
            first = time.perf_counter() - start
        failed = [f.line() for f in report.failed]
        env = {**os.environ, "IMM_HOME": str(Path(scratch) / "home")}
        start = time.perf_counter()
        again = subprocess.run([sys.executable, "-m", "imm_tui.cli", "import", "-w", str(root)], capture_output=True, text=True,
                               env=env, cwd=ROOT, check=False)
        unchanged = time.perf_counter() - start
        summary = next((line for line in again.stdout.splitlines() if line.endswith(" failed") and " files: " in line), "")
        if again.returncode != 0 or f"0 imported, {people} unchanged, 0 failed" not in summary:
            # files in the calendars folder that are not these people's (left by another run) are read every time
            print(f"\nthe re-import did not find {people} unchanged files (exit {again.returncode}): {summary or again.stderr[-400:]}")
        (root / "new-export").mkdir()
        singles = []
        with Store.open(root / "imm.sqlite") as store:
            for attempt in range(5):  # a new export of p007 replacing the previous one, five times: the median
                one = root / "new-export" / f"p007-{attempt}.ics"
                one.write_text(calendar_of(mix, 7, seed=99 + attempt), encoding="utf-8", newline="")
                start = time.perf_counter()
                import_files([one], store, spec)
                singles.append(time.perf_counter() - start)
    items = sum(f.items for f in report.files)
    print(f"\n{people} person-years of {mix}: {size / 1e6:.0f} MB, {items:,} occurrences stored"
          + (f", FAILED: {failed}" if failed else ""))
    print(f"first import (2 workers)          {first:7.2f} s   target ≤ 25 s")
    print(f"re-import, unchanged (imm import) {unchanged:7.2f} s   target ≤ 1 s, process start included "
          f"({summary.split(': ', 1)[-1] or 'no summary'}, exit {again.returncode})")
    print(f"one person's new export           {statistics.median(singles):7.2f} s   target ≤ 0.5 s (median of 5)")
    print(f"peak memory                       {peak_mb():7.0f} MB  target < 500 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=6, help="person-years per mix for the ratio (default 6)")
    parser.add_argument("--mixes", default=",".join(MIXES), help="comma-separated (default: all)")
    parser.add_argument("--people", type=int, default=160)
    parser.add_argument("--full-mix", default="series-40")
    parser.add_argument("--skip-full", action="store_true", help="only the ratios")
    parser.add_argument("--skip-ratios", action="store_true", help="only the full import")
    parser.add_argument("--calendars", type=Path, default=Path(tempfile.gettempdir()) / "imm-bench-mixes")
    parser.add_argument("--rounds", type=int, default=5, help="new processes per mix; per file the median (default 5)")
    parser.add_argument("--one-round", type=Path, help=argparse.SUPPRESS)  # a round's process: JSON on stdout
    args = parser.parse_args()
    if args.one_round:
        print(json.dumps(one_round(args.one_round, args.files)))
        return
    if args.skip_ratios:
        full(args.calendars, args.full_mix, args.people)
        return
    print(f"{'mix':10} {'MB/file':>8} {'items':>7} {'recurring':>9} {'IMM s/file':>10} {'icalendar':>10} {'ratio':>6}  target ≤ 0.10")
    for mix in args.mixes.split(","):
        found = per_mix(args.calendars, mix, args.files, args.rounds)
        print(f"{mix:10} {found['mb']:8.1f} {found['occurrences']:7.0f} {found['recurring']:9.0%} {found['ours']:10.3f} "
              f"{found['theirs']:10.3f} {found['ratio']:6.3f}", flush=True)
    if not args.skip_full:  # in a process of its own: the peak memory is the import's, not that of the parses above
        subprocess.run([sys.executable, __file__, "--skip-ratios", "--calendars", str(args.calendars), "--full-mix", args.full_mix,
                        "--people", str(args.people)], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
