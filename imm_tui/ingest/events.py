"""The stored items as a table for people to read: when, what it counted as, and why."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from imm_tui.ingest.store import Store
from imm_tui.model.classify import Rule
from imm_tui.model.workspace import Workspace

EVENT_COLUMNS = ["person", "week", "day", "time", "minutes", "status", "activity", "rule", "commitment", "account", "subject"]


def describe_rule(index: int, rule: Rule) -> str:
    """`#3 categories=Klantbezoek` — enough to find the rule in classify.toml."""
    parts = []
    for name in ("categories", "subject", "location", "online", "external", "attendee_domain", "all_day", "min_minutes", "max_minutes",
                 "account_status", "internal", "ignore"):
        value = getattr(rule, name)
        if value is not None and value is not False:
            parts.append(f"{name}={'|'.join(value) if isinstance(value, list) else value}")
    return f"#{index + 1} " + " ".join(parts)


def list_events(
    store: Store, workspace: Workspace, *, person: str | None = None, week: int | None = None,
    activity: str | None = None, state: str | None = None, detail: bool = False,
) -> pd.DataFrame:
    """The stored items of the workspace's plan year, oldest first; with `detail`, also their categories and
    location (for making a rule)."""
    clauses: list[str] = ["iso_year = ?"]
    params: list[object] = [workspace.plan_document.plan.plan.year]
    if person:
        clauses.append("person = ?")
        params.append(person)
    if week:
        clauses.append("iso_week = ?")
        params.append(week)
    if activity:
        clauses.append("activity = ?")
        params.append(activity)
    if state == "unclassified":
        clauses.append("activity IS NULL AND skip_reason IS NULL")
    elif state == "skipped":
        clauses.append("skip_reason IS NOT NULL")
    elif state == "counted":
        clauses.append("activity IS NOT NULL")
    rows = store.items(("person", "iso_week", "local_day", "start_utc", "all_day", "minutes", "activity", "rule", "commitment",
                        "account", "skip_reason", "subject", "private", "categories", "location"), " AND ".join(clauses), params)
    rules = workspace.classification.rules if workspace.classification else []
    zone = ZoneInfo(workspace.plan_document.plan.plan.timezone)
    records = []
    for (who, iso_week, day, start, all_day, minutes, act, rule, commitment, account, skip, subject, private, categories, location) in rows:
        clock = "all day" if all_day else datetime.strptime(str(start), "%Y-%m-%dT%H:%M:%S%z").astimezone(zone).strftime("%H:%M")
        status = f"skipped: {skip}" if skip else ("counted" if act else "unclassified")
        records.append({
            "person": who, "week": iso_week, "day": day, "time": clock, "minutes": round(float(minutes)),  # type: ignore[arg-type]
            "status": status, "activity": act or "",
            "rule": describe_rule(int(rule), rules[int(rule)]) if rule is not None and int(rule) < len(rules) else "",  # type: ignore[call-overload]
            "commitment": "yes" if commitment else "", "account": account or "",
            "subject": "(private)" if private else (subject if subject is not None else ""),
            "categories": [c for c in str(categories or "").split("\n") if c], "location": location or "",
        })
    return pd.DataFrame.from_records(records, columns=[*EVENT_COLUMNS, *(("categories", "location") if detail else ())])
