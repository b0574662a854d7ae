"""Whose calendar is this file? (explicit choice, folder, file name, then what the calendar says)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from imm_tui.ingest.items import RawItem


def person_from_path(path: Path, imports: Path | None, people: Sequence[tuple[str, str]]) -> str | None:
    """`imports/<person-id>/…`, else a file named after the person's id or e-mail (`jdv.ics`)."""
    ids = {pid.lower(): pid for pid, _ in people}
    if imports is not None:
        try:
            relative = path.resolve().relative_to(imports.resolve())
        except ValueError:
            relative = None
        if relative is not None and len(relative.parts) > 1 and relative.parts[0].lower() in ids:
            return ids[relative.parts[0].lower()]
    for candidate in (path.parent.name, path.stem, path.stem.split("_")[0], path.stem.split(" ")[0]):
        key = candidate.lower()
        if key in ids:
            return ids[key]
        for pid, email in people:
            if email and (key == email.lower() or key == email.lower().split("@")[0]):
                return pid
    return None


def person_from_content(owner_hint: str, items: Sequence[RawItem], people: Sequence[tuple[str, str]]) -> str | None:
    """The person whose e-mail the calendar names (X-WR-CALNAME) or who organises most of its items."""
    by_email = {email.lower(): pid for pid, email in people if email}
    hint = owner_hint.strip().lower()
    if hint in by_email:
        return by_email[hint]
    by_name = {pid.lower(): pid for pid, _ in people}
    if hint in by_name:
        return by_name[hint]
    organisers = Counter(item.organizer for item in items if item.organizer in by_email)
    if organisers:
        return by_email[organisers.most_common(1)[0][0]]
    return None
