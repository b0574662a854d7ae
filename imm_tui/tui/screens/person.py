"""One person's year: weekly done vs asked, their figures and signals, and the items behind them."""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Sparkline, Static

from imm_tui.model.classify import Rule
from imm_tui.model.problems import InputError
from imm_tui.report.formats import number, percent
from imm_tui.tui.screens.rule import NewRule
from imm_tui.tui.widgets.table import KeyedTable


class PersonScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="person.back"),
        Binding("n", "new_rule", "Rule from item", id="person.rule"),
    ]

    def __init__(self, person: str, activity: str) -> None:
        super().__init__()
        self.person, self.activity = person, activity

    def compose(self) -> ComposeResult:
        session = self.app.session  # type: ignore[attr-defined]
        weekly = session.comparison.weekly
        mine = weekly[(weekly["person"] == self.person) & (weekly["activity"] == self.activity)].sort_values("week")
        asked = [float(v) for v in mine["required"]]
        done = [0.0 if math.isnan(v) else float(v) for v in mine["actual"]]
        name = next((p.name for p in session.plan.people if p.id == self.person), self.person)
        yield Header()
        with Vertical(id="person"):
            yield Label(
                Text(f"{name} ({self.person}) — {self.activity} per week, as of {session.comparison.as_of.isoformat()}", style="bold"),
                classes="section",
            )
            # each line scales to its own top, so the label says what the top is
            with Horizontal(classes="spark"):
                yield Label(f"asked\n≤ {max(asked, default=0):.1f}", classes="spark-label")
                yield Sparkline(asked, id="asked")
            with Horizontal(classes="spark"):
                yield Label(f"done\n≤ {max(done, default=0):.0f}", classes="spark-label")
                yield Sparkline(done, id="done")
            yield Static(self._figures(session), id="figures")
            yield Label("Imported items (n on an unclassified one makes a rule that counts it)", classes="section")
            yield KeyedTable(id="items")
        yield Footer()

    def _figures(self, session: object) -> str:
        insights = session.insights  # type: ignore[attr-defined]
        people = insights.people.set_index("person")
        if self.person not in people.index:
            return "A vacancy: nobody's calendar to show."
        row = people.loc[self.person]

        def pct(value: float) -> str:
            return percent(value, missing="—")

        def num(value: float) -> str:
            return number(value, missing="—")

        lines = [
            f"Visits {row['visits']:.0f} of {row['visit_required_ytd']:.1f} asked to date ({pct(row['visit_attainment'])}); "
            f"orders {row['orders']:.0f}, forecast {num(row['forecast_orders'])} ({row['forecast_basis']} conversion), "
            f"run rate {num(row['run_rate_orders'])}.",
            f"Visits per order {num(row['visits_per_order'])} (index {num(row['visits_per_order_index'])}); "
            f"quality {pct(row['quality'])}; prospect visits {pct(row['hunting_share_actual'])} "
            f"(plan {pct(row['hunting_share_expected'])}).",
        ]
        lines += [f"{s.kind}: {s.reason}" for s in insights.signals if s.person == self.person]
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.show_items()

    def show_items(self) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        paths = session.workspace.paths
        rows: list[tuple[str, list[str | Text]]] = []
        self.items = None
        if paths.store.exists():
            from imm_tui.ingest.events import list_events
            from imm_tui.ingest.store import Store

            with Store.open(paths.store) as store:
                frame = self.items = list_events(store, session.workspace, person=self.person, detail=True)
            style = {"counted": "", "unclassified": "yellow"}
            for index, item in enumerate(frame.itertuples(index=False)):
                status = Text(str(item.status), style=style.get(str(item.status), "dim"))
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
        self.query_one(KeyedTable).show(columns, rows)

    def action_new_rule(self) -> None:
        table = self.query_one("#items", KeyedTable)
        if self.items is None or self.items.empty:
            self.notify("No imported items to make a rule from", severity="warning")
            return
        item = self.items.iloc[table.cursor_row]
        private = item["subject"] == "(private)"
        if private and not item["categories"]:
            self.notify("A private item without categories: only its categories could be matched", severity="warning")
            return
        session = self.app.session  # type: ignore[attr-defined]
        activities = [(a.label, a.id) for a in session.plan.activities]
        before = self._counted()

        def add(rule: Rule | None) -> None:
            if rule is None:
                return
            note = f"added in IMM from an item of {self.person} on {item['day']}"
            try:
                session.add_rule(rule, note)
            except InputError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self.app.refresh_views()  # type: ignore[attr-defined]
            self.show_items()
            self.query_one("#figures", Static).update(self._figures(session))
            self.notify(f"Rule added to classify.toml: {self._counted() - before:+d} counted items for {self.person}")

        self.app.push_screen(NewRule(str(item["subject"]) if not private else "", list(item["categories"]), activities, private), add)

    def _counted(self) -> int:
        return 0 if self.items is None else int((self.items["status"] == "counted").sum())
