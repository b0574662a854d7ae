"""Accounts covered (docs/method.md): did each account of accounts.csv get the contacts its segment asks,
which went quiet, who contacted another owner's accounts, and how many new and existing accounts were
reached against the portfolios. Pure: the plan, the accounts and a frame of counted items with an account.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from imm_tui.model.accounts import Account
from imm_tui.model.plan import Plan

CONTACT_COLUMNS = ["person", "week", "day", "activity", "account"]
ACCOUNT_COLUMNS = ("account", "segment", "status", "owner", "contacts", "asked_year", "asked_to_date", "attainment", "last_contact",
                   "weeks_quiet", "quiet", "by_others", "others")


@dataclass(frozen=True)
class AccountsCovered:
    accounts: pd.DataFrame  # one row per account of accounts.csv (ACCOUNT_COLUMNS)
    segments: pd.DataFrame  # per segment: accounts, contacts, asked to date, attainment, quiet accounts
    reach: pd.DataFrame  # per person and the organisation: new and existing accounts reached against their portfolio
    share_of_year: float  # the share of the year's contacts the plan asks by the as-of day


def contact_ids(plan: Plan, segment: str | None) -> set[str]:
    """The activities that are contacts with an account of `segment`: its channels, else visits, calls and video."""
    found = next((s for s in plan.segments if s.id == segment), None)
    if found is not None and found.channels:
        return {a for a, share in found.channels.items() if share > 0}
    return {a.id for a in plan.activities if a.stage in ("visit", "call")} | ({"video"} & set(plan.activity_ids))


def accounts_covered(plan: Plan, accounts: Sequence[Account], contacts: pd.DataFrame, as_of: date, share_of_year: float,
                     quiet_after_weeks: int) -> AccountsCovered:
    """`contacts`: counted items with an account (CONTACT_COLUMNS; `day` datetime64); `share_of_year`: the share
    of the year's activity the plan asks up to `as_of` (its weeks, seasonality and events)."""
    done = contacts[contacts["day"] <= pd.Timestamp(as_of)] if len(contacts) else contacts
    by_name = {a.name.lower(): a for a in accounts}
    segments = {s.id: s for s in plan.segments}
    year_start = date.fromisocalendar(plan.plan.year, 1, 1)
    weeks_gone = max(0, (as_of - year_start).days // 7 + 1) if as_of >= year_start else 0
    rows = []
    names = done["account"].astype(str).str.lower() if len(done) else None  # an account's name: case ignored
    grouped = {str(k): part for k, part in done.groupby(names)} if names is not None else {}
    for account in accounts:
        mine = grouped.get(account.name.lower())
        ids = contact_ids(plan, account.segment)
        contact_rows = mine[mine["activity"].astype(str).isin(ids)] if mine is not None else contacts.iloc[0:0]
        count = len(contact_rows)
        segment = segments.get(account.segment or "")
        asked = segment.contacts_per_account * segment.contacts_per_year if segment else np.nan
        asked_to_date = asked * share_of_year if segment else np.nan
        last = contact_rows["day"].max().date() if count else None
        quiet_weeks = (as_of - last).days // 7 if last else weeks_gone
        others = sorted({str(p) for p in contact_rows["person"]} - {account.owner or ""}) if count and account.owner else []
        by_others = int((contact_rows["person"].astype(str) != account.owner).sum()) if count and account.owner else 0
        rows.append({
            "account": account.name, "segment": account.segment or "", "status": account.status, "owner": account.owner or "",
            "contacts": count, "asked_year": asked, "asked_to_date": asked_to_date,
            "attainment": count / asked_to_date if asked_to_date and asked_to_date == asked_to_date else np.nan,
            "last_contact": last, "weeks_quiet": quiet_weeks, "quiet": quiet_weeks >= quiet_after_weeks,
            "by_others": by_others, "others": ", ".join(others),
        })
    table = pd.DataFrame(rows, columns=list(ACCOUNT_COLUMNS))
    per_segment = []
    for segment_id, part in table.groupby("segment", sort=False):
        asked = float(part["asked_to_date"].sum(min_count=1)) if part["asked_to_date"].notna().any() else np.nan
        name = segments[str(segment_id)].name if str(segment_id) in segments else str(segment_id)
        contacted = float(part["contacts"].sum())
        per_segment.append({"segment": segment_id, "name": name, "accounts": len(part), "contacts": int(contacted),
                            "asked_to_date": asked, "attainment": contacted / asked if asked and asked == asked else np.nan,
                            "reached": int((part["contacts"] > 0).sum()), "quiet": int(part["quiet"].sum())})
    reach = _reach(plan, by_name, done, share_of_year)
    return AccountsCovered(table, pd.DataFrame(per_segment, columns=["segment", "name", "accounts", "contacts", "asked_to_date",
                                                                     "attainment", "reached", "quiet"]), reach, share_of_year)


def _reach(plan: Plan, by_name: dict[str, Account], done: pd.DataFrame, share_of_year: float) -> pd.DataFrame:
    """Per person and the organisation: distinct prospects and clients of accounts.csv met to date, against the
    accounts their portfolio holds in `new` and in `existing` segments (checklist: new and existing customers)."""
    kinds = {s.id: s.kind for s in plan.segments}
    met: dict[str, dict[str, set[str]]] = {}
    triples = zip(done["person"].astype(str), done["account"].astype(str), done["activity"].astype(str), strict=True) \
        if len(done) else iter(())
    ids = {segment: contact_ids(plan, segment) for segment in {a.segment for a in by_name.values()}}
    for who, name, activity in triples:
        known = by_name.get(name.lower())
        if known is not None and activity in ids[known.segment]:  # reached by a contact, as the segments count them
            met.setdefault(who, {"prospect": set(), "client": set()})[known.status].add(known.name)
    rows = []
    for person in plan.people:
        new = sum(v for k, v in person.portfolio.items() if kinds.get(k) == "new")
        existing = sum(v for k, v in person.portfolio.items() if kinds.get(k) == "existing")
        reached = met.get(person.id, {"prospect": set(), "client": set()})
        rows.append({"person": person.id, "new_reached": len(reached["prospect"]), "new_in_portfolio": float(new),
                     "existing_reached": len(reached["client"]), "existing_in_portfolio": float(existing)})
    everyone: dict[str, set[str]] = {"prospect": set(), "client": set()}
    for seen in met.values():
        for status, names in seen.items():
            everyone[status] |= names
    new_total = float(sum(v for p in plan.people for k, v in p.portfolio.items() if kinds.get(k) == "new"))
    existing_total = float(sum(v for p in plan.people for k, v in p.portfolio.items() if kinds.get(k) == "existing"))
    rows.append({"person": "org", "new_reached": len(everyone["prospect"]), "new_in_portfolio": new_total,
                 "existing_reached": len(everyone["client"]), "existing_in_portfolio": existing_total})
    return pd.DataFrame(rows, columns=["person", "new_reached", "new_in_portfolio", "existing_reached", "existing_in_portfolio"])
