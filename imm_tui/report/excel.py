"""An Excel workbook for people who live in spreadsheets: one sheet per view, readable as it opens.

Frozen header rows, number formats, status fills, and per team a chart of weekly visits done against
the plan. Written with openpyxl; saved atomically like every file IMM writes.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from imm_tui.model.atomic import write_atomic
from imm_tui.report.anonymize import Pseudonyms
from imm_tui.report.review import Review

FILLS = {"on track": "C6EFCE", "behind": "FFEB9C", "at risk": "FFC7CE"}
FORMATS = {"attainment": "0%", "quality": "0%", "hunting_share_expected": "0%", "hunting_share_actual": "0%",
           "revenue_target": "#,##0", "forecast_revenue": "#,##0"}


def _sheet(book: Workbook, title: str, frame: pd.DataFrame) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(index)
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)]) + 2
        sheet.column_dimensions[letter].width = min(width, 60)
        number = FORMATS.get(str(column)) or ("0.0" if pd.api.types.is_float_dtype(frame[column]) else None)
        if number:
            for cell in sheet[letter][1:]:
                cell.number_format = number
        if column == "status":
            for cell in sheet[letter][1:]:
                if cell.value in FILLS:
                    cell.fill = PatternFill("solid", fgColor=FILLS[cell.value])
    return sheet


def _cell(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def review_workbook(review: Review, weekly: pd.DataFrame, pseudonyms: Pseudonyms | None = None) -> bytes:
    """The workbook as bytes: Summary, People, Weekly (the report rows), Signals, Checklist, Team figures, Teams, Year to date,
    Funnel (the last three with charts); with last year in the store Year on year; with a CRM export Products; with
    accounts.csv Accounts, Account segments and Reach; Time (customer and internal hours, when there is a store)."""
    hide = pseudonyms.text if pseudonyms else (lambda text: text)
    book = Workbook()
    book.remove(book.active)
    hands = review.insights.hands
    summary = pd.DataFrame({"figure": ["as of", *hands.keys(), *review.insights.organisation.keys()],
                            "value": [review.as_of.isoformat(), *hands.values(), *review.insights.organisation.values()]})
    _sheet(book, "Summary", summary)
    people = review.people()
    _sheet(book, "People", pseudonyms.frame(people) if pseudonyms else people)
    _sheet(book, "Weekly", pseudonyms.frame(weekly) if pseudonyms else weekly)
    signals = pd.DataFrame([(s.person, s.kind, s.reason) for s in review.insights.signals], columns=["person", "kind", "reason"])
    _sheet(book, "Signals", pseudonyms.frame(signals) if pseudonyms else signals)
    answers = pd.DataFrame([(a.number, a.question, a.mark, hide(a.detail)) for a in review.checklist],
                           columns=["number", "question", "answer", "detail"])
    _sheet(book, "Checklist", answers)
    _sheet(book, "Team figures", review.insights.units(review.plan))  # ratios, attainment, forecast, signals per unit
    teams = review.team_weeks()
    sheet = _sheet(book, "Teams", teams)
    _team_charts(sheet, teams)
    _year_and_funnel(book, review)
    products = review.products()
    if products is not None:  # revenue won per product against its target, from the CRM export
        _sheet(book, "Products", products)
    covered = review.accounts_covered()
    if covered is not None:  # accounts.csv: contacts per account and segment against the plan, quiet, reach
        accounts = covered.accounts.assign(last_contact=covered.accounts["last_contact"].map(lambda d: d.isoformat() if d else ""))
        _sheet(book, "Accounts", pseudonyms.frame(accounts, drop=()) if pseudonyms else accounts)
        _sheet(book, "Account segments", covered.segments)
        _sheet(book, "Reach", pseudonyms.frame(covered.reach) if pseudonyms else covered.reach)
    years = review.year_on_year()
    if years is not None:  # this year to date against last year to the same week
        _sheet(book, "Year on year", pseudonyms.frame(years) if pseudonyms else years)
    time = review.time_use()
    if time is not None:  # customer against internal hours per person, team and the organisation, to date
        _sheet(book, "Time", pseudonyms.frame(time) if pseudonyms else time)  # names dropped, ids replaced
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _team_charts(sheet: Worksheet, teams: pd.DataFrame) -> None:
    """One line chart per team: weekly visits required vs done (rows of the Teams sheet)."""
    anchor_row = 2
    start = 2
    for team, rows in teams.groupby("team", sort=False, observed=True):
        count = len(rows)
        chart = LineChart()
        chart.title = f"{team}: visits per week, done vs required"
        chart.y_axis.title = "visits"
        chart.x_axis.title = "ISO week"
        chart.height, chart.width = 7, 16
        data = Reference(sheet, min_col=3, max_col=4, min_row=start, max_row=start + count - 1)
        chart.add_data(data, titles_from_data=False)
        chart.set_categories(Reference(sheet, min_col=2, min_row=start, max_row=start + count - 1))
        chart.series[0].tx = SeriesLabel(v="required")
        chart.series[1].tx = SeriesLabel(v="done")
        sheet.add_chart(chart, f"G{anchor_row}")
        anchor_row += 16
        start += count


def _year_and_funnel(book: Workbook, review: Review) -> None:
    """The organisation's visits year to date against the plan (a line chart) and the funnel, required in
    the year vs done so far (a bar chart): the app's Chart screen, in the workbook."""
    people = {p.id for p in review.plan.people}
    weekly = review.comparison.weekly
    mine = weekly[weekly["person"].astype(str).isin(people)]
    visits = mine[mine["activity"] == "visit"].groupby("week", sort=True).agg(required=("required", "sum"),
                                                                               actual=("actual", "sum"))
    elapsed = set(int(w) for w in weekly.loc[weekly["elapsed"], "week"].unique())
    plan_cumulative = visits["required"].cumsum()
    done_cumulative = visits["actual"].cumsum()
    year = pd.DataFrame({"week": visits.index.astype(int), "plan (cumulative)": plan_cumulative.to_numpy(),
                         "done (cumulative)": [float(v) if int(w) in elapsed else None
                                               for w, v in zip(visits.index, done_cumulative.to_numpy(), strict=True)]})
    sheet = _sheet(book, "Year to date", year)
    chart = LineChart()
    chart.title = "Visits, year to date against the plan (organisation)"
    chart.y_axis.title, chart.x_axis.title = "visits", "ISO week"
    chart.height, chart.width = 9, 18
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=len(year) + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(year) + 1))
    sheet.add_chart(chart, "E2")
    stages = [a for a in ("call", "visit", "request", "offer", "order") if a in review.plan.activity_ids]
    funnel = pd.DataFrame([(a, float(mine.loc[mine["activity"] == a, "required"].sum()),
                            float(mine.loc[mine["activity"] == a, "actual"].sum(skipna=True))) for a in stages],
                          columns=["activity", "required in the year", "done so far"])
    sheet = _sheet(book, "Funnel", funnel)
    bars = BarChart()
    bars.type, bars.title = "bar", "Funnel: required in the year vs done so far (organisation)"
    bars.height, bars.width = 9, 18
    bars.add_data(Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=len(funnel) + 1), titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(funnel) + 1))
    sheet.add_chart(bars, "E2")


def save_workbook(data: bytes, path: Path) -> None:
    write_atomic(path, data, backup=False)
