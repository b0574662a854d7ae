"""Adding a rule to classify.toml from the app: appended last, comments kept, checked before writing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imm_tui.model.classify import Rule, add_rule, load_classification
from imm_tui.model.problems import InputError
from tests.conftest import DEMO

ACTIVITIES = ["call", "visit", "video", "offer", "request", "order"]


def test_a_rule_is_appended_last_and_the_file_keeps_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "classify.toml"
    shutil.copy(DEMO / "classify.toml", path)
    before = load_classification(path, ACTIVITIES)
    added = add_rule(path, Rule(subject="(?i)overleg", activity="call"), ACTIVITIES, "added in IMM")
    assert added.rules[:-1] == before.rules and added.rules[-1] == Rule(subject="(?i)overleg", activity="call")
    assert load_classification(path, ACTIVITIES) == added
    text = path.read_text(encoding="utf-8")
    assert "# attendees on these domains are colleagues" in text and "# added in IMM\nsubject = '(?i)overleg'" in text
    assert (tmp_path / "classify.toml.bak").read_text(encoding="utf-8") == (DEMO / "classify.toml").read_text(encoding="utf-8")


def test_a_rule_the_file_cannot_hold_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "classify.toml"
    shutil.copy(DEMO / "classify.toml", path)
    with pytest.raises(InputError, match="unknown activity 'meeting'"):
        add_rule(path, Rule(categories=["Overleg"], activity="meeting"), ACTIVITIES)
    assert path.read_text(encoding="utf-8") == (DEMO / "classify.toml").read_text(encoding="utf-8")


def test_a_missing_file_is_created_with_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "classify.toml"
    add_rule(path, Rule(categories=["Klantbezoek"], activity="visit"), ACTIVITIES)
    assert load_classification(path, ACTIVITIES).rules == [Rule(categories=["Klantbezoek"], activity="visit")]
