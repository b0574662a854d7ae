"""Today, as IMM reads it: the clock, or the day `IMM_TODAY` fixes (ISO) so that tests and demos do not depend on it."""

from __future__ import annotations

import os
from datetime import date


def fixed_today() -> date | None:
    """The day in `IMM_TODAY`, None when it is not set; ValueError when it is not a day as YYYY-MM-DD."""
    fixed = os.environ.get("IMM_TODAY", "").strip()
    return date.fromisoformat(fixed) if fixed else None


def today() -> date:
    """Today, or the day in `IMM_TODAY`."""
    return fixed_today() or date.today()
