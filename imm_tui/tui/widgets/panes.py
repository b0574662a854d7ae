"""The panes of the main screen: each shows one view of the session and refreshes on demand."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Markdown, Select

from imm_tui.engine.calendars import is_stale
from imm_tui.engine.compare import status_of
from imm_tui.engine.rollup import ORGANISATION, period_labels, summarise, team_descendants
from imm_tui.i18n import N_
from imm_tui.report.formats import number
from imm_tui.tui.text import Translated, labels, t
from imm_tui.tui.widgets.plain import Label, option
from imm_tui.tui.widgets.table import Cell, KeyedTable

if TYPE_CHECKING:
    from imm_tui.tui.session import Session

STATUS_STYLE = {"on track": "$success", "behind": "$warning", "at risk": "$error"}
STATUS_COLOURS = {"on track": "green", "behind": "yellow", "at risk": "red"}
TEAM_KEY = "team:"
DRIVER_LABELS = (N_("none"), N_("coverage"), N_("funnel"), N_("norm"), N_("minimum"))  # engine.requirement.DRIVERS, for the catalogue


def _session(widget: object) -> Session:
    return widget.app.session  # type: ignore[attr-defined, no-any-return]


class Pane(Vertical, Translated):
    """A view of the session. It is computed when its tab is shown, not before (see MainScreen)."""

    BINDINGS = [Binding("escape", "leave_input", "Leave field", show=False, id="pane.leave")]
    stale = True

    def action_leave_input(self) -> None:
        """Escape in a field gives the keys back to the pane's table (or whatever comes first)."""
        if isinstance(self.screen.focused, Input):
            target = next(iter(self.query(KeyedTable)), None)
            if target is not None:
                target.focus()
            else:
                self.screen.set_focus(None)

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class ActivityPane(Pane):
    """A pane with an activity selector above a table of people grouped under their teams.

    Enter on a team's Σ row folds it (its people and sub-teams hide) or opens it again; `f` folds or
    opens every team at once.
    """

    BINDINGS = [Binding("f", "fold_all", "Fold teams", id="pane.fold"), Binding("e", "why", "Why this number", id="pane.why"),
                Binding("slash", "filter", "Filter", id="pane.filter"), Binding("g", "go_to_week", "As-of week", id="pane.week"),
                Binding("p", "chart", "Chart", id="pane.chart")]
    FIXED = 1  # columns that stay put while the weeks scroll: the person and their totals

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's parameter name
        super().__init__(id=id)
        self.folded: set[str] = set()

    def compose(self) -> ComposeResult:
        session = _session(self)
        options = [(option(a.label), a.id) for a in session.plan.activities]
        default = "visit" if "visit" in session.plan.activity_ids else options[0][1]
        with Horizontal(classes="toolbar"):
            yield Label(t(self, "Activity") + " ")
            yield Select(options, value=default, allow_blank=False, id="activity")
            yield from self.tools()
            yield Label("  " + t(self, "filter") + " ")
            yield Input(placeholder=t(self, "person, team (/)"), id="filter", classes="filter")
            yield Label("", id="caption")
        table = KeyedTable(id="table", fixed=self.FIXED)
        table.pinned, table.group_prefix = {ORGANISATION}, TEAM_KEY
        yield table

    def tools(self) -> ComposeResult:
        yield from ()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_view()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.query_one(KeyedTable).set_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(KeyedTable).focus()

    def action_go_to_week(self) -> None:
        """The cursor to the as-of week's column (the week now, or the day chosen with `a`)."""
        table = self.query_one(KeyedTable)
        session = _session(self)
        week = max(1, session.comparison.as_of_week)  # before the plan year: its first week
        by = self.period
        label = period_labels(session.plan.plan.year, [week], by)[0]  # type: ignore[arg-type]
        name = f"W{week:02d}" if by == "week" else label.split("-", 1)[1]
        if not table.go_to_column(name):
            self.notify(t(self, "No column for week {week} here", week=week), severity="warning")
            return
        table.focus()

    @property
    def period(self) -> str:
        return "week"

    @property
    def activity(self) -> str:
        return str(self.query_one("#activity", Select).value)

    def action_fold_all(self) -> None:
        teams = {t.id for t in _session(self).plan.teams}
        self.folded = set() if self.folded >= teams else teams
        self.refresh_view()

    def on_keyed_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        key = event.key
        if key.startswith(TEAM_KEY):
            self.folded ^= {key.removeprefix(TEAM_KEY)}
            self.refresh_view()
        elif key != ORGANISATION:
            self.open_person(key)

    def open_person(self, person: str) -> None:
        """Enter on a person's row: why their numbers are what they are (the Monitor opens their year instead)."""
        self.explain(person)

    def action_why(self) -> None:
        table = self.query_one(KeyedTable)
        key = table.row_keys[table.cursor_row] if table.row_count else ""
        if not key or key.startswith(TEAM_KEY) or key == ORGANISATION:
            self.notify(t(self, "Why this number: put the cursor on a person's row"), severity="warning")
            return
        self.explain(key)

    def action_chart(self) -> None:
        """The cursor row's year as charts: a person, a team or division (Σ row) or the organisation."""
        from imm_tui.tui.screens.chart import ChartScreen

        table = self.query_one(KeyedTable)
        key = table.row_keys[table.cursor_row] if table.row_count else ORGANISATION
        self.app.push_screen(ChartScreen(key, self.activity))

    def explain(self, person: str) -> None:
        from imm_tui.tui.screens.why import WhyScreen

        self.app.push_screen(WhyScreen(person, self.activity))

    def grouped(
        self, person_cells: dict[str, list[Cell]], team_cells: dict[str, list[Cell]], org: list[Cell]
    ) -> list[tuple[str, list[Cell]]]:
        """Rows in team order: each team's Σ row, then (unless folded) its sub-teams and its people; the
        organisation last. The first cell of a Σ row is replaced by the team's name, indented by depth."""
        plan = _session(self).plan
        members: dict[str, list[str]] = {}
        for person, team in zip(_session(self).requirement.rows["person"], _session(self).requirement.rows["team"], strict=True):
            members.setdefault(str(team), []).append(str(person))
        children: dict[str | None, list[str]] = {}
        for team in plan.teams:
            children.setdefault(team.parent if team.parent in {t.id for t in plan.teams} else None, []).append(team.id)
        names = {t.id: t.name for t in plan.teams}
        rows: list[tuple[str, list[Cell]]] = []

        def walk(team: str, depth: int) -> None:
            folded = team in self.folded
            label = Text(f"{'  ' * depth}{'▸' if folded else '▾'} Σ {names[team]}", style="bold")
            rows.append((TEAM_KEY + team, [label, *team_cells.get(team, [""] * len(org))[1:]]))
            if folded:
                return
            for child in children.get(team, []):
                walk(child, depth + 1)
            rows.extend((person, person_cells[person]) for person in members.get(team, []) if person in person_cells)

        for root in children.get(None, []):
            walk(root, 0)
        rows.append((ORGANISATION, [Text(t(self, "Σ organisation"), style="bold"), *org[1:]]))
        return rows


