"""The plan checklist (docs/method.md, Plan checklist): eleven questions answered ✓ / ✗ / — with what is missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from imm_tui.i18n import N_, Params, filled, said
from imm_tui.model.plan import MONTHS, Plan

YES, NO, UNKNOWN = "✓", "✗", "—"
RECONCILE_TOLERANCE = 0.01
"""Product targets and people's targets agree when they differ by at most this share of the larger."""


@dataclass(frozen=True)
class Answer:
    number: int
    question: str
    mark: str
    detail: str  # in English: `template` filled with `params`
    template: str = ""
    params: Params = ()

    def said(self, labels: Callable[..., str]) -> str:
        """The detail in another language: `labels(template, **params)` (see imm_tui.i18n)."""
        return said(labels, self.template, self.params, self.detail)


def _names(items: list[str], limit: int = 6) -> str:
    """`a, b, c` or, past `limit`, `a, b, c, d, e, f (+3)`: the same in every language."""
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit})" if len(items) > limit else "")


def checklist(plan: Plan, *, monitored: set[str], reviews_exported: bool, required_per_person: dict[str, float]) -> list[Answer]:
    """`monitored`: people with an imported calendar; `required_per_person`: total required activity."""
    answers: list[Answer] = []

    def add(question: str, mark: str, template: str, **params: object) -> None:
        detail, shown = filled(template, **params)
        answers.append(Answer(len(answers) + 1, question, mark, detail, template, shown))

    products = plan.products
    priorities = [p.priority for p in products]
    if not products:
        add(N_("Priority products ranked"), NO, N_("no products: add them in the Plan tab (a in the products table)"))
    elif len(set(priorities)) < len(priorities):
        add(N_("Priority products ranked"), NO, N_("products share a priority: {products}"),
            products=_names([p.id for p in products if priorities.count(p.priority) > 1]))
    else:
        add(N_("Priority products ranked"), YES, N_("1 product, priority {first}") if len(products) == 1 else
            N_("{count} products, priorities {first}–{last}"), count=len(products), first=min(priorities), last=max(priorities))
    unquantified = [p.id for p in products if p.revenue_target <= 0]
    question = N_("Products quantified in targets")
    if not products:
        add(question, NO, N_("no products"))
    elif unquantified:
        add(question, NO, N_("no revenue target: {products}"), products=_names(unquantified))
    else:
        product_total = sum(p.revenue_target for p in products)
        people_total = sum(p.revenue_target for p in plan.people)
        if people_total > 0 and abs(product_total - people_total) > RECONCILE_TOLERANCE * max(product_total, people_total):
            add(question, NO, N_("{total} in product targets against {people} in people's targets: {gap} apart ({share}); "
                                 "the two should tell the same year"), total=f"{product_total:,.0f}", people=f"{people_total:,.0f}",
                gap=f"{abs(product_total - people_total):,.0f}",
                share=f"{100 * abs(product_total - people_total) / max(product_total, people_total):.0f} %")
        else:
            add(question, YES, N_("{total} in product targets") if people_total <= 0 else
                N_("{total} in product targets, matching people's targets"), total=f"{product_total:,.0f}")
    segments = plan.segments
    seg_priorities = [s.priority for s in segments]
    if not segments:
        add(N_("Priority customer groups ranked"), NO,
            N_("no segments: add them in the Plan tab (a in the segments table), or as [[segments]] in plan.toml"))
    elif len(set(seg_priorities)) == 1 and len(segments) > 1:
        add(N_("Priority customer groups ranked"), NO, N_("every segment has the same priority"))
    else:
        add(N_("Priority customer groups ranked"), YES, N_("1 segment") if len(segments) == 1 else N_("{count} segments"),
            count=len(segments))
    without_frequency = _names([s.id for s in segments if s.contacts_per_year <= 0 or not s.channels])
    without_portfolio = _names([p.id for p in plan.people if not any(v > 0 for v in p.portfolio.values())])
    question = N_("Time split across customer groups quantified")
    if without_frequency and without_portfolio:
        add(question, NO, N_("segments without frequency or channels: {segments}; people without a portfolio: {people}"),
            segments=without_frequency, people=without_portfolio)
    elif without_frequency:
        add(question, NO, N_("segments without frequency or channels: {segments}"), segments=without_frequency)
    elif without_portfolio:
        add(question, NO, N_("people without a portfolio: {people}"), people=without_portfolio)
    elif not segments:
        add(question, NO, N_("no segments"))
    else:
        add(question, YES, N_("portfolios and contact frequencies set"))
    costs = plan.costs
    if costs and costs.sales_budget > 0:
        add(N_("Allowed sales cost set and split own/support"), YES, N_("{budget}, {own} % own"),
            budget=f"{costs.sales_budget:,.0f}", own=f"{100 * costs.own_share:.0f}")
    else:
        add(N_("Allowed sales cost set and split own/support"), NO,
            N_("no sales budget: set costs.sales_budget in the Plan tab's settings (or [costs] in plan.toml)"))
    seasonal = any(plan.calendar.seasonality.weight(m) != 1.0 for m in range(1, 13))
    events = plan.calendar.events
    question = N_("Plan split per quarter, month and week, with seasonality and events")
    if seasonal:
        months = [MONTHS[m - 1] for m in range(1, 13) if plan.calendar.seasonality.weight(m) != 1.0]
        add(question, YES, N_("seasonality in {months}; events: {count}"), months=", ".join(months), count=len(events))
    elif events:
        add(question, YES, N_("no seasonality; events: {count}"), count=len(events))
    else:
        add(question, NO, N_("every week weighs the same: no seasonality or events"))
    def about_people(question: str, lacking: list[str], lacking_template: str, fine_template: str) -> None:
        """— without people, ✗ naming those `lacking`, else ✓."""
        if not plan.people:
            add(question, UNKNOWN, N_("no people"))
        elif lacking:
            add(question, NO, lacking_template, people=_names(lacking))
        else:
            add(question, YES, fine_template)

    about_people(N_("Activities needed quantified"), [p.id for p in plan.people if required_per_person.get(p.id, 0.0) <= 0],
                 N_("nothing required of: {people}"), N_("weekly requirement for every person"))
    kinds = {s.kind for s in segments if any(p.portfolio.get(s.id, 0) > 0 for p in plan.people)}
    question = N_("New and existing customers to approach quantified")
    if kinds == {"new", "existing"}:
        add(question, YES, N_("both prospects and clients in portfolios"))
    elif kinds:
        add(question, NO, N_("portfolios hold only {kind} customers"), kind=N_("new") if kinds == {"new"} else N_("existing"))
    else:
        add(question, NO, N_("portfolios hold no customers"))
    about_people(N_("Growth and development per person written down"), [p.id for p in plan.people if not p.growth.strip()],
                 N_("no growth goal: {people} (the people table's growth column in the Plan tab)"), N_("every person has a growth goal"))
    about_people(N_("Each person can monitor their own figures (calendar linked)"), [p.id for p in plan.people if p.id not in monitored],
                 N_("no calendar imported for: {people} (import their export in the Import tab, or imm import)"),
                 N_("a calendar is imported for every person"))
    dates = plan.reviews.dates
    question = N_("Review dates in the calendar (exported)")
    if not dates:
        add(question, NO, N_("no review dates: set reviews.dates in the Plan tab's settings"))
    elif reviews_exported:
        add(question, YES, N_("1 review exported") if len(dates) == 1 else N_("{count} reviews exported"), count=len(dates))
    else:
        one = N_("1 review date, not exported yet: ctrl+p → Export review dates as invitations (or imm reviews)")
        many = N_("{count} review dates, not exported yet: ctrl+p → Export review dates as invitations (or imm reviews)")
        add(question, NO, one if len(dates) == 1 else many,
            count=len(dates))
    return answers
