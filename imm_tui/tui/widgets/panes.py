"""The panes of the main screen: each shows one view of the session and refreshes on demand."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Markdown, Select

from imm_tui.engine.rollup import summarise
from imm_tui.report.formats import number
from imm_tui.tui.widgets.table import KeyedTable

if TYPE_CHECKING:
    from imm_tui.tui.session import Session

STATUS_STYLE = {"on track": "$success", "behind": "$warning", "at risk": "$error"}
STATUS_COLOURS = {"on track": "green", "behind": "yellow", "at risk": "red"}


def _session(widget: object) -> Session:
    return widget.app.session  # type: ignore[attr-defined, no-any-return]


class Pane(Vertical):
    """A view of the session. It is computed when its tab is shown, not before (see MainScreen)."""

    stale = True

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class ActivityPane(Pane):
    """A pane with an activity selector above a table."""

    def compose(self) -> ComposeResult:
        session = _session(self)
        options = [(a.label, a.id) for a in session.plan.activities]
        default = "visit" if "visit" in session.plan.activity_ids else options[0][1]
        with Horizontal(classes="toolbar"):
            yield Label("Activity ")
            yield Select(options, value=default, allow_blank=False, id="activity")
            yield Label("", id="caption")
        yield KeyedTable(id="table")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_view()

    @property
    def activity(self) -> str:
        return str(self.query_one("#activity", Select).value)


class RequirementPane(ActivityPane):
    """Required per person × week, with the driver, team and organisation roll-ups."""

    def refresh_view(self) -> None:
        session = _session(self)
        requirement, activity = session.requirement, self.activity
        weeks = [int(w) for w in requirement.weeks]
        weekly = requirement.weekly[requirement.weekly["activity"] == activity]
        grid = weekly.pivot_table(index="person", columns="week", values="required", aggfunc="sum", observed=True, sort=False)
        annual = requirement.annual[requirement.annual["activity"] == activity].set_index("person")
        columns = ["person", "team", "driver", "year", *(f"W{w:02d}" for w in weeks)]
        rows = []
        for person in requirement.rows["person"]:
            values = grid.loc[person]
            rows.append(
                (
                    str(person),
                    [
                        str(person),
                        str(annual.loc[person, "team"]),
                        str(annual.loc[person, "driver"]),
                        number(float(values.sum())),
                        *(number(float(values[w])) for w in weeks),
                    ],
                )
            )
        teams = summarise(weekly, requirement.rows, session.plan, by="week", level="team")
        org = summarise(weekly, requirement.rows, session.plan, by="week", level="org")
        for name, frame in [*teams.groupby("group", sort=False), ("organisation", org)]:
            values = frame.groupby("period", sort=False)["required"].sum().to_numpy()
            label = Text(f"Σ {name}", style="bold")
            rows.append((f"total:{name}", [label, "", "", number(float(values.sum())), *(number(float(v)) for v in values)]))
        self.query_one("#caption", Label).update(f"  required per week — {session.plan.plan.name}")
        self.query_one(KeyedTable).show(columns, rows)


class MonitorPane(ActivityPane):
    """Actual vs required per person × week, coloured by status, with YTD and catch-up."""

    def refresh_view(self) -> None:
        session = _session(self)
        comparison, activity = session.comparison, self.activity
        weekly = comparison.weekly[comparison.weekly["activity"] == activity]
        ytd = comparison.ytd[comparison.ytd["activity"] == activity].set_index("person")
        weeks = sorted(int(w) for w in weekly["week"].unique())
        columns = ["person", "team", "done", "asked", "attainment", "catch-up", *(f"W{w:02d}" for w in weeks)]
        rows = []
        for person, frame in weekly.groupby("person", sort=False, observed=True):
            row = ytd.loc[person]
            status = str(row["status"])
            attainment = Text(
                number(100 * float(row["attainment"]), 0) + (" %" if row["attainment"] == row["attainment"] else ""),
                style=STATUS_COLOURS.get(status, ""),
            )
            cells: list[str | Text] = [
                str(person),
                str(row["team"]),
                number(float(row["actual_ytd"]), 0),
                number(float(row["required_ytd"])),
                attainment,
                number(float(row["catch_up"])),
            ]
            for week in frame.itertuples(index=False):
                if not week.elapsed:
                    cells.append(Text(number(float(week.required)), style="dim"))
                    continue
                ratio = week.actual / week.required if week.required > 0 else math.nan
                colour = "" if math.isnan(ratio) else ("green" if ratio >= 1 else "yellow" if ratio >= 0.8 else "red")
                cells.append(Text(f"{week.actual:.0f}/{week.required:.1f}", style=colour))
            rows.append((str(person), cells))
        caption = f"  as of {comparison.as_of.isoformat()} (week {comparison.as_of_week}); done/asked per week; Enter opens a person"
        self.query_one("#caption", Label).update(caption)
        self.query_one(KeyedTable).show(columns, rows)

    def on_data_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        from imm_tui.tui.screens.person import PersonScreen

        person = str(event.cell_key.row_key.value)
        self.app.push_screen(PersonScreen(person, self.activity))


class InsightsPane(Pane):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(id="insights")

    def refresh_view(self) -> None:
        from imm_tui.report.markdown import review_markdown
        from imm_tui.tui.session import review_of

        self.query_one(Markdown).update(review_markdown(review_of(_session(self))))


class ChecklistPane(Pane):
    def compose(self) -> ComposeResult:
        yield KeyedTable(id="table")

    def refresh_view(self) -> None:
        from imm_tui.tui.session import review_of

        answers = review_of(_session(self)).checklist
        style = {"✓": "green", "✗": "red", "—": "dim"}
        rows = [(str(a.number), [str(a.number), Text(a.mark, style=style[a.mark]), a.question, a.detail]) for a in answers]
        self.query_one(KeyedTable).show(["#", "", "question", "what is missing"], rows)
