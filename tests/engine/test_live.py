"""After one person's re-import, the live monitor equals a full recomputation."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandas.testing as pdt

from benchmarks.bench_monitor import synthetic_activity
from benchmarks.synthetic import synthetic_plan
from imm_tui.engine.compare import compare
from imm_tui.engine.insights import insights
from imm_tui.engine.live import LiveMonitor
from imm_tui.engine.requirement import derive


def test_replacing_one_person_equals_recomputing_everything() -> None:
    plan = synthetic_plan(12, year=2027)
    requirement = derive(plan)
    ids = [p.id for p in plan.people]
    before = synthetic_activity(ids, per_person=300, seed=1)
    after = pd.concat([before[before["person"] != "p003"], synthetic_activity(["p003"], per_person=500, seed=2)], ignore_index=True)
    as_of = date(2027, 6, 30)
    live = LiveMonitor(plan, requirement, before, as_of)
    stale = live.insights  # asked for before the re-import: must not be what is shown after it
    live.replace_person("p003", after[after["person"] == "p003"])
    full = compare(requirement, after, as_of)
    assert live.insights is not stale
    expected = insights(plan, requirement, full, after)
    pdt.assert_frame_equal(live.comparison.weekly, full.weekly)
    pdt.assert_frame_equal(live.comparison.ytd, full.ytd)
    pdt.assert_frame_equal(live.insights.people, expected.people)
    assert live.insights.signals == expected.signals
    assert live.insights.organisation == expected.organisation


def test_a_plan_edit_reuses_the_counts_and_equals_recomputing_everything() -> None:
    plan = synthetic_plan(12, year=2027)
    activity = synthetic_activity([p.id for p in plan.people], per_person=300, seed=3)
    as_of = date(2027, 6, 30)
    live = LiveMonitor(plan, derive(plan), activity, as_of)
    edited = plan.model_copy(deep=True)
    edited.segments[0].contacts_per_year += 3
    edited.norms.appointments_per_week += 1
    edited.monitor.behind = 0.7
    requirement = derive(edited)
    again = live.replanned(edited, requirement)
    assert again is not None
    full = LiveMonitor(edited, requirement, activity, as_of)
    pdt.assert_frame_equal(again.comparison.weekly, full.comparison.weekly)
    pdt.assert_frame_equal(again.comparison.ytd, full.comparison.ytd)
    pdt.assert_frame_equal(again.insights.people, full.insights.people)
    assert again.insights.signals == full.insights.signals
    assert not full.comparison.weekly.equals(live.comparison.weekly)  # the edit did change the figures


def test_an_edit_of_who_or_what_is_counted_needs_a_full_recount() -> None:
    plan = synthetic_plan(12, year=2027)
    live = LiveMonitor(plan, derive(plan), synthetic_activity([p.id for p in plan.people], per_person=50, seed=4), date(2027, 6, 30))
    fewer = plan.model_copy(deep=True)
    fewer.people = fewer.people[1:]
    assert live.replanned(fewer, derive(fewer)) is None
    staged = plan.model_copy(deep=True)
    staged.activities[0].funnel_stage = "order"
    assert live.replanned(staged, derive(staged)) is None
    video = plan.model_copy(deep=True)
    video.norms.video_counts_as_visit = not video.norms.video_counts_as_visit  # videos counted as visits, or no longer
    assert live.replanned(video, derive(video)) is None
