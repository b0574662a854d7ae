"""Caps that keep a hostile or broken calendar from taking the laptop down; each is reported when hit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Import caps (`imm import --max-file-mb/--max-occurrences/--max-line-kb`)."""

    max_file_mb: int = 200
    """A larger file fails alone, with this reason."""
    max_occurrences: int = 5000
    """A series with more occurrences in the plan year is skipped alone (FREQ=MINUTELY…)."""
    max_line_kb: int = 1024
    """A longer content line is cut to this length (embedded images in HTML descriptions…)."""


DEFAULT_LIMITS = Limits()
