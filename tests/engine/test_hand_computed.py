"""Small plans whose weekly numbers are worked out by hand here, not by calling a formula twice.

2027 has 52 ISO weeks (1 Jan 2027 is a Friday, in 2026-W53); 2026 has 53 (1 Jan 2026 is a Thursday).
2027-W01 starts Monday 4 Jan; 2027-03-01 is the Monday of W09; 2027-04-27 is the Tuesday of W17.
"""

from __future__ import annotations

import pytest

from imm_tui.engine.requirement import derive, vacancy_ids
from tests.conftest import plan_of

HEAD = """
[plan]
name = "t"
year = {year}
basis = "{basis}"

[calendar]
days_per_week = {dpw}
closed_weeks = {closed}

[[teams]]
id = "north"
name = "North"
"""


def head(year: int = 2027, basis: str = "coverage", dpw: int = 5, closed: str = "[]") -> str:
    return HEAD.format(year=year, basis=basis, dpw=dpw, closed=closed)


def weekly(plan_text: str, person: str, activity: str) -> dict[int, float]:
    w = derive(plan_of(plan_text)).weekly
    rows = w[(w["person"] == person) & (w["activity"] == activity)]
    return dict(zip(rows["week"].tolist(), rows["required"].tolist(), strict=True))


def annual_row(plan_text: str, person: str, activity: str) -> dict[str, object]:
    a = derive(plan_of(plan_text)).annual
    return a[(a["person"] == person) & (a["activity"] == activity)].iloc[0].to_dict()


PROSPECTS = """
[[segments]]
id = "pros"
name = "Prospects"
kind = "new"
contacts_per_account = 1
contacts_per_year = 4
channels = { visit = 0.5, call = 0.5 }
"""


def test_hunter_held_up_by_the_norm_floor() -> None:
    # coverage: 10 prospects × 1 contact × 4/yr × 0.5 = 20 visits and 20 calls.
    # floor: 6 appointments × hunter factor 0.5 × 52 FTE-weeks = 156 visits > 20, so 3.0 a week.
    text = head() + PROSPECTS + """
[norms]
appointments_per_week = 6
hunter_factor = 0.5

[[people]]
id = "h"
name = "Hunter"
team = "north"
fop = "hunter"
portfolio = { pros = 10 }
"""
    visits = weekly(text, "h", "visit")
    assert len(visits) == 52
    assert all(v == pytest.approx(3.0, abs=1e-12) for v in visits.values())
    calls = weekly(text, "h", "call")
    assert all(v == pytest.approx(20 / 52, abs=1e-12) for v in calls.values())
    row = annual_row(text, "h", "visit")
    assert row["coverage"] == pytest.approx(20.0)
    assert row["floor"] == pytest.approx(156.0)
    assert row["annual"] == pytest.approx(156.0)
    assert row["driver"] == "norm"
    assert annual_row(text, "h", "call")["driver"] == "coverage"


def test_mixed_field_of_play_gets_a_blended_norm() -> None:
    # f = 1 − 0.4 × (1 − 0.5) = 0.8; floor = 5 × 0.8 × 52 = 208 visits = 4.0 a week;
    # coverage: 25 prospects × 4 × 0.5 = 50 visits, below the floor.
    text = head() + PROSPECTS + """
[norms]
appointments_per_week = 5
hunter_factor = 0.5

[[people]]
id = "m"
name = "Mixed"
team = "north"
fop = "mixed"
hunting_share = 0.4
portfolio = { pros = 25 }
"""
    visits = weekly(text, "m", "visit")
    assert all(v == pytest.approx(4.0, abs=1e-12) for v in visits.values())
    assert annual_row(text, "m", "visit")["floor"] == pytest.approx(208.0)


