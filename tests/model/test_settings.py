"""The plan's settings as the editor lists them: every one shown can be typed back unchanged, bad values
are refused with the reason and leave the plan as it was."""

from __future__ import annotations

from datetime import date

import pytest

from imm_tui.model.plan import Plan
from imm_tui.model.settings import SettingRefused, settings, show, with_setting
from imm_tui.model.workspace import load_workspace
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_workspace(DEMO).plan_document.plan


def test_every_setting_is_listed_with_its_meaning(plan: Plan) -> None:
    rows = {s.path: s for s in settings(plan)}
    assert {"plan.year", "calendar.closed_weeks", "calendar.seasonality.jul", "norms.hunter_factor", "funnel.offers_per_order",
            "costs.own_share", "reviews.dates", "monitor.behind"} <= rows.keys()
    assert all(s.meaning for s in rows.values()), [p for p, s in rows.items() if not s.meaning]
    assert not rows["calendar.events"].editable  # a list of tables stays in plan.toml


def test_what_is_shown_can_be_typed_back(plan: Plan) -> None:
    for setting in settings(plan):
        if setting.editable:
            assert with_setting(plan, setting.path, show(setting.value)) == plan, setting.path


def test_values_are_read_as_people_type_them(plan: Plan) -> None:
    assert with_setting(plan, "calendar.seasonality.jul", "0,5").calendar.seasonality.jul == 0.5
    assert with_setting(plan, "calendar.closed_weeks", "30, 31 52").calendar.closed_weeks == [30, 31, 52]
    assert with_setting(plan, "reviews.dates", "2027-03-01").reviews.dates == [date(2027, 3, 1)]
    assert with_setting(plan, "norms.video_counts_as_visit", "ja").norms.video_counts_as_visit is True
    assert with_setting(plan, "costs.sales_budget", show(2_400_000.0)).costs.sales_budget == 2_400_000  # type: ignore[union-attr]


@pytest.mark.parametrize(("path", "text", "reason"), [
    ("calendar.closed_weeks", "30, 60", "less than or equal to 53"),
    ("norms.hunter_factor", "0.9", "less than or equal to 0.5"),
    ("calendar.holidays", "2027-02-30", "valid date"),
    ("norms.video_counts_as_visit", "misschien", "valid boolean"),
    ("plan.timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ("calendar.events", "x", "edit it in plan.toml"),
    ("calendar.nothing", "1", "no setting calendar.nothing"),
    ("norms.appointments_per_week", "inf", "finite number"),
    ("norms.appointments_per_week", "nan", "finite number"),
    ("funnel.average_order_value", "1e308", "too large"),
    ("calendar.seasonality.mar", "1e-308", "too small"),
])
def test_a_bad_value_is_refused_with_its_reason_and_changes_nothing(plan: Plan, path: str, text: str, reason: str) -> None:
    before = plan.model_copy(deep=True)
    with pytest.raises(SettingRefused, match=reason):
        with_setting(plan, path, text)
    assert plan == before
