"""The bundled demo and presets are valid and as believable as promised."""

from __future__ import annotations

from pathlib import Path

import pytest

from imm_tui.engine.requirement import derive
from imm_tui.model.workspace import load_workspace
from tests.conftest import ROOT


def test_demo_is_a_believable_organisation() -> None:
    workspace = load_workspace(ROOT / "configs" / "demo")
    plan = workspace.plan_document.plan
    assert plan.plan.year == 2027
    divisions = {t.parent for t in plan.teams if t.parent}
    assert len(divisions) == 2 and len([t for t in plan.teams if t.parent]) == 4
    assert 20 <= len(plan.people) <= 28
    assert {p.fop for p in plan.people} == {"farmer", "hunter", "mixed"}
    assert any(p.fte < 1 for p in plan.people)
    assert any(p.start and p.start.year == 2027 for p in plan.people)
    assert any(p.end and p.end.month < 12 for p in plan.people)
    assert any(a.reason == "long-term sick" for p in plan.people for a in p.absences)
    assert len(plan.vacancies) == 1 and len(plan.segments) == 4
    assert plan.products and plan.costs and len(plan.reviews.dates) == 4
    assert plan.calendar.holidays and plan.calendar.seasonality.jul < 1
    assert workspace.classification is not None and workspace.accounts
    drivers = set(derive(plan).annual["driver"])
    assert {"coverage", "funnel", "norm", "minimum"} <= drivers


@pytest.mark.parametrize("preset", ["generic", "staffing"])
def test_presets_are_valid(preset: str) -> None:
    workspace = load_workspace(ROOT / "configs" / "presets" / preset)
    assert workspace.plan_document.plan.people


def test_staffing_counts_placements() -> None:
    plan = load_workspace(Path(ROOT / "configs" / "presets" / "staffing")).plan_document.plan
    assert plan.activity_ids == ["visit", "call", "request", "placement"]
    annual = derive(plan).annual.set_index("activity")
    assert annual.loc["placement", "annual"] == pytest.approx(450000 / 9000)
