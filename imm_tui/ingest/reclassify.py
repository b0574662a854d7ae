"""Keep stored items classified with the workspace's current rules, accounts and time zone.

A fingerprint of classify.toml, accounts.csv and the plan's zone is kept in the store; when it
differs, every stored item is classified again from what the store holds (no calendar is re-read).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

from imm_tui.ingest.classify import Classifier, Contact
from imm_tui.ingest.share import UID_PREFIX as SHARE_UID
from imm_tui.ingest.store import Store
from imm_tui.model.classify import Classification
from imm_tui.model.workspace import Workspace

FINGERPRINT = "classification"
DEFAULT_CLASSIFICATION = Classification()


def classification_of(workspace: Workspace) -> Classification:
    return workspace.classification or DEFAULT_CLASSIFICATION


def fingerprint(workspace: Workspace) -> str:
    digest = hashlib.sha256()
    for path in (workspace.paths.classify, workspace.paths.accounts):
        digest.update(path.read_bytes() if path.exists() else b"-")
    digest.update(workspace.plan_document.plan.plan.timezone.encode())
    return digest.hexdigest()


def ensure_classified(store: Store, workspace: Workspace) -> int:
    """Re-classify every stored item if the rules changed since; returns how many were re-classified."""
    current = fingerprint(workspace)
    if store.meta(FINGERPRINT) == current:
        return 0
    if store.readonly and not store.in_memory:
        store.into_memory()  # a read-only store: re-classified for this command only
    classifier = Classifier(classification_of(workspace), workspace.accounts)
    zone = ZoneInfo(workspace.plan_document.plan.plan.timezone)
    rows = store.items(("person", "uid", "occurrence", "start_utc", "local_day", "all_day", "subject", "location", "categories",
                        "domains", "external", "online", "private", "cancelled", "declined", "free", "minutes"))
    updates = []
    for (person, uid, occurrence, start_utc, local_day, all_day, subject, location, categories, domains, external, online,
         private, cancelled, declined, free, minutes) in rows:
        if str(uid).startswith(SHARE_UID):
            continue  # a hand-in's counts: the sender's rules counted them, there is no text to classify again
        contact = Contact(
            subject=subject, location=location,  # type: ignore[arg-type]
            categories=tuple(str(categories).split("\n")) if categories else (),
            domains=tuple(str(domains).split(",")) if domains else (() if domains == "" else None),
            external=bool(external), online=bool(online), all_day=bool(all_day), minutes=float(minutes),  # type: ignore[arg-type]
            private=bool(private), cancelled=bool(cancelled), declined=bool(declined), free=bool(free),
        )
        verdict = classifier.classify(contact)
        day = str(local_day)
        if not all_day:
            day = datetime.strptime(str(start_utc), "%Y-%m-%dT%H:%M:%S%z").astimezone(zone).date().isoformat()
        iso = datetime.strptime(day, "%Y-%m-%d").date().isocalendar()
        updates.append((verdict.activity, verdict.rule, int(verdict.commitment), verdict.account, verdict.account_status,
                        verdict.skip_reason, int(verdict.external), day, iso.year, iso.week, person, uid, occurrence))
    with store.transaction() as db:
        db.executemany(
            "UPDATE items SET activity = ?, rule = ?, commitment = ?, account = ?, account_status = ?, skip_reason = ?,"
            " external = ?, local_day = ?, iso_year = ?, iso_week = ? WHERE person = ? AND uid = ? AND occurrence = ?",
            updates,
        )
        store.set_meta(FINGERPRINT, current)
    return len(updates)


def mark_classified(store: Store, workspace: Workspace) -> None:
    with store.transaction():
        store.set_meta(FINGERPRINT, fingerprint(workspace))
