"""The store's counted items as a DataFrame for the engine (the engine never reads the store itself)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd

from imm_tui.ingest.store import Store
from imm_tui.model import clock

ACTIVITY_COLUMNS = ["person", "week", "day", "activity", "commitment", "account_status", "external"]


def load_activity(store: Store, year: int, *, with_account: bool = False) -> pd.DataFrame:
    """One row per counted occurrence in ISO year `year`: person, week, day (date), activity and flags; with
    `with_account` also the account (see `contacts_of`: one pass over the store for both)."""
    rows = store.connection.execute(
        "SELECT person, iso_week, local_day, activity, commitment, account_status, external" + (", account" if with_account else "")
        + " FROM items WHERE iso_year = ? AND activity IS NOT NULL AND skip_reason IS NULL",
        (year,),
    ).fetchall()
    frame = pd.DataFrame.from_records(rows, columns=[*ACTIVITY_COLUMNS, *(["account"] if with_account else [])])
    # datetime64 days and categorical names keep the engine's filters and group-bys vectorised
    frame["day"] = pd.to_datetime(frame["day"], format="%Y-%m-%d")
    frame["person"] = frame["person"].astype("category")
    frame["activity"] = frame["activity"].astype("category")
    frame["commitment"] = frame["commitment"].astype(bool)
    frame["external"] = frame["external"].astype(bool)
    return frame


def load_previous(store: Store, year: int) -> pd.DataFrame | None:
    """The counted items of ISO year `year` − 1 (for year-on-year), or None when the store holds no item of that year."""
    if store.connection.execute("SELECT 1 FROM items WHERE iso_year = ? LIMIT 1", (year - 1,)).fetchone() is None:
        return None
    return load_activity(store, year - 1)


def load_orders(store: Store, year: int) -> pd.DataFrame | None:
    """The order lines of ISO year `year` from imported CRM exports (engine.orders.ORDER_COLUMNS); None when no
    orders export was ever imported (orders are then the calendar items tagged as orders)."""
    from imm_tui.model.orders import ORDER_COLUMNS

    if not store.has_orders():
        return None
    rows = store.connection.execute("SELECT person, iso_week, day, value, account, product FROM orders WHERE iso_year = ?",
                                    (year,)).fetchall()
    frame = pd.DataFrame.from_records(rows, columns=ORDER_COLUMNS)
    frame["day"] = pd.to_datetime(frame["day"], format="%Y-%m-%d")
    frame["value"] = frame["value"].astype(float)
    return frame


def contacts_of(activity: pd.DataFrame) -> pd.DataFrame:
    """The counted items that have an account (person, week, day, activity, account: engine.accounts), from
    `load_activity(…, with_account=True)`."""
    found = activity[activity["account"].notna()]
    return pd.DataFrame({"person": found["person"].astype(str).to_numpy(), "week": found["week"].to_numpy(), "day": found["day"].to_numpy(),
                         "activity": found["activity"].astype(str).to_numpy(), "account": found["account"].to_numpy()})


TIME_COLUMNS = ["person", "week", "kind", "minutes", "items"]
TIME_KINDS = ("customer", "internal", "unclassified")


def load_time(store: Store, year: int) -> pd.DataFrame:
    """Minutes and items per person, week and kind in ISO year `year`: `customer` (counted as an activity),
    `internal` (a rule with internal = true), `unclassified` (no rule took it). Skipped items (cancelled,
    declined, free, all-day, ignored…) are in none of them."""
    rows = store.connection.execute(
        "SELECT person, iso_week, CASE WHEN activity IS NOT NULL THEN 'customer' WHEN skip_reason = 'internal' THEN 'internal'"
        " ELSE 'unclassified' END AS kind, sum(minutes), count(*) FROM items"
        " WHERE iso_year = ? AND (skip_reason IS NULL OR skip_reason = 'internal') GROUP BY person, iso_week, kind",
        (year,),
    ).fetchall()
    return pd.DataFrame.from_records(rows, columns=TIME_COLUMNS)


QUEUE_COLUMNS = ["subject", "items", "people", "hours", "first_day", "last_day", "categories"]


def review_queue(store: Store, year: int, limit: int = 500) -> pd.DataFrame:
    """The organisation's unclassified items of ISO year `year` by subject (case and surrounding spaces
    ignored), most frequent first: how many, for how many people, their hours, and their categories. Private
    items and items without a stored subject (count-only) are grouped by their categories only."""
    rows = store.connection.execute(
        "SELECT CASE WHEN private = 1 OR subject IS NULL THEN '' ELSE lower(trim(subject)) END AS key,"
        " min(CASE WHEN private = 1 OR subject IS NULL THEN NULL ELSE trim(subject) END), count(*), count(DISTINCT person),"
        " sum(minutes) / 60.0, min(local_day), max(local_day), json_group_array(DISTINCT categories) FROM items"
        " WHERE iso_year = ? AND activity IS NULL AND skip_reason IS NULL"
        " GROUP BY key, CASE WHEN private = 1 OR subject IS NULL THEN categories ELSE '' END"
        " ORDER BY count(*) DESC, key LIMIT ?",
        (year, limit),
    ).fetchall()
    records = []
    for _key, subject, items, people, hours, first, last, categories in rows:
        found = sorted({c for value in json.loads(categories or "[]") for c in str(value or "").split("\n") if c})
        records.append((subject or "", int(items), int(people), float(hours or 0), first, last, tuple(found)))
    return pd.DataFrame.from_records(records, columns=QUEUE_COLUMNS)


def today() -> date:
    """Today, or the day in `IMM_TODAY` (ISO), so that tests and demos do not depend on the clock."""
    return clock.today()


def default_as_of(last: date | None, year: int, now: date | None = None) -> date:
    """The day the monitor compares up to unless told: the last imported day, but never after today.

    Exports hold the appointments still to come; those are plans, not work done. Before any import no week
    has happened (the day before the plan year).
    """
    if last is None:
        return date.fromisocalendar(year, 1, 1) - timedelta(days=1)
    now = now or today()
    return min(last, now) if now >= date.fromisocalendar(year, 1, 1) else last


def last_imported_day(store: Store, year: int) -> date | None:
    """The last day of the plan year with an imported item (counted or not): the default as-of date."""
    row = store.connection.execute("SELECT max(local_day) FROM items WHERE iso_year = ?", (year,)).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