class RequirementPane(ActivityPane):
    """Required per person × week, month or quarter, with the driver, folding team and organisation roll-ups."""

    FIXED = 4  # person, team, driver, year

    @property
    def period(self) -> str:
        return str(self.query_one("#period", Select).value)

    def tools(self) -> ComposeResult:
        yield Label("  " + t(self, "per") + " ")
        periods = [(t(self, N_("week")), "week"), (t(self, N_("month")), "month"), (t(self, N_("quarter")), "quarter")]
        yield Select(periods, value="week", allow_blank=False, id="period")

    def refresh_view(self) -> None:
        session = _session(self)
        requirement, activity, plan = session.requirement, self.activity, session.plan
        by = str(self.query_one("#period", Select).value)
        weekly = requirement.weekly[requirement.weekly["activity"] == activity]
        labels = list(dict.fromkeys(period_labels(plan.plan.year, [int(w) for w in requirement.weeks], by)))  # type: ignore[arg-type]
        short = {label: label.split("-", 1)[1] for label in labels}
        people = summarise(weekly, requirement.rows, plan, by=by, level="person")  # type: ignore[arg-type]
        grid = people.pivot_table(index="person", columns="period", values="required", aggfunc="sum", observed=True, sort=False)
        annual = requirement.annual[requirement.annual["activity"] == activity].set_index("person")
        columns = ["person", "team", "driver", "year", *(short[label] for label in labels)]
        headers = [t(self, "person"), t(self, "team"), t(self, "driver"), t(self, "year"), *columns[4:]]

        def cells(values: pd.Series, *first: Cell) -> list[Cell]:
            shown = values.reindex(labels, fill_value=0.0).tolist()  # plain floats: a lookup per cell cost 60 ms at 160 people
            return [*first, number(sum(shown)), *(number(value) for value in shown)]

        grid = grid.reindex(columns=labels, fill_value=0.0)
        teams_of = annual["team"].astype(str).to_dict()
        drivers = {person: t(self, driver) for person, driver in annual["driver"].astype(str).items()}  # DRIVERS, in the app's language
        person_cells = {
            str(person): [str(person), teams_of[person], drivers[person], number(sum(values)), *(number(v) for v in values)]
            for person, values in zip(grid.index, grid.to_numpy().tolist(), strict=True)
        }
        teams = summarise(weekly, requirement.rows, plan, by=by, level="team")  # type: ignore[arg-type]
        team_cells = {
            str(team): cells(frame.groupby("period", sort=False)["required"].sum(), "", "", "")
            for team, frame in teams.groupby("group", sort=False)
        }
        org = summarise(weekly, requirement.rows, plan, by=by, level="org")  # type: ignore[arg-type]
        org_cells = cells(org.groupby("period", sort=False)["required"].sum(), "", "", "")
        caption = t(self, "required per {period}; Enter on a person: why; on a Σ row folds it, f folds all", period=t(self, by))
        self.query_one("#caption", Label).update("  " + caption)
        self.query_one(KeyedTable).show(columns, self.grouped(person_cells, team_cells, org_cells), headers)


