"""How figures read on screens and in documents: one decimal for counts, whole percentages, blanks for
what is not known (NaN) rather than `nan`; Dutch separators (`1.368,5`) when the language is Dutch.

The language is one setting of the process (`use_language`): the app sets it from its labels when it
starts, the command line from `--lang` or the plan, so every figure on a screen or in an export reads alike.
"""

from __future__ import annotations

import math
import re

SEPARATORS = {"en": (",", "."), "nl": (".", ",")}  # (thousands, decimal)
_language = ["en"]
_TO_DUTCH = str.maketrans(",.", ".,")


def use_language(language: str) -> None:
    """Figures from now on with the separators of `language` ("en" or "nl"; anything else: English)."""
    _language[0] = language if language in SEPARATORS else "en"


def language() -> str:
    return _language[0]


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _local(text: str) -> str:
    return text.translate(_TO_DUTCH) if _language[0] == "nl" else text


def number(value: float | None, decimals: int = 1, missing: str = "") -> str:
    """`1,368.5` (`1.368,5` in Dutch); blank (or `missing`) when not known. (Called for every cell of a
    table: written without helper calls.)"""
    if value is None or value != value:  # None or NaN
        return missing
    text = f"{value:,.{decimals}f}"
    return text.translate(_TO_DUTCH) if _language[0] == "nl" else text


def decimal(value: float, spec: str = "g") -> str:
    """A figure in a format spec of its own (`g`, `.2f`), with the language's decimal sign."""
    return _local(f"{value:{spec}}")


def percent(value: float | None, missing: str = "") -> str:
    return missing if _missing(value) else f"{100 * value:.0f} %"  # type: ignore[operator]


def parse_number(text: str) -> float | None:
    """A figure as `number` shows it, back (in the current language); None for text that is not one."""
    thousands, point = SEPARATORS[_language[0]]
    cleaned = text.strip().replace("%", "").replace("−", "-").replace(" ", "").replace(thousands, "").replace(point, ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        return None
    return float(cleaned)
