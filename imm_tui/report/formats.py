"""How figures read on screens and in documents: one decimal for counts, whole percentages, blanks for
what is not known (NaN) rather than `nan`."""

from __future__ import annotations

import math


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, decimals: int = 1, missing: str = "") -> str:
    return missing if _missing(value) else f"{value:,.{decimals}f}"


def percent(value: float | None, missing: str = "") -> str:
    return missing if _missing(value) else f"{100 * value:.0f} %"  # type: ignore[operator]
