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
    max_memory_mb: int = 1024
    """What all reader processes together may use, estimated from file sizes: files are handed to the
    readers only while the estimate of those being read stays within it (a larger file is read alone)."""


CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb", ".icalendar", ".csv", ".imm-share.json")
"""The files an import picks up in a folder (and the app's folder tree shows): calendars and hand-ins."""

MEMORY_PER_BYTE = 14
"""Peak memory of reading a file, per byte of it: 9 for a typical Outlook export, 9.5 for a 190 MB
one-line .ics with a non-ASCII character, 13.5 for such a CSV (measured; see the hardening tests)."""
MEMORY_BASE = 8 << 20
"""Memory of reading even an empty file (the rows, the classifier), over the reader's own start."""


def reading_cost(size: int) -> int:
    """Estimated peak memory of reading a file of `size` bytes."""
    return MEMORY_BASE + size * MEMORY_PER_BYTE


DEFAULT_LIMITS = Limits()
