"""The eleven questions of the plan checklist, answered from the demo and from a bare plan."""

from __future__ import annotations

from imm_tui.engine.checklist import NO, UNKNOWN, YES, checklist
from imm_tui.engine.requirement import derive
from imm_tui.model.workspace import load_workspace
from tests.conftest import DEMO, plan_of


def totals(plan):  # type: ignore[no-untyped-def]
    annual = derive(plan).annual
    return annual.groupby("person")["required"].sum().to_dict()


def test_the_demo_answers_almost_everything() -> None:
    plan = load_workspace(DEMO).plan_document.plan
    answers = checklist(plan, monitored={"jdv"}, reviews_exported=False, required_per_person=totals(plan))
    assert [a.number for a in answers] == list(range(1, 12))
    marks = {a.number: a.mark for a in answers}
    assert marks == {1: YES, 2: NO, 3: YES, 4: YES, 5: YES, 6: YES, 7: YES, 8: YES, 9: NO, 10: NO, 11: NO}
    # the demo's products ask 12.5 M and its people 11.6 M: 900,000 apart, 900 / 12,500 = 7 %
    assert answers[1].detail == ("12,500,000 in product targets against 11,600,000 in people's targets: 900,000 apart (7 %); "
                                 "the two should tell the same year")
    assert answers[8].detail.startswith("no growth goal: mjanssen, lvisser")
    assert answers[9].detail.startswith("no calendar imported for: sbakker")
    assert "not exported yet" in answers[10].detail
    exported = checklist(plan, monitored={p.id for p in plan.people}, reviews_exported=True, required_per_person=totals(plan))
    assert exported[9].mark == YES and exported[10].mark == YES


def test_a_bare_plan() -> None:
    plan = plan_of('[plan]\nname = "b"\nyear = 2027\n')
    marks = [a.mark for a in checklist(plan, monitored=set(), reviews_exported=False, required_per_person={})]
    assert marks == [NO, NO, NO, NO, NO, NO, UNKNOWN, NO, UNKNOWN, UNKNOWN, NO]


def test_details_are_said_in_dutch_and_long_lists_are_cut_alike() -> None:
    from imm_tui.i18n import Labels

    plan = load_workspace(DEMO).plan_document.plan
    answers = checklist(plan, monitored={"jdv"}, reviews_exported=False, required_per_person=totals(plan))
    unlinked = [p.id for p in plan.people if p.id != "jdv"]
    assert len(unlinked) > 6
    assert answers[9].detail == (f"no calendar imported for: {', '.join(unlinked[:6])} (+{len(unlinked) - 6}) "
                                 "(import their export in the Import tab, or imm import)")
    assert answers[9].said(Labels("nl")) == (f"geen agenda geïmporteerd voor: {', '.join(unlinked[:6])} (+{len(unlinked) - 6}) "
                                             "(importeer hun export in het tabblad Import, of met imm import)")
    assert answers[4].said(Labels("nl")).endswith("% eigen")
    assert answers[4].said(Labels("en")) == answers[4].detail


def test_events_without_seasonality_count_as_a_split() -> None:
    plan = plan_of('[plan]\nname = "b"\nyear = 2027\n[[calendar.events]]\nname = "Fair"\nweeks = [11]\nfactor = 1.5\n')
    answer = checklist(plan, monitored=set(), reviews_exported=False, required_per_person={})[5]
    assert (answer.mark, answer.detail) == (YES, "no seasonality; events: 1")


def test_product_and_people_targets_agree_within_one_percent() -> None:
    base = """
        [plan]
        name = "r"
        year = 2027

        [[products]]
        id = "a"
        name = "A"
        revenue_target = {product}

        [[teams]]
        id = "t"
        name = "T"

        [[people]]
        id = "p"
        name = "P"
        team = "t"
        revenue_target = 1000000
        """
    close = checklist(plan_of(base.format(product=1_010_000)), monitored=set(), reviews_exported=False, required_per_person={})[1]
    assert (close.mark, close.detail) == (YES, "1,010,000 in product targets, matching people's targets")  # 10,000 = 0.99 %
    apart = checklist(plan_of(base.format(product=1_011_000)), monitored=set(), reviews_exported=False, required_per_person={})[1]
    assert apart.mark == NO and "11,000 apart (1 %)" in apart.detail
