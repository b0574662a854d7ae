"""Team roll-up from the bottom up equals summing every team's subtree directly, on random forests."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from imm_tui.engine.rollup import _team_sums, children_first, team_descendants


@st.composite
def forests(draw: st.DrawFn) -> tuple[SimpleNamespace, pd.DataFrame]:
    count = draw(st.integers(1, 12))
    parents = [draw(st.sampled_from([None, *range(index)])) if index else None for index in range(count)]
    order = draw(st.permutations(range(count)))  # plan order need not be top-down
    teams = [SimpleNamespace(id=f"t{i}", parent=None if parents[i] is None else f"t{parents[i]}") for i in order]
    rows = draw(st.lists(st.tuples(st.integers(0, count - 1), st.sampled_from(["Q1", "Q2"]), st.sampled_from(["call", "visit"]),
                                   st.integers(0, 9)), max_size=30, unique_by=lambda r: r[:3]))
    frame = pd.DataFrame([(f"t{t}", p, a, float(v)) for t, p, a, v in rows], columns=["team", "period", "activity", "required"])
    return SimpleNamespace(teams=teams), frame


@given(forests())
@settings(max_examples=150, deadline=None)
def test_bottom_up_sums_equal_subtree_sums(forest: tuple[SimpleNamespace, pd.DataFrame]) -> None:
    plan, by_team = forest
    got = _team_sums(by_team, plan, ["required"])  # type: ignore[arg-type]
    found = {(r.group, r.period, r.activity): r.required for r in got.itertuples()}
    expected = {}
    for team, below in team_descendants(plan).items():  # type: ignore[arg-type]
        part = by_team[by_team["team"].isin(below)]
        for (period, activity), value in part.groupby(["period", "activity"])["required"].sum().items():
            expected[(team, period, activity)] = value
    assert found == expected
    parents = {t.parent for t in plan.teams}
    assert all((r.level == "division") == (r.group in parents) for r in got.itertuples())
    order = children_first(plan)  # type: ignore[arg-type]
    assert sorted(order) == sorted(t.id for t in plan.teams)
    assert all(order.index(t.id) < order.index(t.parent) for t in plan.teams if t.parent)
