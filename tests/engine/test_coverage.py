"""Judged only on what the calendars cover (issue 12, part 1), computed by hand.

One person, 10 visits a week in every week of 2027 (52 weeks, 520 a year). As of Wednesday 31 March
(week 13 has begun: weeks 1–13 happened).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from imm_tui.engine.compare import NOT_COVERED, compare, covered_weeks, report
from imm_tui.engine.requirement import derive
from imm_tui.ingest.store import merged
from tests.conftest import plan_of

PLAN = """
[plan]
name = "c"
year = 2027
basis = "coverage"

[[activities]]
id = "visit"
label = "Visit"

[[segments]]
id = "s"
name = "S"
contacts_per_year = 52
channels = { visit = 1.0 }

[[teams]]
id = "t"
name = "T"

[[people]]
id = "a"
name = "A"
team = "t"
portfolio = { s = 10 }

[[people]]
id = "b"
name = "B"
team = "t"
portfolio = { s = 10 }
"""
AS_OF = date(2027, 3, 31)


def visits(person: str, weeks: range, per_week: int) -> pd.DataFrame:
    days = [date.fromisocalendar(2027, w, 2) for w in weeks for _ in range(per_week)]
    return pd.DataFrame({"person": person, "week": [d.isocalendar().week for d in days], "day": pd.to_datetime(days),
                         "activity": "visit", "commitment": False, "account_status": None, "external": True})


def test_weeks_outside_the_coverage_are_not_judged() -> None:
    plan = plan_of(PLAN)
    requirement = derive(plan)
    activity = pd.concat([visits("a", range(9, 14), 8), visits("b", range(1, 5), 10)])
    # a: a March-only export (1–31 March: weeks 9–13, week 13 up to the as-of day); b: ends on Friday 29 January (weeks 1–4)
    coverage = {"a": [(date(2027, 3, 1), date(2027, 3, 31))], "b": [(date(2027, 1, 4), date(2027, 1, 29))]}
    comparison = compare(requirement, activity, AS_OF, coverage=coverage, days_per_week=5)
    ytd = comparison.ytd.set_index("person")
    # a: 5 covered weeks × 10 asked = 50, 40 done → 80 %; b: 4 × 10 = 40, 40 done → 100 %
    assert ytd.loc["a", "required_ytd"] == 50 and ytd.loc["a", "actual_ytd"] == 40 and ytd.loc["a", "attainment"] == 0.8
    assert ytd.loc["b", "required_ytd"] == 40 and ytd.loc["b", "actual_ytd"] == 40 and ytd.loc["b", "status"] == "on track"
    # catch-up: the uncovered weeks count as done as planned. a: 520 − 40 done − 80 uncovered = 400 over 39 weeks left
    assert ytd.loc["a", "uncovered_ytd"] == 80 and np.isclose(ytd.loc["a", "catch_up"], 400 / 39)
    assert np.isclose(ytd.loc["b", "catch_up"], (520 - 40 - 90) / 39)  # b: weeks 5–13 uncovered (9 × 10)
    weekly = comparison.weekly.set_index(["person", "week"])
    assert np.isnan(weekly.loc[("a", 8), "actual"]) and weekly.loc[("a", 8), "required_to_date"] == 0
    assert weekly.loc[("a", 9), "actual"] == 8 and np.isnan(weekly.loc[("b", 5), "actual"])


def test_a_week_at_the_edge_needs_its_working_days_covered() -> None:
    requirement = derive(plan_of(PLAN))
    # covering Monday 1 to Wednesday 3 March only: week 9 is not covered as of Friday, but is as of that Wednesday
    coverage = {"a": [(date(2027, 3, 1), date(2027, 3, 3))]}
    assert not covered_weeks(requirement, coverage, date(2027, 3, 5))[0][8]
    assert covered_weeks(requirement, coverage, date(2027, 3, 3))[0][8]
    assert not covered_weeks(requirement, coverage, date(2027, 3, 5))[1].any()  # b has no calendar: nothing covered


def test_reports_say_not_covered_and_teams_judge_covered_weeks_only() -> None:
    plan = plan_of(PLAN)
    requirement = derive(plan)
    activity = pd.concat([visits("a", range(9, 14), 8), visits("b", range(1, 5), 10)])
    coverage = {"a": [(date(2027, 3, 1), date(2027, 3, 31))], "b": [(date(2027, 1, 4), date(2027, 1, 29))]}
    comparison = compare(requirement, activity, AS_OF, coverage=coverage, days_per_week=5)
    months = report(comparison, requirement, plan, by="month").set_index(["person", "period"])
    assert months.loc[("a", "2027-01"), "status"] == NOT_COVERED and np.isnan(months.loc[("a", "2027-01"), "actual"])
    # a week belongs to its Thursday's month: March holds weeks 9–12 (32 of 40), week 13 (Thursday 1 April) is April's
    assert months.loc[("a", "2027-03"), "actual"] == 32 and months.loc[("a", "2027-03"), "required_to_date"] == 40
    assert months.loc[("a", "2027-04"), "actual"] == 8 and months.loc[("a", "2027-04"), "required_to_date"] == 10
    team = report(comparison, requirement, plan, by="year", level="team").set_index("group")
    # one definition: the team's attainment is its people's covered done over their covered asked: (40 + 40) / (50 + 40)
    assert team.loc["t", "actual"] == 80 and team.loc["t", "required_to_date"] == 90
    assert np.isclose(team.loc["t", "attainment"], 80 / 90)
    nobody = compare(requirement, activity, AS_OF, coverage={}, days_per_week=5).ytd.set_index("person")
    assert (nobody["status"] == NOT_COVERED).all() and (nobody["required_ytd"] == 0).all()


def test_periods_are_merged_where_they_touch() -> None:
    march, april = (date(2027, 3, 1), date(2027, 3, 31)), (date(2027, 4, 1), date(2027, 4, 30))
    assert merged([april, march]) == [(date(2027, 3, 1), date(2027, 4, 30))]
    assert merged([(date(2027, 1, 1), date(2027, 1, 10)), march]) == [(date(2027, 1, 1), date(2027, 1, 10)), march]


def test_the_run_rate_divides_by_the_share_of_the_years_weighted_work_that_has_passed() -> None:
    """README, Monitoring: run rate = orders so far ÷ the share of the year's work (capacity × seasonality
    weight) that has passed. January weighs 3, the other months 1: after January's 4 weeks 12 of 60 week-
    weights have passed (0.2), so 10 orders run at 50 a year, not at 10 ÷ 4/52 = 130."""
    from imm_tui.engine.insights import insights

    visit = '[[activities]]\nid = "visit"\nlabel = "Visit"'
    text = PLAN.replace('basis = "coverage"', 'basis = "coverage"\n\n[calendar.seasonality]\njan = 3.0').replace(
        visit, visit + '\n\n[[activities]]\nid = "order"\nlabel = "Order"')
    plan = plan_of(text)
    requirement = derive(plan)
    orders = visits("a", range(1, 3), 5).assign(activity="order")  # 10 orders in weeks 1–2
    as_of = date(2027, 1, 31)  # a Sunday: weeks 1–4 have happened
    comparison = compare(requirement, orders, as_of)
    people = insights(plan, requirement, comparison, orders).people.set_index("person")
    assert np.isclose(people.loc["a", "share_of_year_done"], 12 / 60)
    assert np.isclose(people.loc["a", "run_rate_orders"], 50.0)


def test_weeks_before_a_start_are_not_missing_from_a_calendar() -> None:
    from imm_tui.engine.calendars import CalendarFacts, calendar_states

    plan = plan_of(PLAN.replace('id = "b"\nname = "B"', 'id = "b"\nname = "B"\nstart = 2027-03-01'))
    requirement = derive(plan)
    facts = {p: CalendarFacts(files=1, items=10, unclassified=2, last_import=date(2027, 3, 31)) for p in ("a", "b")}
    coverage = {"a": [(date(2027, 3, 1), date(2027, 3, 31))], "b": [(date(2027, 3, 1), date(2027, 3, 31))]}
    states = calendar_states(plan, requirement, coverage, facts, AS_OF).set_index("person")
    # a was there from week 1: weeks 1–8 are missing; b started on 1 March (week 9): nothing is missing
    assert states.loc["a", "state"] == "partial" and (states.loc["a", "weeks_covered"], states.loc["a", "weeks_happened"]) == (5, 13)
    assert states.loc["b", "state"] == "ok" and (states.loc["b", "weeks_covered"], states.loc["b", "weeks_happened"]) == (5, 5)
    assert states.loc["b", "unclassified_share"] == 0.2
    stale = calendar_states(plan, requirement, coverage, facts, date(2027, 4, 30)).set_index("person")
    assert stale.loc["a", "state"] == "stale"  # newest covered day 31 March, more than 14 days before 30 April