class MonitorPane(ActivityPane):
    """Actual vs required per person × week, coloured by status, with YTD, catch-up and team roll-ups; the
    as-of day can be changed."""

    BINDINGS = [Binding("a", "as_of", "As of", id="monitor.as_of")]
    FIXED = 5  # person, team, done, asked, attainment

    def tools(self) -> ComposeResult:
        yield Label("  " + t(self, "as of") + " ")
        yield Input(id="as-of", classes="date")

    def action_as_of(self) -> None:
        """Type another day (Enter takes it, the table gets the keys back)."""
        field = self.query_one("#as-of", Input)
        field.focus()
        field.action_select_all()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from imm_tui.tui.session import EditRefused

        if event.input.id != "as-of":
            super().on_input_submitted(event)
            return
        try:
            _session(self).set_as_of(event.value)
        except EditRefused as error:
            self.notify(str(error), severity="error")
            return
        self.app.refresh_views()  # type: ignore[attr-defined]
        self.query_one(KeyedTable).focus()

    def open_person(self, person: str) -> None:
        from imm_tui.tui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(person, self.activity))

    def refresh_view(self) -> None:
        session = _session(self)
        comparison, activity, settings = session.comparison, self.activity, session.plan.monitor
        rows, monitored = session.requirement.rows, session.monitoring.monitored
        weekly = comparison.weekly[comparison.weekly["activity"] == activity]
        ytd = comparison.ytd[comparison.ytd["activity"] == activity].set_index("person")
        ytd.index = ytd.index.astype(str)
        weeks = sorted(int(w) for w in weekly["week"].unique())
        elapsed = weekly.drop_duplicates("week").set_index("week")["elapsed"].reindex(weeks).fillna(False).tolist()
        # (rows × weeks) arrays: one reshape instead of a lookup per cell (one activity: one row per person and week)
        people = [str(p) for p, kind in zip(rows["person"], rows["kind"], strict=True) if kind == "person"]  # vacancies: no calendar
        frame = weekly.assign(person=weekly["person"].astype(str), judged=weekly["actual"].notna())
        wide = frame.set_index(["person", "week"])[["required", "actual", "required_to_date", "judged"]].unstack("week")
        required, actual = wide["required"].reindex(index=people, columns=weeks), wide["actual"].reindex(index=people, columns=weeks)
        judged_week = wide["judged"].reindex(index=people, columns=weeks).fillna(False).to_numpy(dtype=bool)
        # a week that happened asks only what a covered week asks (an uncovered week is not judged)
        to_date = wide["required_to_date"].reindex(index=people, columns=weeks).fillna(0.0).to_numpy()
        asked_week = np.where(np.asarray(elapsed, dtype=bool)[None, :], to_date, required.fillna(0.0).to_numpy())
        done_week = actual.fillna(0.0).to_numpy()
        position = {person: index for index, person in enumerate(people)}
        columns = ["person", "team", "done", "asked", "attainment", "catch-up", *(f"W{w:02d}" for w in weeks)]
        headers = [t(self, "person"), t(self, "team"), t(self, "done"), t(self, "asked"), t(self, "attainment"), t(self, "catch-up"),
                   *(t(self, "W{week:02d}", week=w) for w in weeks)]

        done_ytd = ytd["actual_ytd"].reindex(people).fillna(0.0).to_numpy()
        asked_ytd = ytd["required_ytd"].reindex(people).fillna(0.0).to_numpy()
        catch_up = ytd["catch_up"].reindex(people).fillna(0.0).to_numpy()
        # a leaver's catch-up is their own remaining work over their last weeks: said as "leaves on …", and kept
        # out of the team's catch-up, where it would stand out as an outlier
        ends = {p.id: p.end for p in session.plan.people}
        leaving = {person: ends[person] for person in people if ends.get(person) and ends[person] >= comparison.as_of}
        team_catch_up = np.where([person in leaving for person in people], 0.0, catch_up)
        team_of = ytd["team"].astype(str).reindex(people).tolist()
        counted = [p for p in people if p in monitored]
        groups: dict[str, list[int]] = {person: [position[person]] for person in counted}  # people, teams, organisation
        for team, members in team_descendants(session.plan).items():
            below = set(members)
            mine = [position[p] for p in counted if team_of[position[p]] in below]
            if mine:
                groups[TEAM_KEY + team] = mine
        groups[ORGANISATION] = [position[p] for p in counted]
        done = {key: float(done_ytd[index].sum()) for key, index in groups.items()}
        asked = {key: float(asked_ytd[index].sum()) for key, index in groups.items()}
        attainment = pd.Series({key: done[key] / asked[key] if asked[key] > 0 else 0.0 for key in groups}, dtype=float)
        statuses = status_of(attainment, pd.Series(asked, dtype=float), settings).to_dict()

        def cells(key: str, first: list[Cell]) -> list[Cell]:
            index = groups[key]
            ratio = done[key] / asked[key] if asked[key] > 0 else math.nan
            shown = Text(number(100 * ratio, 0) + (" %" if ratio == ratio else ""), style=STATUS_COLOURS.get(str(statuses[key]), ""))
            leaves = leaving.get(key)
            catching = Text(t(self, "leaves on {day}", day=leaves.isoformat()), style="dim") if leaves else \
                number(float((catch_up if key in position else team_catch_up)[index].sum()))
            row: list[Cell] = [*first, number(done[key], 0), number(asked[key]), shown, catching]
            week_asked, week_done = asked_week[index].sum(axis=0).tolist(), done_week[index].sum(axis=0).tolist()
            week_judged = judged_week[index].any(axis=0).tolist()
            for was, judged, need, got in zip(elapsed, week_judged, week_asked, week_done, strict=True):
                if not was:
                    row.append(Text(number(need), style="dim"))
                    continue
                if not judged:  # happened, but no calendar covers it: not 0, not red
                    row.append(Text("·", style="dim"))
                    continue
                shown_got, shown_need = round(got), round(need, 1)  # coloured on the figures shown: 7/7.0 is on track
                colour = "" if shown_need <= 0 else ("green" if shown_got >= shown_need else
                                                     "yellow" if shown_got >= settings.behind * shown_need else "red")
                row.append(Text(f"{number(got, 0)}/{number(need)}", style=colour))
            return row

        coverage, stale_after = session.monitoring.coverage, session.plan.monitor.stale_after_days
        person_cells: dict[str, list[Cell]] = {}
        for person in people:
            team = team_of[position[person]]
            if person in monitored and is_stale(coverage.get(person, ()), comparison.as_of, stale_after):  # ask for a new export
                team = Text(f"{team} · {t(self, 'stale')}", style="yellow")
            if person in monitored and any(elapsed) and not judged_week[position[person]].any():
                row = cells(person, [person, team])  # a calendar, but it covers none of the weeks so far
                row[4] = Text(t(self, "not covered"), style="dim")
                person_cells[person] = row
            elif person in monitored:
                person_cells[person] = cells(person, [person, team])
            else:  # never imported: not judged
                never = Text(t(self, "no calendar"), style="dim")
                person_cells[person] = [person, team, "", "", never, "", *("" for _ in weeks)]
        team_cells = {key.removeprefix(TEAM_KEY): cells(key, ["", ""]) for key in groups if key.startswith(TEAM_KEY)}
        org_cells = cells(ORGANISATION, ["", ""])
        as_of = self.query_one("#as-of", Input)
        if not as_of.has_focus:
            as_of.value = comparison.as_of.isoformat()
        when = (t(self, "week {week}", week=comparison.as_of_week) if comparison.as_of_week else
                t(self, "before week 1: no week has happened yet"))
        caption = t(self, "{when}; done/asked per week; Σ: imported calendars only; Enter opens a person or folds a team", when=when)
        self.query_one("#caption", Label).update("  " + caption)
        self.query_one(KeyedTable).show(columns, self.grouped(person_cells, team_cells, org_cells), headers)


