"""The year as pictures for a person, a team, a division or the organisation: weekly asked vs done on one
scale, the year to date against the plan, against last year (when the store holds it), and the funnel (required in the
year vs done so far)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual_plotext import PlotextPlot

from imm_tui.engine.rollup import ORGANISATION
from imm_tui.tui.text import Translated, t
from imm_tui.tui.widgets.charts import TEAM_KEY, draw_cumulative, draw_funnel, draw_weekly, draw_years, series


class ChartScreen(Screen[None], Translated):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="chart.back")]

    def __init__(self, key: str, activity: str) -> None:
        super().__init__()
        self.key, self.activity = key, activity

    def title_of(self) -> str:
        session = self.app.session  # type: ignore[attr-defined]
        if self.key == ORGANISATION:
            return t(self, "the organisation")
        if self.key.startswith(TEAM_KEY):
            team = self.key.removeprefix(TEAM_KEY)
            return next((x.name for x in session.plan.teams if x.id == team), team)
        return next((p.name for p in session.plan.people if p.id == self.key), self.key)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="charts"):
            yield PlotextPlot(id="weekly")
            with Horizontal(id="lower-charts"):
                yield PlotextPlot(id="cumulative")
                if self.app.session.monitoring.previous is not None:  # type: ignore[attr-defined]
                    yield PlotextPlot(id="years")
                yield PlotextPlot(id="funnel")
        yield Footer()

    def on_mount(self) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        found = series(session, self.key, self.activity)
        label = next((a.label for a in session.plan.activities if a.id == self.activity), self.activity)
        name = self.title_of()
        draw_weekly(self.query_one("#weekly", PlotextPlot), found, t(self, "asked"), t(self, "done"),
                    t(self, "{name}: {activity} per week, asked and done (as of {day})", name=name, activity=label,
                      day=session.comparison.as_of.isoformat()))
        draw_cumulative(self.query_one("#cumulative", PlotextPlot), found, t(self, "plan"), t(self, "done"),
                        t(self, "{activity}: year to date against the plan", activity=label))
        draw_funnel(self.query_one("#funnel", PlotextPlot), found, t(self, "required in the year"), t(self, "done so far"),
                    t(self, "Funnel"))
        if found.last_year is not None:
            year = session.plan.plan.year
            draw_years(self.query_one("#years", PlotextPlot), found, str(year), str(year - 1),
                       t(self, "{activity}: {year} against {last}", activity=label, year=year, last=year - 1))
