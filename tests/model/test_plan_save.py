"""Saving a plan: load → save → load is equal, comments and order stay, writes are atomic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imm_tui.model.plan import Person, Vacancy
from imm_tui.model.plan_file import PlanChangedOnDisk, load_plan, save_plan
from imm_tui.model.problems import InputError
from tests.conftest import DEMO


@pytest.fixture
def demo_plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan.toml"
    shutil.copy(DEMO / "plan.toml", target)
    return target


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line and "#commit" not in line]


def test_saving_an_unchanged_plan_changes_nothing(demo_plan: Path) -> None:
    before = demo_plan.read_text(encoding="utf-8")
    document = load_plan(demo_plan)
    save_plan(document, document.plan)
    assert demo_plan.read_text(encoding="utf-8") == before


def test_round_trip_of_edits_keeps_comments_and_order(demo_plan: Path) -> None:
    document = load_plan(demo_plan)
    plan = document.plan.model_copy(deep=True)
    plan.segments[0].contacts_per_year = 12
    plan.people[0].portfolio = {"key": 9, "mid": 25.5}
    plan.people[5].start = None
    plan.people.append(Person(id="new", name="New Person", team="zuid", portfolio={"mid": 5}))
    del plan.people[4]
    plan.calendar.seasonality.may = 0.9
    plan.vacancies.append(Vacancy(team="randstad", portfolio={"key": 2}))
    saved = save_plan(document, plan)
    again = load_plan(demo_plan)
    assert again.plan == plan == saved.plan
    text = demo_plan.read_text(encoding="utf-8")
    original = document.text
    kept = [c for c in comments(original) if "leaves the company" not in c and "new starter" not in c]
    assert all(c in comments(text) for c in kept)
    assert "contacts_per_year = 12\n" in text
    assert "portfolio = { key = 9, mid = 25.5 }" in text
    headers = [line for line in text.splitlines() if line.startswith("[") and not line.startswith("[[")]
    assert headers == [line for line in original.splitlines() if line.startswith("[") and not line.startswith("[[")]
    assert (demo_plan.parent / "plan.toml.bak").read_text(encoding="utf-8") == original


def test_a_bad_plan_is_refused_and_nothing_is_written(demo_plan: Path) -> None:
    before = demo_plan.read_text(encoding="utf-8")
    document = load_plan(demo_plan)
    plan = document.plan.model_copy(deep=True)
    plan.people[0].portfolio = {"nope": 3}
    with pytest.raises(InputError, match="unknown segment 'nope'"):
        save_plan(document, plan)
    assert demo_plan.read_text(encoding="utf-8") == before
    assert not (demo_plan.parent / "plan.toml.bak").exists()
    assert [p.name for p in demo_plan.parent.iterdir()] == ["plan.toml"]


def test_validated_assignment_refuses_a_bad_value(demo_plan: Path) -> None:
    plan = load_plan(demo_plan).plan.model_copy(deep=True)
    with pytest.raises(ValueError, match="greater than 0"):
        plan.people[0].fte = -1


def test_a_plan_changed_on_disk_is_not_overwritten(demo_plan: Path) -> None:
    document = load_plan(demo_plan)
    demo_plan.write_text(document.text.replace("jul = 0.6", "jul = 0.7"), encoding="utf-8")
    plan = document.plan.model_copy(deep=True)
    plan.people[0].fte = 0.9
    with pytest.raises(PlanChangedOnDisk):
        save_plan(document, plan)
    assert "jul = 0.7" in demo_plan.read_text(encoding="utf-8")
    save_plan(document, plan, force=True)
    assert load_plan(demo_plan).plan.people[0].fte == 0.9


def test_an_interrupted_write_leaves_the_old_file(demo_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    before = demo_plan.read_text(encoding="utf-8")
    document = load_plan(demo_plan)
    plan = document.plan.model_copy(deep=True)
    plan.people[0].fte = 0.9

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="disk full"):
        save_plan(document, plan)
    assert demo_plan.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in demo_plan.parent.iterdir()) == ["plan.toml", "plan.toml.bak"]
