"""This year against last year, hand-computed; and a workspace with two plan years (`--year`, the store keeping
the year before the plan year)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from imm_tui.cli import main
from imm_tui.engine.yoy import year_on_year
from imm_tui.ingest.activity import ACTIVITY_COLUMNS
from imm_tui.model.orders import ORDER_COLUMNS
from imm_tui.model.problems import InputError
from imm_tui.model.workspace import load_workspace, plan_years
from tests.conftest import DEMO, plan_of

PLAN = """
[plan]
name = "y"
year = 2027

[[activities]]
id = "visit"
label = "Visit"
funnel_stage = "visit"

[[activities]]
id = "call"
label = "Call"
funnel_stage = "call"

[[activities]]
id = "order"
label = "Order"
funnel_stage = "order"

[[teams]]
id = "north"
name = "North"

[[people]]
id = "ann"
name = "Ann"
team = "north"

[[people]]
id = "bob"
name = "Bob"
team = "north"
"""


def items(year: int, *rows: tuple[str, int, str, bool]) -> pd.DataFrame:
    frame = pd.DataFrame([(who, week, pd.Timestamp(date.fromisocalendar(year, week, 2)), activity, commitment, None, True)
                          for who, week, activity, commitment in rows], columns=ACTIVITY_COLUMNS)
    for column in ("person", "activity"):
        frame[column] = frame[column].astype("category")
    return frame


def test_the_same_weeks_of_both_years_by_hand() -> None:
    plan = plan_of(PLAN)
    now = items(2027, ("ann", 1, "visit", True), ("ann", 2, "visit", False), ("ann", 3, "visit", False), ("ann", 3, "order", False),
                ("bob", 2, "call", True), ("bob", 9, "visit", False))  # week 9 is after the as-of week
    before = items(2026, ("ann", 1, "visit", False), ("ann", 2, "visit", False), ("ann", 2, "order", False), ("ann", 2, "order", False),
                   ("bob", 3, "visit", True), ("bob", 3, "call", False), ("bob", 5, "visit", False))  # week 5: after week 4
    table = year_on_year(plan, now, before, 4, {"ann", "bob"})

    def figure(group: str, metric: str) -> tuple[float, float, float]:
        row = table[(table["group"] == group) & (table["metric"] == metric)].iloc[0]
        return float(row["this_year"]), float(row["last_year"]), float(row["change"])

    assert figure("ann", "visits") == (3.0, 2.0, 0.5)
    assert figure("ann", "orders")[:2] == (1.0, 2.0) and figure("ann", "orders")[2] == -0.5
    assert figure("ann", "visits_per_order")[:2] == (3.0, 1.0)
    assert figure("bob", "visits")[:2] == (0.0, 1.0) and figure("bob", "visits")[2] == -1.0
    # quality: commitments over contacts (visits and calls): ann 1 of 3 now, 0 of 2 then; bob 1 of 1 now, 1 of 2 then
    assert figure("ann", "quality")[:2] == pytest.approx((1 / 3, 0.0))
    assert figure("org", "visits")[:2] == (3.0, 3.0) and figure("org", "visits")[2] == 0.0
    assert figure("org", "quality")[:2] == pytest.approx((2 / 4, 1 / 4))
    assert figure("north", "contacts")[:2] == (4.0, 4.0)
    bob_orders = figure("bob", "orders")
    assert bob_orders[:2] == (0.0, 0.0) and bob_orders[2] != bob_orders[2]  # no orders last year: no change to say


def test_orders_and_revenue_from_a_crm_export_both_years() -> None:
    plan = plan_of(PLAN)
    now = pd.DataFrame([("ann", 2, pd.Timestamp(2027, 1, 12), 1000.0, "A", ""), ("ann", 3, pd.Timestamp(2027, 1, 19), -200.0, "A", ""),
                        ("bob", 6, pd.Timestamp(2027, 2, 9), 500.0, "B", "")], columns=ORDER_COLUMNS)
    before = pd.DataFrame([("ann", 1, pd.Timestamp(2026, 1, 6), 400.0, "A", "")], columns=ORDER_COLUMNS)
    table = year_on_year(plan, items(2027), items(2026), 4, {"ann", "bob"}, (now, before))
    org = table[table["group"] == "org"].set_index("metric")
    assert org.loc["orders", ["this_year", "last_year"]].tolist() == [1.0, 1.0]  # the credit note is no order; bob's is week 6
    assert org.loc["revenue", ["this_year", "last_year", "change"]].tolist() == [800.0, 400.0, 1.0]


@pytest.fixture
def two_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    folder = root / "imports" / "jdv"
    folder.mkdir(parents=True)
    starts = (("a", "20260113T090000Z"), ("b", "20260120T090000Z"), ("c", "20270112T090000Z"), ("d", "20250114T090000Z"))
    body = "".join(f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\nDURATION:PT1H\r\nSUMMARY:Bezoek\r\n"
                   "CATEGORIES:Klantbezoek\r\nEND:VEVENT\r\n" for uid, start in starts)
    (folder / "jdv.ics").write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n", encoding="utf-8")
    assert main(["import", "-w", str(root)]) == 0
    assert "skipped: outside the years kept 1" in capsys.readouterr().out  # 2025: before the year kept besides 2027
    return root


def test_the_store_keeps_last_year_and_report_switches_years(two_years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert plan_years(two_years) == [2027, 2026]
    assert main(["report", "-w", str(two_years), "--year", "2026", "--person", "jdv", "--activity", "visit", "--by", "year",
                 "--format", "csv"]) == 0
    report = capsys.readouterr().out
    assert "jdv,randstad,2026,visit," in report and ",2.000000," in report  # two visits in 2026, as of the last one (20 January)
    assert main(["insights", "-w", str(two_years), "--format", "json", "--as-of", "2027-01-31"]) == 0
    import json

    found = json.loads(capsys.readouterr().out)
    visits = next(r for r in found["year_on_year"] if r["group"] == "jdv" and r["metric"] == "visits")
    assert (visits["this_year"], visits["last_year"]) == (1.0, 2.0)  # weeks 1–4: 12 January 2027 against 13 and 20 January 2026
    assert main(["report", "-w", str(two_years), "--year", "2024"]) == 2
    assert "no plan for 2024" in capsys.readouterr().err


def test_a_plan_of_another_year_must_say_that_year(two_years: Path) -> None:
    (two_years / "plan-2025.toml").write_text((two_years / "plan-2026.toml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match="says 2026, but its name says 2025"):
        load_workspace(two_years, 2025)
    assert load_workspace(two_years, 2027).plan_document.path.name == "plan.toml"


def test_imm_check_checks_every_years_plan(two_years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-w", str(two_years)]) == 0
    out = capsys.readouterr().out
    assert "plan.toml: 'Verkoopplan 2027" in out and "plan-2026.toml: 'Verkoopplan 2026 — Van Leeuwen Techniek' (2026)" in out
    other = two_years / "plan-2026.toml"
    other.write_text(other.read_text(encoding="utf-8").replace("fte = 1.0", "fte = 7", 1), encoding="utf-8")
    assert main(["check", "-w", str(two_years)]) == 2
    assert "plan-2026.toml:" in capsys.readouterr().err
