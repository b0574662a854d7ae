"""Why this number: a person's (or vacancy's) requirement for one activity taken apart (engine.explain).

Coverage, funnel, norm floor and own minimum side by side with the one that won marked, then every
week with its capacity, seasonality and event factors. The cursor starts on the as-of week.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from imm_tui.engine.explain import explain
from imm_tui.report.explain import WEEK_COLUMNS, basis_said, headline, parts, week_rows
from imm_tui.report.formats import number
from imm_tui.tui.text import Translated, labels, t
from imm_tui.tui.widgets.plain import Label
from imm_tui.tui.widgets.table import KeyedTable


class WhyScreen(Screen[None], Translated):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="why.back")]

    def __init__(self, person: str, activity: str) -> None:
        super().__init__()
        self.person, self.activity = person, activity

    def compose(self) -> ComposeResult:
        session = self.app.session  # type: ignore[attr-defined]
        said = labels(self)
        self.found = explain(session.plan, session.requirement, self.person, self.activity)
        yield Header()
        with Vertical(id="why"):
            yield Label(Text(headline(self.found, said), style="bold"), classes="section")
            yield KeyedTable(id="parts", sortable=False)
            yield Label(basis_said(self.found, said) + "; " + t(self, "the norm floor and the own minimum can only raise it") + ".",
                        classes="hint padded")
            yield Label(t(self, "Per week: its share of the year is its capacity × weight over the sum of every week's; weight = "
                                "seasonality of the month of its Thursday × the factors of the events that list it."), classes="section")
            yield KeyedTable(id="weeks", fixed=2)
        yield Footer()

    def on_mount(self) -> None:
        said = labels(self)
        rows: list[tuple[str, list[str | Text]]] = []
        for label, value, how, won in parts(self.found, said):
            for line_number, line in enumerate(how.split("\n")):
                first = line_number == 0
                cells: list[str | Text] = [Text("✔", style="bold green") if won and first else "", label if first else "",
                                           value if first else "", line]
                rows.append((f"{label}-{line_number}", [Text(str(c), style="bold") if won and isinstance(c, str) and c else c
                                                        for c in cells]))
        rows.append(("year", ["=", t(self, "the year"), number(self.found.required),
                              t(self, "the sum of the weeks: each week the larger of its share of the year and the own minimum")]))
        parts_table = self.query_one("#parts", KeyedTable)
        parts_table.show(["won", "part", "a year", "how"], rows, ["", t(self, "part"), t(self, "a year"), t(self, "how")])
        weeks = self.query_one("#weeks", KeyedTable)
        weeks.show([str(c) for c in WEEK_COLUMNS], [(f"W{w.week}", row) for w, row in zip(self.found.weeks, week_rows(self.found, said),
                                                                                             strict=True)],
                   [t(self, c) for c in WEEK_COLUMNS])
        weeks.focus()
        self.call_after_refresh(self.go_to_as_of)

    def go_to_as_of(self) -> None:
        """The cursor on the as-of week, scrolled into view (after layout: the table's height is known then)."""
        weeks = self.query_one("#weeks", KeyedTable)
        as_of_week = self.app.session.comparison.as_of_week  # type: ignore[attr-defined]
        if f"W{as_of_week}" in weeks.row_keys:
            weeks.move_cursor(row=weeks.get_row_index(f"W{as_of_week}"))
