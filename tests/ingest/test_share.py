"""Counts-only hand-in (issue 12, part 3): `imm share` on the account manager's laptop, `imm import` on the
manager's; the same figures arrive, and nothing of the calendar's text."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from imm_tui.cli import main
from tests.conftest import DEMO

DATA = Path(__file__).resolve().parent.parent / "data"


def workspace(root: Path, *calendars: tuple[str, str]) -> Path:
    shutil.copytree(DEMO, root)
    for person, name in calendars:
        (root / "imports" / person).mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / name, root / "imports" / person)
    return root


def report(capsys: pytest.CaptureFixture[str], root: Path) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main(["report", "-w", str(root), "--person", "jdv", "--by", "month", "--as-of", "2027-03-31", "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_a_hand_in_carries_the_figures_and_no_calendar_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    laptop = workspace(tmp_path / "laptop", ("jdv", "coverage/march-only.ics"), ("jdv", "ics/outlook_windows_tz.ics"))
    manager = workspace(tmp_path / "manager")
    assert main(["import", "-w", str(laptop)]) == 0
    hand_in = tmp_path / "jdv.imm-share.json"
    assert main(["share", "-w", str(laptop), "--person", "jdv", "-o", str(hand_in)]) == 0
    data = hand_in.read_bytes()
    for text in (b"Klantbezoek", b"Bellen", b"Brabant Water", b"Hotel De Kroon", b"@", b"mailto", b"UID"):
        assert text not in data  # counts only: no subject, account, attendee or UID
    assert hand_in.stat().st_mode & 0o077 == 0
    assert main(["import", "-w", str(manager), str(hand_in)]) == 0
    assert report(capsys, manager) == report(capsys, laptop)  # the same figures, coverage included
    # a rule change on the manager's side leaves the hand-in as the sender's rules counted it
    rules = manager / "classify.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n[[rules]]\nsubject = 'x'\nactivity = \"call\"\n", encoding="utf-8")
    assert report(capsys, manager) == report(capsys, laptop)
    # a newer hand-in (another file name) replaces the previous one instead of adding to it
    newer = json.loads(data)
    newer["counts"] = [c for c in newer["counts"] if c["week"] != 9]
    (tmp_path / "again.imm-share.json").write_text(json.dumps(newer), encoding="utf-8")
    assert main(["import", "-w", str(manager), str(tmp_path / "again.imm-share.json")]) == 0
    import sqlite3

    with sqlite3.connect(manager / "imm.sqlite") as db:
        stored = db.execute("SELECT count(*) FROM items WHERE person = 'jdv'").fetchone()[0]
        files = db.execute("SELECT count(*) FROM files WHERE person = 'jdv'").fetchone()[0]
    assert files == 1 and stored == sum(c["count"] for c in newer["counts"])


@pytest.mark.parametrize(("body", "said"), [
    ('{"format": "imm-share", "version": 1, "person": "jdv", "year": 2027, "counts": [', "line 1: not a readable hand-in"),
    ('{"format": "imm-share", "version": 1, "person": "nobody", "year": 2027, "counts": []}', "not a person in plan.toml"),
    ('{"format": "imm-share", "version": 1, "person": "jdv", "year": 2026, "counts": []}', "not for the plan year 2027"),
    ('{"format": "imm-share", "version": 1, "person": "jdv", "year": 2027, "counts": [{"week": 9, "day": "2027-05-01", '
     '"activity": "visit", "count": 3}]}', "counts[1]: day 2027-05-01 is not in week 9"),
    ('{"format": "imm-share", "version": 1, "person": "jdv", "year": 2027, "counts": [{"week": 9, "day": "2027-03-01", '
     '"activity": "visit", "count": 99999999}]}', "out of range"),
])
def test_a_bad_hand_in_fails_alone_with_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, said: str) -> None:
    root = workspace(tmp_path / "ws")
    (tmp_path / "bad.imm-share.json").write_text(body, encoding="utf-8")
    assert main(["import", "-w", str(root), str(tmp_path / "bad.imm-share.json")]) == 2
    assert said in capsys.readouterr().out
