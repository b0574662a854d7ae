"""One person's year: weekly done vs asked, their figures and signals, and the items behind them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual_plotext import PlotextPlot

from imm_tui.i18n import N_
from imm_tui.model.classify import Rule
from imm_tui.report.formats import number, percent
from imm_tui.tui.screens.rule import NewRule
from imm_tui.tui.text import Translated, labels, t
from imm_tui.tui.widgets.plain import Label, Static, option
from imm_tui.tui.widgets.table import KeyedTable

ITEM_STATES = (N_("counted"), N_("unclassified"), N_("skipped"))  # ingest.events states, for the catalogue
FORECAST_BASES = (N_("own"), N_("organisation"))


class PersonScreen(Screen[None], Translated):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="person.back"),
        Binding("n", "new_rule", "Rule from item", id="person.rule"),
        Binding("p", "chart", "Charts", id="person.chart"),
        Binding("e", "why", "Why this number", id="person.why"),
    ]

    def __init__(self, person: str, activity: str) -> None:
        super().__init__()
        self.person, self.activity = person, activity

    def compose(self) -> ComposeResult:
        session = self.app.session  # type: ignore[attr-defined]
        name = next((p.name for p in session.plan.people if p.id == self.person), self.person)
        yield Header()
        with Vertical(id="person"):
            yield Label(
                Text(t(self, "{name} ({person}) — {activity} per week, as of {day}", name=name, person=self.person,
                       activity=self._activity_label(session), day=session.comparison.as_of.isoformat()), style="bold"),
                classes="section",
            )
            yield PlotextPlot(id="person-weekly")  # asked and done on one scale, with week labels
            yield Static(self._figures(session), id="figures")
            yield Label(t(self, "Imported items (n on an unclassified one makes a rule that counts it)"), classes="section")
            yield KeyedTable(id="items")
        yield Footer()

    def _activity_label(self, session: object) -> str:
        return next((a.label for a in session.plan.activities if a.id == self.activity), self.activity)  # type: ignore[attr-defined]

    def _figures(self, session: object) -> str:
        insights = session.insights  # type: ignore[attr-defined]
        people = insights.people.set_index("person")
        if self.person not in people.index:
            return t(self, "A vacancy: nobody's calendar to show.")
        row = people.loc[self.person]

        def pct(value: float) -> str:
            return percent(value, missing="—")

        def num(value: float) -> str:
            return number(value, missing="—")

        said = labels(self)
        lines = [
            said("Visits {visits} of {asked} asked to date ({attainment}); orders {orders}, forecast {forecast} ({basis} conversion), "
                 "run rate {run_rate}.", visits=number(row["visits_judged"], 0), asked=number(row["visit_required_ytd"]),
                 attainment=pct(row["visit_attainment"]), orders=number(row["orders"], 0), forecast=num(row["forecast_orders"]),
                 basis=said(str(row["forecast_basis"])), run_rate=num(row["run_rate_orders"])),
            said("Visits per order {visits} (index {index}); quality {quality}; prospect visits {prospects} (plan {planned}).",
                 visits=num(row["visits_per_order"]), index=num(row["visits_per_order_index"]), quality=pct(row["quality"]),
                 prospects=pct(row["hunting_share_actual"]), planned=pct(row["hunting_share_expected"])),
            said("Visits per request {per_request} (index {request_index}); requests per order {requests} (index {requests_index}); "
                 "offers per order {offers} (index {offers_index}).",
                 per_request=num(row["visits_per_request"]), request_index=num(row["visits_per_request_index"]),
                 requests=num(row["requests_per_order"]), requests_index=num(row["requests_per_order_index"]),
                 offers=num(row["offers_per_order"]), offers_index=num(row["offers_per_order_index"])),
        ]
        if session.monitoring.orders is not None:  # type: ignore[attr-defined]
            lines.append(said("Revenue won {revenue} of {target} to date ({attainment}); {value} per order ({basis}); forecast {forecast}.",
                              revenue=number(row["revenue_ytd"], 0), target=number(row["revenue_target_ytd"], 0),
                              attainment=pct(row["revenue_attainment"]), value=number(row["order_value"], 0),
                              basis=said(str(row["revenue_basis"])), forecast=number(row["forecast_revenue"], 0, missing="—")))
        time = session.monitoring.time  # type: ignore[attr-defined]
        if time is not None:
            from imm_tui.engine.time_use import time_use

            hours = time_use(session.plan, time, session.comparison.as_of_week, {self.person}).set_index("group")  # type: ignore[attr-defined]
            if self.person in hours.index:
                mine = hours.loc[self.person]
                lines.append(said("Hours to date: customer {customer}, internal {internal}, unclassified {unclassified} "
                                  "({share} customer time).", customer=number(mine["customer_hours"]),
                                  internal=number(mine["internal_hours"]), unclassified=number(mine["unclassified_hours"]),
                                  share=pct(mine["customer_share"])))
        lines += [f"{said(s.kind)}: {s.said(said)}" for s in insights.signals if s.person == self.person]
        from imm_tui.tui.session import calendars_of

        state = calendars_of(session).set_index("person").loc[self.person]  # type: ignore[arg-type]
        if state["state"] == "no calendar":
            lines.append(said("Calendar: none imported yet; weeks are not judged."))
        else:
            periods = ", ".join(f"{a} – {b}" for a, b in session.monitoring.coverage.get(self.person, []))  # type: ignore[attr-defined]
            lines.append(said("Calendar: covers {periods} ({weeks} of {happened} weeks so far), {state}; last import {day}.",
                              periods=periods or "—", weeks=int(state["weeks_covered"]), happened=int(state["weeks_happened"]),
                              state=said(str(state["state"])), day=state["last_import"] or "—"))
        return "\n".join(lines)

    def on_mount(self) -> None:
        from imm_tui.tui.widgets.charts import draw_weekly, series

        session = self.app.session  # type: ignore[attr-defined]
        draw_weekly(self.query_one("#person-weekly", PlotextPlot), series(session, self.person, self.activity), t(self, "asked"),
                    t(self, "done"), t(self, "{activity} per week, asked and done", activity=self._activity_label(session)))
        self.show_items()

    def action_chart(self) -> None:
        from imm_tui.tui.screens.chart import ChartScreen

        self.app.push_screen(ChartScreen(self.person, self.activity))

    def action_why(self) -> None:
        from imm_tui.tui.screens.why import WhyScreen

        self.app.push_screen(WhyScreen(self.person, self.activity))

    def show_items(self) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        paths = session.workspace.paths
        rows: list[tuple[str, list[str | Text]]] = []
        self.items = None
        if paths.store.exists():
            from imm_tui.ingest.events import list_events
            from imm_tui.ingest.store import Store

            with Store.open_for_reading(paths.store) as store:
                frame = self.items = list_events(store, session.workspace, person=self.person, detail=True)
            style = {"counted": "", "unclassified": "yellow"}
            for index, item in enumerate(frame.itertuples(index=False)):
                state, _, why = str(item.status).partition(": ")  # "skipped: all-day" keeps its reason as stored
                status = Text(t(self, state) + (f": {why}" if why else ""), style=style.get(str(item.status), "dim"))
                rows.append(
                    (
                        str(index),
                        [
                            str(item.week),
                            str(item.day),
                            str(item.time),
                            status,
                            str(item.activity),
                            str(item.rule),
                            str(item.commitment),
                            str(item.account),
                            str(item.subject),
                        ],
                    )
                )
        columns = ["week", "day", "time", "status", "activity", "rule", "commitment", "account", "subject"]
        headers = [t(self, "week"), t(self, "day"), t(self, "time"), t(self, "status"), t(self, "activity"), t(self, "rule"),
                   t(self, "commitment"), t(self, "account"), t(self, "subject")]
        self.query_one(KeyedTable).show(columns, rows, headers)

    def action_new_rule(self) -> None:
        table = self.query_one("#items", KeyedTable)
        if self.items is None or self.items.empty:
            self.notify(t(self, "No imported items to make a rule from"), severity="warning")
            return
        item = self.items.iloc[int(table.row_keys[table.cursor_row])]  # rows are keyed by position, whatever their order
        private = item["subject"] == "(private)"
        if private and not item["categories"]:
            self.notify(t(self, "A private item without categories: only its categories could be matched"), severity="warning")
            return
        session = self.app.session  # type: ignore[attr-defined]
        activities = [(option(a.label), a.id) for a in session.plan.activities]
        before = self._counted()

        note = f"added in IMM from an item of {self.person} on {item['day']}"

        def added(rule: Rule | None) -> None:
            if rule is None:
                return
            self.app.refresh_views()  # type: ignore[attr-defined]
            self.show_items()
            self.query_one("#figures", Static).update(self._figures(session))
            self.notify(t(self, "Rule added to classify.toml: {change} counted items for {person}", change=f"{self._counted() - before:+d}",
                          person=self.person))

        subject = str(item["subject"]) if not private else ""
        self.app.push_screen(NewRule(subject, list(item["categories"]), activities, private,
                                     commit=lambda rule: session.add_rule(rule, note)), added)

    def _counted(self) -> int:
        return 0 if self.items is None else int((self.items["status"] == "counted").sum())
