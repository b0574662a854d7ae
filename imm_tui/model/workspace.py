"""A workspace folder (docs/reference.md) and loading everything in it, reporting all problems at once."""

from __future__ import annotations

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


def load_workspace(root: Path) -> Workspace:
    """Load plan.toml (required), classify.toml and accounts.csv (optional); every problem at once."""
    paths = Paths(root)
    if not root.is_dir():
        raise InputError([Problem(str(root), None, "", "workspace folder not found")])
    problems: list[Problem] = []
    document: PlanDocument | None = None
    try:
        document = load_plan(paths.plan)
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


def workspace_from_env() -> Path | None:
    value = os.environ.get(WORKSPACE_ENV)
    return Path(value) if value else None
