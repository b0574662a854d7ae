"""The attendees of the runs of ATTENDEE lines the fast scanner finds (ics/scan.py), read once per distinct run
and per distinct line, and kept across the files one process reads."""

from __future__ import annotations

import re

from imm_tui.ingest import fields as f
from imm_tui.ingest.items import Attendee

PARAMETERS = r'((?:;(?:[^":\n]++|"[^"\n]*+")*+)?+)'
"""A content line's parameters with their ';', matched possessively (the scanner's tokens use it too)."""
ATTENDEE_TEXT = re.compile(PARAMETERS + r":([^\n]*)")

ATTENDEES_KEPT = 50_000
"""Attendee lines (and runs of them) read, kept across the files one process reads: colleagues and customers
recur in every calendar of an organisation, so most lines are read once per process instead of once per file.
An Attendee holds an address, a status and a kind: nothing the file's owner could not see in any calendar."""


class AttendeeCache:
    """The attendees of the runs of ATTENDEE lines the tokenizer finds (see scan._TOKEN), by run and by line (a line
    as its text after the name: `;CN=Jan;PARTSTAT=ACCEPTED:mailto:jan@x.example`)."""

    def __init__(self) -> None:
        self.lines: dict[str, Attendee | None] = {}
        self.runs: dict[tuple[str, str], tuple[Attendee, ...]] = {}

    def make_room(self) -> None:
        if len(self.lines) > ATTENDEES_KEPT or len(self.runs) > ATTENDEES_KEPT:
            self.lines.clear()
            self.runs.clear()

    def of(self, run: tuple[str, str]) -> tuple[Attendee, ...]:
        """The attendees of one run: (the first line's parameters with their ';', its value and the lines after it)."""
        known = self.runs.get(run)
        if known is None:
            parameters, value = run
            if "\n" in value:  # every further line starts with the name, ATTENDEE in some case, and ';' or ':'
                first, *more = value.split("\n")
                texts = [f"{parameters}:{first}", *(line[8:] for line in more)]
            else:
                texts = [f"{parameters}:{value}"]
            found = []
            for number, text in enumerate(texts):
                attendee = self.lines.get(text)
                if attendee is None and text not in self.lines:
                    # the first line's parameters and value are known already: no need to find them again
                    attendee = self.lines[text] = (
                        f.attendee_from_raw(texts[0][len(parameters) + 1:], parameters[1:]) if number == 0 else _attendee(text))
                if attendee is not None:
                    found.append(attendee)
            known = self.runs[run] = tuple(found)
        return known


def _attendee(text: str) -> Attendee | None:
    """One ATTENDEE line after its name; None where its parameters never end in ':' (no token, as on its own)."""
    match = ATTENDEE_TEXT.match(text)
    return f.attendee_from_raw(match.group(2), match.group(1)[1:]) if match else None


ATTENDEES = AttendeeCache()
