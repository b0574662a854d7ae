"""The plan checklist (DESIGN.md §5): eleven questions answered ✓ / ✗ / — with what is missing."""

from __future__ import annotations

from dataclasses import dataclass

from imm_tui.i18n import N_
from imm_tui.model.plan import MONTHS, Plan

YES, NO, UNKNOWN = "✓", "✗", "—"


@dataclass(frozen=True)
class Answer:
    number: int
    question: str
    mark: str
    detail: str


def _names(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def checklist(plan: Plan, *, monitored: set[str], reviews_exported: bool, required_per_person: dict[str, float]) -> list[Answer]:
    """`monitored`: people with an imported calendar; `required_per_person`: total required activity."""
    answers: list[Answer] = []

    def add(question: str, mark: str, detail: str) -> None:
        answers.append(Answer(len(answers) + 1, question, mark, detail))

    products = plan.products
    priorities = [p.priority for p in products]
    if not products:
        add(N_("Priority products ranked"), NO, "no [[products]] in the plan")
    elif len(set(priorities)) < len(priorities):
        add(
            N_("Priority products ranked"),
            NO,
            "products share a priority: " + _names([p.id for p in products if priorities.count(p.priority) > 1]),
        )
    else:
        add(N_("Priority products ranked"), YES, f"{len(products)} products, priorities {min(priorities)}–{max(priorities)}")
    unquantified = [p.id for p in products if p.revenue_target <= 0]
    add(
        N_("Products quantified in targets"),
        NO if not products or unquantified else YES,
        "no products"
        if not products
        else (
            f"no revenue target: {_names(unquantified)}"
            if unquantified
            else f"{sum(p.revenue_target for p in products):,.0f} in product targets"
        ),
    )
    segments = plan.segments
    seg_priorities = [s.priority for s in segments]
    if not segments:
        add(N_("Priority customer groups ranked"), NO, "no [[segments]] in the plan")
    elif len(set(seg_priorities)) == 1 and len(segments) > 1:
        add(N_("Priority customer groups ranked"), NO, "every segment has the same priority")
    else:
        add(N_("Priority customer groups ranked"), YES, f"{len(segments)} segments")
    without_frequency = [s.id for s in segments if s.contacts_per_year <= 0 or not s.channels]
    without_portfolio = [p.id for p in plan.people if not any(v > 0 for v in p.portfolio.values())]
    missing = ([f"segments without frequency or channels: {_names(without_frequency)}"] if without_frequency else []) + (
        [f"people without a portfolio: {_names(without_portfolio)}"] if without_portfolio else []
    )
    add(
        N_("Time split across customer groups quantified"),
        NO if missing or not segments else YES,
        "; ".join(missing) if missing else ("no segments" if not segments else "portfolios and contact frequencies set"),
    )
    costs = plan.costs
    add(
        N_("Allowed sales cost set and split own/support"),
        YES if costs and costs.sales_budget > 0 else NO,
        f"{costs.sales_budget:,.0f}, {100 * costs.own_share:.0f} % own" if costs and costs.sales_budget > 0 else "no [costs] sales_budget",
    )
    seasonal = any(plan.calendar.seasonality.weight(m) != 1.0 for m in range(1, 13))
    events = plan.calendar.events
    if seasonal or events:
        months = [MONTHS[m - 1] for m in range(1, 13) if plan.calendar.seasonality.weight(m) != 1.0]
        add(
            N_("Plan split per quarter, month and week, with seasonality and events"),
            YES,
            f"seasonality in {', '.join(months) or 'no month'}; {len(events)} events",
        )
    else:
        add(
            N_("Plan split per quarter, month and week, with seasonality and events"),
            NO,
            "every week weighs the same: no seasonality or events",
        )
    idle = [p.id for p in plan.people if required_per_person.get(p.id, 0.0) <= 0]
    add(
        N_("Activities needed quantified"),
        UNKNOWN if not plan.people else (NO if idle else YES),
        "no people" if not plan.people else (f"nothing required of: {_names(idle)}" if idle else "weekly requirement for every person"),
    )
    kinds = {s.kind for s in segments if any(p.portfolio.get(s.id, 0) > 0 for p in plan.people)}
    add(
        N_("New and existing customers to approach quantified"),
        YES if kinds == {"new", "existing"} else NO,
        "both prospects and clients in portfolios"
        if kinds == {"new", "existing"}
        else f"portfolios hold only {', '.join(sorted(kinds)) or 'nothing'}",
    )
    silent = [p.id for p in plan.people if not p.growth.strip()]
    add(
        N_("Growth and development per person written down"),
        UNKNOWN if not plan.people else (NO if silent else YES),
        f"no growth goal: {_names(silent)}" if silent else "every person has a growth goal",
    )
    unlinked = [p.id for p in plan.people if p.id not in monitored]
    add(
        N_("Each person can monitor their own figures (calendar linked)"),
        UNKNOWN if not plan.people else (NO if unlinked else YES),
        f"no calendar imported for: {_names(unlinked)}" if unlinked else "a calendar is imported for every person",
    )
    dates = plan.reviews.dates
    add(
        N_("Review dates in the calendar (exported)"),
        YES if dates and reviews_exported else NO,
        "no [reviews] dates"
        if not dates
        else (
            f"{len(dates)} reviews exported"
            if reviews_exported
            else f"{len(dates)} review dates, not exported yet: run `imm reviews -o exports/reviews.ics`"
        ),
    )
    return answers