def test_part_timer_with_start_absence_and_own_minimum() -> None:
    # fte 0.5 from W09 (Mon 1 Mar); absent Mon 10–Wed 12 May (W19), so W19 has 2 of 5 days.
    # capacity: W01–W08 0; W09–W52 0.5 each, W19 0.5 × 2/5 = 0.2; total 43 × 0.5 + 0.2 = 21.7.
    # coverage: 50 accounts × 1 × 4 × 0.5 = 100 visits; a full week's share 100 × 0.5/21.7 = 2.304…
    # own minimum 3 visits at full capacity: 3 × c/fte = 3 in full weeks, 1.2 in W19;
    # both exceed the share (W19: 100 × 0.2/21.7 = 0.92), so the weeks are 3 and 1.2: total 130.2.
    text = head() + PROSPECTS + """
[[people]]
id = "p"
name = "Part-timer"
team = "north"
fte = 0.5
start = "2027-03-01"
absences = [{ from = "2027-05-10", to = "2027-05-12", reason = "course" }]
portfolio = { pros = 50 }
minimums = { visit = 3 }
"""
    visits = weekly(text, "p", "visit")
    assert all(visits[k] == 0.0 for k in range(1, 9))
    assert visits[9] == pytest.approx(3.0)
    assert visits[19] == pytest.approx(1.2)
    assert sum(visits.values()) == pytest.approx(130.2)
    calls = weekly(text, "p", "call")  # no minimum for calls: exactly the share
    assert calls[9] == pytest.approx(100 * 0.5 / 21.7)
    assert calls[19] == pytest.approx(100 * 0.2 / 21.7)
    assert sum(calls.values()) == pytest.approx(100.0)
    row = annual_row(text, "p", "visit")
    assert row["annual"] == pytest.approx(100.0)
    assert row["required"] == pytest.approx(130.2)
    assert row["driver"] == "minimum"
    w = derive(plan_of(text)).weekly
    assert w[(w["person"] == "p") & (w["week"] == 19) & (w["activity"] == "visit")]["driver"].iloc[0] == "minimum"


def test_vacancy_is_coverage_only_on_company_days() -> None:
    # closed W52: 51 company weeks. Vacancy portfolio 5 key accounts × 2 contacts × 6/yr = 60 contacts,
    # all visits: 60/51 a week; no funnel (revenue), no norm floor (norm 8 would ask 408).
    text = head(basis="max", closed="[52]") + """
[norms]
appointments_per_week = 8

[funnel]
average_order_value = 1000
offers_per_order = 2
requests_per_offer = 1
visits_per_request = 3
calls_per_visit = 2

[[segments]]
id = "key"
name = "Key"
contacts_per_account = 2
contacts_per_year = 6
channels = { visit = 1.0 }

[[teams]]
id = "south"
name = "South"

[[vacancies]]
team = "north"
portfolio = { key = 5 }

[[vacancies]]
team = "south"
fte = 0.5
portfolio = { key = 1 }

[[vacancies]]
team = "north"
portfolio = { key = 1 }
"""
    plan = plan_of(text)
    assert vacancy_ids(plan) == ["vacancy-north-1", "vacancy-south-1", "vacancy-north-2"]
    visits = weekly(text, "vacancy-north-1", "visit")
    assert visits[52] == 0.0
    assert visits[10] == pytest.approx(60 / 51)
    assert sum(visits.values()) == pytest.approx(60.0)
    assert sum(weekly(text, "vacancy-north-1", "order").values()) == 0.0
    rows = derive(plan).rows
    assert rows.set_index("person").loc["vacancy-south-1", "name"] == "Vacancy"


def test_53_week_year() -> None:
    text = head(year=2026) + """
[[segments]]
id = "key"
name = "Key"
contacts_per_account = 1
contacts_per_year = 53
channels = { visit = 1.0 }

[[people]]
id = "a"
name = "A"
team = "north"
portfolio = { key = 1 }
"""
    visits = weekly(text, "a", "visit")
    assert sorted(visits) == list(range(1, 54))
    assert all(v == pytest.approx(1.0) for v in visits.values())


def test_four_day_week_and_holidays() -> None:
    # Working days Mon–Thu. Holiday Tue 27 Apr (W17) → 3/4 of that week; Fri 30 Apr is no working day.
    # Capacity 51 × 1 + 0.75 = 51.75; 100 visits: W17 100 × 0.75/51.75, others 100/51.75.
    text = head(dpw=4) + """
[calendar.seasonality]
jan = 1.0

[[segments]]
id = "key"
name = "Key"
contacts_per_account = 1
contacts_per_year = 100
channels = { visit = 1.0 }

[[people]]
id = "a"
name = "A"
team = "north"
portfolio = { key = 1 }
"""
    text = text.replace("closed_weeks = []", 'closed_weeks = []\nholidays = ["2027-04-27", "2027-04-30"]')
    visits = weekly(text, "a", "visit")
    assert visits[17] == pytest.approx(100 * 0.75 / 51.75)
    assert visits[18] == pytest.approx(100 / 51.75)
    assert sum(visits.values()) == pytest.approx(100.0)


