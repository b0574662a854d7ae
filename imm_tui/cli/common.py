"""What every `imm` sub-command shares: exit codes, usage errors, finding and opening the workspace,
printing problems, logging an unexpected error, and selecting rows by `--person/--team/--activity`.

The command modules import this one; it imports none of them.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from imm_tui.model.printable import printable
from imm_tui.model.problems import Problem

if TYPE_CHECKING:
    import pandas as pd

    from imm_tui.model.plan import Plan
    from imm_tui.model.workspace import Workspace

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


class UsageError(Exception):
    """A command-line mistake the user can fix; printed as one line, exit 2."""


def resolve_workspace(given: Path | None) -> Path:
    """`-w`, else `$IMM_WORKSPACE`, else the current folder when it holds a plan.toml."""
    from imm_tui.model.workspace import workspace_from_env

    root = given or workspace_from_env()
    if root is None:
        if Path("plan.toml").exists():
            return Path(".")
        raise UsageError("no workspace: pass -w DIR (a folder with plan.toml), set IMM_WORKSPACE, or try `imm demo`")
    if not root.is_dir():
        raise UsageError(f"workspace folder not found: {root}")
    if not (root / "plan.toml").exists():
        raise UsageError(f"{root} has no plan.toml (create one with `imm init {root}`)")
    return root


def open_workspace(root: Path, year: int | None = None) -> Workspace:
    """The workspace at `root`, with the plan of `year` when given (plan.toml, or plan-<year>.toml beside it)."""
    from imm_tui.model.workspace import load_workspace

    workspace = load_workspace(root, year)
    print_problems(workspace.warnings, sys.stderr)
    return workspace


def print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(printable(str(problem)), file=stream)


def emit(text: str | bytes, output: Path | None, rows: int | None = None) -> None:
    """A command's result: to `output` (atomically, owner-only) and a line on stderr saying so, else to stdout."""
    from imm_tui.model.atomic import private_folder, write_atomic

    if output:
        private_folder(output.parent)
        write_atomic(output, text if isinstance(text, bytes) else text.encode("utf-8"), backup=False)
        print(f"wrote {rows} rows to {output}" if rows is not None else f"wrote {output}", file=sys.stderr)
    elif isinstance(text, bytes):
        raise UsageError("this format is a file: add -o FILE")
    else:
        sys.stdout.write(text)


def how_many(count: int, one: str, many: str) -> str:
    """`1 file`, `2 files`: a number with its noun (the command line speaks English)."""
    return f"{count:,} {one if count == 1 else many}"


def log_traceback() -> Path | None:
    try:
        from imm_tui.bundled import imm_home
        from imm_tui.model.atomic import append_private

        log = imm_home() / "imm.log"
        append_private(log, traceback.format_exc())
        return log
    except OSError:
        return None


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def filtered(weekly: pd.DataFrame, rows: pd.DataFrame, plan: Plan, args: argparse.Namespace) -> pd.DataFrame:
    """The weekly rows of the people, teams and activities asked for; unknown names are usage errors."""
    from imm_tui.engine.rollup import team_descendants

    persons, teams, activities = _split(args.person), _split(args.team), _split(args.activity)
    known_people = set(rows["person"])
    unknown = [p for p in persons if p not in known_people]
    if unknown:
        raise UsageError(f"unknown person {', '.join(unknown)} (see `imm plan --by year --level person`)")
    tree = team_descendants(plan, teams)
    unknown = [t for t in teams if t not in tree]
    if unknown:
        known = [t.id for t in plan.teams]
        raise UsageError(f"unknown team {', '.join(unknown)} (known: {', '.join(known[:12])}{', …' if len(known) > 12 else ''})")
    unknown = [a for a in activities if a not in plan.activity_ids]
    if unknown:
        raise UsageError(f"unknown activity {', '.join(unknown)} (known: {', '.join(plan.activity_ids)})")
    mask = weekly["person"].notna()
    if persons:
        mask &= weekly["person"].isin(persons)
    if teams:
        members = {m for t in teams for m in tree[t]}
        mask &= weekly["team"].isin(members)
    if activities:
        mask &= weekly["activity"].isin(activities)
    result = weekly[mask].copy()
    for column in ("person", "team", "activity"):
        result[column] = result[column].cat.remove_unused_categories()
    return result
