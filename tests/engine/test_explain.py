"""Why this number (engine.explain, report.explain, `imm plan --explain`), against figures computed by hand.

The plan: 2027 (52 ISO weeks), one trade-fair week W11 ×1.5, norm 4 visits a week, funnel 10,000 per order,
2 offers per order, 1 request per offer, 2 visits per request, 3 calls per visit; one segment of 10 accounts,
2 contacts each, 6 contacts a year, half visits half calls, 1 offer per account.
"""

from __future__ import annotations

import pytest

from imm_tui.engine.explain import UnknownRow, explain
from imm_tui.engine.requirement import derive
from imm_tui.i18n import Labels
from imm_tui.report.explain import explanation_text, parts
from tests.conftest import plan_of

PLAN = """
    [plan]
    name = "Why"
    year = 2027
    [calendar]
    [[calendar.events]]
    name = "Trade fair"
    weeks = [11]
    factor = 1.5
    [norms]
    appointments_per_week = 4
    hunter_factor = 0.5
    [funnel]
    average_order_value = 10000
    offers_per_order = 2
    requests_per_offer = 1
    visits_per_request = 2
    calls_per_visit = 3
    [[segments]]
    id = "key"
    name = "Key"
    contacts_per_account = 2
    contacts_per_year = 6
    offers_per_account = 1
    channels = { visit = 0.5, call = 0.5 }
    [[teams]]
    id = "t"
    name = "T"
    [[people]]
    id = "a"
    name = "Anna"
    team = "t"
    revenue_target = 100000
    portfolio = { key = 10 }
    minimums = { call = 3 }
    [[people]]
    id = "m"
    name = "Mixed"
    team = "t"
    fop = "mixed"
    hunting_share = 0.5
    portfolio = { key = 10 }
    [[vacancies]]
    team = "t"
    portfolio = { key = 5 }
"""


@pytest.fixture(scope="module")
def plan_and_requirement():  # type: ignore[no-untyped-def]
    plan = plan_of(PLAN)
    return plan, derive(plan)


def test_visits_are_raised_to_the_norm_floor(plan_and_requirement) -> None:  # type: ignore[no-untyped-def]
    found = explain(*plan_and_requirement, "a", "visit")
    assert found.coverage == pytest.approx(10 * 2 * 6 * 0.5)  # 60
    assert found.funnel == pytest.approx(40)  # 100,000 / 10,000 = 10 orders → 20 offers → 20 requests → 40 visits
    assert [name for name, _ in found.funnel_steps] == ["revenue target", "orders", "offers", "requests", "visits"]
    assert found.floor == pytest.approx(4 * 1.0 * 52) and found.capacity_weeks == pytest.approx(52)
    assert found.driver == "norm" and found.annual == pytest.approx(208) and found.required == pytest.approx(208)
    w11 = found.week(11)
    assert w11.events == (("Trade fair", 1.5),) and w11.weight == pytest.approx(1.5)
    assert w11.share == pytest.approx(1.5 / 52.5) and w11.required == pytest.approx(208 * 1.5 / 52.5)
    assert found.week(12).required == pytest.approx(208 / 52.5)


def test_own_minimum_raises_the_weeks_where_it_is_higher(plan_and_requirement) -> None:  # type: ignore[no-untyped-def]
    found = explain(*plan_and_requirement, "a", "call")
    assert found.coverage == pytest.approx(60) and found.funnel == pytest.approx(120)  # 40 visits × 3
    assert found.annual == pytest.approx(120)
    # 120 spread: 120/52.5 = 2.29 a week, 3.43 in W11; the minimum 3 raises the other 51 weeks
    assert found.minimum_weeks == 51 and found.week(11).driver == "funnel"
    assert found.required == pytest.approx(51 * 3 + 120 * 1.5 / 52.5)
    assert found.driver == "minimum"


def test_offers_count_per_account_and_mixed_people_get_a_lower_floor(plan_and_requirement) -> None:  # type: ignore[no-untyped-def]
    offers = explain(*plan_and_requirement, "a", "offer")
    assert [(p.segment, p.value, p.offers) for p in offers.segments] == [("key", 10, True)]
    assert offers.driver == "funnel" and offers.required == pytest.approx(20)
    mixed = explain(*plan_and_requirement, "m", "visit")
    assert mixed.norm_factor == pytest.approx(0.75)  # 1 − 0.5 × (1 − 0.5)
    assert mixed.floor == pytest.approx(4 * 0.75 * 52) and mixed.driver == "norm"


def test_a_vacancy_has_coverage_only(plan_and_requirement) -> None:  # type: ignore[no-untyped-def]
    found = explain(*plan_and_requirement, "vacancy-t-1", "visit")
    assert found.kind == "vacancy" and found.floor == 0 and found.funnel_steps == ()
    assert found.coverage == pytest.approx(5 * 2 * 6 * 0.5) and found.driver == "coverage"


def test_the_text_marks_the_part_that_won_and_says_the_week(plan_and_requirement) -> None:  # type: ignore[no-untyped-def]
    found = explain(*plan_and_requirement, "a", "visit")
    text = explanation_text(found, weeks=[11])
    assert "Anna (a), visit: 208.0 in the year, raised to the norm floor" in text
    assert "✔ norm floor  208.0" in text
    assert "W11" in text and "Trade fair ×1.5" in text and "W12" not in text
    won = [label for label, _, _, is_winner in parts(found)]
    assert won == ["coverage", "funnel", "norm floor"]
    dutch = explanation_text(found, Labels("nl"), weeks=[11])
    assert "normvloer" in dutch


def test_unknown_person_or_activity_is_said(plan_and_requirement) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownRow, match="nobody"):
        explain(*plan_and_requirement, "nobody", "visit")
    with pytest.raises(UnknownRow, match="no activity 'dance'"):
        explain(*plan_and_requirement, "a", "dance")
