"""Ratios, attainment and signals per team, division and organisation (issue 12, part 5), by hand."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from imm_tui.engine.compare import compare
from imm_tui.engine.insights import insights
from imm_tui.engine.requirement import derive
from tests.conftest import plan_of

PLAN = """
[plan]
name = "u"
year = 2027
basis = "coverage"

[[activities]]
id = "visit"
label = "Visit"
[[activities]]
id = "request"
label = "Request"
[[activities]]
id = "offer"
label = "Offer"
[[activities]]
id = "order"
label = "Order"

[[segments]]
id = "s"
name = "S"
contacts_per_year = 52
channels = { visit = 1.0 }

[[teams]]
id = "d"
name = "Division"
[[teams]]
id = "t1"
name = "One"
parent = "d"
[[teams]]
id = "t2"
name = "Two"
parent = "d"

[[people]]
id = "a"
name = "A"
team = "t1"
portfolio = { s = 1 }
[[people]]
id = "b"
name = "B"
team = "t2"
portfolio = { s = 1 }
[[people]]
id = "c"
name = "C"
team = "t2"
portfolio = { s = 1 }
"""


def items(person: str, **per_activity: int) -> list[dict[str, object]]:
    return [{"person": person, "week": 2, "day": pd.Timestamp("2027-01-12"), "activity": activity, "commitment": False,
             "account_status": None, "external": True} for activity, n in per_activity.items() for _ in range(n)]


def test_pooled_ratios_and_indices_per_unit() -> None:
    plan = plan_of(PLAN)
    requirement = derive(plan)
    activity = pd.DataFrame(items("a", visit=10, request=5, offer=4, order=2) + items("b", visit=6, request=3, offer=1, order=1))
    as_of = date(2027, 1, 17)  # weeks 1 and 2 have happened: 1 visit a week asked of each
    coverage = {"a": [(date(2027, 1, 4), date(2027, 1, 17))], "b": [(date(2027, 1, 4), date(2027, 1, 17))]}  # c: no calendar
    comparison = compare(requirement, activity, as_of, coverage=coverage)
    found = insights(plan, requirement, comparison, activity, monitored={"a", "b"})
    units = found.units(plan).set_index("group")
    # organisation: 16 visits / 3 orders; t1 (a): 10 / 2 = 5 → index 100 × 5 / (16/3) = 93.75; t2 (b only: c has no calendar): 6 / 1
    assert np.isclose(units.loc["org", "visits_per_order"], 16 / 3)
    assert np.isclose(units.loc["t1", "visits_per_order_index"], 93.75)
    assert np.isclose(units.loc["t2", "visits_per_order"], 6.0) and np.isclose(units.loc["t2", "visits_per_order_index"], 112.5)
    assert np.isclose(units.loc["d", "visits_per_order"], 16 / 3) and units.loc["d", "level"] == "division"
    assert np.isclose(units.loc["t2", "requests_per_order"], 3.0) and np.isclose(units.loc["t1", "offers_per_order"], 2.0)
    assert np.isclose(units.loc["t1", "visits_per_request"], 2.0)
    assert units.loc["t2", "people"] == 1 and units.loc["org", "people"] == 2  # c has no calendar: not in the figures
    # attainment over covered weeks: each of a and b asked 2 visits (weeks 1–2) and made 10 and 6
    assert np.isclose(units.loc["org", "visit_attainment"], 16 / 4)
