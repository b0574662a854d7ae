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
    live.replace_person("p003", after[after["person"] == "p003"])
    full = compare(requirement, after, as_of)
    expected = insights(plan, requirement, full, after)
    pdt.assert_frame_equal(live.comparison.weekly, full.weekly)
    pdt.assert_frame_equal(live.comparison.ytd, full.ytd)
    pdt.assert_frame_equal(live.insights.people, expected.people)
    assert live.insights.signals == expected.signals
    assert live.insights.organisation == expected.organisation
