"""Invariants of the derivation, on random plans (hypothesis), and agreement with the reference."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imm_tui.engine.requirement import derive
from imm_tui.model.plan import Plan
from tests.engine.reference import reference
from tests.engine.strategies import plans

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def per_row(plan: Plan) -> tuple[dict[str, float], dict[str, np.ndarray], dict[str, float]]:
    """annual A and weekly sums per 'person/activity', plus total capacity per person."""
    r = derive(plan)
    annual = {f"{row.person}/{row.activity}": row.annual for row in r.annual.itertuples()}
    sums = r.weekly.groupby(["person", "activity"], observed=True)["required"].sum()
    weekly = {f"{p}/{a}": v for (p, a), v in sums.items()}
    capacity = r.capacity.groupby("person")["capacity"].sum().to_dict()
    return annual, weekly, capacity


@SETTINGS
@given(plans())
def test_engine_agrees_with_the_plain_reference(plan: Plan) -> None:
    expected = reference(plan)
    w = derive(plan).weekly
    got = {(p, int(k), a): v for p, k, a, v in zip(w["person"], w["week"], w["activity"], w["required"], strict=True)}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-9), key


@SETTINGS
@given(plans(minimums=False))
def test_without_minimums_the_weeks_sum_to_the_annual_figure(plan: Plan) -> None:
    annual, weekly, capacity = per_row(plan)
    for key, value in annual.items():
        person = key.split("/")[0]
        if capacity[person] > 0:
            assert weekly[key] == pytest.approx(value, rel=1e-9, abs=1e-9), key
        else:
            assert weekly[key] == 0.0, key


@SETTINGS
@given(plans())
def test_nothing_is_negative_and_no_capacity_means_no_requirement(plan: Plan) -> None:
    r = derive(plan)
    assert (r.weekly["required"] >= 0).all()
    merged = r.weekly.merge(r.capacity, on=["person", "week"])
    assert (merged.loc[merged["capacity"] == 0, "required"] == 0).all()


@SETTINGS
@given(plans())
def test_doubling_a_portfolio_doubles_coverage(plan: Plan) -> None:
    doubled = plan.model_copy(deep=True)
    for person in doubled.people:
        person.portfolio = {k: 2 * v for k, v in person.portfolio.items()}
    before = derive(plan).annual["coverage"].to_numpy()
    after = derive(doubled).annual["coverage"].to_numpy()
    people_rows = ~derive(plan).annual["person"].str.startswith("vacancy-").to_numpy()
    np.testing.assert_allclose(after[people_rows], 2 * before[people_rows], rtol=1e-12, equal_nan=True)


@SETTINGS
@given(plans(minimums=False, norm=False), st.data())
def test_a_holiday_moves_work_to_other_weeks_without_changing_the_total(plan: Plan, data: st.DataObject) -> None:
    r = derive(plan)
    cap = r.capacity
    open_weeks = sorted(set(cap.loc[cap["capacity"] > 0, "week"]))
    if not open_weeks:
        return
    week = data.draw(st.sampled_from(open_weeks))
    day = data.draw(st.integers(0, plan.calendar.days_per_week - 1))
    from datetime import date

    holiday = date.fromisocalendar(plan.plan.year, week, 1) + timedelta(days=day)
    moved = plan.model_copy(deep=True)
    moved.calendar.holidays = [*plan.calendar.holidays, holiday]
    annual_before, weekly_before, _ = per_row(plan)
    annual_after, weekly_after, capacity_after = per_row(moved)
    assert annual_after == pytest.approx(annual_before)
    for key, value in annual_before.items():
        if capacity_after[key.split("/")[0]] > 0:
            assert weekly_after[key] == pytest.approx(value, rel=1e-9, abs=1e-9)
    b, a = r.weekly, derive(moved).weekly
    in_week = (b["week"] == week).to_numpy()
    assert (a["required"].to_numpy()[in_week] <= b["required"].to_numpy()[in_week] + 1e-9).all()
