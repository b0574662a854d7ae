"""Write a tidy frame as CSV, JSON or an aligned text table.

CSV and JSON keep figures unrounded enough to check (CSV six decimals, JSON full precision); the text
table shows one decimal, as screens do.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

CSV_DECIMALS = 6


def to_csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, float_format=f"%.{CSV_DECIMALS}f", lineterminator="\n")
    return buffer.getvalue()


def to_json(frame: pd.DataFrame, meta: dict[str, Any]) -> str:
    records = []
    for row in frame.itertuples(index=False):
        record = {}
        for column, value in zip(frame.columns, row, strict=True):
            if isinstance(value, float) and math.isnan(value):
                value = None
            elif isinstance(value, date):  # a leaver's last day, a covered period: ISO dates
                value = value.isoformat()
            elif hasattr(value, "item"):
                value = value.item()
            record[column] = value
        records.append(record)
    return json.dumps(_finite({**meta, "rows": records}), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _finite(value: Any) -> Any:
    """NaN and infinities become null: JSON has no NaN, and readers of the file must not choke."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def pivot_text(frame: pd.DataFrame, keys: Sequence[str], columns: str, value: str, *, decimals: int = 1) -> str:
    """A wide text table: one line per `keys`, one column per distinct `columns` value."""
    if frame.empty:
        return "(no rows)\n"
    order = list(dict.fromkeys(frame[columns].astype(str)))
    wide = frame.assign(**{columns: frame[columns].astype(str)}).pivot_table(
        index=list(keys), columns=columns, values=value, aggfunc="sum", sort=False, observed=True
    )
    wide = wide.reindex(columns=order)
    header = [*keys, *order]
    body = []
    for index, row in wide.iterrows():
        labels = list(index) if isinstance(index, tuple) else [index]
        body.append([str(x) for x in labels] + [f"{v:,.{decimals}f}" for v in row.to_numpy()])
    return aligned(header, body, numeric_from=len(keys))


def aligned(header: Sequence[str], body: Sequence[Sequence[str]], *, numeric_from: int, text: Sequence[int] = ()) -> str:
    """Columns padded to one width: text left (before `numeric_from`, and the columns in `text`), numbers right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *body, strict=True)]
    lines = []
    for row in [list(header), *body]:
        cells = [
            str(cell).rjust(width) if index >= numeric_from and index not in text else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