def test_seasonality_and_an_event() -> None:
    # July weight 0.5: weeks whose Thursday is in July 2027 are W26 (1 Jul) … W30 (29 Jul).
    # Trade fair in W11 doubles it. Total weight 46 × 1 + 5 × 0.5 + 2 (W11) = 50.5.
    # 101 visits: 2 a normal week, 1 in July, 4 in W11.
    text = head() + """
[calendar.seasonality]
jul = 0.5

[[calendar.events]]
name = "Fair"
weeks = [11]
factor = 2.0

[[segments]]
id = "key"
name = "Key"
contacts_per_account = 1
contacts_per_year = 101
channels = { visit = 1.0 }

[[people]]
id = "a"
name = "A"
team = "north"
portfolio = { key = 1 }
"""
    visits = weekly(text, "a", "visit")
    assert visits[1] == pytest.approx(2.0)
    assert visits[25] == pytest.approx(2.0)
    assert [visits[k] for k in range(26, 31)] == pytest.approx([1.0] * 5)
    assert visits[31] == pytest.approx(2.0)
    assert visits[11] == pytest.approx(4.0)


BASIS_PLAN = """
[funnel]
average_order_value = 10000
offers_per_order = 2
requests_per_offer = 1
visits_per_request = 3
calls_per_visit = 2

[[segments]]
id = "key"
name = "Key"
contacts_per_account = 2
contacts_per_year = 6
offers_per_account = 1
channels = { visit = 0.75, call = 0.25 }

[[people]]
id = "a"
name = "A"
team = "north"
revenue_target = 100000
portfolio = { key = 10 }
"""
# coverage: 10 × 2 × 6 = 120 contacts → visit 90, call 30; offers 10 × 1 = 10.
# funnel: 100000/10000 = 10 orders → 20 offers → 20 requests → 60 visits → 120 calls.


@pytest.mark.parametrize(
    ("basis", "expected", "drivers"),
    [
        ("coverage", {"call": 30, "visit": 90, "video": 0, "offer": 10, "request": 20, "order": 10},
         {"call": "coverage", "visit": "coverage", "video": "none", "offer": "coverage", "request": "funnel", "order": "funnel"}),
        ("funnel", {"call": 120, "visit": 60, "video": 0, "offer": 20, "request": 20, "order": 10},
         {"call": "funnel", "visit": "funnel", "video": "none", "offer": "funnel", "request": "funnel", "order": "funnel"}),
        ("max", {"call": 120, "visit": 90, "video": 0, "offer": 20, "request": 20, "order": 10},
         {"call": "funnel", "visit": "coverage", "video": "none", "offer": "funnel", "request": "funnel", "order": "funnel"}),
    ],
)
def test_each_basis(basis: str, expected: dict[str, float], drivers: dict[str, str]) -> None:
    text = head(basis=basis) + BASIS_PLAN
    requirement = derive(plan_of(text))
    annual = requirement.annual.set_index("activity")
    for activity, value in expected.items():
        assert annual.loc[activity, "annual"] == pytest.approx(value), activity
        assert annual.loc[activity, "driver"] == drivers[activity], activity
        per_week = requirement.weekly[requirement.weekly["activity"] == activity]["required"]
        assert per_week.sum() == pytest.approx(value)
        assert per_week.iloc[0] == pytest.approx(value / 52)


def test_staffing_placements_are_the_funnel_orders() -> None:
    text = """
[plan]
name = "s"
year = 2027

[[activities]]
id = "visit"
label = "Visit"

[[activities]]
id = "placement"
label = "Placement"
funnel_stage = "order"

[funnel]
average_order_value = 5000
offers_per_order = 1
requests_per_offer = 2
visits_per_request = 1.5

[[teams]]
id = "t"
name = "T"

[[people]]
id = "a"
name = "A"
team = "t"
revenue_target = 260000
"""
    # 260000/5000 = 52 placements → 52 offers → 104 requests → 156 visits (3 a week).
    annual = derive(plan_of(text)).annual.set_index("activity")
    assert annual.loc["placement", "annual"] == pytest.approx(52)
    assert annual.loc["visit", "annual"] == pytest.approx(156)
