"""`imm init`, `imm check` and `imm plan`: a new workspace, its validation, and the required activity it derives."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imm_tui.bundled import preset_folder
from imm_tui.cli.common import EXIT_OK, UsageError, emit, filtered, how_many, open_workspace, resolve_workspace
from imm_tui.model.atomic import private_folder, write_atomic
from imm_tui.model.problems import InputError
from imm_tui.model.workspace import Paths, load_workspace

if TYPE_CHECKING:
    from imm_tui.engine.requirement import Requirement
    from imm_tui.model.plan import Plan

WORKSPACE_FILES = ("plan.toml", "classify.toml", "accounts.csv")


def run_init(args: argparse.Namespace) -> int:
    target: Path = args.directory
    existing = [name for name in WORKSPACE_FILES if (target / name).exists()]
    if existing and not args.force:
        raise UsageError(f"{target} already has {', '.join(existing)}; nothing was changed (use --force to overwrite)")
    source = preset_folder(args.preset)
    private_folder(target)
    for name in WORKSPACE_FILES:
        if (source / name).exists():
            write_atomic(target / name, (source / name).read_bytes())
    private_folder(target / "imports")
    private_folder(target / "exports")
    print(f"created workspace {target} from the {args.preset} preset; edit {target / 'plan.toml'}, then run `imm check -w {target}`")
    return EXIT_OK


def run_docs(args: argparse.Namespace) -> int:
    """Where the documentation is, or one topic printed (it ships with IMM: no network needed)."""
    from imm_tui.bundled import DOCS, docs_root

    root = docs_root()
    if args.topic:
        sys.stdout.write((root / f"{args.topic}.md").read_text(encoding="utf-8"))
        return EXIT_OK
    print(f"IMM's documentation is in {root}:")
    for topic, what in zip(DOCS, ("building a plan, importing calendars, reading the monitor",
                                  "how every number is made, with a worked example",
                                  "every key of plan.toml, classify.toml and accounts.csv"), strict=True):
        print(f"  imm docs {topic:<10} {root / (topic + '.md')}: {what}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    root = resolve_workspace(args.workspace)
    workspace = open_workspace(root)
    plan = workspace.plan_document.plan
    parts = [how_many(len(plan.people), "person", "people"), how_many(len(plan.vacancies), "vacancy", "vacancies"),
             how_many(len(plan.teams), "team", "teams"), how_many(len(plan.segments), "segment", "segments")]
    if workspace.classification is not None:
        parts.append(how_many(len(workspace.classification.rules), "classification rule", "classification rules"))
    if workspace.accounts:
        parts.append(how_many(len(workspace.accounts), "account", "accounts"))
    print(f"ok: {Paths(root).plan}: '{plan.plan.name}' ({plan.plan.year}): " + ", ".join(parts))
    problems = []
    for year, path in Paths(root).other_years().items():  # the plans of other years kept beside it (plan-2026.toml)
        try:
            other = load_workspace(root, year).plan_document.plan
        except InputError as error:
            problems.extend(error.problems)
            continue
        print(f"ok: {path}: '{other.plan.name}' ({year}): {how_many(len(other.people), 'person', 'people')}")
    if problems:
        raise InputError(problems)
    return EXIT_OK


def _explain(args: argparse.Namespace, plan: Plan, requirement: Requirement) -> int:
    from imm_tui.engine.explain import UnknownRow, explain
    from imm_tui.i18n import Labels
    from imm_tui.report.explain import explanation_text
    from imm_tui.report.formats import use_language

    activities = [a for value in args.activity for a in value.split(",") if a] or [
        a for a in plan.activity_ids if float(requirement.annual[(requirement.annual["person"] == args.explain)
                                                                 & (requirement.annual["activity"] == a)]["required"].sum()) > 0]
    weeks = args.week or None
    labels = Labels(args.lang or plan.plan.language)
    use_language(labels.language)
    texts = []
    try:
        for activity in activities or plan.activity_ids[:1]:
            texts.append(explanation_text(explain(plan, requirement, args.explain, activity), labels, weeks))
    except UnknownRow as error:
        raise UsageError(f"{error} (see `imm plan --by year`)") from None
    emit("\n".join(texts), args.output)
    return EXIT_OK


def run_plan(args: argparse.Namespace) -> int:
    import pandas as pd

    from imm_tui.engine.requirement import derive
    from imm_tui.engine.rollup import summarise
    from imm_tui.report.tables import pivot_text, to_csv, to_json

    workspace = open_workspace(resolve_workspace(args.workspace))
    plan = workspace.plan_document.plan
    requirement = derive(plan)
    if args.explain:
        return _explain(args, plan, requirement)
    weekly = filtered(requirement.weekly, requirement.rows, plan, args)
    frame = summarise(weekly, requirement.rows, plan, by=args.by, level=args.level)
    if args.level == "person":  # what set each person's year for the activity (DRIVERS): coverage, funnel, norm, minimum
        drivers = requirement.annual.set_index(["person", "activity"])["driver"]
        keys = pd.MultiIndex.from_arrays([frame["person"].astype(str), frame["activity"].astype(str)])
        frame = frame.assign(driver=drivers.reindex(keys).to_numpy())
    if args.format == "csv":
        text = to_csv(frame)
    elif args.format == "json":
        meta = {"plan": plan.plan.name, "year": plan.plan.year, "basis": plan.plan.basis, "by": args.by, "level": args.level}
        text = to_json(frame, meta)
    else:
        keys = ["person", "team", "period"] if args.level == "person" else ["group", "period"]
        text = pivot_text(frame, keys, "activity", "required")
    emit(text, args.output, len(frame))
    return EXIT_OK