class InsightsPane(Pane):
    """The review: the hands, signals, teams and checklist as a document above, the people as a table below
    (one line per person; s sorts, / filters, Enter opens their year)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insights-scroll"):
            yield Markdown(id="insights")
        yield Label(t(self, "People (Enter opens a person's year; s sorts, / filters)"), classes="section")
        yield KeyedTable(id="people-table")

    def refresh_view(self) -> None:
        from imm_tui.report.markdown import people_rows, review_markdown
        from imm_tui.tui.session import review_of

        review = review_of(_session(self))
        self.query_one(Markdown).update(review_markdown(review, labels=labels(self), people_table=False))
        headers, rows = people_rows(review, labels(self))
        columns = ["person", "team", "visits", "asked", "attainment", "status", "catch-up", "forecast", "quality", "prospects"]
        self.query_one("#people-table", KeyedTable).show(columns, rows, headers)

    def on_keyed_table_cell_selected(self, event: KeyedTable.CellSelected) -> None:
        from imm_tui.tui.screens.person import PersonScreen

        if event.key in {p.id for p in _session(self).plan.people}:
            self.app.push_screen(PersonScreen(event.key, "visit" if "visit" in _session(self).plan.activity_ids else
                                              _session(self).plan.activity_ids[0]))


class ChecklistPane(Pane):
    def compose(self) -> ComposeResult:
        yield KeyedTable(id="table")

    def refresh_view(self) -> None:
        from imm_tui.tui.session import review_of

        answers = review_of(_session(self)).checklist
        style = {"✓": "green", "✗": "red", "—": "dim"}
        said = labels(self)
        rows = [(str(a.number), [str(a.number), Text(a.mark, style=style[a.mark]), said(a.question), a.said(said)]) for a in answers]
        headers = ["#", "", t(self, "question"), t(self, "what is missing")]
        self.query_one(KeyedTable).show(["#", "", "question", "what is missing"], rows, headers)
