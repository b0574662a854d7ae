"""The store's counted items as a DataFrame for the engine (the engine never reads the store itself)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from imm_tui.ingest.store import Store

ACTIVITY_COLUMNS = ["person", "week", "day", "activity", "commitment", "account_status", "external"]


def load_activity(store: Store, year: int) -> pd.DataFrame:
    """One row per counted occurrence in ISO year `year`: person, week, day (date), activity and flags."""
    rows = store.connection.execute(
        "SELECT person, iso_week, local_day, activity, commitment, account_status, external FROM items"
        " WHERE iso_year = ? AND activity IS NOT NULL AND skip_reason IS NULL",
        (year,),
    ).fetchall()
    frame = pd.DataFrame.from_records(rows, columns=ACTIVITY_COLUMNS)
    # datetime64 days and categorical names keep the engine's filters and group-bys vectorised
    frame["day"] = pd.to_datetime(frame["day"], format="%Y-%m-%d")
    frame["person"] = frame["person"].astype("category")
    frame["activity"] = frame["activity"].astype("category")
    frame["commitment"] = frame["commitment"].astype(bool)
    frame["external"] = frame["external"].astype(bool)
    return frame


def last_imported_day(store: Store, year: int) -> date | None:
    """The last day of the plan year with an imported item (counted or not): the default as-of date."""
    row = store.connection.execute("SELECT max(local_day) FROM items WHERE iso_year = ?", (year,)).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
