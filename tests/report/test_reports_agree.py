"""The reports agree with each other (issue 12, part 4): one attainment for the organisation in `imm
report`, `imm insights` and the app; nobody without a calendar is projected; a filtered team report shows
no partial parent; the share of work without anybody is of the visits beside it; a leaver's catch-up says
"leaves on"; an undefined ratio is said in words."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from imm_tui.cli import main
from imm_tui.engine.requirement import derive
from imm_tui.model.plan_file import load_plan
from imm_tui.report.markdown import review_markdown
from imm_tui.report.review import build_review
from tests.conftest import DEMO, coverage_workspace

DATA = Path(__file__).resolve().parent.parent / "data"
AS_OF = "2027-03-31"


@pytest.fixture
def covered(tmp_path: Path) -> Path:
    root = coverage_workspace(tmp_path / "ws")
    assert main(["import", "-w", str(root)]) == 0
    return root


def out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_one_organisation_attainment_in_report_insights_and_the_app(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(out(capsys, "report", "-w", str(covered), "--level", "org", "--by", "year",
                                               "--activity", "visit", "--as-of", AS_OF, "--format", "csv"))))
    report = float(rows[0]["actual"]) / float(rows[0]["required_to_date"])
    insights = json.loads(out(capsys, "insights", "-w", str(covered), "--as-of", AS_OF, "--format", "json"))
    assert np.isclose(insights["organisation"]["visit_attainment"], report)
    from imm_tui.tui.session import Session

    session = Session(covered)
    session.set_as_of(AS_OF)
    assert np.isclose(session.insights.organisation["visit_attainment"], report)  # the app's figure
    ytd = session.comparison.ytd
    visits = ytd[ytd["activity"] == "visit"]
    assert np.isclose(visits["actual_ytd"].sum() / visits["required_ytd"].sum(), report)
    # by hand: jdv's March weeks 9–13 and sbakker's weeks 1–4 are all that is judged
    judged = session.comparison.weekly.query("activity == 'visit' and actual == actual")
    assert set(judged["person"].astype(str)) == {"jdv", "sbakker"}
    assert sorted(judged.loc[judged["person"] == "jdv", "week"]) == [9, 10, 11, 12, 13]


def test_nobody_without_a_calendar_is_projected(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["person"]: r for r in csv.DictReader(io.StringIO(out(capsys, "insights", "-w", str(covered), "--as-of", AS_OF,
                                                                   "--format", "csv")))}
    for column in ("attainment", "catch_up_per_week", "forecast_orders", "run_rate_orders", "forecast_revenue"):
        assert rows["mjanssen"][column] == "", column  # no calendar: nothing to project
    report = list(csv.DictReader(io.StringIO(out(capsys, "report", "-w", str(covered), "--person", "mjanssen", "--by", "year",
                                                 "--activity", "visit", "--as-of", AS_OF, "--format", "csv"))))
    assert report[0]["status"] == "not covered" and report[0]["actual"] == ""  # never "at risk"


def test_a_filtered_team_report_shows_no_partial_parent(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = out(capsys, "report", "-w", str(covered), "--level", "team", "--team", "zuid", "--by", "year", "--as-of", AS_OF,
               "--format", "csv")
    assert {r["group"] for r in csv.DictReader(io.StringIO(text))} == {"zuid"}
    text = out(capsys, "report", "-w", str(covered), "--level", "team", "--team", "corporate", "--by", "year", "--as-of", AS_OF,
               "--format", "csv")
    assert {r["group"] for r in csv.DictReader(io.StringIO(text))} == {"corporate", "randstad", "zuid"}


def test_the_share_of_work_without_anybody_is_of_visits() -> None:
    plan = load_plan(DEMO / "plan.toml").plan
    review = build_review(plan, pd.DataFrame(columns=["person", "week", "day", "activity", "commitment", "account_status",
                                                      "external"]), date(2027, 3, 31), monitored=set(), reviews_exported=False)
    weekly = derive(plan).weekly
    visits = weekly[weekly["activity"] == "visit"]
    vacancy = visits["person"].astype(str).str.startswith("vacancy-")
    hands = review.insights.hands
    assert hands["uncovered_visits_year"] == pytest.approx(visits.loc[vacancy, "required"].sum())
    assert hands["uncovered_share"] == pytest.approx(visits.loc[vacancy, "required"].sum() / visits["required"].sum())


def test_a_leavers_catch_up_says_leaves_on_and_an_undefined_ratio_is_said_in_words() -> None:
    plan = load_plan(DEMO / "plan.toml").plan
    day = pd.Timestamp("2027-03-10")
    activity = pd.DataFrame([
        {"person": "jdv", "week": 10, "day": day, "activity": activity, "commitment": False, "account_status": None, "external": True}
        for activity in ["visit"] * 8 + ["order"]
    ])
    review = build_review(plan, activity, date(2027, 6, 25), monitored={"jdv", "tsmit"}, reviews_exported=False,
                          coverage={"jdv": [(date(2027, 1, 4), date(2027, 6, 25))], "tsmit": [(date(2027, 1, 4), date(2027, 6, 25))]})
    people = review.people().set_index("person")
    assert people.loc["tsmit", "leaves_on"] == date(2027, 6, 30) and people.loc["jdv", "leaves_on"] is None
    text = review_markdown(review)
    assert "leaves on 2027-06-30" in text
    assert "8.0 visits per order, no requests yet, 0.0 offers per order." in text and " per request" not in text.split("## Signals")[0]


async def test_every_person_team_and_the_organisation_agree_everywhere(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Done-when of issue 12: the same attainment (as shown, whole percent) for every person, team and the
    organisation in imm report, imm insights, the Excel export and the app's Monitor."""
    from openpyxl import load_workbook

    from imm_tui.report.formats import percent
    from imm_tui.tui.app import ImmApp
    from imm_tui.tui.widgets.table import KeyedTable

    def shown(done: float, asked: float) -> str:
        return percent(done / asked) if asked > 0 else ""

    common = ["-w", str(covered), "--activity", "visit", "--by", "year", "--as-of", AS_OF, "--format", "csv"]
    people = {r["person"]: shown(float(r["actual"] or 0), float(r["required_to_date"]))
              for r in csv.DictReader(io.StringIO(out(capsys, "report", *common)))}
    teams = {r["group"]: shown(float(r["actual"] or 0), float(r["required_to_date"]))
             for r in csv.DictReader(io.StringIO(out(capsys, "report", *common[:-2], "--level", "team", "--format", "csv")))}
    org = next(shown(float(r["actual"] or 0), float(r["required_to_date"]))
               for r in csv.DictReader(io.StringIO(out(capsys, "report", *common[:-2], "--level", "org", "--format", "csv"))))
    judged = {p for p, value in people.items() if value}
    assert judged == {"jdv", "sbakker"}

    rows = csv.DictReader(io.StringIO(out(capsys, "insights", "-w", str(covered), "--as-of", AS_OF, "--format", "csv")))
    insight_people = {r["person"]: percent(float(r["attainment"])) if r["attainment"] else "" for r in rows}
    units = {r["group"]: percent(float(r["visit_attainment"])) if r["visit_attainment"] else ""
             for r in csv.DictReader(io.StringIO(out(capsys, "insights", "-w", str(covered), "--as-of", AS_OF, "--format", "csv",
                                                     "--level", "team")))}
    assert {p: insight_people[p] for p in judged} == {p: people[p] for p in judged}
    assert {t: units[t] for t in teams} == teams and units["org"] == org

    workbook = covered / "exports" / "review.xlsx"
    assert main(["report", "-w", str(covered), "--as-of", AS_OF, "--format", "xlsx", "-o", str(workbook)]) == 0
    book = load_workbook(workbook)
    sheet = book["People"]
    header = [c.value for c in sheet[1]]
    excel_people = {row[header.index("person")]: percent(row[header.index("attainment")]) if row[header.index("attainment")] is not None
                    else "" for row in sheet.iter_rows(min_row=2, values_only=True)}
    sheet = book["Team figures"]
    header = [c.value for c in sheet[1]]
    excel_units = {row[header.index("group")]: percent(row[header.index("visit_attainment")])
                   if row[header.index("visit_attainment")] is not None else "" for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {p: excel_people[p] for p in judged} == {p: people[p] for p in judged}
    assert {t: excel_units[t] for t in teams} == teams and excel_units["org"] == org

    app = ImmApp(covered)
    async with app.run_test(size=(160, 50)) as pilot:
        app.session.set_as_of(AS_OF)
        app.refresh_views()
        await pilot.pause()
        table = app.screen.query_one("#monitor-pane #table", KeyedTable)
        cells = {key: str(table.get_cell(key, "attainment")) for key in table.row_keys}
    assert {p: cells[p] for p in judged} == {p: people[p] for p in judged}
    assert cells["org"] == org
    team_cells = {key.split(":", 1)[1]: value for key, value in cells.items() if ":" in key}
    assert {"randstad", "corporate"} <= set(team_cells)  # the units with a calendar in them have a row
    assert {t: team_cells[t] for t in team_cells} == {t: teams[t] for t in team_cells}


def test_signals_of_a_partial_and_a_stale_export_speak_of_their_covered_weeks(covered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(out(capsys, "insights", "-w", str(covered), "--as-of", AS_OF, "--format", "json"))
    said = {s["person"]: s["reason"] for s in found["signals"] if s["kind"] == "needs help"}
    # sbakker: January's four weeks only (5.7 visits a week asked); jdv: March's five weeks; nothing after their data ends
    assert said["sbakker"] == "Sanne Bakker made 14 of the 22.9 visits the plan asks to date (61 %, below 80 %)."
    assert said["jdv"] == "Jan de Vries made 17 of the 40.5 visits the plan asks to date (42 %, below 80 %)."
    assert set(said) == {"jdv", "sbakker"}  # nobody without a calendar is said to need help
