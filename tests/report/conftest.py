"""A writable copy of the demo workspace with calendars placed under imports/<person>/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO

DATA = Path(__file__).resolve().parent.parent / "data"
PLACEMENT = {
    "jdv": ["ics/outlook_windows_tz.ics", "ics/skips_and_rooms.ics"],
    "sbakker": ["ics/google_utc.ics"],
    "pvdberg": ["ics/exchange_series.ics"],
    "evdlinden": ["ics/cp1252.ics", "ics/bom_utf8.ics"],
    "dpeters": ["csv/outlook_nl_cp1252.csv"],
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    for person, files in PLACEMENT.items():
        folder = root / "imports" / person
        folder.mkdir(parents=True)
        for name in files:
            shutil.copy(DATA / name, folder)
    return root
