"""A workspace folder (docs/reference.md) and loading everything in it, reporting all problems at once."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from imm_tui.model.accounts import Account, load_accounts
from imm_tui.model.classify import Classification, load_classification
from imm_tui.model.orders import DEFAULT_ORDERS, OrdersConfig, load_orders_config
from imm_tui.model.plan_file import PlanDocument, load_plan
from imm_tui.model.problems import InputError, Problem

WORKSPACE_ENV = "IMM_WORKSPACE"


@dataclass(frozen=True)
class Paths:
    """Where a workspace keeps its files."""

    root: Path

    @property
    def plan(self) -> Path:
        return self.root / "plan.toml"

    def plan_of_year(self, year: int) -> Path:
        """Where an earlier (or later) year's plan is kept beside plan.toml."""
        return self.root / f"plan-{year}.toml"

    def other_years(self) -> dict[int, Path]:
        """The plans of other years kept beside plan.toml (`plan-2026.toml`), by year."""
        found = {}
        for path in sorted(self.root.glob("plan-[0-9][0-9][0-9][0-9].toml")):
            found[int(path.stem[5:])] = path
        return found

    @property
    def classify(self) -> Path:
        return self.root / "classify.toml"

    @property
    def accounts(self) -> Path:
        return self.root / "accounts.csv"

    @property
    def orders(self) -> Path:
        """How an orders export is read (optional; docs/reference.md)."""
        return self.root / "orders.toml"

    @property
    def imports(self) -> Path:
        return self.root / "imports"

    @property
    def store(self) -> Path:
        return self.root / "imm.sqlite"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def reviews(self) -> Path:
        """Where `imm reviews` writes the review invitations (the checklist looks for them here)."""
        return self.exports / "reviews.ics"


@dataclass(frozen=True)
class Workspace:
    """The loaded, checked files of one workspace."""

    paths: Paths
    plan_document: PlanDocument
    classification: Classification | None
    accounts: list[Account] = field(default_factory=list)
    warnings: tuple[Problem, ...] = ()
    orders: OrdersConfig = field(default_factory=OrdersConfig)


def load_workspace(root: Path, year: int | None = None) -> Workspace:
    """Load plan.toml (required), classify.toml, accounts.csv and orders.toml (optional); every problem at once.
    With `year`, the plan of that year: plan.toml when it is that year's, else `plan-<year>.toml` beside it."""
    paths = Paths(root)
    if not root.is_dir():
        raise InputError([Problem(str(root), None, "", "workspace folder not found")])
    problems: list[Problem] = []
    document: PlanDocument | None = None
    try:
        document = load_plan(paths.plan)
        if year is not None and document.plan.plan.year != year:
            document = _plan_of_year(paths, year, document.plan.plan.year)
    except InputError as error:
        problems.extend(error.problems)
    activity_ids = document.plan.activity_ids if document else None
    classification = None
    if paths.classify.exists():
        try:
            classification = load_classification(paths.classify, activity_ids)
        except InputError as error:
            problems.extend(error.problems)
    accounts: list[Account] = []
    if paths.accounts.exists():
        try:
            accounts = load_accounts(
                paths.accounts,
                segments=[s.id for s in document.plan.segments] if document else None,
                people=[p.id for p in document.plan.people] if document else None,
            )
        except InputError as error:
            problems.extend(error.problems)
    orders = DEFAULT_ORDERS
    if paths.orders.exists():
        try:
            orders = load_orders_config(paths.orders)
        except InputError as error:
            problems.extend(error.problems)
    if problems or document is None:
        raise InputError([*problems, *(document.warnings if document else ())])
    return Workspace(paths, document, classification, accounts, document.warnings, orders)


def _plan_of_year(paths: Paths, year: int, current: int) -> PlanDocument:
    path = paths.plan_of_year(year)
    if not path.exists():
        kept = ", ".join(str(y) for y in sorted({current, *paths.other_years()}))
        raise InputError([Problem(str(path), None, "", f"no plan for {year}: plan.toml is {current}'s; keep an earlier year's plan "
                                                       f"beside it as {path.name} (plans here: {kept})")])
    document = load_plan(path)
    if document.plan.plan.year != year:
        raise InputError([Problem(str(path), None, "plan.year", f"says {document.plan.plan.year}, but its name says {year}")])
    return document


def plan_years(root: Path) -> list[int]:
    """The years a workspace has a plan for: plan.toml's and every `plan-<year>.toml` beside it, newest first."""
    paths = Paths(root)
    years = set(paths.other_years())
    with contextlib.suppress(InputError):  # a broken plan.toml is said where it is loaded
        years.add(load_plan(paths.plan).plan.plan.year)
    return sorted(years, reverse=True)


def workspace_from_env() -> Path | None:
    value = os.environ.get(WORKSPACE_ENV)
    return Path(value) if value else None
